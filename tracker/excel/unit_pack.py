"""The unit fill-in workbook (填报包): written for one unit, read back when it returns.

Identity columns are locked; only the yellow columns (进展情况, 完成百分比, 存在问题,
需协调事项, 申请销号) are open, with dropdowns where the values are fixed. A very hidden sheet
holds each row's item id, version and an HMAC of what was exported, keyed by a secret of this
ledger, so a returned copy can prove which items it speaks for and whether anyone changed
their identity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as pc
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.errors import ImportFileError
from tracker.excel.cells import clean
from tracker.excel.safe_cell import cell
from tracker.excel.safety import check_workbook

SHEET = "填报表"
HELP = "填报说明"
META = "_校验"
HEADERS = [
    "编号",
    "事项名称",
    "完成时限",
    "当前状态",
    "上次进展",
    "进展情况",
    "完成百分比",
    "存在问题",
    "需协调事项",
    "申请销号",
]
EDITABLE = range(5, 10)
WIDTHS = [16, 30, 16, 10, 30, 36, 10, 20, 20, 10]
FIRST_DATA_ROW = 4
YELLOW = PatternFill("solid", fgColor="FFF2CC")
INSTRUCTIONS = [
    "填报说明",
    "1. 只填写黄色底色的列：进展情况、完成百分比（0–100 的整数）、存在问题、需协调事项、申请销号（是/否）。",
    "2. 编号、事项名称、完成时限等灰色列已锁定，请勿修改、删除或插入行；不需要填报的事项留空即可。",
    "3. 申请销号填“是”时，请在进展情况中写明完成情况，佐证材料另行报送。",
    "4. 可以用 Excel 或 WPS 填写，保存为 .xlsx 后原文件发回。请不要把其他单位的表格内容复制进来。",
]


@dataclass(frozen=True)
class PackRow:
    """One exported item."""

    item_id: int
    code: str
    title: str
    deadline: str
    status_label: str
    last_progress: str
    version: int


def signature(
    secret: str, unit_id: int, row_id: int, code: str, title: str, deadline: str, version: int
) -> str:
    message = f"{unit_id}|{row_id}|{code}|{title}|{deadline}|{version}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def write_pack(
    path: Path,
    unit_id: int,
    unit: str,
    list_label: str,
    rows: list[PackRow],
    secret: str,
    exported_at: dt.datetime,
) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "C4"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    percent = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        showErrorMessage=True,
        error="请填写 0 到 100 的整数",
        errorTitle="完成百分比",
    )
    closure = DataValidation(
        type="list",
        formula1='"是,否"',
        allow_blank=True,
        showErrorMessage=True,
        error="请选择“是”或“否”",
        errorTitle="申请销号",
    )
    last = FIRST_DATA_ROW + max(len(rows), 1) - 1
    percent.add(f"G{FIRST_DATA_ROW}:G{last}")
    closure.add(f"J{FIRST_DATA_ROW}:J{last}")
    ws.data_validations.append(percent)
    ws.data_validations.append(closure)
    ws.append(
        [
            cell(
                ws,
                f"{unit}“我为群众办实事”事项进展填报表（{list_label}）",
                font=Font(size=14, bold=True),
            )
        ]
    )
    ws.append(
        [cell(ws, f"导出时间：{exported_at:%Y-%m-%d %H:%M}　共 {len(rows)} 项　只填写黄色列")]
    )
    ws.merged_cells.add("A1:J1")
    ws.merged_cells.add("A2:J2")
    bold = Font(bold=True)
    ws.append(
        [
            cell(ws, h, font=bold, fill=YELLOW if i in EDITABLE else PatternFill())
            for i, h in enumerate(HEADERS)
        ]
    )
    wrap = Alignment(wrap_text=True, vertical="top")
    open_cell = Protection(locked=False)
    for r in rows:
        fixed = [r.code, r.title, r.deadline, r.status_label, r.last_progress]
        ws.append(
            [cell(ws, v, alignment=wrap) for v in fixed]
            + [cell(ws, None, fill=YELLOW, protection=open_cell, alignment=wrap) for _ in EDITABLE]
        )
    help_ws = wb.create_sheet(HELP)
    help_ws.column_dimensions["A"].width = 110
    for line in INSTRUCTIONS:
        help_ws.append([cell(help_ws, line)])
    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    meta.append(
        [
            cell(meta, "shishi-pack-1"),
            unit_id,
            cell(meta, unit),
            cell(meta, exported_at.isoformat(timespec="seconds")),
        ]
    )
    for r in rows:
        meta.append(
            [
                r.item_id,
                cell(meta, r.code),
                r.version,
                cell(
                    meta,
                    signature(secret, unit_id, r.item_id, r.code, r.title, r.deadline, r.version),
                ),
            ]
        )
    wb.save(path)


@dataclass
class ReturnedRow:
    row: int  # Excel row number
    code: str | None
    title: str | None
    deadline: str | None
    progress: str | None
    percent: Any
    problems: str | None
    needs: str | None
    closure: str | None


@dataclass
class ReturnedPack:
    unit_id: int
    unit: str
    exported_at: str
    meta: dict[str, tuple[int, int, str]]  # code → (item id, version, signature)
    rows: list[ReturnedRow] = field(default_factory=list)


def is_pack(path: Path) -> bool:
    """Whether ``path`` looks like one of our unit packs (a file dropped on the window is
    either a pack coming back or a list to import). Unreadable files are not packs."""
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        try:
            return {META, SHEET} <= {m.name for m in wb.sheets_metadata}
        finally:
            wb.close()
    except BaseException as exc:  # the reader panics on some files; they are decided later
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        return False


def read_pack(path: Path) -> ReturnedPack:
    """Read a returned pack; refuses workbooks that are not our packs."""
    check_workbook(path)
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        names = [m.name for m in wb.sheets_metadata]
        if META not in names or SHEET not in names:
            raise ImportFileError(
                "这不是本系统导出的填报包（缺少填报表或校验页），请用“导入清单”处理。", path=path
            )
        meta_rows = wb.get_sheet_by_name(META).to_python()
        sheet = wb.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
        wb.close()
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            f"无法读取填报包（{type(exc).__name__}），文件可能已损坏。", path=path
        ) from exc
    head = meta_rows[0] if meta_rows else []
    if len(head) < 4 or head[0] != "shishi-pack-1":
        raise ImportFileError(
            "填报包的校验页已损坏或被改动，无法确认它属于哪个单位。", path=path, sheet=META
        )
    pack = ReturnedPack(_whole(head[1]), str(head[2]), str(head[3]), {})
    for r in meta_rows[1:]:
        if len(r) >= 4 and r[1]:
            pack.meta[str(r[1])] = (_whole(r[0]), _whole(r[2]), str(r[3]))
    for index, cells in enumerate(sheet[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
        values: list[Any] = [*cells, *[None] * (len(HEADERS) - len(cells))]
        if not any(clean(v) for v in values):
            continue
        code, title, deadline = (clean(v) for v in values[:3])
        pack.rows.append(
            ReturnedRow(
                index,
                code,
                title,
                deadline,
                clean(values[5]),
                values[6],
                clean(values[7]),
                clean(values[8]),
                clean(values[9]),
            )
        )
    return pack


def _whole(value: object) -> int:
    """A number of the check sheet (ids, versions) as an int, however the reader typed it."""
    return int(float(str(value)))
