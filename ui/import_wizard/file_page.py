"""Step 1: the file (browse or dropped on the window), its sheet, the target list and year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
)

from tracker.excel.suffixes import LIST_SUFFIXES
from ui.dialogs.form_parts import browse_row
from ui.i18n import filled
from ui.import_wizard.page import Page
from ui.import_wizard.state import ImportState

FILE_FILTER = f"表格文件 ({' '.join('*' + x for x in LIST_SUFFIXES)});;所有文件 (*)"


class FilePage(Page):
    def __init__(self, state: ImportState) -> None:
        super().__init__(
            state,
            state.tr("选择文件"),
            state.tr(
                "选择单位报来的清单表格（Excel、WPS、ODS 或 CSV），也可以直接把文件拖到主窗口上。"
            ),
        )
        self.path = QLineEdit(readOnly=True)
        self.path.setPlaceholderText(self.tr("尚未选择文件"))
        self.sheet = QComboBox()
        self.sheet.activated.connect(self._sheet_chosen)
        self.list = QComboBox(editable=True)
        self.list.addItems(state.excel.desk.list_names(active_only=True))
        line = self.list.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        line.editingFinished.connect(self._list_chosen)
        self.list.activated.connect(self._list_chosen)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=dt.date.today().year)
        self.year.setToolTip(self.tr("新清单的年度；导入到已有清单时沿用该清单的年度。"))
        self.year.editingFinished.connect(self._year_chosen)
        form = QFormLayout()
        form.addRow(self.tr("文件"), browse_row(self.path, self.browse))
        form.addRow(self.tr("工作表"), self.sheet)
        form.addRow(self.tr("导入到清单"), self.list)
        form.addRow(self.tr("清单年度"), self.year)
        self.body.addLayout(form)
        self.body.addStretch()
        self.finish_layout()

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择清单表格"), "", FILE_FILTER)
        if name:
            self.state.load(Path(name))

    def redraw(self) -> None:
        w = self.state
        blockers = [QSignalBlocker(x) for x in (self.sheet, self.list, self.year)]
        self.path.setText(str(w.path) if w.path else "")
        if w.grid is not None:
            self.sheet.clear()
            self.sheet.addItems(w.grid.sheets)
            self.sheet.setCurrentText(w.grid.sheet)
        if w.plan is not None:
            self.list.setCurrentText(w.plan.list_name)
            self.year.setValue(w.plan.year)
            self.year.setEnabled(w.plan.list_id is None)  # an existing list keeps its year
        del blockers

    def summary(self) -> str:
        plan = self.state.plan
        if plan is None:
            return ""
        where = (
            self.tr("已有清单，表格中的事项将与清单中的事项逐项比对")
            if plan.list_id
            else self.tr("新清单，导入时新建")
        )
        return filled(self.tr("清单“{0}”：{1}。"), plan.list_name, where)

    def isComplete(self) -> bool:
        return self.state.grid is not None

    def _sheet_chosen(self) -> None:
        self.state.replan(sheet=self.sheet.currentText(), header_rows=None, columns=None)

    def _list_chosen(self) -> None:
        name = self.list.currentText().strip()
        plan = self.state.plan
        if name and (plan is None or name != plan.list_name):
            # a year typed for another list must not carry over to this one
            self.state.replan(list_name=name, year=None)

    def _year_chosen(self) -> None:
        """A year typed for a new list. Focus merely passing the box while a plan is being
        made (no plan yet) is not a choice: it once set existing lists' imports to 2000."""
        plan = self.state.plan
        if plan is not None and plan.list_id is None and self.year.value() != plan.year:
            self.state.replan(year=self.year.value())
