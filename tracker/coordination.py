"""需协调事项: what units asked the supervisors to coordinate, still open on a day.

A unit writes 需协调事项 (and 存在问题) in a progress report or a unit pack; the request
reaches the supervisors only if something lists it. The definition, shared by the 预警
page, the 统计 page and the bulletin:

- each unit's latest progress report on an item by the end of the day D (the lead unit's,
  and each co-organiser's; a supervisor's own entry counts for the lead unit) speaks for
  that unit — a later report with the field left empty means the need was met;
- a need is open when that latest report carries 需协调事项 and the item, as of D, is
  counted (``metrics.Terms``) and still being worked on (``ACTIVE_STATUSES``).

One line per unit and item, oldest request first: the longest wait is the most urgent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Subquery

from tracker.enums import ACTIVE_STATUSES
from tracker.metrics import ScopeRule, Terms
from tracker.models import Item, ProgressReport, Unit, User


@dataclass(frozen=True)
class NeedLine:
    """One unit's open request for coordination on one item."""

    item_id: int
    code: str
    title: str
    unit: str
    reported_on: dt.date
    needs: str
    problems: str | None


@dataclass(frozen=True)
class OpenNeeds:
    total: int
    lines: list[NeedLine]


def open_needs(
    s: Session, as_of: dt.date, scope: ScopeRule = None, limit: int | None = None
) -> OpenNeeds:
    """The open 需协调事项 as of ``as_of`` (at most ``limit`` lines; the total is exact)."""
    t = Terms(s, as_of, scope)
    latest = _latest_reports(t.end)
    where = and_(
        t.counted,
        t.state.status.in_(ACTIVE_STATUSES),
        latest.c.rank == 1,
        func.length(func.trim(func.coalesce(latest.c.needs, ""))) > 0,
    )
    total = s.scalar(t.frame(_joined(select(func.count()), latest).where(where))) or 0
    unit = aliased(Unit)
    stmt = (
        _joined(
            select(
                Item.id,
                Item.code,
                Item.title,
                func.coalesce(unit.name, ""),
                latest.c.reported_on,
                latest.c.needs,
                latest.c.problems,
            ),
            latest,
        )
        .outerjoin(unit, unit.id == latest.c.unit_id)
        .where(where)
        .order_by(latest.c.reported_on, Item.code, unit.name)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = s.execute(t.frame(stmt)).tuples().all()
    return OpenNeeds(total, [NeedLine(*r) for r in rows])


def _joined(stmt: Select[Any], latest: Subquery) -> Select[Any]:
    return stmt.select_from(Item).join(latest, latest.c.item_id == Item.id)


def _latest_reports(end: dt.datetime) -> Subquery:
    """Each (item, unit)'s reports ranked newest first, written before ``end``; only items
    that ever had a need are ranked (most reports never carry one)."""
    asked = select(ProgressReport.item_id).where(ProgressReport.needs.is_not(None))
    unit_id: ColumnElement[int] = func.coalesce(User.unit_id, Item.lead_unit_id)
    rank = (
        func.row_number()
        .over(
            partition_by=(ProgressReport.item_id, unit_id),
            order_by=(ProgressReport.reported_on.desc(), ProgressReport.id.desc()),
        )
        .label("rank")
    )
    return (
        select(
            ProgressReport.item_id,
            unit_id.label("unit_id"),
            ProgressReport.reported_on,
            ProgressReport.needs,
            ProgressReport.problems,
            rank,
        )
        .join(Item, Item.id == ProgressReport.item_id)
        .outerjoin(User, User.id == ProgressReport.user_id)
        .where(ProgressReport.created_at < end, ProgressReport.item_id.in_(asked))
        .subquery("latest_report")
    )
