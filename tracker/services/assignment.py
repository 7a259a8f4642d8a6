"""交办 to a named unit: set (or change) the lead unit of an item waiting for assignment,
then take the 交办 move — one transaction, so an item never ends up half handed over."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker import workflow
from tracker.actors import Actor
from tracker.enums import Status
from tracker.models import Unit
from tracker.query import unit_id
from tracker.services import transitions
from tracker.services.common import ItemState, load_item, now, record, snapshot


def assign_to(s: Session, actor: Actor, item_id: int, unit: str | None) -> ItemState:
    """交办 the item, to ``unit`` when given (else to the lead unit it already has)."""
    item = load_item(s, item_id)
    workflow.check(workflow.transition("assign"), Status(item.status), actor.role, None)
    if unit and (item.lead_unit is None or item.lead_unit.name != unit.strip()):
        before = {**snapshot(item), "lead_unit": item.lead_unit.name if item.lead_unit else None}
        item.lead_unit = s.get_one(Unit, unit_id(s, unit))
        record(s, actor, item, "set_lead_unit", before, now(), lead_unit=item.lead_unit.name)
    return transitions.move(s, actor, item.id, "assign")
