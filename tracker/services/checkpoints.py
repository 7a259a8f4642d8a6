"""Periodic checkpoints of 长期坚持 items, which are judged per month or quarter."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.actors import Actor, require_role
from tracker.enums import SUPERVISORS, DeadlineKind
from tracker.errors import DuplicateError, ValidationError
from tracker.models import Checkpoint, ItemList
from tracker.services import closure_rules
from tracker.services.common import load_item, now, record, snapshot

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def period_end(period: str, kind: str) -> dt.date:
    """Last day of ``period`` ("2026-03" monthly, "2026Q1" quarterly)."""
    if kind == "monthly" and (m := _MONTH.match(period)):
        year, month = int(m[1]), int(m[2])
    elif kind == "quarterly" and (m := _QUARTER.match(period)):
        year, month = int(m[1]), int(m[2]) * 3
    else:
        example = "2026-03" if kind == "monthly" else "2026Q1"
        raise ValidationError("period", f"考核周期“{period}”格式不对，应写成 {example}。")
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def record_checkpoint(
    s: Session,
    actor: Actor,
    item_id: int,
    period: str,
    achieved: bool,
    note: str | None = None,
    *,
    at: dt.datetime | None = None,
) -> int:
    """Judge one period of a 长期坚持 item: achieved (阶段完成) or not."""
    require_role(actor, SUPERVISORS, "登记阶段考核")
    item = load_item(s, item_id)
    if item.deadline_kind != DeadlineKind.ONGOING:
        raise ValidationError("item", f"事项“{item.code}”有完成时限，不按周期考核。")
    closure_rules.check_checkpoint(s, item, achieved)
    kind = s.scalar(select(ItemList.checkpoint_period).where(ItemList.id == item.list_id))
    due = period_end(period.strip(), kind or "quarterly")
    exists = s.scalar(
        select(Checkpoint.id).where(
            Checkpoint.item_id == item.id, Checkpoint.period == period.strip()
        )
    )
    if exists:
        raise DuplicateError(f"事项“{item.code}”的 {period} 期已经考核过。")
    stamp = now(at)
    cp = Checkpoint(
        item_id=item.id,
        period=period.strip(),
        due_date=due,
        achieved=achieved,
        note=note,
        user_id=actor.user_id,
        recorded_at=stamp,
    )
    s.add(cp)
    record(s, actor, item, "checkpoint", snapshot(item), stamp, period=period, achieved=achieved)
    return cp.id
