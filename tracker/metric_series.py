"""Figures over time and the items behind them, built on the definitions in ``metrics``.

Bulletins need more than the rates of one day: closures per day (for the monthly chart),
registrations in a period, overdue items by deadline (for the histogram) and, when a
bulletin is published, the ids behind each headline figure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from tracker.errors import ValidationError
from tracker.metrics import Terms
from tracker.models import Item


def done_by_day(
    s: Session, start: dt.date, as_of: dt.date, scope: ColumnElement[bool] | None = None
) -> dict[dt.date, int]:
    """Items approved as done on each day from ``start`` to ``as_of`` (closures per month)."""
    t = Terms(as_of, scope)
    day = func.date(Item.completed_at)
    stmt = (
        select(day, func.count())
        .where(t.done, Item.completed_at >= dt.datetime.combine(start, dt.time()))
        .group_by(day)
    )
    return {_as_date(d): int(n) for d, n in s.execute(stmt)}


def created_between(
    s: Session, start: dt.date, as_of: dt.date, scope: ColumnElement[bool] | None = None
) -> int:
    """Counted items registered from ``start`` to ``as_of`` (新增)."""
    t = Terms(as_of, scope)
    since = dt.datetime.combine(start, dt.time())
    return s.scalar(select(func.count()).where(t.counted, Item.created_at >= since)) or 0


def overdue_by_deadline(
    s: Session, as_of: dt.date, scope: ColumnElement[bool] | None = None
) -> dict[dt.date, int]:
    """逾期未办结 items counted per deadline day, for the overdue-days histogram."""
    t = Terms(as_of, scope)
    stmt = (
        select(Item.deadline_date, func.count()).where(t.overdue_open).group_by(Item.deadline_date)
    )
    return {_as_date(d): int(n) for d, n in s.execute(stmt)}


#: The figures a published bulletin or the dashboard can trace back to items, by name.
FIGURE_LABELS = {
    "counted": "事项总数",
    "done": "已办结",
    "due": "已到期或已办结",
    "on_time": "按期办结",
    "overdue_open": "逾期未办结",
    "overdue_done": "逾期办结",
}
TRACED = tuple(FIGURE_LABELS)


def figure_condition(
    name: str, as_of: dt.date, scope: ColumnElement[bool] | None = None
) -> ColumnElement[bool]:
    """The SQL condition selecting exactly the items counted in figure ``name``."""
    if name not in TRACED:
        raise ValidationError(
            "figure", f"“{name}”不是可追溯的统计数字，可用：{'、'.join(TRACED)}。"
        )
    t = Terms(as_of, scope)
    return and_(t.counted, getattr(t, name))


def item_ids_behind(
    s: Session, as_of: dt.date, scope: ColumnElement[bool] | None = None
) -> dict[str, list[int]]:
    """The item ids behind each headline figure, for a snapshot to keep."""
    return {
        name: list(
            s.scalars(select(Item.id).where(figure_condition(name, as_of, scope)).order_by(Item.id))
        )
        for name in TRACED
    }


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
