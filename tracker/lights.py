"""Warning lights (预警), computed in SQL so that a million-item ledger can filter and count them.

red    = overdue: active and the effective deadline has passed;
orange = behind schedule: progress below ``behind_ratio`` × the share of time elapsed;
yellow = due within ``warning_days`` (calendar days, or working days when configured);
green  = on track (including 长期坚持 items with no final deadline);
grey   = not running: draft, suspended, done or cancelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session

from tracker import workdays
from tracker.enums import ACTIVE_STATUSES
from tracker.models import Item
from tracker.services import settings
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
    """The settings that decide the lights, resolved for one as-of date."""

    as_of: dt.date
    horizon: dt.date  # deadlines on or before this date (and not passed) are yellow
    behind_ratio: float

    @classmethod
    def load(cls, s: Session, as_of: dt.date) -> WarningRules:
        days = int(settings.get(s, "warning_days"))
        if settings.get(s, "working_days"):
            horizon = workdays.add_workdays(as_of, days, workdays.load_overrides(s))
        else:
            horizon = as_of + dt.timedelta(days=days)
        return cls(as_of, horizon, float(settings.get(s, "behind_ratio")))


def light_expr(rules: WarningRules) -> ColumnElement[str]:
    """A SQL CASE giving each item's light."""
    today = literal(epoch_day(rules.as_of))
    start = day_number(func.coalesce(Item.assigned_at, Item.created_at))
    deadline = day_number(Item.deadline_date)
    # progress% × planned days < ratio × 100 × elapsed days  (no division, no NULL traps)
    behind = and_(
        deadline > start,
        today > start,
        Item.progress_percent * (deadline - start)
        < literal(rules.behind_ratio * 100) * (today - start),
    )
    return case(
        (Item.status.not_in(ACTIVE_STATUSES), literal(Light.GREY.value)),
        (Item.deadline_date.is_(None), literal(Light.GREEN.value)),
        (Item.deadline_date < rules.as_of, literal(Light.RED.value)),
        (behind, literal(Light.ORANGE.value)),
        (Item.deadline_date <= rules.horizon, literal(Light.YELLOW.value)),
        else_=literal(Light.GREEN.value),
    )


def light_counts(s: Session, as_of: dt.date) -> dict[Light, int]:
    expr = light_expr(WarningRules.load(s, as_of))
    rows = s.execute(select(expr, func.count(Item.id)).group_by(expr)).tuples().all()
    counts = dict.fromkeys(Light, 0)
    counts.update({Light(k): n for k, n in rows})
    return counts
