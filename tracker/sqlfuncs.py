"""Portable SQL for day arithmetic (SQLite and PostgreSQL spell it differently)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class day_number(FunctionElement[int]):
    """Whole days since a fixed epoch for a DATE or TIMESTAMP; differences are day counts."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number, "sqlite")
def _sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(julianday(date({arg})) - 2451544.5 AS INTEGER)"


@compiles(day_number, "postgresql")
def _postgresql(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"(CAST({arg} AS DATE) - DATE '2000-01-01')"


def epoch_day(value: dt.date) -> int:
    """The Python twin of ``day_number`` for a date."""
    return (value - dt.date(2000, 1, 1)).days
