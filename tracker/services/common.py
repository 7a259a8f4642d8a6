"""Helpers every mutating service shares: load an item safely, snapshot it, stamp the time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit
from tracker.enums import Status
from tracker.errors import Conflict, NotFoundError
from tracker.models import Item
from tracker.services.actors import Actor

#: Fields written to the audit log before and after a change.
SNAPSHOT_FIELDS = (
    "status",
    "deadline_date",
    "original_deadline_date",
    "escalation",
    "progress_percent",
    "urge_count",
    "rework_count",
    "reopen_count",
    "claimant_name",
)


def now(at: dt.datetime | None = None) -> dt.datetime:
    return (at or dt.datetime.now()).replace(microsecond=0)


def load_item(s: Session, item_id: int, expected_version: int | None = None) -> Item:
    """The item to change, locked for this transaction where the database can lock rows.

    Raises:
        Conflict: ``expected_version`` is given and someone saved the item since.
    """
    item = s.scalar(select(Item).where(Item.id == item_id).with_for_update())
    if item is None:
        raise NotFoundError(f"事项（内部编号 {item_id}）不存在，可能已被删除。")
    if expected_version is not None and item.version != expected_version:
        raise Conflict(f"该事项“{item.code}”已被他人修改，请刷新后再操作。")
    return item


def snapshot(item: Item) -> dict[str, Any]:
    return {f: getattr(item, f) for f in SNAPSHOT_FIELDS}


def record(
    s: Session,
    actor: Actor,
    item: Item,
    action: str,
    before: dict[str, Any],
    at: dt.datetime,
    **extra: Any,
) -> None:
    """Write the audit entry for a change to ``item`` (after flushing it)."""
    s.flush()
    after = {**snapshot(item), **{k: v for k, v in extra.items() if v is not None}}
    audit.append(
        s, actor=actor.login, action=action, item_id=item.id, before=before, after=after, at=at
    )


@dataclass(frozen=True)
class ItemState:
    """What a caller needs to know after a change."""

    id: int
    code: str
    status: str
    status_label: str
    version: int

    @classmethod
    def of(cls, item: Item) -> ItemState:
        return cls(item.id, item.code, item.status, Status(item.status).label, item.version)
