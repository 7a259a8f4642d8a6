"""Pushing an item forward without changing its state: progress reports, urges, escalation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import settings
from tracker.actors import Actor, relation_of
from tracker.enums import Escalation, Role
from tracker.errors import Conflict, ValidationError
from tracker.models import Item, ProgressReport, Urge, User
from tracker.services.common import ItemState, now, permit, record, snapshot
from tracker.workflow import Relation


def report_progress(
    s: Session,
    actor: Actor,
    item_id: int,
    text: str,
    *,
    percent: int | None = None,
    reported_on: dt.date | None = None,
    problems: str | None = None,
    needs: str | None = None,
    drop_reason: str | None = None,
    at: dt.datetime | None = None,
) -> ItemState:
    """Add a dated progress report; the newest one becomes the ledger's 进展 column.

    The text may be left out when the report says something else: a new percent, a problem
    or a need for coordination (a unit pack's row often holds only those); the ledger then
    keeps showing the last real progress text. A co-organising unit's report (its percent is
    that of its own part) is kept on the item for the lead unit to see, but the item's
    progress and percent stay the lead unit's.

    A percent lower than the item's needs ``drop_reason`` (setting ``drop_needs_reason``):
    a figure that goes backwards is either a correction or a setback, and a supervisor
    must be able to read which.

    ``problems`` and ``needs`` left out (``None``) carry the side's last ones forward: a
    need stays on the supervisors' 需协调 list until the unit says it is met, by passing an
    empty text — a routine report from any door (window, command line, pack) never drops it.
    """
    item = permit(s, actor, item_id, "progress")
    text = text.strip()
    last = open_points(s, actor, item_id)
    problems = last[0] if problems is None else problems.strip() or None
    needs = last[1] if needs is None else needs.strip() or None
    new_percent = percent is not None and percent != item.progress_percent
    if not text and not (new_percent or (problems, needs) != last):
        raise ValidationError("text", "进展情况不能为空。")
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError("percent", "完成百分比必须在 0 到 100 之间。")
    co_unit = actor.role == Role.CLERK and relation_of(s, item.id, actor.unit_id) == Relation.CO
    drop_reason = (drop_reason or "").strip() or None
    if not co_unit:
        _check_drop(s, item.progress_percent, percent, drop_reason)
    stamp = now(at)
    day = reported_on or stamp.date()
    if day > stamp.date():
        raise ValidationError("reported_on", "进展日期不能晚于今天。")
    before = snapshot(item)
    s.add(
        ProgressReport(
            item_id=item.id,
            reported_on=day,
            text=text,
            percent=percent,
            problems=problems,
            needs=needs,
            drop_reason=drop_reason,
            reporter=actor.name,
            user_id=actor.user_id,
            created_at=stamp,
        )
    )
    if not co_unit and (item.latest_progress_on is None or day >= item.latest_progress_on):
        if text:
            item.latest_progress, item.latest_progress_on = text, day
        if percent is not None:
            item.progress_percent = percent
    record(
        s, actor, item, "progress", before, stamp, text=text, percent=percent, reason=drop_reason
    )
    return ItemState.of(item)


def _check_drop(s: Session, old: int, new: int | None, reason: str | None) -> None:
    if new is not None and new < old and not reason and settings.get(s, "drop_needs_reason"):
        raise ValidationError(
            "drop_reason",
            f"完成百分比从 {old}% 降到 {new}%，须写明降低的原因（纠正误报或情况变化）。",
        )


def urge(
    s: Session,
    actor: Actor,
    item_id: int,
    note: str | None = None,
    *,
    method: str = "督办通知",
    at: dt.datetime | None = None,
) -> ItemState:
    """Send a dated reminder (催办) to the lead unit; counted per unit."""
    item = permit(s, actor, item_id, "urge")
    stamp = now(at)
    before = snapshot(item)
    s.add(
        Urge(
            item_id=item.id,
            unit_id=item.lead_unit_id,
            urged_on=stamp.date(),
            method=method,
            note=note,
            user_id=actor.user_id,
            created_at=stamp,
        )
    )
    item.urge_count += 1
    record(s, actor, item, "urge", before, stamp, note=note)
    return ItemState.of(item)


def escalate(
    s: Session,
    actor: Actor,
    item_id: int,
    level: Escalation,
    reason: str,
    *,
    at: dt.datetime | None = None,
) -> ItemState:
    """Set the supervision level (常规/重点督办/挂牌督办/提级督办) with a reason."""
    item = permit(s, actor, item_id, "escalate")
    if not reason.strip():
        raise ValidationError("reason", "调整督办级别必须填写理由。")
    if item.escalation == level:
        raise Conflict(f"事项已是“{level.label}”。")
    stamp = now(at)
    before = snapshot(item)
    item.escalation = level
    record(s, actor, item, "escalate", before, stamp, reason=reason.strip())
    return ItemState.of(item)


def open_points(s: Session, actor: Actor, item_id: int) -> tuple[str | None, str | None]:
    """(存在问题, 需协调事项) of the last report made for the actor's side of the item: a
    clerk's unit, or for a supervisor the lead unit (their own entries count for it)."""
    item = s.get_one(Item, item_id)
    unit_id = actor.unit_id if actor.role == Role.CLERK else item.lead_unit_id
    side = func.coalesce(User.unit_id, item.lead_unit_id) == unit_id
    row = s.execute(
        select(ProgressReport.problems, ProgressReport.needs)
        .outerjoin(User, User.id == ProgressReport.user_id)
        .where(ProgressReport.item_id == item_id, side)
        .order_by(ProgressReport.reported_on.desc(), ProgressReport.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (None, None)
