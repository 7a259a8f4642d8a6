"""The bulletin's own arithmetic, checked before a document is written.

A 督办通报 is signed and circulated: a number that disagrees with the number beside it
ends the tool's credibility. Every writer (PDF, XLSX, JSON) calls ``check`` first, and a
failing invariant refuses the whole document with the figure's name.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.enums import Status
from tracker.errors import ReportInvariantError
from tracker.metrics import Rates
from tracker.reports.bulletin_data import BulletinData

#: The counts that add up over the units (and the categories) to the whole.
ADDITIVE = (
    ("counted", "事项总数"),
    ("done", "已办结"),
    ("overdue_open", "逾期未办结"),
    ("surveyed", "已回访"),
)
DONE_LABELS = (Status.COMPLETED.label, Status.CLOSED.label)


def check(d: BulletinData) -> None:
    """Raise ``ReportInvariantError`` naming the first figure that does not reconcile.

    A bulletin re-printed from a published snapshot is what was circulated and is not
    checked again.
    """
    if d.snapshot_id is not None:
        return
    k = d.kpi
    statuses = dict(d.status_counts)
    _same("状态分布合计", sum(statuses.values()), "事项总数", k.counted)
    _same(
        "状态分布中已办结、已销号", sum(statuses.get(x, 0) for x in DONE_LABELS), "已办结", k.done
    )
    _same("红灯（逾期）名单", d.warning_totals.get("red", 0), "逾期未办结", k.overdue_open)
    _same("逾期天数分布合计", sum(n for _, n in d.overdue_buckets), "逾期未办结", k.overdue_open)
    _same("满意度分布合计", sum(n for _, n in d.satisfaction), "已回访", k.surveyed)
    _parts("各单位", d.units, k)
    _parts("分领域", d.categories, k)
    _lists(d)
    if sum(n for _, n in d.done_by_month) > k.done:
        raise ReportInvariantError("逐月办结", "各月办结之和多于已办结总数")


def _same(name: str, value: int, other: str, expected: int) -> None:
    if value != expected:
        raise ReportInvariantError(name, f"{name} {value} 项，{other} {expected} 项")


def _parts(name: str, rows: Iterable[Rates], whole: Rates) -> None:
    rows = list(rows)
    for field, label in ADDITIVE:
        total = sum(getattr(r, field) for r in rows)
        _same(f"{name}{label}合计", total, f"全部{label}", getattr(whole, field))


def _lists(d: BulletinData) -> None:
    """Each printed list holds no more than its total, and the red list's every line is
    overdue (the lists are cut at the annex's limit, never padded)."""
    lists = {
        **{f"{c}灯名单": (d.warnings.get(c, []), d.warning_totals.get(c, 0)) for c in d.warnings},
        "督办事项名单": (d.escalated, d.escalated_total),
        "督查室待审核名单": (d.review_backlog, d.review_backlog_total),
        "待交办名单": (d.assign_backlog, d.assign_backlog_total),
    }
    lists["需协调事项"] = (d.needs, d.needs_total)  # type: ignore[assignment]
    for name, (lines, total) in lists.items():
        if len(lines) > total or (total and not lines):
            raise ReportInvariantError(name, f"列出 {len(lines)} 项，总数 {total} 项")
    late = [x.code for x in d.warnings.get("red", []) if x.overdue_days <= 0]
    if late:
        raise ReportInvariantError("红灯（逾期）名单", f"{late[0]} 的逾期天数不是正数")
