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
from tracker.lights import WarningRules, light_expr
from tracker.metrics import ScopeRule, Terms
from tracker.models import Item


def done_by_day(
    s: Session, start: dt.date, as_of: dt.date, scope: ScopeRule = None
) -> dict[dt.date, int]:
    """Items approved as done on each day from ``start`` to ``as_of`` (closures per month)."""
    t = Terms(s, as_of, scope)
    day = t.state.done_on
    stmt = select(day, func.count()).where(t.done, day >= start).group_by(day)
    return {_as_date(d): int(n) for d, n in s.execute(t.frame(stmt))}


def created_between(s: Session, start: dt.date, as_of: dt.date, scope: ScopeRule = None) -> int:
    """Counted items registered from ``start`` to ``as_of`` (新增)."""
    t = Terms(s, as_of, scope)
    since = dt.datetime.combine(start, dt.time())
    stmt = select(func.count()).select_from(Item).where(t.counted, Item.created_at >= since)
    return s.scalar(t.frame(stmt)) or 0


def overdue_by_deadline(s: Session, as_of: dt.date, scope: ScopeRule = None) -> dict[dt.date, int]:
    """逾期未办结 items counted per deadline day, for the overdue-days histogram."""
    t = Terms(s, as_of, scope)
    deadline = t.state.deadline
    stmt = select(deadline, func.count()).where(t.overdue_open).group_by(deadline)
    return {_as_date(d): int(n) for d, n in s.execute(t.frame(stmt))}


#: The figures a published bulletin or the dashboard can trace back to items, by name.
FIGURE_LABELS = {
    "counted": "事项总数",
    "done": "已办结",
    "due": "已到期或已办结",
    "on_time": "按期办结",
    "overdue_open": "逾期未办结",
    "overdue_done": "逾期办结",
    "backlog": "督查室待办（已过时限）",
}
TRACED = tuple(FIGURE_LABELS)
#: The lists a bulletin prints, traceable like the figures (red is 逾期未办结 itself).
LIST_LABELS = {
    "red": "红灯（逾期）",
    "orange": "橙灯（进度滞后）",
    "yellow": "黄灯（临期）",
    "escalated": "挂牌、提级督办",
    "review_backlog": "督查室待审核",
    "assign_backlog": "待交办",
}


def check_figure(name: str) -> None:
    """Refuse a name that is neither a traced figure nor a printed list."""
    if name not in TRACED and name not in LIST_LABELS:
        known = "、".join((*TRACED, *LIST_LABELS))
        raise ValidationError("figure", f"“{name}”不是可追溯的统计数字，可用：{known}。")


def figure_condition(s: Session, t: Terms, name: str) -> ColumnElement[bool]:
    """The SQL condition selecting exactly the items counted in figure or list ``name``
    (statements using it go through ``t.frame``)."""
    if name in ("red", "orange", "yellow"):
        return and_(t.counted, light_expr(WarningRules.load(s, t.as_of, t)) == name)
    if name == "escalated":
        return and_(t.not_done, t.escalated)
    if name in ("review_backlog", "assign_backlog"):
        return and_(t.counted, getattr(t, name))
    check_figure(name)
    return and_(t.counted, getattr(t, name))


def item_ids_behind(s: Session, as_of: dt.date, scope: ScopeRule = None) -> dict[str, list[int]]:
    """The item ids behind each headline figure and each printed list, for a snapshot."""
    t = Terms(s, as_of, scope)
    out = {}
    for name in (*TRACED, *LIST_LABELS):
        stmt = select(Item.id).where(figure_condition(s, t, name)).order_by(Item.id)
        out[name] = list(s.scalars(t.frame(stmt)))
    return out


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
