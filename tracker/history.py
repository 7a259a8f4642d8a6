"""Each item's state over time: written with every change, read back for any past date.

A 督办通报 for 30 June must print the ledger as it stood on 30 June, however much work was
done since. Every change of a state field (status, supervision level, deadline and its
wording, percent, closure request day, done day, lead unit, 领域, 交办 time) appends a row
to ``item_history``; ``StateAt`` gives the SQL columns of each item's state at the end of a
day. When nothing changed after that day (the
usual case: a report as of today) those columns are the item's own, with no extra read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, func, insert, select
from sqlalchemy.orm import Session, aliased

from tracker.enums import DONE_STATUSES, Escalation
from tracker.models import Item, ItemHistory

#: The fields of a history row, as the item holds them.
FIELDS = (
    "status",
    "escalation",
    "deadline_date",
    "deadline_text",
    "progress_percent",
    "requested_on",
    "done_on",
    "lead_unit_id",
    "category",
    "assigned_at",
)


def state_of(item: Item | Mapping[str, Any]) -> dict[str, Any]:
    """The history fields of an item (an ORM object or a plain row of its columns)."""
    get = item.get if isinstance(item, Mapping) else lambda k, d=None: getattr(item, k, d)
    completed = get("completed_at")
    status = str(get("status"))
    return {
        "status": status,
        "escalation": str(get("escalation") or Escalation.NORMAL),
        "deadline_date": get("deadline_date"),
        "deadline_text": get("deadline_text"),
        "progress_percent": int(get("progress_percent") or 0),
        "requested_on": get("requested_on"),
        "done_on": completed.date() if completed is not None and status in DONE_STATUSES else None,
        "lead_unit_id": get("lead_unit_id"),
        "category": get("category"),
        "assigned_at": get("assigned_at"),
    }


def note(s: Session, item: Item, at: dt.datetime) -> None:
    """Append the item's state from ``at`` on, if it differs from its latest row."""
    latest = s.execute(
        select(*[getattr(ItemHistory, f) for f in FIELDS])
        .where(ItemHistory.item_id == item.id)
        .order_by(ItemHistory.at.desc(), ItemHistory.id.desc())
        .limit(1)
    ).first()
    state = state_of(item)
    if latest is not None and dict(zip(FIELDS, latest, strict=True)) == state:
        return
    s.add(ItemHistory(item_id=item.id, at=at, **state))


def note_many(s: Session, rows: Iterable[tuple[int, dt.datetime, dict[str, Any]]]) -> None:
    """Append many rows at once (imports, demo data): ``(item id, at, state_of(...))``."""
    values = [{"item_id": i, "at": at, **state} for i, at, state in rows]
    if values:
        s.connection().execute(insert(ItemHistory.table()), values)


class StateAt:
    """The SQL columns of every item's state at the end of ``as_of``.

    ``frame(stmt)`` joins each item's history row in force then (the latest before the
    day's end) when the ledger changed afterwards; an item with no row by then did not
    exist yet: its state columns are NULL (an outer join, so that a grouping by list or
    unit still shows a group with no items). ``live`` is true when nothing changed after
    the day: the item's own columns are then its state, and nothing is joined.
    """

    def __init__(self, s: Session, as_of: dt.date) -> None:
        self.as_of = as_of
        self.end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
        latest = s.scalar(select(func.max(ItemHistory.at)))
        self.live = latest is None or _as_datetime(latest) < self.end
        # The item and its history rows name the state fields alike; only the done day
        # is derived from the item's approval time.
        src: Any = Item if self.live else aliased(ItemHistory)
        self._row = src
        self.status: ColumnElement[Any] = src.status
        self.escalation: ColumnElement[Any] = src.escalation
        self.deadline: ColumnElement[Any] = src.deadline_date
        self.deadline_text: ColumnElement[Any] = src.deadline_text
        self.percent: ColumnElement[Any] = src.progress_percent
        self.requested_on: ColumnElement[Any] = src.requested_on
        self.done_on: ColumnElement[Any] = (
            func.date(Item.completed_at, type_=Date) if self.live else src.done_on
        )
        self.lead_unit: ColumnElement[Any] = src.lead_unit_id
        self.category: ColumnElement[Any] = src.category
        self.assigned_at: ColumnElement[Any] = src.assigned_at

    def frame(self, stmt: Select[Any]) -> Select[Any]:
        """``stmt`` (whose FROM holds ``Item``) with the state row joined where needed."""
        if self.live:
            return stmt
        latest = (
            select(ItemHistory.id)
            .where(ItemHistory.item_id == Item.id, ItemHistory.at < self.end)
            .order_by(ItemHistory.at.desc(), ItemHistory.id.desc())
            .limit(1)
            .correlate(Item)
            .scalar_subquery()
        )
        return stmt.join_from(Item, self._row, self._row.id == latest, isouter=True)


def _as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
