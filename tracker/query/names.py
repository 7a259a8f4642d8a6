"""Units and lists by the names users type, with a clear refusal for a name that is not there."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import NotFoundError
from tracker.models import ItemList, Unit


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
