"""Helpers every mutating service shares: load an item safely, snapshot it, stamp the time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit, history
from tracker.actors import Actor, require_role, require_scope
from tracker.enums import Status
from tracker.errors import Conflict, NotFoundError
from tracker.item_actions import ITEM_ACTIONS
from tracker.models import AuditEntry, Item, User
from tracker.workflow import label_for

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
        raise StaleItem(item, last_change(s, item.id))
    return item


def permit(s: Session, actor: Actor, item_id: int, name: str) -> Item:
    """The item, once ``actor`` may take action ``name`` on it (``item_actions``): the
    role, the unit's scope and the item's state are refused in that order."""
    action = ITEM_ACTIONS[name]
    require_role(actor, action.roles, action.label)
    item = load_item(s, item_id)
    require_scope(s, actor, item, action.scope, action.label)
    if Status(item.status) not in action.states:
        raise Conflict(f"事项当前为“{Status(item.status).label}”，{action.when}。")
    return item


class StaleItem(Conflict):
    """The item was saved by someone else after the user loaded it."""

    def __init__(self, item: Item, change: str) -> None:
        super().__init__(
            f"该事项已被他人修改（{item.code}：{change}）。"
            "请重新载入，看过对方的修改后再决定是否保存您的修改。"
        )
        self.version = item.version


def last_change(s: Session, item_id: int) -> str:
    """“督查室于 11-22 10:05 修改了基本信息”: the newest audit entry of an item, in words."""
    entry = s.scalar(
        select(AuditEntry).where(AuditEntry.item_id == item_id).order_by(AuditEntry.id.desc())
    )
    if entry is None:
        return "修改者不明"
    name = s.scalar(select(User.display_name).where(User.login == entry.actor)) or entry.actor
    # An edit meeting an edit is the usual clash; say it plainly, other changes by their name.
    what = "修改了基本信息" if entry.action == "edit" else f"执行了“{label_for(entry.action)}”"
    return f"{name}于 {entry.at:%m-%d %H:%M} {what}"


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
    """Write the audit entry for a change to ``item`` (after flushing it), and the item's
    state history when the change moved any state field."""
    s.flush()
    history.note(s, item, at)
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
