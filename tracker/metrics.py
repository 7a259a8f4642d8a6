"""The rates the county is judged by, as SQL aggregates, for any as-of date.

Definitions (D = the as-of date; “by D” means a timestamp before the end of D):
- counted item: registered (not a draft), created by D, not cancelled by D — cancelled
  items leave every denominator;
- 办结 (done): approved (``completed_at``) by D; 已办结 and 已销号 both count;
- 办结率 = done / counted;
- 按期办结率 = done on or before the deadline / (done + not done with the deadline passed),
  against the effective (extended) deadline, and separately against the original one;
  长期坚持 items, having no deadline, are judged by checkpoints instead and left out;
- 逾期未办结 = not done, not paused, deadline before D; 逾期办结 = done after the deadline;
- 满意率 = (满意 + w·基本满意) / surveyed, using each item's latest visit by D;
- 响应率 / 解决率 = contacted / solved ÷ latest visits by D that recorded contact;
- 按时报送率 = items in progress at D with a progress report in the last N days / such items;
- 考核得分 = weighted mean of 按期办结率, 满意率 and 按时报送率 (weights in settings; a rate
  with no denominator is left out and the remaining weights are rescaled), × 100.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from tracker import settings
from tracker.enums import ACTIVE_STATUSES, DONE_STATUSES, Escalation, Rating, ReviewOutcome, Status
from tracker.history import StateAt
from tracker.models import ClosureRequest, Item, ItemList, ProgressReport, SatisfactionSurvey, Unit
from tracker.models import Urge as UrgeRow

GROUPS = ("all", "list", "unit", "category")
#: What part of the ledger a figure covers: a condition on the item, or one made from the
#: item's state on the day (a unit's items are the ones it led then).
ScopeRule = ColumnElement[bool] | Callable[[StateAt], ColumnElement[bool]] | None


def definitions(fair_clock: bool) -> dict[str, str]:
    """The 口径 of each printed figure, in words, under the ledger's clock setting: the
    bulletin's 口径说明 and the 统计 page's tooltips print these, so a reader sees the
    definition the SQL below implements."""
    if fair_clock:
        on_time = "在时限前申请销号并获同意的，以申请日判断是否按期。"
        overdue = "；时限前已申请销号、等待审核的，以及尚未交办的，属督查室待办，不计入承办单位逾期"
    else:
        on_time, overdue = (
            "以审核同意之日判断是否按期。",
            "（公平计时已关闭：含等待审核和尚未交办的）",
        )
    out = {
        "计时口径": "公平计时（开启）" if fair_clock else "公平计时（关闭）",
        "统计日": "所有数字、名单和图表都按统计日当天结束时的台账状态计算，以后的办理不改变它们。",
        "事项总数": "截至统计日已立项的事项（不含草稿）；已终止的事项不计入任何数字和图表。",
        "已办结": "截至统计日审核同意办结的事项，含已办结（待销号）和已销号。",
        "办结率": "已办结 ÷ 事项总数。",
        "按期办结率": "按期办结 ÷（有完成时限的已办结 + 已过完成时限仍未办结的事项"
        + ("，不含督查室待办）" if fair_clock else "）")
        + "；完成时限含已批准的延期；长期坚持事项按阶段考核，不计入。"
        + on_time,
        "逾期未办结": "已过完成时限、未办结、未暂缓的事项，即红灯事项" + overdue + "。",
        "满意率": "（满意 + 权重×基本满意）÷ 已回访评价的事项，每个事项取统计日前最近一次回访。",
        "响应率": "回访中已联系上群众的 ÷ 记录了联系情况的回访（每个事项取最近一次）。",
        "解决率": "回访中问题已解决的 ÷ 记录了联系情况的回访（每个事项取最近一次）。",
        "已回访": "统计日前有回访评价的事项数。",
        "累计催办": "统计日前对计入事项的催办次数。",
        "按时报送率": "统计日在办（办理中、待审核）的事项中，报送间隔内有进展报送的比例。",
        "橙灯": "实际进度低于时间进度乘以设置中的滞后比例。",
        "黄灯": "距完成时限不足设置中的预警天数。",
        "考核得分": "按期办结率、满意率、按时报送率按设置中的权重加权平均 × 100；某项无数据时不计入。",
    }
    if fair_clock:
        out["督查室待办"] = (
            "已过完成时限、正等待督查室审核（时限前申请销号）或尚未交办的事项，单列，不计入单位。"
        )
    return out


@dataclass
class Rates:
    """Counts and rates for one group. Rates are ``None`` when their denominator is 0."""

    key: str
    label: str
    counted: int = 0
    done: int = 0
    due: int = 0
    on_time: int = 0
    due_original: int = 0
    on_time_original: int = 0
    overdue_open: int = 0
    overdue_done: int = 0
    surveyed: int = 0
    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0
    visits_with_contact: int = 0
    contacted: int = 0
    solved: int = 0
    urges: int = 0
    returns: int = 0
    progress_expected: int = 0
    progress_timely: int = 0
    completion_rate: float | None = None
    on_time_rate: float | None = None
    on_time_rate_original: float | None = None
    satisfaction_rate: float | None = None
    response_rate: float | None = None
    solve_rate: float | None = None
    progress_rate: float | None = None
    score: float | None = None


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _sum(cond: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


class Terms:
    """The SQL conditions of the definitions above, for one as-of date.

    Every condition reads the items' state as of that date (``history.StateAt``), and a
    statement using them goes through ``frame`` so that the state is there to read.
    """

    def __init__(self, s: Session, as_of: dt.date, scope: ScopeRule = None) -> None:
        self.state = StateAt(s, as_of)
        if scope is not None and not isinstance(scope, ColumnElement):
            scope = scope(self.state)
        self.as_of, self.end = as_of, self.state.end
        self.fair_clock = bool(settings.get(s, "fair_clock"))
        st = self.state
        self.scope = scope
        self.counted = and_(
            st.status.is_not(None),  # NULL: the item did not exist yet (``StateAt.frame``)
            st.status.not_in((Status.DRAFT, Status.CANCELLED)),
            Item.created_at < self.end,
        )
        if scope is not None:
            self.counted = and_(self.counted, scope)
        self._define(self.counted)

    def frame(self, stmt: Select[Any]) -> Select[Any]:
        """``stmt`` with what its conditions read joined in (see ``StateAt.frame``)."""
        return self.state.frame(stmt)

    def within_counted(self) -> Terms:
        """The same conditions for rows already filtered to counted items: SQLite then
        does not evaluate the counted test again inside each of the eight sums."""
        inner = copy.copy(self)
        inner._define(true())
        return inner

    def _define(self, counted: ColumnElement[bool]) -> None:
        as_of, st = self.as_of, self.state
        deadline = st.deadline
        self.done = and_(counted, st.status.in_(DONE_STATUSES))
        self.not_done = and_(counted, not_(self.done))
        # The fair clock: work is judged on the day the unit asked for closure.
        done_day = func.coalesce(st.requested_on, st.done_on) if self.fair_clock else st.done_on
        passed = and_(self.not_done, deadline < as_of)
        # Waiting on the supervisors past the deadline: not charged to the unit.
        self.review_backlog: ColumnElement[bool] = false()
        self.assign_backlog: ColumnElement[bool] = false()
        if self.fair_clock:
            self.review_backlog = and_(
                passed, st.status == Status.CLOSURE_REQUESTED, st.requested_on <= deadline
            )
            self.assign_backlog = and_(passed, st.status == Status.REGISTERED)
        self.backlog = or_(self.review_backlog, self.assign_backlog)
        original = func.coalesce(Item.original_deadline_date, deadline)
        self.on_time = and_(self.done, deadline.is_not(None), done_day <= deadline)
        self.due = and_(deadline.is_not(None), or_(self.done, and_(passed, not_(self.backlog))))
        self.on_time_original = and_(self.done, original.is_not(None), done_day <= original)
        self.due_original = and_(
            original.is_not(None),
            or_(self.done, and_(self.not_done, original < as_of, not_(self.backlog))),
        )
        self.overdue_open = and_(passed, st.status != Status.SUSPENDED, not_(self.backlog))
        self.overdue_done = and_(self.done, done_day > deadline)
        self.escalated = and_(st.status.in_(ACTIVE_STATUSES), st.escalation != Escalation.NORMAL)


def _key(group: str, st: StateAt) -> Any:
    """The grouping column, wrapped so that SQLite scans the table in storage order and
    groups in a temporary b-tree: walking the group's index instead reads a million item
    rows in random order (3.4 s against 1.1 s at 1M items). Values are unchanged."""
    return {
        "all": literal("all"),
        "list": Item.list_id + 0,
        "unit": st.lead_unit + 0,
        "category": st.category.concat(""),
    }[group]


def compute(s: Session, as_of: dt.date, group: str = "all", scope: ScopeRule = None) -> list[Rates]:
    """Rates as of ``as_of``, one row per group (``all``, ``list``, ``unit``, ``category``).

    ``scope`` narrows the counted items (one list, one unit) for reports about part of
    the ledger; every rate is then computed over that part alone.
    """
    return compute_by(s, as_of, (group,), scope)[group]


def compute_by(
    s: Session,
    as_of: dt.date,
    groups: Sequence[str],
    scope: ScopeRule = None,
) -> dict[str, list[Rates]]:
    """``compute`` for several groupings from one set of scans (a bulletin ranks units and
    categories): the items are grouped by all of them at once and the counts summed per
    grouping, which is exact because every count is additive."""
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise ValueError(unknown)
    t = Terms(s, as_of, scope)
    fine = _grouped(s, t, tuple(_key(g, t.state) for g in groups))
    out: dict[str, list[Rates]] = {}
    for i, group in enumerate(groups):
        rows: dict[Any, Rates] = {}
        for k, r in fine.items():
            _add_counts(rows.setdefault(k[i], Rates(str(k[i]), "")), r)
        _finish(s, group, rows)
        out[group] = sorted(rows.values(), key=lambda r: (r.label == "", r.label))
    return out


def _grouped(s: Session, t: Terms, keys: tuple[Any, ...]) -> dict[tuple[Any, ...], Rates]:
    """The counts (no rates yet) per combination of ``keys``."""
    rows: dict[tuple[Any, ...], Rates] = {}
    inner = t.within_counted()
    stmt = select(
        *keys,
        func.count(),
        _sum(inner.done),
        _sum(inner.due),
        _sum(inner.on_time),
        _sum(inner.due_original),
        _sum(inner.on_time_original),
        _sum(inner.overdue_open),
        _sum(inner.overdue_done),
    )
    for k, numbers in _by_key(s, t.frame(stmt.where(t.counted).group_by(*keys)), len(keys)):
        r = rows[k] = Rates("", "")
        (
            r.counted,
            r.done,
            r.due,
            r.on_time,
            r.due_original,
            r.on_time_original,
            r.overdue_open,
            r.overdue_done,
        ) = numbers
    _add_visits(s, t, keys, rows)
    _add_urges_and_returns(s, t, keys, rows)
    _add_progress(s, t, keys, rows)
    return rows


def _by_key(s: Session, stmt: Any, n_keys: int) -> Iterator[tuple[tuple[Any, ...], list[int]]]:
    """Result rows split into the group's key and its numbers."""
    for row in s.execute(stmt):
        yield tuple(row[:n_keys]), [int(n) for n in row[n_keys:]]


def _latest_visit(t: Terms, column: Any) -> Any:
    return (
        select(func.max(SatisfactionSurvey.id).label("id"))
        .where(SatisfactionSurvey.visited_on <= t.as_of, column.is_not(None))
        .group_by(SatisfactionSurvey.item_id)
        .subquery()
    )


def _add_visits(s: Session, t: Terms, keys: tuple[Any, ...], rows: dict[Any, Rates]) -> None:
    rated = _latest_visit(t, SatisfactionSurvey.rating)
    stmt = (
        select(
            *keys,
            func.count(),
            _sum(SatisfactionSurvey.rating == Rating.SATISFIED),
            _sum(SatisfactionSurvey.rating == Rating.BASIC),
            _sum(SatisfactionSurvey.rating == Rating.DISSATISFIED),
        )
        .select_from(SatisfactionSurvey)
        .join(rated, rated.c.id == SatisfactionSurvey.id)
        .join(Item, Item.id == SatisfactionSurvey.item_id)
        .where(t.counted)
        .group_by(*keys)
    )
    for k, numbers in _by_key(s, t.frame(stmt), len(keys)):
        if k in rows:
            r = rows[k]
            r.surveyed, r.satisfied, r.basic, r.dissatisfied = numbers
    reached = _latest_visit(t, SatisfactionSurvey.contacted)
    stmt = (
        select(
            *keys,
            func.count(),
            _sum(SatisfactionSurvey.contacted.is_(True)),
            _sum(SatisfactionSurvey.solved.is_(True)),
        )
        .select_from(SatisfactionSurvey)
        .join(reached, reached.c.id == SatisfactionSurvey.id)
        .join(Item, Item.id == SatisfactionSurvey.item_id)
        .where(t.counted)
        .group_by(*keys)
    )
    for k, numbers in _by_key(s, t.frame(stmt), len(keys)):
        if k in rows:
            r = rows[k]
            r.visits_with_contact, r.contacted, r.solved = numbers


def _add_urges_and_returns(
    s: Session, t: Terms, keys: tuple[Any, ...], rows: dict[Any, Rates]
) -> None:
    """Counted per item first, then joined to the items: the few items with urges or
    returns are looked up, instead of every item being probed for them (10× at 1M)."""
    urges = (
        select(UrgeRow.item_id, func.count().label("n"))
        .where(UrgeRow.urged_on <= t.as_of)
        .group_by(UrgeRow.item_id)
    )
    returned = (ReviewOutcome.SUPPLEMENT, ReviewOutcome.RECTIFY, ReviewOutcome.REJECTED)
    returns = (
        select(ClosureRequest.item_id, func.count().label("n"))
        .where(ClosureRequest.outcome.in_(returned), ClosureRequest.reviewed_at < t.end)
        .group_by(ClosureRequest.item_id)
    )
    for per_item, field in ((urges, "urges"), (returns, "returns")):
        counts = per_item.subquery()
        stmt = (
            select(*keys, func.sum(counts.c.n))
            .select_from(counts)
            .join(Item, Item.id == counts.c.item_id)
            .where(t.counted)
            .group_by(*keys)
        )
        for k, (n,) in _by_key(s, t.frame(stmt), len(keys)):
            if k in rows:
                setattr(rows[k], field, n)


def _add_progress(s: Session, t: Terms, keys: tuple[Any, ...], rows: dict[Any, Rates]) -> None:
    """按时报送: the item's latest report by D is within N days ⟺ it has a report dated
    in [D − N, D] — asked per working item through the report index, rather than finding
    every item's latest report first (6.2 s → 1.8 s at 1M items). Kept out of the main
    pass: folded into it, the same test cost more (4.0 s against 1.9 + 1.8 s)."""
    days = int(settings.get(s, "progress_interval_days"))
    since = t.as_of - dt.timedelta(days=days)
    # signed and at work on the day: 办理中 or 待审核 then (a later 退办 clears the item's
    # own signing time, not what it was doing on the day)
    working = and_(t.not_done, t.state.status.in_((Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)))
    reported = (
        select(ProgressReport.id)
        .where(
            ProgressReport.item_id == Item.id,
            ProgressReport.reported_on >= since,
            ProgressReport.reported_on <= t.as_of,
        )
        .exists()
    )
    stmt = select(*keys, func.count(), _sum(reported)).where(working).group_by(*keys)
    for k, (n, timely) in _by_key(s, t.frame(stmt), len(keys)):
        if k in rows:
            rows[k].progress_expected, rows[k].progress_timely = n, timely


def _finish(s: Session, group: str, rows: dict[Any, Rates]) -> None:
    w_basic = float(settings.get(s, "basic_satisfied_weight"))
    weights = settings.get(s, "score_weights")
    labels = _labels(s, group)
    for k, r in rows.items():
        r.label = (
            labels.get(k, "全部" if group == "all" else "（未填）") if k is not None else "（未填）"
        )
        _set_rates(r, w_basic, weights)


def _set_rates(r: Rates, w_basic: float, weights: dict[str, float]) -> None:
    r.completion_rate = _ratio(r.done, r.counted)
    r.on_time_rate = _ratio(r.on_time, r.due)
    r.on_time_rate_original = _ratio(r.on_time_original, r.due_original)
    r.satisfaction_rate = (r.satisfied + w_basic * r.basic) / r.surveyed if r.surveyed else None
    r.response_rate = _ratio(r.contacted, r.visits_with_contact)
    r.solve_rate = _ratio(r.solved, r.visits_with_contact)
    r.progress_rate = _ratio(r.progress_timely, r.progress_expected)
    r.score = score(r, weights)


#: The additive fields of ``Rates`` (everything before the rates themselves).
COUNTS = tuple(f.name for f in fields(Rates) if f.type == "int")


def combine(s: Session, rows: list[Rates], key: str = "all", label: str = "全部") -> Rates:
    """One row summing ``rows`` (e.g. all units → the whole ledger), rates recomputed.

    Every count is additive because each item belongs to exactly one group, so this
    equals ``compute(s, as_of)`` without running its queries again.
    """
    total = Rates(key, label)
    for r in rows:
        _add_counts(total, r)
    w_basic = float(settings.get(s, "basic_satisfied_weight"))
    _set_rates(total, w_basic, settings.get(s, "score_weights"))
    return total


def _add_counts(total: Rates, r: Rates) -> None:
    for name in COUNTS:
        setattr(total, name, getattr(total, name) + getattr(r, name))


def score(r: Rates, weights: dict[str, float]) -> float | None:
    parts = [
        (weights.get("on_time", 0), r.on_time_rate),
        (weights.get("satisfaction", 0), r.satisfaction_rate),
        (weights.get("progress", 0), r.progress_rate),
    ]
    used = [(w, v) for w, v in parts if v is not None and w]
    total = sum(w for w, _ in used)
    return 100 * sum(w * v for w, v in used) / total if total else None


def _labels(s: Session, group: str) -> dict[Any, str]:
    if group == "list":
        return dict(s.execute(select(ItemList.id, ItemList.name)).tuples().all())
    if group == "unit":
        return dict(s.execute(select(Unit.id, Unit.name)).tuples().all())
    if group == "category":
        return {c: c for c in s.scalars(select(Item.category).distinct()) if c}
    return {}


def monthly(s: Session, year: int, as_of: dt.date, scope: ScopeRule = None) -> list[Rates]:
    """Overall rates as of the end of each month of ``year`` up to ``as_of``."""
    out = []
    for month in range(1, 13):
        end = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )
        day = min(end, as_of)
        if day < dt.date(year, month, 1):
            break
        row = (compute(s, day, scope=scope) or [Rates("all", "全部")])[0]
        row.key, row.label = f"{year}-{month:02d}", f"{year}年{month}月"
        out.append(row)
    return out


def pct(value: float | None) -> str:
    """A rate as printed everywhere (``62.7%``), or ``—`` when it has no denominator."""
    return "—" if value is None else f"{value:.1%}"


def as_dict(r: Rates) -> dict[str, Any]:
    return {f.name: getattr(r, f.name) for f in fields(r)}
