"""The import wizard's shared state: the file, the clerk's choices and the current plan.

Every choice on any page (sheet, list, year, header rows, a column's field, what an unknown
unit means, whether a collective name like 各乡镇 is expanded) calls ``replan``; the sheet is read once and planned again in a worker, and the
pages redraw when ``planned`` arrives. Nothing is written before the last page. The pages
get this object and import nothing of the wizard, which only arranges them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from tracker.errors import ImportFileError, TrackerError
from tracker.excel.reader import Grid
from tracker.services.excel_desk import ExcelDesk
from tracker.services.imports import ImportPlan
from ui.background import LatestOnly

#: What a new file starts with; the pages fill these in as the clerk chooses.
FRESH: dict[str, Any] = {
    "sheet": None,
    "list_name": None,
    "year": None,
    "header_rows": None,
    "columns": None,
    "unit_aliases": {},
    "keep_collectives": frozenset(),
}


class ImportState(QObject):
    """Signals: planned() — a new plan (or a planning error) is in; busy(bool); imported() —
    the plan has been written; open_items(filter, caption) — the clerk wants to see the
    imported items."""

    planned = Signal()
    busy = Signal(bool)
    imported = Signal()
    open_items = Signal(object, str)

    def __init__(self, excel: ExcelDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.excel = excel
        self.path: Path | None = None
        self.options: dict[str, Any] = dict(FRESH)
        self.grid: Grid | None = None
        self.plan: ImportPlan | None = None
        self.error: TrackerError | None = None
        self._worker = LatestOnly(self)
        self._worker.busy_changed.connect(self.busy)

    def load(self, path: Path) -> None:
        """A new file: forget the choices made for the previous one."""
        self.path, self.options, self.grid = path, dict(FRESH), None
        self.replan()

    def replan(self, **changes: Any) -> None:
        self.options.update(changes)
        self.plan, self.error = None, None
        path, options, grid = self.path, dict(self.options), self.grid
        if path is None:
            return
        excel = self.excel

        def work() -> tuple[Grid, ImportPlan | None, TrackerError | None]:
            sheet = options["sheet"]
            current = grid if grid is not None and (sheet in (None, grid.sheet)) else None
            current = current or excel.read_sheet(path, sheet)
            try:
                return current, excel.plan_import(path, grid=current, **options), None
            except ImportFileError as exc:  # the sheet is shown so the clerk can correct it
                return current, None, exc

        self.planned.emit()
        self._worker.run(work, self._planned, self._failed)

    def _planned(self, result: tuple[Grid, ImportPlan | None, TrackerError | None]) -> None:
        self.grid, self.plan, self.error = result
        self.planned.emit()

    def _failed(self, exc: TrackerError) -> None:
        self.grid, self.plan, self.error = None, None, exc
        self.planned.emit()

    @property
    def planning(self) -> bool:
        return self._worker.busy
