"""The Excel entries of the 台账 menu (导入清单, 导入/导出单位填报包, 导出台账) and where a
workbook dropped on the window goes. Dialogs and the wizard load on first use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from tracker.excel.suffixes import LIST_SUFFIXES
from tracker.query import ItemFilter
from tracker.services.desk import Desk
from ui.i18n import filled

if TYPE_CHECKING:  # the Excel core loads openpyxl (≈0.3 s): not on the start-up path
    from tracker.services.excel_desk import ExcelDesk
    from ui.pages.ledger_page import LedgerPage


def dropped_workbook(mime: QMimeData) -> Path | None:
    """The one local workbook being dragged, if that is what it is."""
    urls = [u for u in mime.urls() if u.isLocalFile()]
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in LIST_SUFFIXES else None


class ExcelActions(QObject):
    """Signals: open_items(filter, caption) — show these items in the ledger;
    ledger_changed() — an import wrote to it; message(text) — for the status bar."""

    open_items = Signal(object, str)
    ledger_changed = Signal()
    message = Signal(str)

    def __init__(self, desk: Desk, window: QWidget, ledger: LedgerPage) -> None:
        super().__init__(window)
        self._desk, self._window, self._ledger = desk, window, ledger
        self.import_wizard: QDialog | None = None
        self.actions: list[QAction] = []
        for label, key, slot in (
            (self.tr("导入清单…"), "Ctrl+I", self.import_list),
            (self.tr("导入单位填报包…"), None, self.import_return),
            (self.tr("导出台账…"), "Ctrl+E", self.export_ledger),
            (self.tr("导出单位填报包…"), None, self.export_packs),
        ):
            action = QAction(label, window)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, do=slot: do())
            self.actions.append(action)

    def use_desk(self, desk: Desk) -> None:
        self._desk = desk

    def _excel(self) -> ExcelDesk:
        from tracker.services.excel_desk import ExcelDesk

        return ExcelDesk(self._desk)

    def open_dropped(self, path: Path) -> None:
        """A returned unit pack goes to the return preview, any other workbook to the wizard."""
        from tracker.excel.unit_pack import is_pack

        if is_pack(path):
            self.import_return(path)
        else:
            self.import_list(path)

    def import_list(self, path: Path | None = None) -> QDialog:
        from ui.import_wizard.wizard import ImportWizard

        window = self._window
        wizard = ImportWizard(self._excel(), window, path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open_items.connect(self.open_items)
        wizard.imported.connect(self.ledger_changed)
        wizard.resize(window.width() * 9 // 10, window.height() * 9 // 10)
        wizard.open()
        self.import_wizard = wizard
        return wizard

    def import_return(self, path: Path | None = None) -> None:
        from ui.dialogs.return_dialog import ask_return, report

        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self._window,
                self.tr("选择单位发回的填报包"),
                "",
                self.tr("填报包 (*.xlsx *.xlsm *.xls *.ods)"),
            )
            if not name:
                return
            path = Path(name)
        dialog = ask_return(self._window, self._excel(), path)
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.ledger_changed.emit()
            report(self._window, dialog)

    def export_ledger(self, selected: list[int] | None = None) -> None:
        """导出台账 (Ctrl+E): the filter in front, or the ``selected`` items (批量处理)."""
        from ui.dialogs.export_dialog import SCOPES, ExportDialog

        if selected is not None:
            f, shown, scope = ItemFilter(ids=tuple(selected)), len(selected), SCOPES[1]
        else:
            f, shown = self._ledger.current_filter(), self._ledger.model.rowCount()
            scope = SCOPES[0]
        dialog = ExportDialog(self._window, self._excel(), f, shown, scope)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.path_written is not None:
            self.message.emit(
                filled(self.tr("已导出 {0} 项：{1}"), str(dialog.written), str(dialog.path_written))
            )

    def export_packs(self) -> None:
        from ui.dialogs.pack_dialog import PackDialog

        dialog = PackDialog(self._window, self._excel())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.written is None:
            return
        result = dialog.written
        text = filled(self.tr("共导出 {0} 个单位的填报包：\n"), str(len(result.written)))
        text += "\n".join(str(p) for p in result.written)
        if result.failed:
            text += "\n\n" + self.tr("以下单位的填报包未能导出，其他单位不受影响：") + "\n"
            text += "\n".join(f"{unit}：{why}" for unit, why in result.failed)
            QMessageBox.warning(self._window, self.tr("部分填报包未能导出"), text)
            return
        QMessageBox.information(self._window, self.tr("填报包已导出"), text)
