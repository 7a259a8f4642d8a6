"""导出单位填报包: one workbook per chosen unit (its open items), into a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from tracker.services.excel_desk import ExcelDesk
from tracker.services.returns import PackExport
from ui.background import run_with_progress
from ui.choices import fill_choices
from ui.dialogs.form_parts import browse_row, error_label, ok_cancel
from ui.i18n import filled


class PackDialog(QDialog):
    def __init__(self, parent: QWidget | None, excel: ExcelDesk) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出单位填报包"))
        self.excel = excel
        self.written: PackExport | None = None
        self.units = QListWidget()
        units = excel.pack_units()
        for unit in sorted(units, key=lambda u: u.open_items == 0):  # units with work first
            item = QListWidgetItem(
                filled(self.tr("{0}（{1} 项待填报）"), unit.name, str(unit.open_items))
            )
            item.setData(Qt.ItemDataRole.UserRole, unit.name)
            if unit.open_items:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.units.addItem(item)
        select_all = QPushButton(self.tr("全选"))
        select_none = QPushButton(self.tr("全不选"))
        select_all.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        select_none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        picks = QHBoxLayout()
        picks.addWidget(select_all)
        picks.addWidget(select_none)
        picks.addStretch()
        self.lists = QComboBox()
        fill_choices(self.lists, self.tr("全部清单"), excel.desk.list_names())
        self.folder = QLineEdit()
        self.message = error_label()
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "每个单位一个表格，含该单位牵头和配合、尚未办结的事项；单位离线填好后发回，"
                    "用“导入单位填报包”收回。"
                )
            )
        )
        form.addRow(self.tr("单位"), self.units)
        form.addRow("", picks)
        form.addRow(self.tr("清单"), self.lists)
        form.addRow(self.tr("保存到文件夹"), browse_row(self.folder, self.browse))
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.export, self.tr("导出(&E)")))

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.units.count()):
            item = self.units.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(state)

    def chosen_units(self) -> list[str]:
        return [
            self.units.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.units.count())
            if self.units.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
            and self.units.item(i).checkState() == Qt.CheckState.Checked
        ]

    def browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("填报包保存到"))
        if name:
            self.folder.setText(name)

    def export(self) -> None:
        units, folder = self.chosen_units(), self.folder.text().strip()
        if not units:
            self.message.setText(self.tr("请至少选择一个单位。"))
            return
        if not folder:
            self.message.setText(self.tr("请选择保存的文件夹。"))
            return
        list_name, excel = self.lists.currentData(), self.excel
        written = run_with_progress(
            self,
            self.tr("正在导出填报包…"),
            lambda progress: excel.export_unit_packs(Path(folder), units, list_name, progress),
        )
        if written is not None:
            self.written = written
            self.accept()
