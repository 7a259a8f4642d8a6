"""The 督办通报 as a workbook: the same tables as the PDF, native Excel charts, full lists.

Supervisors sort and filter the annex lists themselves, so numbers are stored as numbers
(rates as fractions with a percent format) and every user text is written as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from tracker.deadlines import format_deadline
from tracker.excel.print_setup import A4, fit_to_width
from tracker.excel.raw_rows import RawRows
from tracker.excel.safe_cell import Styler
from tracker.metrics import definitions
from tracker.reports import reconcile
from tracker.reports.bulletin_data import BulletinData, ItemLine
from tracker.reports.bulletin_tables import (
    ITEM_HEADERS,
    LIGHT_TITLES,
    NEED_HEADERS,
    UNIT_HEADERS,
    footer_text,
    item_values,
    need_rows,
    ranked,
    unit_values,
)
from tracker.reports.summary import paragraphs, score_formula

TITLE = Font(name="黑体", size=16, bold=True, color="C0392B")
BOLD = Font(bold=True)
NOTE = Font(size=9, color="6C757D")
HEAD_FILL = PatternFill("solid", fgColor="EAEEF3")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0.0%"


def write_xlsx(d: BulletinData, path: Path) -> Path:
    reconcile.check(d)
    wb = Workbook(write_only=True)
    _overview(wb, d)
    _units(wb, d)
    for light, title in LIGHT_TITLES.items():
        _items(wb, title.split("（")[0], title, d.warnings[light], d.warning_totals[light], d)
    _items(wb, "督办事项", "挂牌、提级等督办事项", d.escalated, d.escalated_total, d)
    if d.review_backlog_total:
        title = "督查室待审核（已过时限、时限前已申请销号）"
        _items(wb, "督查室待审核", title, d.review_backlog, d.review_backlog_total, d)
    if d.assign_backlog_total:
        title = "待交办（已过完成时限）"
        _items(wb, "待交办", title, d.assign_backlog, d.assign_backlog_total, d)
    if d.needs_total:
        _needs(wb, d)
    if d.items:
        _items(wb, "事项一览", f"{d.scope_label}牵头的在办事项一览", d.items, len(d.items), d)
    _categories(wb, d)
    _definitions(wb, d)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _sheet(
    wb: Workbook,
    name: str,
    title: str,
    d: BulletinData,
    widths: Sequence[int],
    freeze: str | None = None,
) -> tuple[Any, Styler, RawRows]:
    """A sheet with its title lines. Widths and frozen panes are set before the first row:
    a write-only sheet writes its view at the first row and ignores them after."""
    ws = wb.create_sheet(name)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    if freeze:
        ws.freeze_panes = freeze
    fit_to_width(ws, A4)  # a printed list keeps its last columns on the page
    raw = RawRows(ws)
    st = Styler(ws)
    ws.append([st(title, font=TITLE)])
    ws.append([st(f"{d.scope_label} · {d.period.label} · 数据截至{format_deadline(d.as_of)}")])
    ws.append([st(footer_text(d), font=NOTE)])
    ws.append([])
    return ws, st, raw


def _header(ws: Any, st: Styler, headers: Sequence[str]) -> None:
    ws.append([st(h, font=BOLD, fill=HEAD_FILL, border=BOX, alignment=WRAP) for h in headers])


def _overview(wb: Workbook, d: BulletinData) -> None:
    ws, st, _ = _sheet(wb, "概况", d.title, d, (18, 14, 14, 40))
    k, p = d.kpi, d.previous
    _header(ws, st, ["指标", "本期", "上期", "说明"])
    figures: list[tuple[str, Any, Any, str]] = [
        ("事项总数", k.counted, p.counted, "不含草稿与已终止事项"),
        ("已办结", k.done, p.done, "已办结与已销号"),
        ("办结率", k.completion_rate, p.completion_rate, "已办结 ÷ 事项总数"),
        ("按期办结率", k.on_time_rate, p.on_time_rate, "按期办结 ÷ 已到期或已办结"),
        ("逾期未办结", k.overdue_open, p.overdue_open, "即红灯：已过完成时限、未办结、未暂缓"),
        ("督查室待审核", d.review_backlog_total, None, "已过时限、时限前已申请销号，不计入单位"),
        ("待交办", d.assign_backlog_total, None, "已过时限、尚未交办，不计入单位"),
        ("需协调事项", d.needs_total, None, "承办单位最近一次报送中提请协调、事项仍在办"),
        ("满意率", k.satisfaction_rate, p.satisfaction_rate, "（满意＋基本满意×权重）÷ 已评价"),
        ("响应率", k.response_rate, p.response_rate, "回访中已联系 ÷ 回访"),
        ("解决率", k.solve_rate, p.solve_rate, "回访中已解决 ÷ 回访"),
        ("本期新增", d.new_in_period, None, d.period.label),
        ("本期办结", d.done_in_period, None, d.period.label),
        ("已终止", d.cancelled_total, None, "不计入任何数字"),
    ]
    for label, now, before, why in figures:
        fmt = PERCENT if isinstance(now, float) or isinstance(before, float) else "0"
        ws.append(
            [
                st(label, border=BOX),
                st(now, border=BOX, number_format=fmt),
                st(before, border=BOX, number_format=fmt),
                st(why, border=BOX, font=NOTE),
            ]
        )
    ws.append([])
    summary = paragraphs(d)
    for text in summary:
        ws.append([st(text)])
    ws.append([])
    start = 6 + len(figures) + len(summary) + 2
    _header(ws, st, ["月份", "当月办结", "累计办结"])
    total = 0
    for month, n in d.done_by_month:
        total += n
        ws.append([st(month), st(n), st(total)])
    ws.append([])
    _header(ws, st, ["状态", "事项"])
    for name, n in d.status_counts:
        ws.append([st(name), st(n)])
    _month_chart(ws, start, len(d.done_by_month))
    _status_chart(ws, start + len(d.done_by_month) + 2, len(d.status_counts))


def _month_chart(ws: Any, header_row: int, n: int) -> None:
    bars = BarChart()
    bars.title, bars.y_axis.title = "逐月办结情况", "当月办结（项）"
    data = Reference(ws, min_col=2, min_row=header_row, max_row=header_row + n)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=header_row + n))
    line = LineChart()
    line.add_data(
        Reference(ws, min_col=3, min_row=header_row, max_row=header_row + n), titles_from_data=True
    )
    line.y_axis.axId, line.y_axis.title, line.y_axis.crosses = 200, "累计办结（项）", "max"
    bars += line
    bars.width, bars.height = 18, 8
    ws.add_chart(bars, "F2")


def _status_chart(ws: Any, header_row: int, n: int) -> None:
    pie = PieChart()
    pie.title = "事项状态分布"
    pie.add_data(
        Reference(ws, min_col=2, min_row=header_row, max_row=header_row + n), titles_from_data=True
    )
    pie.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=header_row + n))
    pie.width, pie.height = 12, 8
    ws.add_chart(pie, "F20")


def _definitions(wb: Workbook, d: BulletinData) -> None:
    ws, st, _ = _sheet(wb, "口径说明", "口径说明", d, (16, 90))
    _header(ws, st, ["指标", "口径"])
    for name, text in definitions(d.fair_clock).items():
        ws.append([st(name, border=BOX), st(text, border=BOX, alignment=WRAP)])


def _rate_row(st: Styler, values: Sequence[Any]) -> list[Any]:
    return [
        st(v, border=BOX, number_format=PERCENT if isinstance(v, float) and v <= 1 else "General")
        for v in values
    ]


def _units(wb: Workbook, d: BulletinData) -> None:
    widths = (6, 30, 8, 8, 9, 11, 11, 9, 11, 7, 10)
    ws, st, _ = _sheet(wb, "单位排名", "单位排名", d, widths, freeze="C7")
    ws.append([st(score_formula(d), font=NOTE)])
    _header(ws, st, UNIT_HEADERS)
    for row in ranked(d.units):
        ws.append(_rate_row(st, row))
    if d.units:
        chart = BarChart()
        # Every unit, in the ranking's order (the PDF's charts show the same).
        chart.type, chart.title = "bar", "各单位办结率（按考核排名）"
        rows = len(d.units)
        chart.add_data(Reference(ws, min_col=5, min_row=6, max_row=6 + rows), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=7, max_row=6 + rows))
        chart.y_axis.number_format = "0%"
        chart.x_axis.scaling.orientation = "maxMin"  # first ranked at the top
        chart.width, chart.height = 16, max(8, rows * 0.5)
        ws.add_chart(chart, "M6")


def _items(
    wb: Workbook, name: str, title: str, lines: Sequence[ItemLine], total: int, d: BulletinData
) -> None:
    ws, st, raw = _sheet(wb, name, title, d, (6, 18, 44, 28, 16, 9, 9, 10), freeze="C7")
    shown = f"共{total}项" + (
        f"，本表列出完成时限最早的{len(lines)}项；完整名单请在台账中按预警筛选后导出"
        if total > len(lines)
        else ""
    )
    ws.append([st(shown + "。", font=NOTE)])
    _header(ws, st, ITEM_HEADERS)
    boxed = [raw.style(border=BOX)] * len(ITEM_HEADERS)
    for i, x in enumerate(lines, 1):
        raw.append(item_values(i, x), boxed)


def _needs(wb: Workbook, d: BulletinData) -> None:
    title = "需协调事项（承办单位提请督查室协调）"
    ws, st, raw = _sheet(wb, "需协调事项", title, d, (6, 18, 40, 24, 12, 60), freeze="C7")
    cut = len(d.needs) < d.needs_total
    ws.append(
        [
            st(
                f"共{d.needs_total}条"
                + (f"，本表列出提出最早的{len(d.needs)}条" if cut else "")
                + "。",
                font=NOTE,
            )
        ]
    )
    _header(ws, st, NEED_HEADERS)
    boxed = [raw.style(border=BOX, alignment=WRAP)] * len(NEED_HEADERS)
    for row in need_rows(d.needs):
        raw.append(row, boxed)


def _categories(wb: Workbook, d: BulletinData) -> None:
    widths = (20, 8, 8, 9, 11, 11, 9, 11, 7)
    ws, st, _ = _sheet(wb, "分领域", "分领域情况", d, widths)
    ws.append([])
    _header(ws, st, ["领域", *UNIT_HEADERS[2:-1]])
    for r in d.categories:
        ws.append(_rate_row(st, unit_values(None, r)[1:-1]))
