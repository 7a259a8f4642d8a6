"""导出台账: which items (the filter in front, everything, or one list), which columns,
which format, where; written in a worker behind a progress dialog with 取消."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.excel.ledger_export import HEADERS
from tracker.query import ItemFilter
from tracker.services.excel_desk import ExcelDesk
from ui.background import run_with_progress
from ui.dialogs.form_parts import browse_row, error_label, ok_cancel
from ui.i18n import QT_TRANSLATE_NOOP, filled

DEFAULT_TITLE = "“我为群众办实事”台账"
FORMATS = (
    (QT_TRANSLATE_NOOP("ExportDialog", "Excel 打印版（.xlsx）"), ".xlsx"),
    (QT_TRANSLATE_NOOP("ExportDialog", "CSV 文本（.csv，可用 WPS/Excel 打开）"), ".csv"),
)

#: What the export covers, as ``ExcelActions`` names it.
SCOPES = (
    QT_TRANSLATE_NOOP("ExportDialog", "当前筛选的事项"),
    QT_TRANSLATE_NOOP("ExportDialog", "所选事项"),
)


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        excel: ExcelDesk,
        current: ItemFilter,
        shown: int,
        scope: str = SCOPES[0],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出台账"))
        self.excel, self.current = excel, current
        self.written: int | None = None
        self.path_written: Path | None = None
        self.use_current = QRadioButton(self.tr(scope) + filled(self.tr("（{0} 项）"), str(shown)))
        self.use_all = QRadioButton(self.tr("全部事项"))
        self.use_list = QRadioButton(self.tr("一个清单："))
        self.lists = QComboBox()
        self.lists.addItems(excel.desk.list_names())
        self.lists.setEnabled(False)
        self.use_list.toggled.connect(self.lists.setEnabled)
        self.use_list.setEnabled(self.lists.count() > 0)
        group = QButtonGroup(self)
        for button in (self.use_current, self.use_all, self.use_list):
            group.addButton(button)
        self.use_current.setChecked(True)
        list_row = QHBoxLayout()
        list_row.addWidget(self.use_list)
        list_row.addWidget(self.lists, 1)
        self.columns = QListWidget()
        for header in HEADERS:
            item = QListWidgetItem(header)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.format = QComboBox()
        for label, suffix in FORMATS:
            self.format.addItem(self.tr(label), suffix)
        self.format.currentIndexChanged.connect(self._suffix_changed)
        self.title = QLineEdit(current.list_name or DEFAULT_TITLE)
        self.path = QLineEdit()
        scope_box = QVBoxLayout()
        for widget in (self.use_current, self.use_all):
            scope_box.addWidget(widget)
        scope_box.addLayout(list_row)
        form = QFormLayout(self)
        form.addRow(self.tr("导出哪些事项"), scope_box)
        form.addRow(self.tr("导出哪些列"), self.columns)
        form.addRow(self.tr("格式"), self.format)
        form.addRow(self.tr("表格标题"), self.title)
        form.addRow(self.tr("保存到"), browse_row(self.path, self.browse))
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.export, self.tr("导出(&E)")))

    def chosen_filter(self) -> ItemFilter:
        if self.use_all.isChecked():
            return ItemFilter()
        if self.use_list.isChecked():
            return ItemFilter(list_name=self.lists.currentText())
        return self.current

    def chosen_columns(self) -> list[str]:
        return [
            self.columns.item(i).text()
            for i in range(self.columns.count())
            if self.columns.item(i).checkState() == Qt.CheckState.Checked
        ]

    def browse(self) -> None:
        suffix = self.format.currentData()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), self.title.text() + suffix, f"*{suffix}"
        )
        if name:
            self.path.setText(name)

    def _suffix_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(self.format.currentData())))

    def export(self) -> None:
        """Write the file; the dialog stays open with a message when something is missing."""
        text = self.path.text().strip()
        columns = self.chosen_columns()
        if not text:
            self.message.setText(self.tr("请选择保存位置。"))
            self.path.setFocus()
            return
        if not columns:
            self.message.setText(self.tr("请至少选择一列。"))
            self.columns.setFocus()
            return
        path = Path(text)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(self.format.currentData())
        f, title, excel = (
            self.chosen_filter(),
            self.title.text().strip() or DEFAULT_TITLE,
            self.excel,
        )
        written = run_with_progress(
            self,
            self.tr("正在导出台账…"),
            lambda progress: excel.export_ledger(
                f, path, title=title, columns=columns, progress=progress
            ),
        )
        if written is not None:
            self.written, self.path_written = written, path
            self.accept()
