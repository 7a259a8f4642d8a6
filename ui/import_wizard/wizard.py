"""导入清单: the five steps, arranged in a wizard over one ``ImportState``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard, QWizardPage

from tracker.query import ItemFilter
from tracker.services.excel_desk import ExcelDesk
from ui.import_wizard.apply_page import ApplyPage
from ui.import_wizard.file_page import FilePage
from ui.import_wizard.layout_page import LayoutPage
from ui.import_wizard.mapping_page import MappingPage
from ui.import_wizard.preview_page import PreviewPage
from ui.import_wizard.state import ImportState


class ImportWizard(QWizard):
    """Signals: imported() — the plan has been written; open_items(filter, caption) — the
    clerk wants to see the imported items (the wizard closes)."""

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
        self.state = ImportState(excel, self)
        self.state.imported.connect(self.imported)
        self.state.open_items.connect(self._show_imported)
        self.apply_page = ApplyPage(self.state)
        self.pages: list[QWizardPage] = [
            FilePage(self.state),
            LayoutPage(self.state),
            MappingPage(self.state),
            PreviewPage(self.state),
            self.apply_page,
        ]
        for page in self.pages:
            self.addPage(page)
        if path is not None:
            self.state.load(path)

    @property
    def writing(self) -> bool:
        """The last page is writing the plan to the ledger."""
        task = self.apply_page.task
        return task is not None and task.running

    def reject(self) -> None:
        """Closing is refused while the import is being written (its page offers 取消);
        between the first page and the import, 取消 / Esc asks first, since the clerk's
        choices (header row, columns, new units) would be lost."""
        if self.writing:
            return
        choosing = 0 < self.currentId() < len(self.pages) - 1  # the apply page has ended it
        if choosing and not self._confirm_leave():
            return
        super().reject()

    def _confirm_leave(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("导入清单"),
            self.tr("放弃这次导入吗？已选的表头行、列对应和新单位设置都不会保存，台账不变。"),
            buttons.Yes | buttons.No,
            buttons.No,
        )
        return answer == buttons.Yes

    def _show_imported(self, f: ItemFilter, caption: str) -> None:
        self.open_items.emit(f, caption)
        self.accept()
