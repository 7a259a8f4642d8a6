"""Write user text into spreadsheets as text, never as a formula (OWASP CSV/formula injection).

A title such as ``=HYPERLINK("http://x","点我")`` typed by a unit must reach the supervisor's
Excel as those characters, not as a live link or a calculation. In .xlsx the cell is forced to
the string type (the text is kept exactly, so it round-trips); in CSV, where there are no
types, a leading apostrophe is added as OWASP recommends.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    """A write-only cell holding ``value``; strings are always stored as text."""
    if isinstance(value, Decimal):
        value = float(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        c.data_type = "s"
    for name, v in style.items():
        setattr(c, name, v)
    return c


def csv_value(value: Any) -> str:
    """A CSV field that no spreadsheet will evaluate."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(TRIGGERS) else text
