"""Writing a unit's fill-in pack: its two sheets, the 填表说明, and the hidden check sheet.

The check sheet holds, per row, the item id, what each locked cell showed and the ledger
values a returned change is checked against (state, percent, the latest progress, the
deadline), signed with a key of this ledger. A returned copy then proves which items it
speaks for, which locked cells were edited, and which fields changed in the ledger since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.excel.print_setup import A4, fit_to_width
from tracker.excel.raw_rows import RawRows
from tracker.excel.safe_cell import cell, cell_text
from tracker.excel.unit_pack.columns import (
    FIRST_DATA_ROW,
    FORMAT,
    HEADER_ROW,
    HELP,
    INSTRUCTIONS,
    MAX_TEXT,
    META,
    SHEETS,
    SIGN_OFF,
    SIGN_OFF_DATE,
    Column,
    Kind,
    SheetSpec,
)
from tracker.textwidth import display_width

#: Named so that Excel and WPS use their Song face, and LibreOffice a Chinese one (an unnamed
#: Calibri made LibreOffice on Kylin/UOS fall back to Japanese glyph forms). 134 is GB2312.
FONT_NAME = "宋体"
BODY = Font(name=FONT_NAME, size=10, charset=134)
BOLD = Font(name=FONT_NAME, size=10, bold=True, charset=134)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True, charset=134)
YELLOW = PatternFill("solid", fgColor="FFF2CC")
GREY = PatternFill("solid", fgColor="E7E6E6")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
OPEN = Protection(locked=False)
FORMATS = {Kind.DATE: "yyyy-mm-dd", Kind.PERCENT: "General"}
LINE_POINTS = 13.5
#: Printed packs are often filled in by pen: every row leaves room for two lines.
MIN_LINES = 2
MAX_LINES = 12


@dataclass(frozen=True)
class Base:
    """The ledger values a returned change is checked against (changed since export?)."""

    status: str
    percent: int
    progress_hash: str
    deadline: str  # ISO date or ""
    problems_hash: str  # of the latest report's 存在问题 (the unit's own, on the co sheet)
    needs_hash: str

    def fields(self) -> list[Any]:
        return [
            self.status,
            self.percent,
            self.progress_hash,
            self.deadline,
            self.problems_hash,
            self.needs_hash,
        ]


@dataclass(frozen=True)
class PackRow:
    """One exported item: what its locked cells show (by column key) and its base."""

    item_id: int
    shown: dict[str, str]
    base: Base

    @property
    def code(self) -> str:
        return self.shown["code"]


def text_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def normal(value: Any) -> Any:
    """A check-sheet value as any reader gives it back: whole numbers as int, text with
    plain line ends, an empty cell as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def signature(secret: str, unit_id: int, tag: str, item_id: int, fields: Sequence[Any]) -> str:
    """The HMAC of one check-sheet row, over values as they come back from any reader."""
    values = [unit_id, tag, item_id, *map(normal, fields)]
    message = json.dumps(values, ensure_ascii=False).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def header_signature(secret: str, unit_id: int, unit: str, exported_at: str) -> str:
    """The HMAC of the check sheet's first row: proves the pack is this ledger's."""
    return signature(secret, unit_id, "pack", 0, [unit, exported_at])


def shown_values(spec: SheetSpec, row: PackRow) -> list[str]:
    """The locked cells of ``row`` as written (cut and cleaned as a cell holds them)."""
    return [cell_text(row.shown.get(c.key, "")) for c in spec.locked]


def meta_fields(spec: SheetSpec, row: PackRow) -> list[Any]:
    """What the check sheet keeps of a row after its id: signed as a whole."""
    return [row.code, *row.base.fields(), *shown_values(spec, row)]


def write_pack(
    path: Path,
    unit_id: int,
    unit: str,
    list_label: str,
    rows: dict[str, list[PackRow]],
    secret: str,
    exported_at: dt.datetime,
) -> None:
    """Write the pack; ``rows`` by sheet tag (lead, co). A sheet without rows is left out."""
    wb = Workbook(write_only=True)
    for spec in SHEETS:
        sheet_rows = rows.get(spec.tag, [])
        if sheet_rows or spec.tag == "lead":  # the lead sheet is how a pack is known
            ws = _sheet(wb, spec, unit, list_label, sheet_rows, exported_at)
            if not sheet_rows:
                ws.sheet_state = "hidden"  # a unit that only co-organises prints no empty page
                wb.active = 1
    _help(wb)
    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    stamp = exported_at.isoformat(timespec="seconds")
    head_sig = header_signature(secret, unit_id, unit, stamp)
    meta.append([FORMAT, unit_id, cell(meta, unit), stamp, cell(meta, head_sig)])
    for spec in SHEETS:
        for r in rows.get(spec.tag, []):
            fields = meta_fields(spec, r)
            sig = signature(secret, unit_id, spec.tag, r.item_id, fields)
            meta.append([cell(meta, spec.tag), r.item_id, cell(meta, sig), *_texts(meta, fields)])
    wb.properties.title = f"{unit}填报包"
    wb.properties.creator = "实事台账"
    wb.save(path)


def _texts(ws: Any, values: list[Any]) -> list[Any]:
    return [cell(ws, v) if isinstance(v, str) else v for v in values]


def _sheet(
    wb: Workbook,
    spec: SheetSpec,
    unit: str,
    list_label: str,
    rows: list[PackRow],
    exported_at: dt.datetime,
) -> Any:
    ws = wb.create_sheet(spec.name)
    # one list: its name on every row says nothing and costs a column of paper
    hidden = {"list"} if len({r.shown.get("list") for r in rows}) <= 1 else set()
    _layout(ws, spec, hidden)
    raw = RawRows(ws)
    last = get_column_letter(len(spec.columns))
    ws.append([cell(ws, f"{unit}{spec.title}（{list_label}）", font=TITLE_FONT)])
    ws.append(
        [
            cell(
                ws,
                f"导出时间：{exported_at:%Y-%m-%d %H:%M}　共 {len(rows)} 项　"
                "只填写黄色列，填写方法见“填表说明”",
                font=BODY,
            )
        ]
    )
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    styles = _Styles(raw, spec)
    raw.append([c.header for c in spec.columns], styles.header, 2 * LINE_POINTS)
    for r in rows:
        values: list[Any] = [r.shown.get(c.key) if not c.editable else None for c in spec.columns]
        raw.append(values, styles.body, _height(spec.columns, values, hidden), fixed=False)
    ws.append([])
    ws.append([cell(ws, SIGN_OFF, font=BODY)])
    ws.append([cell(ws, SIGN_OFF_DATE, font=BODY, alignment=Alignment(horizontal="right"))])
    end = FIRST_DATA_ROW + len(rows) + 1
    ws.merged_cells.add(f"A{end}:{last}{end}")
    ws.merged_cells.add(f"A{end + 1}:{last}{end + 1}")
    _validations(ws, spec, len(rows))
    return ws


def _layout(ws: Any, spec: SheetSpec, hidden: set[str]) -> None:
    for i, col in enumerate(spec.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.column_dimensions[get_column_letter(i)].hidden = col.key in hidden
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    fit_to_width(ws, A4, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.8  # room for the page number under the table
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.font = FONT_NAME


class _Styles:
    """Style indexes of the header and data cells, by column."""

    def __init__(self, raw: RawRows, spec: SheetSpec) -> None:
        self.header = [
            raw.style(
                font=BOLD, fill=GREY if not c.editable else YELLOW, alignment=CENTRE, border=BOX
            )
            for c in spec.columns
        ]
        self.body = [
            raw.style(font=BODY, alignment=WRAP, border=BOX)
            if not c.editable
            else raw.style(
                font=BODY,
                alignment=WRAP,
                border=BOX,
                fill=YELLOW,
                protection=OPEN,
                number_format=FORMATS.get(c.kind, "@"),
            )
            for c in spec.columns
        ]


def _height(columns: Sequence[Column], values: list[Any], hidden: set[str]) -> float:
    """Enough height for the wrapped text in LibreOffice as in Excel (write-only sheets
    cannot auto-fit, and a CJK character takes two columns of width)."""
    lines = MIN_LINES
    for col, value in zip(columns, values, strict=True):
        if isinstance(value, str) and value and col.key not in hidden:
            per_line = max(int(col.width) - 1, 1)
            wanted = sum(-(-display_width(part) // per_line) or 1 for part in value.split("\n"))
            lines = max(lines, wanted)
    return LINE_POINTS * min(lines, MAX_LINES) + 3


def _validations(ws: Any, spec: SheetSpec, count: int) -> None:
    last_row = FIRST_DATA_ROW + max(count, 1) - 1
    for i, col in enumerate(spec.columns, start=1):
        if not col.editable:
            continue
        dv = _validation(col)
        letter = get_column_letter(i)
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.data_validations.append(dv)


def _validation(col: Column) -> DataValidation:
    common: dict[str, Any] = {
        "allow_blank": True,
        "showErrorMessage": True,
        "errorTitle": col.header,
    }
    if col.kind == Kind.PERCENT:
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            error="请填写 0 到 100 的整数，如 90（写成 90% 也可以）",
            **common,
        )
    if col.kind == Kind.DATE:
        return DataValidation(
            type="date",
            operator="between",
            formula1="36526",  # 2000-01-01
            formula2="73050",  # 2099-12-31
            error="请填写日期，如 2026-10-20",
            **common,
        )
    if col.kind == Kind.YES_NO:
        return DataValidation(type="list", formula1='"是,否"', error="请选择“是”或“否”", **common)
    return DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_TEXT),
        error=f"内容请控制在 {MAX_TEXT} 字以内",
        **common,
    )


def _help(wb: Workbook) -> None:
    ws = wb.create_sheet(HELP)
    width = 64  # a portrait A4 page holds it without shrinking
    ws.column_dimensions["A"].width = width
    fit_to_width(ws, A4, landscape=False)
    raw = RawRows(ws)
    title = raw.style(font=TITLE_FONT, alignment=WRAP)
    body = raw.style(font=BODY, alignment=WRAP)
    for i, line in enumerate(INSTRUCTIONS):
        lines = -(-display_width(line) // (width - 2))
        raw.append([line], [title if i == 0 else body], LINE_POINTS * lines + 6)
