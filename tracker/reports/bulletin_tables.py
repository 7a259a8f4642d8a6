"""The bulletin's tables, shared by the PDF and the workbook so both print the same columns.

Values come out raw (counts as int, rates as fractions, missing as None); the PDF turns them
into text, the workbook keeps them as numbers so supervisors can sort and sum.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker import audit
from tracker.coordination import NeedLine
from tracker.metrics import Rates, pct
from tracker.reports.bulletin_data import BulletinData, ItemLine
from tracker.reports.summary import change

LIGHT_TITLES = {
    "red": "红灯事项（逾期未办结）",
    "orange": "橙灯事项（进度滞后）",
    "yellow": "黄灯事项（临近期限）",
}

UNIT_HEADERS = (
    "排名",
    "单位",
    "事项",
    "办结",
    "办结率",
    "按期办结率",
    "逾期未办结",
    "满意率",
    "按时报送率",
    "催办",
    "考核得分",
)
#: Positions in UNIT_HEADERS holding a rate (printed as a percentage).
RATE_COLUMNS = frozenset({4, 5, 7, 8})

#: KPI boxes whose number is a traced figure: a click on it can list exactly those items.
KPI_FIGURES = {
    "事项总数": "counted",
    "已办结": "done",
    "办结率": "done",
    "按期办结率": "on_time",
    "逾期未办结": "overdue_open",
}

ITEM_HEADERS = ("序号", "编号", "事项名称", "牵头单位", "完成时限", "状态", "逾期天数", "督办")
NEED_HEADERS = ("序号", "编号", "事项名称", "提出单位", "报送日期", "需协调事项")


def need_rows(lines: Sequence[NeedLine]) -> list[list[str]]:
    """The 需协调事项 section's rows, oldest request first (as ``open_needs`` orders them)."""
    return [
        [str(i), n.code, n.title, n.unit, n.reported_on.isoformat(), n.needs]
        for i, n in enumerate(lines, 1)
    ]


def footer_text(d: BulletinData) -> str:
    """As-of time and the audit chain's head on that day: a reader can check the figures
    against the ledger's recorded history."""
    # the first 16 hex digits identify the entry (the JSON output has the whole hash)
    head = "统计日前无审计记录" if d.audit_head == audit.GENESIS else d.audit_head[:16] + "…"
    return (
        f"数据截至 {d.as_of.isoformat()}，生成于 {d.generated_at:%Y-%m-%d %H:%M}；"
        f"截至统计日的审计链头 {head}"
    )


def kpi_boxes(d: BulletinData) -> list[tuple[str, str, str]]:
    """(label, figure, note) of each box, the same on paper and on the dashboard."""
    k, p = d.kpi, d.previous
    boxes = [
        ("事项总数", str(k.counted), f"本期新增 {d.new_in_period}"),
        ("已办结", str(k.done), f"本期办结 {d.done_in_period}"),
        ("办结率", pct(k.completion_rate), _versus(k.completion_rate, p.completion_rate)),
        ("按期办结率", pct(k.on_time_rate), _versus(k.on_time_rate, p.on_time_rate)),
        ("逾期未办结", str(k.overdue_open), f"上期 {p.overdue_open}"),
        ("满意率", pct(k.satisfaction_rate), _versus(k.satisfaction_rate, p.satisfaction_rate)),
    ]
    if k.visits_with_contact:
        boxes += [
            ("响应率", pct(k.response_rate), f"记录联系情况的回访 {k.visits_with_contact} 项"),
            ("解决率", pct(k.solve_rate), f"记录联系情况的回访 {k.visits_with_contact} 项"),
        ]
    else:
        boxes += [("已回访", str(k.surveyed), ""), ("累计催办", str(k.urges), "次")]
    return boxes


def _versus(now: float | None, before: float | None) -> str:
    words = change(now, before).lstrip("，")
    return words or f"上期 {pct(before)}"


def unit_values(rank: int | None, u: Rates) -> list[Any]:
    """One ranking row; rank is None for a unit without a score (too few items to rank)."""
    score = None if u.score is None else round(u.score, 1)
    return [
        rank,
        u.label,
        u.counted,
        u.done,
        u.completion_rate,
        u.on_time_rate,
        u.overdue_open,
        u.satisfaction_rate,
        u.progress_rate,
        u.urges,
        score,
    ]


def ranked(units: Sequence[Rates]) -> list[list[Any]]:
    """Ranking rows in the order given; only scored units get a rank number, and only
    where there is more than one unit to rank."""
    ranks = len(units) > 1
    return [
        unit_values(i if u.score is not None and ranks else None, u) for i, u in enumerate(units, 1)
    ]


def unit_text(values: list[Any]) -> list[str]:
    """A ranking row as printed: rates as percentages, missing figures as a dash."""
    return [_printed(i, v) for i, v in enumerate(values)]


def _printed(column: int, v: Any) -> str:
    if column in RATE_COLUMNS:
        return pct(v)
    if v is None:
        return "—"
    return f"{v:.1f}" if isinstance(v, float) else str(v)


def item_values(i: int, x: ItemLine) -> list[Any]:
    """One warning-list row; no overdue days is None (an empty cell, not a zero)."""
    return [i, x.code, x.title, x.unit, x.deadline, x.status, x.overdue_days or None, x.escalation]
