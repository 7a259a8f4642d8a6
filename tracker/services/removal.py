"""删除草稿: a draft registered by mistake goes, with the reason, leaving its audit entries.

Only a draft (never submitted, never handed over, never counted in a figure) can be
deleted; an item that went further is withdrawn with 驳回立项 (back to draft) or 终止,
which leave the record and every rate as they were.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from tracker import audit
from tracker.actors import Actor
from tracker.errors import ValidationError
from tracker.models import ItemHistory, item_co_unit
from tracker.services.common import now, permit


def delete_draft(s: Session, actor: Actor, item_id: int, reason: str) -> str:
    """Delete the draft; returns its code (for the status bar)."""
    item = permit(s, actor, item_id, "delete_draft")
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "请写明删除原因（如：重复登记、登记错误）。")
    before = {
        "code": item.code,
        "title": item.title,
        "list": item.item_list.name,
        "lead_unit": item.lead_unit.name if item.lead_unit else None,
    }
    code = item.code
    s.execute(delete(item_co_unit).where(item_co_unit.c.item_id == item.id))
    s.execute(delete(ItemHistory).where(ItemHistory.item_id == item.id))
    s.delete(item)
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="draft_deleted",
        item_id=item_id,
        before=before,
        after={"reason": reason},
        at=now(),
    )
    return code
