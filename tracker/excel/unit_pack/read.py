"""Reading a returned pack: its check sheet, and each filled row of both sheets as typed.

The rows are read by column position (the sheets are protected against inserting
columns) and checked against the header row, so a pack of another layout is refused
instead of being read into the wrong fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as pc

from tracker.errors import ImportFileError
from tracker.excel.cells import clean
from tracker.excel.safety import check_workbook
from tracker.excel.unit_pack.columns import (
    FIRST_DATA_ROW,
    FORMAT,
    HEADER_ROW,
    META,
    OLD_FORMAT,
    SHEETS,
    SIGN_OFF,
    SheetSpec,
)
from tracker.excel.unit_pack.formats import percent_rows

#: code and the base (status, percent, progress, deadline, problems, needs) before the
#: locked cells' texts
BASE_FIELDS = 7


@dataclass(frozen=True)
class MetaRow:
    """One exported row as the check sheet keeps it."""

    tag: str
    item_id: int
    signature: str
    fields: list[Any]  # code, *Base.fields(), *shown

    @property
    def code(self) -> str:
        return str(self.fields[0])

    @property
    def status(self) -> str:
        return str(self.fields[1])

    @property
    def percent(self) -> int:
        return _whole(self.fields[2])

    @property
    def progress_hash(self) -> str:
        return str(self.fields[3])

    @property
    def deadline(self) -> str:
        return str(self.fields[4] or "")

    @property
    def problems_hash(self) -> str:
        return str(self.fields[5])

    @property
    def needs_hash(self) -> str:
        return str(self.fields[6])

    def shown(self, spec: SheetSpec) -> dict[str, str]:
        """What each locked cell showed at export, by column key."""
        texts = self.fields[BASE_FIELDS:]
        return {c.key: str(v or "") for c, v in zip(spec.locked, texts, strict=False)}


@dataclass
class ReturnedRow:
    sheet: SheetSpec
    row: int  # Excel row number
    cells: dict[str, Any]  # by column key, as the reader gave them
    percent_cell: bool | None  # whether the percent cell is formatted as a percentage

    @property
    def code(self) -> str | None:
        return clean(self.cells.get("code"))


@dataclass
class ReturnedPack:
    unit_id: int
    unit: str
    exported_at: str
    signature: str  # of the first check row (header_signature)
    #: (sheet tag, code) → the exported rows with that code (one per list holding it)
    meta: dict[tuple[str, str], list[MetaRow]]
    rows: list[ReturnedRow] = field(default_factory=list)


def is_pack(path: Path) -> bool:
    """Whether ``path`` looks like one of our unit packs (a file dropped on the window is
    either a pack coming back or a list to import). Unreadable files are not packs."""
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        try:
            return {META, SHEETS[0].name} <= {m.name for m in wb.sheets_metadata}
        finally:
            wb.close()
    except BaseException as exc:  # the reader panics on some files; they are decided later
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        return False


def read_pack(path: Path) -> ReturnedPack:
    """Read a returned pack; refuses workbooks that are not our packs."""
    kind = check_workbook(path)
    meta_rows, sheets = _grids(path)
    head = meta_rows[0] if meta_rows else []
    if len(head) >= 1 and head[0] == OLD_FORMAT:
        raise ImportFileError(
            "这是旧版本导出的填报包，格式已更新。请重新导出填报包，"
            "把旧表黄色列中已填的内容复制到新表后再导入。",
            path=path,
        )
    if len(head) < 5 or head[0] != FORMAT:
        raise ImportFileError(
            "填报包的校验页已损坏或被改动，无法确认它属于哪个单位。", path=path, sheet=META
        )
    pack = ReturnedPack(_whole(head[1]), str(head[2]), str(head[3]), str(head[4]), {})
    specs = {s.tag: s for s in SHEETS}
    for r in meta_rows[1:]:
        spec = specs.get(str(r[0])) if r else None
        if spec is not None and len(r) >= 8 and r[3]:
            width = BASE_FIELDS + len(spec.locked)  # trailing empty cells are not stored
            fields = [*r[3:], *[""] * (width - len(r[3:]))][:width]
            meta = MetaRow(spec.tag, _whole(r[1]), str(r[2]), fields)
            pack.meta.setdefault((meta.tag, meta.code), []).append(meta)
    for spec in SHEETS:
        grid = sheets.get(spec.name)
        if grid is not None:
            pack.rows.extend(_rows(path, kind, spec, grid))
    return pack


def _grids(path: Path) -> tuple[list[list[Any]], dict[str, list[list[Any]]]]:
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        try:
            names = [m.name for m in wb.sheets_metadata]
            if META not in names or SHEETS[0].name not in names:
                raise ImportFileError(
                    "这不是本系统导出的填报包（缺少填报表或校验页）。如果是从填报包复制到新工作簿"
                    "的，请让单位在原填报包文件中填写后发回；如果是一份新的事项清单，请用“导入清单”。",
                    path=path,
                )
            meta = wb.get_sheet_by_name(META).to_python()
            sheets = {
                s.name: wb.get_sheet_by_name(s.name).to_python(skip_empty_area=False)
                for s in SHEETS
                if s.name in names
            }
        finally:
            wb.close()
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            f"无法读取填报包（{type(exc).__name__}），文件可能已损坏。", path=path
        ) from exc
    return meta, sheets


def _rows(path: Path, kind: str, spec: SheetSpec, grid: list[list[Any]]) -> list[ReturnedRow]:
    header = [clean(v) for v in grid[HEADER_ROW - 1]] if len(grid) >= HEADER_ROW else []
    if header[: len(spec.columns)] != [c.header for c in spec.columns]:
        raise ImportFileError(
            f"“{spec.name}”的表头被改动或列被插入、删除，无法按列读取。请用原文件填写后发回。",
            path=path,
            sheet=spec.name,
        )
    percent_col = spec.index("percent") if any(c.key == "percent" for c in spec.columns) else None
    formatted = (
        percent_rows(path, kind, spec.name, percent_col) if percent_col is not None else None
    )
    out = []
    width = len(spec.columns)
    for index, values in enumerate(grid[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
        values = [*values[:width], *[None] * (width - len(values))]
        if not any(clean(v) for v in values):
            continue
        first = clean(values[0]) or ""
        if first.startswith(SIGN_OFF[:3]) or first == clean(SIGN_OFF):
            break
        cells = {c.key: v for c, v in zip(spec.columns, values, strict=True)}
        percent_cell = None if formatted is None else (index - 1) in formatted
        out.append(ReturnedRow(spec, index, cells, percent_cell))
    return out


def _whole(value: object) -> int:
    """A number of the check sheet (ids, versions) as an int, however the reader typed it."""
    return int(float(str(value)))
