"""Everything a 督办通报 prints, gathered once from the database into plain values.

The PDF, the XLSX, the dashboard and a published snapshot all read this one structure, so
the same bulletin never shows two different numbers. Figures come from ``tracker.metrics``
(the single definition of every rate); lists of items come from the ledger queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from tracker import audit, metric_series, metrics
from tracker.enums import ACTIVE_STATUSES, OPEN_STATUSES, Escalation, Status
from tracker.lights import Light, WarningRules, light_expr
from tracker.models import Item, Unit
from tracker.reports.period import Period
from tracker.services import ledger, registry, settings

#: At most this many items are kept per warning list (the XLSX annex); the total is always kept.
LIST_LIMIT = 5000
OVERDUE_BUCKETS = ((1, 7, "1–7天"), (8, 30, "8–30天"), (31, 90, "31–90天"), (91, 180, "91–180天"))


@dataclass(frozen=True)
class Scope:
    """Which part of the ledger a report covers: everything, one list, or one lead unit."""

    list_name: str | None = None
    unit: str | None = None

    @property
    def label(self) -> str:
        return self.unit or self.list_name or "全部清单"

    def condition(self, s: Session) -> ColumnElement[bool] | None:
        """The SQL condition on ``Item``; raises NotFoundError for an unknown name."""
        if self.unit:
            return Item.lead_unit_id == registry.unit_id(s, self.unit)
        if self.list_name:
            return Item.list_id == registry.list_id(s, self.list_name)
        return None


#: The default scope: every list.
WHOLE_LEDGER = Scope()


@dataclass(frozen=True)
class ItemLine:
    """One item as a report lists it."""

    id: int
    code: str
    title: str
    unit: str
    deadline: str
    status: str
    overdue_days: int
    escalation: str


@dataclass
class BulletinData:
    """The figures, lists and series of one bulletin."""

    title: str
    scope_label: str
    period: Period
    as_of: dt.date
    generated_at: dt.datetime
    kpi: metrics.Rates
    previous: metrics.Rates
    new_in_period: int
    done_in_period: int
    units: list[metrics.Rates]
    categories: list[metrics.Rates]
    status_counts: list[tuple[str, int]]
    done_by_month: list[tuple[str, int]]
    satisfaction: list[tuple[str, int]]
    overdue_buckets: list[tuple[str, int]]
    warnings: dict[str, list[ItemLine]]
    warning_totals: dict[str, int]
    escalated: list[ItemLine]
    escalated_total: int
    weights: dict[str, float]
    basic_weight: float
    audit_head: str
    items: list[ItemLine] = field(default_factory=list)


def gather(
    s: Session,
    period: Period,
    scope: Scope = WHOLE_LEDGER,
    as_of: dt.date | None = None,
    title: str = "“我为群众办实事”督办通报",
    list_limit: int = LIST_LIMIT,
    with_items: bool = False,
) -> BulletinData:
    """Collect a bulletin for ``period`` as of ``as_of`` (default: the period's end, or today)."""
    day = as_of or min(period.end, dt.date.today())
    cond = scope.condition(s)
    previous = period.previous()
    by_day = metric_series.done_by_day(s, dt.date(day.year, 1, 1), day, cond)
    warnings, totals = _warning_lists(s, cond, day, list_limit)
    escalated_filter = ledger.ItemFilter(
        statuses=sorted(ACTIVE_STATUSES),
        escalations=[e for e in Escalation if e is not Escalation.NORMAL],
        as_of=day,
    )
    escalated, escalated_total = _lines(s, escalated_filter, cond, day, list_limit)
    in_hand = ledger.ItemFilter(statuses=sorted(OPEN_STATUSES - {Status.DRAFT}), as_of=day)
    items = _lines(s, in_hand, cond, day, list_limit)[0] if with_items else []
    split = metrics.compute_by(s, day, ("unit", "category"), cond)
    units = split["unit"]
    kpi = metrics.combine(s, units)
    units.sort(key=lambda r: (r.score is None, -(r.score or 0), r.label))
    return BulletinData(
        title=title,
        scope_label=scope.label,
        period=period,
        as_of=day,
        generated_at=dt.datetime.now().replace(microsecond=0),
        kpi=kpi,
        previous=_one(metrics.compute(s, min(previous.end, day), scope=cond)),
        new_in_period=metric_series.created_between(s, period.start, day, cond),
        done_in_period=sum(n for d, n in by_day.items() if d >= period.start),
        units=units,
        categories=split["category"],
        status_counts=_status_counts(s, cond),
        done_by_month=_by_month(by_day, day),
        satisfaction=[
            ("满意", kpi.satisfied),
            ("基本满意", kpi.basic),
            ("不满意", kpi.dissatisfied),
        ],
        overdue_buckets=_buckets(metric_series.overdue_by_deadline(s, day, cond), day),
        warnings=warnings,
        warning_totals=totals,
        escalated=escalated,
        escalated_total=escalated_total,
        weights=dict(settings.get(s, "score_weights")),
        basic_weight=float(settings.get(s, "basic_satisfied_weight")),
        audit_head=audit.head_hash(s),
        items=items,
    )


def _one(rows: list[metrics.Rates]) -> metrics.Rates:
    return rows[0] if rows else metrics.Rates("all", "全部")


def _columns() -> tuple[list[ColumnElement[object]], Any]:
    """The columns of an ``ItemLine`` and the lead-unit alias they join."""
    lead = aliased(Unit)
    columns = [
        Item.id,
        Item.code,
        Item.title,
        lead.name,
        Item.deadline_text,
        Item.deadline_date,
        Item.status,
        Item.escalation,
    ]
    return columns, lead


def _line(day: dt.date, row: Sequence[Any]) -> ItemLine:
    i, code, title, unit, text, deadline, status, escalation = row
    return ItemLine(
        id=i,
        code=code,
        title=title,
        unit=unit or "",
        deadline=text or (deadline.isoformat() if deadline else ""),
        status=Status(status).label,
        overdue_days=ledger.overdue_days(status, deadline, day),
        escalation=Escalation(escalation).label if escalation else "",
    )


def _lines(
    s: Session, f: ledger.ItemFilter, cond: ColumnElement[bool] | None, day: dt.date, limit: int
) -> tuple[list[ItemLine], int]:
    """Up to ``limit`` matching items, earliest deadline first, and how many match in all.

    Plain columns, not ORM rows: a 100,000-item ledger has tens of thousands of red items
    and building entities for them cost seconds.
    """
    columns, lead = _columns()
    stmt = ledger.apply_filter(s, select(*columns).outerjoin(lead, lead.id == Item.lead_unit_id), f)
    count_stmt = ledger.apply_filter(s, select(func.count(Item.id)), f)
    if cond is not None:
        stmt, count_stmt = stmt.where(cond), count_stmt.where(cond)
    rows = s.execute(stmt.order_by(Item.deadline_date, Item.id).limit(limit))
    return [_line(day, row) for row in rows], s.scalar(count_stmt) or 0


def _warning_lists(
    s: Session, cond: ColumnElement[bool] | None, day: dt.date, limit: int
) -> tuple[dict[str, list[ItemLine]], dict[str, int]]:
    """The red, orange and yellow lists (as ``_lines`` with the ledger's light filter) from
    one scan: each item's light is worked out once and the lists are cut by a window
    function, instead of two scans per light (0.95 s → 0.53 s at 100,000 items)."""
    columns, lead = _columns()
    light = light_expr(WarningRules.load(s, day))
    shown = [Light.RED.value, Light.ORANGE.value, Light.YELLOW.value]
    ranked = (
        select(
            *columns,
            light.label("light"),
            func.row_number()
            .over(partition_by=light, order_by=(Item.deadline_date, Item.id))
            .label("n"),
            func.count().over(partition_by=light).label("total"),
        )
        .outerjoin(lead, lead.id == Item.lead_unit_id)
        .where(light.in_(shown))
    )
    if cond is not None:
        ranked = ranked.where(cond)
    ranked_rows = ranked.subquery()
    stmt = (
        select(ranked_rows)
        .where(ranked_rows.c.n <= limit)
        .order_by(ranked_rows.c.light, ranked_rows.c.n)
    )
    lists: dict[str, list[ItemLine]] = {k: [] for k in shown}
    totals = dict.fromkeys(shown, 0)
    for row in s.execute(stmt):
        *values, colour, _, total = row
        lists[colour].append(_line(day, values))
        totals[colour] = total
    return lists, totals


def _status_counts(s: Session, cond: ColumnElement[bool] | None) -> list[tuple[str, int]]:
    """Items per current status (drafts left out: they are not yet official)."""
    stmt = select(Item.status, func.count()).where(Item.status != Status.DRAFT)
    if cond is not None:
        stmt = stmt.where(cond)
    counts = dict(s.execute(stmt.group_by(Item.status)).tuples().all())
    return [(st.label, int(counts[st])) for st in Status if counts.get(st)]


def _by_month(by_day: dict[dt.date, int], day: dt.date) -> list[tuple[str, int]]:
    totals = [0] * day.month
    for d, n in by_day.items():
        if d.year == day.year and d <= day:
            totals[d.month - 1] += n
    return [(f"{m + 1}月", n) for m, n in enumerate(totals)]


def _buckets(by_deadline: dict[dt.date, int], day: dt.date) -> list[tuple[str, int]]:
    counts = dict.fromkeys([b[2] for b in OVERDUE_BUCKETS] + ["180天以上"], 0)
    for deadline, n in by_deadline.items():
        days = (day - deadline).days
        label = next((b[2] for b in OVERDUE_BUCKETS if b[0] <= days <= b[1]), "180天以上")
        counts[label] += n
    return list(counts.items())
