"""Warning lights (预警), computed in SQL so that a million-item ledger can filter and count them.

red    = 逾期未办结 (``metrics.Terms.overdue_open``): the effective deadline has passed, the
         item is not done, not paused, and not waiting on the supervisors (fair clock);
orange = behind schedule: progress below ``behind_ratio`` × the share of time elapsed;
yellow = due within ``warning_days`` (calendar days, or working days when configured);
green  = on track (including 长期坚持 items with no final deadline);
grey   = not running: draft, suspended, done or cancelled, or past its deadline waiting on
         the supervisors (待交办, or 待审核 asked for on time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, not_, select
from sqlalchemy.orm import Session

from tracker import settings, workdays
from tracker.enums import ACTIVE_STATUSES
from tracker.metrics import Terms
from tracker.models import Item
from tracker.sqlfuncs import day_number, epoch_day


class Light(StrEnum):
    RED = "red"
    ORANGE = "orange"
    YELLOW = "yellow"
    GREEN = "green"
    GREY = "grey"

    @property
    def label(self) -> str:
        return {
            "red": "红灯（逾期）",
            "orange": "橙灯（进度滞后）",
            "yellow": "黄灯（临期）",
            "green": "绿灯（正常）",
            "grey": "灰（未在办）",
        }[self.value]


@dataclass(frozen=True)
class WarningRules:
    """The settings that decide the lights, resolved for one as-of date, and the
    definitions (``metrics.Terms``) the red light shares with 逾期未办结."""

    as_of: dt.date
    horizon: dt.date  # deadlines on or before this date (and not passed) are yellow
    behind_ratio: float
    terms: Terms

    @classmethod
    def load(cls, s: Session, as_of: dt.date, terms: Terms | None = None) -> WarningRules:
        """The rules for ``as_of``; ``terms`` shares a statement's definitions with them."""
        days = int(settings.get(s, "warning_days"))
        if settings.get(s, "working_days"):
            horizon = workdays.add_workdays(as_of, days, workdays.load_overrides(s))
        else:
            horizon = as_of + dt.timedelta(days=days)
        return cls(as_of, horizon, float(settings.get(s, "behind_ratio")), terms or Terms(s, as_of))

    def frame(self, stmt: Select[Any]) -> Select[Any]:
        """``stmt`` with the items' state as of the date joined where needed."""
        return self.terms.frame(stmt)


def light_expr(rules: WarningRules) -> ColumnElement[str]:
    """A SQL CASE giving each item's light as of the rules' date (statements using it go
    through ``rules.frame``). Red is exactly 逾期未办结; items waiting on the supervisors
    past their deadline (the fair clock's backlog) are grey, not the unit's red."""
    t = rules.terms
    st = t.state
    today = literal(epoch_day(rules.as_of))
    start = day_number(func.coalesce(st.assigned_at, Item.created_at))
    deadline = day_number(st.deadline)
    # progress% × planned days < ratio × 100 × elapsed days  (no division, no NULL traps)
    behind = and_(
        deadline > start,
        today > start,
        st.percent * (deadline - start) < literal(rules.behind_ratio * 100) * (today - start),
    )
    return case(
        (not_(t.counted), literal(Light.GREY.value)),
        (st.status.not_in(ACTIVE_STATUSES), literal(Light.GREY.value)),
        (t.overdue_open, literal(Light.RED.value)),
        (t.backlog, literal(Light.GREY.value)),
        (st.deadline.is_(None), literal(Light.GREEN.value)),
        (behind, literal(Light.ORANGE.value)),
        (st.deadline <= rules.horizon, literal(Light.YELLOW.value)),
        else_=literal(Light.GREEN.value),
    )


def light_counts(s: Session, as_of: dt.date) -> dict[Light, int]:
    rules = WarningRules.load(s, as_of)
    expr = light_expr(rules)
    stmt = rules.frame(select(expr, func.count(Item.id)).group_by(expr))
    rows = s.execute(stmt).tuples().all()
    counts = dict.fromkeys(Light, 0)
    counts.update({Light(k): n for k, n in rows})
    return counts
