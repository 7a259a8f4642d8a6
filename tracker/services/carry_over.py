"""Year carry-over: unfinished items move into next year's list, linked to their origin."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit, history
from tracker.actors import Actor, require_role
from tracker.enums import OPEN_STATUSES, SUPERVISORS
from tracker.errors import DuplicateError, NotFoundError, ValidationError
from tracker.models import Item, ItemList
from tracker.services.common import now

COPIED = (
    "serial",
    "title",
    "content",
    "category",
    "source",
    "leader",
    "lead_unit_id",
    "assignee_id",
    "deadline_text",
    "deadline_date",
    "deadline_precision",
    "deadline_kind",
    "original_deadline_date",
    "status",
    "escalation",
    "urgency",
    "progress_percent",
    "latest_progress",
    "latest_progress_on",
    "beneficiaries",
    "funds",
    "location",
    "remarks",
    "resident_name",
    "resident_phone",
    "claimant_name",
    "claimant_unit_id",
    "claimed_at",
    "assigned_at",
    "signed_at",
    "suspended_from",
)


def carry_over(
    s: Session,
    actor: Actor,
    from_list_id: int,
    to_list_id: int,
    *,
    at: dt.datetime | None = None,
) -> list[int]:
    """Copy every open item of one list into another; returns the new items' ids.

    The original stays in last year's list as the record of that year; the copy points to it
    (``carried_from_id``) so its history is one click away. Items already carried are skipped.
    """
    require_role(actor, SUPERVISORS, "结转事项")
    source, target = s.get(ItemList, from_list_id), s.get(ItemList, to_list_id)
    if source is None or target is None:
        raise NotFoundError("清单不存在。")
    if target.year <= source.year:
        raise ValidationError("list", "只能结转到以后年度的清单。")
    stamp = now(at)
    done = set(s.scalars(select(Item.carried_from_id).where(Item.list_id == to_list_id)))
    new_ids = []
    for old in s.scalars(
        select(Item)
        .where(Item.list_id == from_list_id, Item.status.in_(OPEN_STATUSES))
        .order_by(Item.id)
    ):
        if old.id in done:
            continue
        if s.scalar(select(Item.id).where(Item.list_id == to_list_id, Item.code == old.code)):
            raise DuplicateError(f"“{target.name}”中已有编号为“{old.code}”的事项，请先改号再结转。")
        item = Item(
            list_id=to_list_id,
            code=old.code,
            carried_from_id=old.id,
            created_at=stamp,
            updated_at=stamp,
            **{f: getattr(old, f) for f in COPIED},
        )
        item.co_units = list(old.co_units)
        s.add(item)
        s.flush()
        history.note(s, item, stamp)
        new_ids.append(item.id)
        audit.append(
            s,
            actor=actor.login,
            action="carried_over",
            item_id=item.id,
            after={"from_item": old.id, "from_list": source.name, "to_list": target.name},
            at=stamp,
        )
    return new_ids
