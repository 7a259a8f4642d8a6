"""The printable ledger (台账) as .xlsx, and as CSV with a BOM for Excel/WPS.

Laid out like the county's own lists: a merged title, an as-of line, a two-level header,
frozen header rows repeated on every printed page, A3 landscape fitted to width, wrapped text,
coloured status and warning cells, and a totals row. Rows are streamed (write-only mode) so a
100,000-item export does not hold the sheet in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tracker.enums import Status
from tracker.errors import ValidationError
from tracker.excel.print_setup import A3, fit_to_width
from tracker.excel.raw_rows import RawRows
from tracker.excel.safe_cell import cell, csv_value
from tracker.lights import Light, WarningRules, light_expr
from tracker.models import Item, ItemList, Person, Unit, item_co_unit
from tracker.query import ItemFilter, apply_filter, count_items
from tracker.tasks import Progress, ticking
from tracker.textwidth import display_width

BATCH = 1000


@dataclass(frozen=True)
class Column:
    group: str
    header: str
    width: float


COLUMNS = [
    Column("基本情况", "序号", 6),
    Column("基本情况", "编号", 14),
    Column("基本情况", "事项名称", 28),
    Column("基本情况", "主要内容", 36),
    Column("基本情况", "领域", 10),
    Column("责任落实", "牵头领导", 10),
    Column("责任落实", "牵头单位", 18),
    Column("责任落实", "配合单位", 22),
    Column("责任落实", "责任人", 10),
    Column("责任落实", "联系电话", 14),
    Column("推进情况", "完成时限", 16),
    Column("推进情况", "状态", 9),
    Column("推进情况", "预警", 8),
    Column("推进情况", "进度%", 7),
    Column("推进情况", "最新进展", 36),
    Column("推进情况", "催办次数", 7),
    Column("推进情况", "备注", 16),
]
HEADERS = [c.header for c in COLUMNS]
STATUS, LIGHT = HEADERS.index("状态"), HEADERS.index("预警")
LIGHT_TEXT = {"red": "逾期", "orange": "滞后", "yellow": "临期", "green": "正常", "grey": ""}
LIGHT_FILL = {"red": "F4B6B6", "orange": "F9D3A8", "yellow": "FBEBA0", "green": "CDE8C4"}
STATUS_FILL = {Status.CLOSED: "D9D9D9", Status.COMPLETED: "DDEBF7", Status.CANCELLED: "EDEDED"}
STATUS_FILL_BY_LABEL = {s.label: colour for s, colour in STATUS_FILL.items()}
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def exported(f: ItemFilter) -> ItemFilter:
    """``f`` as an export reads it: drafts only when asked for by status or selection
    (they are not yet official, and no figure counts them)."""
    if f.statuses or f.ids:
        return f
    return replace(f, statuses=[x for x in Status if x is not Status.DRAFT])


def export_rows(s: Session, f: ItemFilter) -> Iterator[list[Any]]:
    """The ledger lines for ``exported(f)`` in ledger order, one list of cell values each."""
    f = exported(f)
    as_of = f.as_of or dt.date.today()
    lead, person = aliased(Unit), aliased(Person)
    rules = WarningRules.load(s, as_of)
    stmt = apply_filter(
        s,
        select(
            Item.id,
            Item.code,
            Item.title,
            Item.content,
            Item.category,
            Item.leader,
            lead.name,
            person.name,
            func.coalesce(Item.assignee_phone, person.phone),
            Item.deadline_text,
            Item.status,
            light_expr(rules),
            Item.progress_percent,
            Item.latest_progress,
            Item.urge_count,
            Item.remarks,
        )
        .join(ItemList, ItemList.id == Item.list_id)
        .outerjoin(lead, lead.id == Item.lead_unit_id)
        .outerjoin(person, person.id == Item.assignee_id)
        .order_by(Item.list_id, Item.code),
        f,
    )
    stmt = rules.frame(stmt)
    n = 0
    result = s.execute(stmt.execution_options(yield_per=BATCH))
    for batch in result.partitions():
        co = _co_units(s, [r[0] for r in batch])
        for r in batch:
            n += 1
            item_id, *values = r  # code … unit, person, phone, deadline, status, light, …
            values[9] = Status(values[9]).label
            yield [n, *values[:6], "、".join(co.get(item_id, [])), *values[6:]]


def _co_units(s: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    rows = s.execute(
        select(item_co_unit.c.item_id, Unit.name)
        .join(Unit, Unit.id == item_co_unit.c.unit_id)
        .where(item_co_unit.c.item_id.in_(ids))
        .order_by(Unit.id)
    )
    for item_id, name in rows:
        out.setdefault(item_id, []).append(name)
    return out


def chosen_columns(headers: Sequence[str] | None) -> list[int]:
    """Indexes into ``COLUMNS`` of the chosen headers, in ledger order (all when none)."""
    if not headers:
        return list(range(len(COLUMNS)))
    unknown = [h for h in headers if h not in HEADERS]
    if unknown:
        raise ValidationError(
            "columns", f"没有这些列：{'、'.join(unknown)}。可选：{'、'.join(HEADERS)}"
        )
    return [i for i, h in enumerate(HEADERS) if h in headers]


def _written(path: Path, write: Callable[[Path], int]) -> int:
    """Write to a side file and rename it into place: a cancelled or failed export leaves
    no half-written workbook behind (and an older file of the same name untouched)."""
    part = path.with_name(path.name + ".part")
    try:
        n = write(part)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n


def export_csv(
    s: Session,
    f: ItemFilter,
    path: Path,
    *,
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """CSV in UTF-8 with a BOM, so Excel and WPS open Chinese without garbling."""
    keep = chosen_columns(columns)
    total = count_items(s, exported(f)) if progress else 0

    def write(target: Path) -> int:
        n = 0
        with target.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([HEADERS[i] for i in keep])
            for row in ticking(export_rows(s, f), progress, total, BATCH):
                row[LIGHT] = LIGHT_TEXT.get(row[LIGHT], "")
                writer.writerow([csv_value(row[i]) for i in keep])
                n += 1
        return n

    return _written(path, write)


def export_xlsx(
    s: Session,
    f: ItemFilter,
    path: Path,
    title: str,
    *,
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """The printable ledger; returns the number of items written."""
    keep = chosen_columns(columns)
    total = count_items(s, exported(f)) if progress else 0
    return _written(path, lambda target: _xlsx(s, f, target, title, keep, progress, total))


def _xlsx(
    s: Session,
    f: ItemFilter,
    path: Path,
    title: str,
    keep: list[int],
    progress: Progress | None,
    total: int,
) -> int:
    as_of = f.as_of or dt.date.today()
    cols = [COLUMNS[i] for i in keep]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    _layout(ws, cols)
    raw = RawRows(ws)
    last = get_column_letter(len(cols))
    ws.append(
        [cell(ws, title, font=Font(size=16, bold=True), alignment=Alignment(horizontal="center"))]
    )
    ws.append(
        [
            cell(
                ws,
                f"截至 {as_of.year}年{as_of.month}月{as_of.day}日",
                alignment=Alignment(horizontal="right"),
            )
        ]
    )
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    _header(ws, cols)
    styles = _RowStyles(raw)
    counts = dict.fromkeys(("rows", "left_out", "done", "overdue"), 0)
    left_out = (Status.CANCELLED.label, Status.DRAFT.label)
    try:
        for row in ticking(export_rows(s, f), progress, total, BATCH):
            counts["rows"] += 1
            counts["left_out"] += row[STATUS] in left_out
            counts["done"] += row[STATUS] in (Status.COMPLETED.label, Status.CLOSED.label)
            counts["overdue"] += row[LIGHT] == Light.RED
            raw.append(*styles.of(row, keep), _row_height(row, keep))
    except BaseException:
        _discard(ws)
        raise
    summary = footer(counts)
    if f.unit:  # the ledger's unit filter also finds what the unit co-organises
        summary += f"（含{f.unit}作为配合单位的事项，统计与通报只按牵头单位计）"
    ws.append([cell(ws, summary, font=Font(bold=True))])
    total_row = counts["rows"] + 5
    ws.merged_cells.add(f"A{total_row}:{last}{total_row}")
    wb.properties.title = title
    wb.properties.creator = "实事台账"
    wb.properties.subject = f"截至 {as_of.isoformat()} 的台账"
    wb.save(path)
    return counts["rows"]


def footer(counts: dict[str, int]) -> str:
    """The printed ledger's total line, counted as every figure counts (已终止 and drafts
    are listed but not in the figures; red is 逾期未办结)."""
    counted = counts["rows"] - counts["left_out"]
    text = f"合计 {counted} 项，其中已办结 {counts['done']} 项，逾期未办结 {counts['overdue']} 项"
    if counts["left_out"]:
        text += f"；另列已终止或草稿 {counts['left_out']} 项，不计入统计"
    return text


def _discard(ws: Any) -> None:
    """Close a write-only sheet abandoned half-way and delete its temporary file
    (openpyxl only cleans up after a save)."""
    try:
        ws.close()
        Path(ws._writer.out).unlink(missing_ok=True)
    except Exception:  # best effort: the export has already failed or been cancelled
        pass


def _layout(ws: Any, cols: list[Column]) -> None:
    for i, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "D5" if len(cols) > 3 else "A5"
    fit_to_width(ws, A3, title_rows="3:4")


def _header(ws: Any, cols: list[Column]) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DCE6F1")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    groups: list[Any] = []
    previous = None
    start = 1
    for i, col in enumerate(cols, start=1):
        groups.append(
            cell(
                ws,
                col.group if col.group != previous else None,
                font=bold,
                fill=fill,
                alignment=center,
                border=BOX,
            )
        )
        if col.group != previous and previous is not None:
            ws.merged_cells.add(f"{get_column_letter(start)}3:{get_column_letter(i - 1)}3")
            start = i
        previous = col.group
    ws.merged_cells.add(f"{get_column_letter(start)}3:{get_column_letter(len(cols))}3")
    ws.append(groups)
    ws.append(
        [cell(ws, c.header, font=bold, fill=fill, alignment=center, border=BOX) for c in cols]
    )


@cache
def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def _row_height(row: list[Any], keep: list[int]) -> float:
    """Enough height for the wrapped text (write-only sheets cannot auto-fit rows)."""
    lines = 1
    for i in keep:
        value, col = row[i], COLUMNS[i]
        if isinstance(value, str) and value:
            lines = max(lines, -(-display_width(value) // max(int(col.width) - 1, 1)))
    return min(15.0 * lines, 120.0)


WRAP = Alignment(wrap_text=True, vertical="top")


class _RowStyles:
    """Cell values and style indexes of ledger lines: boxed and wrapped, the status and
    warning cells filled with their colour."""

    def __init__(self, raw: RawRows) -> None:
        self._raw = raw
        self._by_fill: dict[str | None, int] = {None: raw.style(alignment=WRAP, border=BOX)}

    def _index(self, colour: str | None) -> int:
        known = self._by_fill.get(colour)
        if known is None:
            known = self._by_fill[colour] = self._raw.style(
                alignment=WRAP, border=BOX, fill=_fill(colour)
            )
        return known

    def of(self, row: list[Any], keep: list[int]) -> tuple[list[Any], list[int]]:
        values, styles = [], []
        for i in keep:
            value, colour = row[i], None
            if i == LIGHT:
                colour = LIGHT_FILL.get(value)
                value = LIGHT_TEXT.get(value, "")
            elif i == STATUS:
                colour = STATUS_FILL_BY_LABEL.get(value)
            values.append(value)
            styles.append(self._index(colour))
        return values, styles
