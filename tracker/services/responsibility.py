"""Who answers for an item and by when: lead unit, co-units, 责任人 (with the item's phone)
and the deadline — set at 交办 or corrected afterwards, in one audited step.

The deadline is the promise the public was given: it may be set or corrected while the item
waits for 交办 (草稿, 待交办), and an item whose deadline was never dated (待确认时限) may get
its first date at any time; once handed over, a date moves only through 延期, which the
supervisors decide on the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit, workflow
from tracker.actors import Actor
from tracker.deadlines import format_deadline
from tracker.enums import DeadlineKind, DeadlinePrecision, Status
from tracker.errors import ValidationError
from tracker.models import Item, Person, Unit
from tracker.services import transitions
from tracker.services.common import ItemState, load_item, now, permit, record, snapshot
from tracker.services.registry import serving_unit

#: States in which the deadline is still the supervisors' to set (before 交办).
BEFORE_HANDOVER = frozenset({Status.DRAFT, Status.REGISTERED})
#: Longest 交办意见, as the other reasons of a move.
MAX_OPINION = 2000


@dataclass(frozen=True)
class Responsibility:
    """What the 交办 form (and F2's responsibility fields) send.

    ``deadline``: the day, or ``None`` for 长期坚持 when ``ongoing``; with neither the
    deadline stays as it is.
    """

    lead_unit: str
    co_units: tuple[str, ...] = ()
    assignee: str | None = None
    assignee_phone: str | None = None
    deadline: dt.date | None = None
    ongoing: bool = False


def current(s: Session, item_id: int) -> Responsibility:
    """The item's responsibility as the form starts from it."""
    item = load_item(s, item_id)
    return Responsibility(
        lead_unit=item.lead_unit.name if item.lead_unit else "",
        co_units=tuple(u.name for u in item.co_units),
        assignee=item.assignee.name if item.assignee else None,
        assignee_phone=item.assignee_phone or (item.assignee.phone if item.assignee else None),
        deadline=item.deadline_date,
        ongoing=item.deadline_kind == DeadlineKind.ONGOING,
    )


def _named(item: Item) -> dict[str, object]:
    """The responsibility fields by name, for the audit's before and after."""
    return {
        "lead_unit": item.lead_unit.name if item.lead_unit else None,
        "co_units": [u.name for u in item.co_units],
        "assignee": item.assignee.name if item.assignee else None,
        "assignee_phone": item.assignee_phone,
        "deadline_text": item.deadline_text,
    }


def _unit(s: Session, had: list[Unit], name: str, field: str) -> Unit:
    """A unit named in the form: one the item already has in that role may stay even if
    retired since; any other must be serving (``registry.serving_unit``)."""
    kept = [u for u in had if u.name == name]
    return kept[0] if kept else serving_unit(s, name, field)


def _person(s: Session, actor: Actor, name: str, phone: str | None, unit: Unit) -> Person:
    """The unit's 责任人 of that name, registered in the unit's directory when new."""
    person = s.scalar(
        select(Person).where(Person.unit_id == unit.id, Person.name == name).order_by(Person.id)
    )
    if person is None:
        person = Person(name=name, phone=phone, unit_id=unit.id)
        s.add(person)
        s.flush()
        audit.append(
            s, actor=actor.login, action="person_added", after={"name": name, "unit": unit.name}
        )
    return person


def deadline_is_open(status: str, kind: str, day: dt.date | None) -> bool:
    """May the deadline still be set here: before 交办, or never dated (待确认时限)."""
    return Status(status) in BEFORE_HANDOVER or (kind == DeadlineKind.FIXED and day is None)


def _set_deadline(item: Item, r: Responsibility) -> None:
    if r.deadline is None and not r.ongoing:
        return
    kind = DeadlineKind.ONGOING if r.ongoing else DeadlineKind.FIXED
    day = None if r.ongoing else r.deadline
    if item.deadline_kind == kind and item.deadline_date == day:
        return
    if not deadline_is_open(item.status, item.deadline_kind, item.deadline_date):
        raise ValidationError(
            "deadline",
            f"事项“{item.code}”已交办，完成时限只能通过“申请延期”变更（现为{item.deadline_text}）。",
        )
    item.deadline_kind = kind
    item.deadline_date = day
    item.deadline_precision = DeadlinePrecision.DAY if day else DeadlinePrecision.NONE
    item.deadline_text = format_deadline(day) if day else "长期坚持"


def set_responsibility(
    s: Session, actor: Actor, item_id: int, r: Responsibility, at: dt.datetime | None = None
) -> bool:
    """Apply ``r`` to the item; ``False`` when nothing differs (no audit entry then)."""
    item = permit(s, actor, item_id, "responsibility")
    if not r.lead_unit.strip():
        raise ValidationError("lead_unit", "请选择牵头单位。")
    lead = _unit(s, [item.lead_unit] if item.lead_unit else [], r.lead_unit.strip(), "lead_unit")
    names = dict.fromkeys(u.strip() for u in r.co_units if u.strip() and u.strip() != lead.name)
    co_units = [_unit(s, list(item.co_units), u, "co_units") for u in names]
    before_named, before = _named(item), snapshot(item)
    item.lead_unit = lead
    item.co_units = co_units
    assignee = (r.assignee or "").strip()
    phone = (r.assignee_phone or "").strip() or None
    item.assignee = _person(s, actor, assignee, phone, lead) if assignee else None
    item.assignee_phone = phone if assignee else None
    _set_deadline(item, r)
    after = _named(item)
    if after == before_named:
        return False
    record(s, actor, item, "set_responsibility", {**before, **before_named}, now(at), **after)
    return True


def assign_with(
    s: Session,
    actor: Actor,
    item_id: int,
    r: Responsibility,
    opinion: str | None = None,
    at: dt.datetime | None = None,
) -> ItemState:
    """交办 with the form's unit, people and deadline, and the 交办意见 as the move's words:
    one transaction, so an item is never left half handed over."""
    item = load_item(s, item_id)
    workflow.check(workflow.transition("assign"), Status(item.status), actor.role, None)
    text = (opinion or "").strip() or None
    if text and len(text) > MAX_OPINION:
        raise ValidationError("opinion", f"交办意见最多 {MAX_OPINION} 个字。")
    set_responsibility(s, actor, item_id, r, at)
    return transitions.move(s, actor, item_id, "assign", reason=text, at=at)
