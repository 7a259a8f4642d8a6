"""待核实: progress figures a supervisor should check before believing them.

Two patterns that inspections find behind 弄虚作假 and that the data shows by itself:

- **ahead of time**: the reported percent is more than ``doubt_margin`` points above the
  share of the item's time that has passed (90% a week after 交办 of a year's work);
- **100% and silent**: the item has stood at 100% for ``full_idle_days`` days and the unit
  has not asked for 销号 (finished work that is not handed in, or a figure typed ahead).

Both are SQL conditions on the item's state as of the rules' day, so the 预警 page filters
and counts them like the lights.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_, select
from sqlalchemy.orm import Session, aliased

from tracker import settings
from tracker.enums import ACTIVE_STATUSES, Status
from tracker.lights import WarningRules
from tracker.models import ClosureRequest, Item, ProgressReport
from tracker.sqlfuncs import day_number, epoch_day

FULL = 100


def doubtful_expr(s: Session, rules: WarningRules) -> ColumnElement[bool]:
    """Items whose progress is 待核实 as of the rules' day (statements go through
    ``rules.frame``)."""
    margin = int(settings.get(s, "doubt_margin"))
    idle = int(settings.get(s, "full_idle_days"))
    st, as_of = rules.terms.state, rules.as_of
    today = literal(epoch_day(as_of))
    start = day_number(func.coalesce(st.assigned_at, Item.created_at))
    deadline = day_number(st.deadline)
    elapsed = case((today > start, today - start), else_=literal(0))
    planned = deadline - start
    # percent − 100·elapsed/planned > margin, without division
    ahead = and_(
        st.deadline.is_not(None),
        planned > 0,
        st.percent < FULL,
        st.percent * planned > literal(100) * elapsed + literal(margin) * planned,
    )
    return and_(
        rules.terms.counted,
        st.status.in_(ACTIVE_STATUSES),
        or_(ahead, _idle_at_full(st.status, st.percent, as_of, idle)),
    )


def _idle_at_full(
    status: ColumnElement[str], percent: ColumnElement[int], as_of: dt.date, idle: int
) -> ColumnElement[bool]:
    """At 100% since at least ``idle`` days before ``as_of`` (the first 100% report after
    the last lower one), with no closure request reviewed since then."""
    cutoff = as_of - dt.timedelta(days=idle)
    low, full = aliased(ProgressReport), aliased(ProgressReport)
    last_low = (
        select(func.max(low.reported_on))
        .where(low.item_id == Item.id, low.percent < FULL, low.reported_on <= as_of)
        .correlate(Item)
        .scalar_subquery()
    )
    reached = (
        select(func.min(full.reported_on))
        .where(
            full.item_id == Item.id,
            full.percent >= FULL,
            full.reported_on > func.coalesce(last_low, dt.date(1900, 1, 1)),
        )
        .correlate(Item)
        .scalar_subquery()
    )
    returned_since = exists().where(
        ClosureRequest.item_id == Item.id,
        ClosureRequest.reviewed_at >= dt.datetime.combine(cutoff, dt.time()),
    )
    return and_(
        status == Status.IN_PROGRESS,
        percent >= FULL,
        reached <= cutoff,
        not_(returned_since),
    )
