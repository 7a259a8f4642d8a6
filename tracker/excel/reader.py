"""Read one sheet of a workbook into a plain grid of values plus its merged ranges."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as pc

from tracker.errors import ImportFileError
from tracker.excel import csv_grid
from tracker.excel.cells import clean
from tracker.excel.ods_cells import ods_merges
from tracker.excel.safety import check_workbook
from tracker.excel.suffixes import WPS_SUFFIXES
from tracker.excel.unit_pack import columns as pack

log = logging.getLogger(__name__)

MAX_ROWS = 200_000
MAX_COLS = 300

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


@dataclass
class Grid:
    """A sheet as rows of cell values (empty cells are ``None``), 0-based coordinates."""

    path: Path
    sheet: str
    sheets: list[str]
    rows: list[list[Cell]]
    #: (first row, first col, last row, last col), inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    _filled: list[list[Cell]] | None = field(default=None, init=False, repr=False)
    _down: list[list[Cell]] | None = field(default=None, init=False, repr=False)

    def filled_down(self) -> list[list[Cell]]:
        """The rows with a merged range's value copied down its first column only.

        A lead unit or a leader merged over the three items it answers for belongs to each
        of them; copying across as well would hand one column's text to the next field.
        """
        if self._down is None:
            out = [list(r) for r in self.rows]
            for r0, c0, r1, _c1 in self.merged:
                if r1 <= r0 or r0 >= len(out) or c0 >= len(out[r0]):
                    continue
                value = out[r0][c0]
                for r in range(r0 + 1, min(r1, len(out) - 1) + 1):
                    row = out[r]
                    row.extend([None] * (c0 + 1 - len(row)))
                    row[c0] = value
            self._down = out
        return self._down

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def filled(self) -> list[list[Cell]]:
        """The rows with every merged range's value copied into all its cells (computed once)."""
        if self._filled is None:
            width = self.width
            out = [list(r) + [None] * (width - len(r)) for r in self.rows]
            for r0, c0, r1, c1 in self.merged:
                if r0 >= len(out) or c0 >= width:
                    continue
                value = out[r0][c0]
                for r in range(r0, min(r1, len(out) - 1) + 1):
                    for c in range(c0, min(c1, width - 1) + 1):
                        out[r][c] = value
            self._filled = out
        return self._filled


def _open(path: Path) -> Any:
    """The workbook, its format found from the content: a .xlsx named .xls (or a .xls named
    .xlsx) is common in files passed around, and is not damaged."""
    try:
        with path.open("rb") as fh:
            return pc.CalamineWorkbook.from_filelike(fh)
    except pc.PasswordError as exc:
        raise ImportFileError(
            "文件设置了打开密码，请在 Excel/WPS 中取消密码后再导入。", path=path
        ) from exc
    except Exception as exc:  # calamine raises several unrelated types for broken files
        if path.suffix.lower() in WPS_SUFFIXES:
            raise ImportFileError(
                "这个 WPS 表格文件无法直接读取（可能是旧版 WPS 的专有格式），"
                "请在 WPS 中“另存为” .xlsx 后再导入。",
                path=path,
            ) from exc
        raise ImportFileError(
            f"无法读取文件（{type(exc).__name__}），文件可能已损坏。", path=path
        ) from exc


def read_grid(path: Path, sheet: str | None = None, choose: Any = None) -> Grid:
    """Read ``sheet`` (or the sheet ``choose(grids)`` picks, or the first) of the workbook.

    This is the exception boundary for untrusted files: whatever the parsers raise — even a
    panic inside the Rust reader, which is not an ``Exception`` — becomes an ImportFileError.

    Args:
        choose: given the list of candidate grids, returns the one holding the ledger.
    """
    try:
        return _read_grid(path, sheet, choose)
    except ImportFileError:
        raise
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:
        log.warning("unreadable workbook %s: %r", path, exc)
        raise ImportFileError(
            f"无法读取文件（{type(exc).__name__}），文件可能已损坏。", path=path
        ) from exc


def _read_grid(path: Path, sheet: str | None, choose: Any) -> Grid:
    fmt = check_workbook(path)
    if fmt == "csv":
        rows: list[list[Cell]] = [list(r) for r in csv_grid.read_rows(path)]
        _check_size(path, path.stem, len(rows), max((len(r) for r in rows), default=0))
        grids = [Grid(path, path.stem, [path.stem], rows)]
    else:
        grids = _workbook_grids(path, sheet, fmt)
    if not grids:
        raise ImportFileError("文件里没有工作表。", path=path)
    if any(_copied_pack(g) for g in grids):
        raise ImportFileError(
            "这是从单位填报包复制出来的表格（没有校验页），当作清单导入会新增重复的事项。"
            "请让单位在原填报包文件中填写后发回，用“导入单位填报包”导入。",
            path=path,
        )
    return choose(grids) if choose and len(grids) > 1 else grids[0]


def _workbook_grids(path: Path, sheet: str | None, fmt: str) -> list[Grid]:
    wb = _open(path)
    try:
        names = [m.name for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        if {pack.META, pack.LEAD.name} <= set(names):
            raise ImportFileError(
                "这是单位填报包，请用“导入单位填报包”导入；当作清单导入会新增重复的事项。",
                path=path,
            )
        if sheet is not None and sheet not in names:
            raise ImportFileError(f"没有名为“{sheet}”的工作表，可选：{'、'.join(names)}", path=path)
        wanted = [sheet] if sheet else names
        grids = [_grid(wb, path, name, names) for name in wanted]
        if fmt == "ods":
            for g in grids:
                g.merged = g.merged or ods_merges(path, g.sheet)
    finally:
        wb.close()
    return grids


def _copied_pack(grid: Grid) -> bool:
    """Whether a sheet has a unit pack's header row (a pack pasted into a new workbook)."""
    marks = [[c.header for c in spec.columns[:3]] for spec in pack.SHEETS]
    return any([clean(v) for v in row[:3]] in marks for row in grid.rows[: pack.HEADER_ROW + 2])


def _check_size(path: Path, sheet: str, height: int, width: int) -> None:
    if height > MAX_ROWS or width > MAX_COLS:
        raise ImportFileError(
            f"工作表有 {height} 行 {width} 列，超过上限"
            f"（{MAX_ROWS} 行、{MAX_COLS} 列），请确认选对了文件。",
            path=path,
            sheet=sheet,
        )


def _grid(wb: Any, path: Path, name: str, names: list[str]) -> Grid:
    try:
        ws = wb.get_sheet_by_name(name)
        _check_size(path, name, ws.total_height, ws.total_width)
        rows = ws.to_python(skip_empty_area=False)
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (ws.merged_cell_ranges or [])]
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            f"读取工作表失败（{type(exc).__name__}）。", path=path, sheet=name
        ) from exc
    clean = [[None if v == "" else v for v in row] for row in rows]
    return Grid(path, name, names, clean, merged)
