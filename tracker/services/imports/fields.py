"""The fields of a list row, in one table: what an import compares with the ledger, shows
in its JSON preview, and copies onto the items it writes.

A field added here is compared, previewed and (for plain text fields) written without a
second list to keep in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tracker.enums import DeadlinePrecision
from tracker.excel.plan import PlannedItem
from tracker.models import Item


@dataclass(frozen=True)
class Ledger:
    """An existing item as an import compares it, read as plain rows (a 10,000-item list as
    ORM objects with their units and people took 2.8 s of every re-plan).

    Attributes:
        values: the item's columns (``MATCH_COLUMNS``) by name.
        assignee_phone: the item's own phone for its 责任人, else the person's.
    """

    values: Mapping[Any, Any]
    lead_unit: str | None
    co_units: list[str]
    assignee: str | None
    assignee_phone: str | None


@dataclass(frozen=True)
class ImportField:
    """One compared field.

    Attributes:
        name: the key in ``PlannedItem.changes``, the audit entry and the JSON preview.
        planned: the sheet's value, as compared.
        current: the ledger's value (from the item as ``Ledger`` reads it), as compared.
        shown: the sheet's value in the JSON preview (``planned`` unless said).
        text: copied as it is onto the item's column of the same name.
    """

    name: str
    planned: Callable[[PlannedItem], Any]
    current: Callable[[Ledger], Any]
    shown: Callable[[PlannedItem], Any] | None = None
    text: bool = False


def _column(name: str) -> ImportField:
    """A plain text field: the sheet's cell and the item's column of the same name."""
    return ImportField(name, lambda p: getattr(p, name), lambda item: item.values[name], text=True)


FIELDS: tuple[ImportField, ...] = (
    _column("content"),
    _column("category"),
    _column("source"),
    _column("leader"),
    ImportField(
        "lead_unit",
        lambda p: p.lead_unit,
        lambda item: item.lead_unit,
    ),
    ImportField(
        "co_units",
        lambda p: sorted(p.co_units),
        lambda item: sorted(item.co_units),
        shown=lambda p: p.co_units,
    ),
    ImportField("assignee", lambda p: p.assignee, lambda item: item.assignee),
    ImportField(
        "assignee_phone",
        lambda p: p.assignee_phone,
        lambda item: item.assignee_phone,
    ),
    ImportField(
        "deadline",
        lambda p: p.deadline.raw if p.deadline else None,
        lambda item: item.values["deadline_text"],
        shown=lambda p: p.deadline.date.isoformat() if p.deadline and p.deadline.date else None,
    ),
    ImportField("progress", lambda p: p.progress, lambda item: item.values["latest_progress"]),
    _column("location"),
    _column("remarks"),
)
#: Text columns an import copies from the sheet as they are.
TEXT_FIELDS = tuple(f.name for f in FIELDS if f.text)
#: The item columns matching and comparing read.
MATCH_COLUMNS = tuple(
    getattr(Item, name)
    for name in ("id", "code", "title", "serial", "deadline_text", "latest_progress", *TEXT_FIELDS)
)


def changes(item: Ledger, p: PlannedItem) -> dict[str, tuple[Any, Any]]:
    """Field → (ledger, sheet) where the sheet says something new; an empty cell changes
    nothing."""
    found = {}
    for f in FIELDS:
        old, new = f.current(item), f.planned(p)
        if new not in (None, []) and new != old:
            found[f.name] = (old, new)
    return found


def preview(p: PlannedItem) -> dict[str, Any]:
    """One planned row in the JSON shape of ``shishi-cli import --dry-run --json``."""
    d = p.deadline
    row: dict[str, Any] = {"row": p.row, "serial": p.serial, "code": p.code, "title": p.title}
    for f in FIELDS:
        row[f.name] = (f.shown or f.planned)(p)
        if f.name == "deadline":
            row["deadline_raw"] = d.raw if d else None
            row["deadline_precision"] = d.precision.value if d else DeadlinePrecision.NONE.value
            row["ongoing"] = bool(d and d.ongoing)
    row["action"] = p.action
    row["changes"] = {
        k: {"old": _plain(old), "new": _plain(new)} for k, (old, new) in p.changes.items()
    }
    return row


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
