"""The 清单 page's table: every list with its size, how many are crossed off and overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tracker.enums import ListKind, Status
from tracker.models import Item, ItemList
from tracker.services.ledger import overdue_condition


@dataclass(frozen=True)
class ListSummary:
    name: str
    kind: str
    year: int
    items: int
    closed: int
    overdue: int


def lists_overview(s: Session, as_of: dt.date | None = None) -> list[ListSummary]:
    """One grouped query, newest year first (a list with no items yet shows zeros)."""
    as_of = as_of or dt.date.today()
    closed = func.sum(case((Item.status == Status.CLOSED, 1), else_=0))
    overdue = func.sum(case((overdue_condition(as_of), 1), else_=0))
    rows = s.execute(
        select(ItemList.name, ItemList.kind, ItemList.year, func.count(Item.id), closed, overdue)
        .outerjoin(Item, Item.list_id == ItemList.id)
        .group_by(ItemList.id, ItemList.name, ItemList.kind, ItemList.year)
        .order_by(ItemList.year.desc(), ItemList.id)
    ).all()
    return [
        ListSummary(name, ListKind(kind).label, year, n, int(c or 0), int(o or 0))
        for name, kind, year, n, c, o in rows
    ]
