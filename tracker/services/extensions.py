"""Deadline extensions (延期): filed before the deadline, decided by a supervisor.

An approved extension moves the effective deadline; the first promised date is kept in
``original_deadline_date`` so that 按期办结率 can be reported against either.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from tracker.actors import Actor
from tracker.enums import Decision
from tracker.errors import Conflict, NotFoundError, ValidationError
from tracker.models import Extension, Item
from tracker.query import pending_row
from tracker.services.common import ItemState, now, permit, record, snapshot


def check_request(s: Session, item: Item, new_date: dt.date, reason: str, today: dt.date) -> None:
    """Refuse a request the rules do not allow (a returned pack asks before writing)."""
    if item.deadline_date is None:
        raise ValidationError("deadline", "长期坚持事项没有完成时限，无需延期。")
    if today > item.deadline_date:
        raise ValidationError(
            "deadline", f"已超过完成时限（{item.deadline_date}），延期须在到期前申请。"
        )
    if new_date <= item.deadline_date:
        raise ValidationError("new_date", "延期后的日期必须晚于现在的完成时限。")
    if not reason.strip():
        raise ValidationError("reason", "申请延期必须说明理由。")
    if pending_row(s, item.id) is not None:
        raise Conflict(f"事项“{item.code}”已有待审批的延期申请。")


def request_extension(
    s: Session,
    actor: Actor,
    item_id: int,
    new_date: dt.date,
    reason: str,
    *,
    at: dt.datetime | None = None,
) -> int:
    """File a request; returns its id."""
    item = permit(s, actor, item_id, "extend")
    stamp = now(at)
    check_request(s, item, new_date, reason, stamp.date())
    ext = Extension(
        item_id=item.id,
        requested_at=stamp,
        requested_by_id=actor.user_id,
        reason=reason.strip(),
        old_date=item.deadline_date,
        new_date=new_date,
    )
    s.add(ext)
    record(
        s,
        actor,
        item,
        "extension_requested",
        snapshot(item),
        stamp,
        new_date=new_date,
        reason=reason.strip(),
    )
    return ext.id


def decide_extension(
    s: Session,
    actor: Actor,
    item_id: int,
    approve: bool,
    comment: str | None = None,
    *,
    at: dt.datetime | None = None,
) -> ItemState:
    """Approve or refuse the item's pending extension request."""
    item = permit(s, actor, item_id, "decide_extension")
    ext = pending_row(s, item.id)
    if ext is None:
        raise NotFoundError(f"事项“{item.code}”没有待审批的延期申请。")
    if not approve and not (comment and comment.strip()):
        raise ValidationError("comment", "不批准延期必须写明理由。")
    stamp = now(at)
    before = snapshot(item)
    ext.status = Decision.APPROVED if approve else Decision.REJECTED
    ext.decided_at, ext.decided_by_id, ext.decision_comment = stamp, actor.user_id, comment
    if approve:
        item.original_deadline_date = item.original_deadline_date or item.deadline_date
        item.deadline_date = ext.new_date
        d = ext.new_date
        item.deadline_text = f"{d.year}年{d.month}月{d.day}日（延期）"
    action = "extension_approved" if approve else "extension_rejected"
    record(s, actor, item, action, before, stamp, comment=comment)
    return ItemState.of(item)
