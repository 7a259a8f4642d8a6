"""The 清单 page's table: every list with its size, how many are crossed off and overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from tracker.enums import ListKind, Status
from tracker.metrics import Terms
from tracker.models import Item, ItemList


@dataclass(frozen=True)
class ListSummary:
    name: str
    kind: str
    year: int
    items: int
    closed: int
    overdue: int
    drafts: int
    #: offered for new items (a retired list keeps its items and reports)
    active: bool = True


def lists_overview(s: Session, as_of: dt.date | None = None) -> list[ListSummary]:
    """One grouped query, newest year first (a list with no items yet shows zeros). Items
    are counted as every figure counts them: drafts and 已终止 left out."""
    t = Terms(s, as_of or dt.date.today())
    counted = func.sum(case((t.counted, 1), else_=0))
    closed = func.sum(case((and_(t.counted, t.state.status == Status.CLOSED), 1), else_=0))
    overdue = func.sum(case((and_(t.counted, t.overdue_open), 1), else_=0))
    drafts = func.sum(case((t.state.status == Status.DRAFT, 1), else_=0))
    rows = s.execute(
        t.frame(
            select(
                ItemList.name,
                ItemList.kind,
                ItemList.year,
                ItemList.active,
                counted,
                closed,
                overdue,
                drafts,
            )
            .outerjoin(Item, Item.list_id == ItemList.id)
            .group_by(ItemList.id, ItemList.name, ItemList.kind, ItemList.year, ItemList.active)
            .order_by(ItemList.year.desc(), ItemList.id)
        )
    ).all()
    return [
        ListSummary(
            name,
            ListKind(kind).label,
            year,
            items=int(items or 0),
            closed=int(closed_n or 0),
            overdue=int(overdue_n or 0),
            drafts=int(drafts_n or 0),
            active=bool(active),
        )
        for name, kind, year, active, items, closed_n, overdue_n, drafts_n in rows
    ]
