"""A whole-database diff: which rows of which tables a piece of work added, changed or removed.

Tests of imports and returned packs assert on it, so that "exactly the intended fields
changed and nothing else" is checked over every table, not only the ones a test thought of.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Base

Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def rows(s: Session) -> Rows:
    """Every row of every table, by primary key."""
    out: Rows = {}
    for table in Base.metadata.sorted_tables:
        keys = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
        out[table.name] = {
            tuple(r[k] for k in keys): dict(r) for r in s.execute(select(table)).mappings()
        }
    return out


def diff(before: Rows, after: Rows) -> dict[str, Any]:
    """{table: {"added": n, "removed": n, "changed": {pk: {column, …}}}} for tables that moved."""
    out: dict[str, Any] = {}
    for name in after:
        old, new = before.get(name, {}), after[name]
        added = len(new.keys() - old.keys())
        removed = len(old.keys() - new.keys())
        changed = {
            pk: {c for c in new[pk] if new[pk][c] != old[pk][c]}
            for pk in new.keys() & old.keys()
            if new[pk] != old[pk]
        }
        if added or removed or changed:
            out[name] = {"added": added, "removed": removed, "changed": changed}
    return out
