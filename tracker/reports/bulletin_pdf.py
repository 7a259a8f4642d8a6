"""The 督办通报 as a PDF a county leader can hand out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tracker.deadlines import format_deadline
from tracker.metrics import Rates, definitions
from tracker.reports import charts, reconcile
from tracker.reports.bulletin_data import BulletinData, ItemLine
from tracker.reports.bulletin_tables import (
    ITEM_HEADERS,
    LIGHT_TITLES,
    NEED_HEADERS,
    UNIT_HEADERS,
    footer_text,
    item_values,
    kpi_boxes,
    need_rows,
    ranked,
    unit_text,
)
from tracker.reports.pdf_doc import ReportPDF, save_report
from tracker.reports.summary import paragraphs, score_formula

CHAPTERS = [*"一二三四五六七八九十", "十一", "十二", "十三", "十四"]
#: Items printed per list in the PDF; the XLSX annex holds the longer lists.
PDF_LIST_LIMIT = 50


UNIT_WIDTHS = (8, 40, 10, 10, 13, 15, 14, 13, 15, 10, 14)


def unit_rows(units: Sequence[Rates]) -> list[list[str]]:
    return [unit_text(row) for row in ranked(units)]


ITEM_WIDTHS = (8, 25, 52, 34, 25, 13, 12, 14)
NEED_WIDTHS = (8, 25, 45, 30, 20, 55)


def item_rows(lines: Sequence[ItemLine]) -> list[list[str]]:
    rows = [item_values(i, x) for i, x in enumerate(lines, 1)]
    return [["" if v is None else str(v) for v in row] for row in rows]


def write_pdf(d: BulletinData, path: Path) -> Path:
    reconcile.check(d)
    return save_report(
        path, lambda common: _draw(d, ReportPDF(d.title, footer_text(d), common=common))
    )


def _draw(d: BulletinData, pdf: ReportPDF) -> ReportPDF:
    pdf.title_block(
        d.title, f"{d.scope_label} · {d.period.label} · 数据截至{format_deadline(d.as_of)}"
    )
    chapter = iter(CHAPTERS)
    pdf.heading(f"{next(chapter)}、总体情况")
    pdf.kpis(kpi_boxes(d))
    for text in paragraphs(d):
        pdf.paragraph(text)
    if d.status_counts:
        pdf.picture(charts.status_share(d.status_counts), 140)
    pdf.picture(charts.closures_by_month(d.done_by_month))
    if len(d.units) > 1:  # a unit's own report has nothing to rank
        pdf.heading(f"{next(chapter)}、单位排名")
        for title, units in charts.unit_pages(d.units):
            pdf.picture(charts.unit_completion(units, title))
        pdf.table(UNIT_HEADERS, unit_rows(d.units), UNIT_WIDTHS, "CLRRRRRRRRR", size=7.5)
        pdf.note(score_formula(d))
    for light, title in LIGHT_TITLES.items():
        pdf.heading(f"{next(chapter)}、{title}")
        _item_list(pdf, d.warnings[light], d.warning_totals[light])
    pdf.heading(f"{next(chapter)}、挂牌、提级等督办事项")
    _item_list(pdf, d.escalated, d.escalated_total)
    if d.review_backlog_total or d.assign_backlog_total:
        pdf.heading(f"{next(chapter)}、督查室待办事项（已过完成时限，不计入单位逾期）")
        pdf.note("等待审核（时限前已申请销号）：")
        _item_list(pdf, d.review_backlog, d.review_backlog_total)
        pdf.note("尚未交办：")
        _item_list(pdf, d.assign_backlog, d.assign_backlog_total)
    pdf.heading(f"{next(chapter)}、需协调事项（承办单位提请督查室协调）")
    _need_list(pdf, d)
    pdf.heading(f"{next(chapter)}、满意度与逾期情况")
    pdf.picture(charts.counts_bar("回访满意度分布", d.satisfaction, charts.PALETTE[2]), 130)
    pdf.picture(
        charts.counts_bar("逾期未办结事项的逾期天数", d.overdue_buckets, charts.PALETTE[0]), 130
    )
    if d.items:
        pdf.heading(f"{next(chapter)}、{d.scope_label}牵头的在办事项一览")
        pdf.table(ITEM_HEADERS, item_rows(d.items), ITEM_WIDTHS, "CLLLLCRC")
    if d.categories:
        pdf.heading(f"{next(chapter)}、分领域情况")
        rows = [r[1:-1] for r in unit_rows(d.categories)]
        headers = ("领域", *UNIT_HEADERS[2:-1])
        pdf.table(headers, rows, UNIT_WIDTHS[1:-1], "LRRRRRRRR", size=7.5)
    pdf.heading(f"{next(chapter)}、口径说明")
    for name, text in definitions(d.fair_clock).items():
        pdf.note(f"{name}：{text}")
    return pdf


def _item_list(pdf: ReportPDF, lines: Sequence[ItemLine], total: int) -> None:
    if not lines:
        pdf.paragraph("无。")
        return
    shown = lines[:PDF_LIST_LIMIT]
    more = (
        f"，以下按完成时限先后列出前{len(shown)}项，其余见同名 XLSX 附表"
        if total > len(shown)
        else ""
    )
    pdf.note(f"共{total}项{more}。")
    pdf.table(ITEM_HEADERS, item_rows(shown), ITEM_WIDTHS, "CLLLLCRC")


def _need_list(pdf: ReportPDF, d: BulletinData) -> None:
    if not d.needs:
        pdf.paragraph("无。")
        return
    shown = d.needs[:PDF_LIST_LIMIT]
    more = (
        f"，以下列出提出最早的{len(shown)}条，其余见同名 XLSX 附表"
        if d.needs_total > len(shown)
        else ""
    )
    pdf.note(f"共{d.needs_total}条{more}。")
    pdf.table(NEED_HEADERS, need_rows(shown), NEED_WIDTHS, "CLLLCL")
