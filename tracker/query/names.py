"""Units and lists by the names users type, with a clear refusal for a name that is not there."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import NotFoundError
from tracker.item_actions import Relation
from tracker.models import Item, ItemList, Unit, item_co_unit


def unit_id(s: Session, name: str) -> int:
    found = s.scalar(select(Unit.id).where(Unit.name == name.strip()))
    if found is None:
        raise NotFoundError(f"没有名为“{name}”的单位。")
    return found


def list_id(s: Session, name: str) -> int:
    found = s.scalar(select(ItemList.id).where(ItemList.name == name.strip()))
    if found is None:
        raise NotFoundError(f"没有名为“{name}”的清单。")
    return found


def relation_of(s: Session, item_id: int, unit_id: int | None) -> Relation:
    """How unit ``unit_id`` stands to the item: leads it, cooperates on it, or neither."""
    if unit_id is None:
        return Relation.OTHER
    if s.scalar(select(Item.id).where(Item.id == item_id, Item.lead_unit_id == unit_id)):
        return Relation.LEAD
    co = select(item_co_unit.c.unit_id).where(
        item_co_unit.c.item_id == item_id, item_co_unit.c.unit_id == unit_id
    )
    return Relation.CO if s.scalar(co) is not None else Relation.OTHER
