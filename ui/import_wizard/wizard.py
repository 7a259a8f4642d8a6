"""The import wizard's shared state: the file, the clerk's choices and the current plan.

Every choice on any page (sheet, list, year, header rows, a column's field, what an unknown
unit means) calls ``replan``; the sheet is read once and planned again in a worker, and the
pages redraw when ``planned`` arrives. Nothing is written before the last page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from tracker.errors import ImportFileError, TrackerError
from tracker.excel.reader import Grid
from tracker.query import ItemFilter
from tracker.services.excel_desk import ExcelDesk
from tracker.services.imports import ImportPlan
from ui.dialogs.form_parts import ERROR_STYLE
from ui.workers import LatestOnly

#: What a new file starts with; the pages fill these in as the clerk chooses.
FRESH: dict[str, Any] = {
    "sheet": None,
    "list_name": None,
    "year": None,
    "header_rows": None,
    "columns": None,
    "unit_aliases": {},
}


class ImportWizard(QWizard):
    """Signals: planned() — a new plan (or a planning error) is in; busy(bool); imported() —
    the plan has been written;
    open_items(filter, caption) — the clerk wants to see the imported items."""

    planned = Signal()
    busy = Signal(bool)
    imported = Signal()
    open_items = Signal(object, str)

    def __init__(
        self,
        excel: ExcelDesk,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入清单"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.excel = excel
        self.path: Path | None = None
        self.options: dict[str, Any] = dict(FRESH)
        self.grid: Grid | None = None
        self.plan: ImportPlan | None = None
        self.error: TrackerError | None = None
        self._worker = LatestOnly(self)
        self._worker.busy_changed.connect(self.busy)
        from ui.import_wizard.pages import add_pages

        self.pages = add_pages(self)
        if path is not None:
            self.load(path)

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

    @property
    def writing(self) -> bool:
        """The last page is writing the plan to the ledger."""
        task = getattr(self.pages[-1], "task", None)
        return task is not None and task.running

    def reject(self) -> None:
        """Closing is refused while the import is being written (its page offers 取消)."""
        if not self.writing:
            super().reject()

    def show_imported(self, f: ItemFilter, caption: str) -> None:
        self.open_items.emit(f, caption)
        self.accept()


class Page(QWizardPage):
    """A wizard page with a status line at the bottom: busy, or what is wrong."""

    def __init__(self, wizard: ImportWizard, title: str, subtitle: str) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._stale = False
        wizard.planned.connect(self._planned)
        wizard.busy.connect(self._busy)

    def finish_layout(self) -> None:
        self.body.addWidget(self.status)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("正在分析表格…"))

    def _planned(self) -> None:
        error = self.w.error
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(str(error) if error else self.summary())
        if self.isVisible():
            self.redraw()
        else:  # a page left behind is redrawn when the clerk comes back to it
            self._stale = True
        self.completeChanged.emit()

    def initializePage(self) -> None:
        self._stale = False
        self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.redraw()
        super().showEvent(event)

    def summary(self) -> str:
        return ""

    def redraw(self) -> None:
        """Show the current plan (called when it changes and when the page is entered)."""
