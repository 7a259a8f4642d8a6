"""导入单位填报包: what each returned row will do — changes shown field by field, conflicts
with both sides, warnings and refused fields with what to do instead, and a choice per row
for conflicts and warnings — before anything is written; then written as the unit's clerk,
after a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tracker.diff_text import diff_text
from tracker.errors import TrackerError
from tracker.services.excel_desk import Applied, ExcelDesk
from tracker.services.returns import TAKEN_ONLY, ReturnPlan
from ui.dialogs.form_parts import error_label
from ui.errors import show_error
from ui.i18n import QT_TRANSLATE_NOOP, filled
from ui.table_parts import cell_at

HEADERS = [
    QT_TRANSLATE_NOOP("ReturnDialog", "表"),
    QT_TRANSLATE_NOOP("ReturnDialog", "行"),
    QT_TRANSLATE_NOOP("ReturnDialog", "编号"),
    QT_TRANSLATE_NOOP("ReturnDialog", "事项名称"),
    QT_TRANSLATE_NOOP("ReturnDialog", "结果"),
    QT_TRANSLATE_NOOP("ReturnDialog", "变化"),
    QT_TRANSLATE_NOOP("ReturnDialog", "说明"),
    QT_TRANSLATE_NOOP("ReturnDialog", "采用表格"),
]
ACTION_COLOURS = {
    "update": "#e2f0d9",
    "conflict": "#fff2cc",
    "warning": "#fce4d6",
    "problem": "#f4b6b6",
}
ACTION_COLUMN, TAKE_COLUMN = 4, 7
#: A row of the preview shows at most this many lines; the tooltip holds the rest.
MAX_LINES = 3


class ReturnDialog(QDialog):
    def __init__(self, parent: QWidget | None, excel: ExcelDesk, plan: ReturnPlan) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入单位填报包 — ") + plan.unit)
        self.excel, self.plan = excel, plan
        self.applied: Applied | None = None
        self.table = QTableWidget(len(plan.lines), len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self._fill()
        summary = QLabel(
            filled(
                self.tr(
                    "填报包：{0}，导出于 {1}。将更新 {2} 项，需确认 {3} 项，冲突 {4} 项，"
                    "无变化 {5} 项，有问题 {6} 行。需确认和冲突的行，勾选“采用”后才写入。"
                ),
                plan.file.name,
                plan.exported_label,
                *(
                    str(plan.count(a))
                    for a in ("update", "warning", "conflict", "unchanged", "problem")
                ),
            )
        )
        summary.setWordWrap(True)
        self.clerk = QComboBox()
        for login, name in excel.unit_clerks(plan.unit_id):
            self.clerk.addItem(f"{name}（{login}）", login)
        self.message = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write = QPushButton(self.tr("写入台账(&W)"))
        buttons.addButton(self.write, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        if not self.clerk.count():
            self.message.setText(
                filled(
                    self.tr(
                        "“{0}”还没有承办单位账号，无法以该单位的名义写入。请先在“单位与人员”中添加。"
                    ),
                    plan.unit,
                )
            )
        form = QFormLayout(self)
        self.only_changes = QCheckBox(self.tr("只看有变化或有问题的行(&O)"))
        self.only_changes.toggled.connect(self._show_rows)
        self.only_changes.setChecked(True)
        form.addRow(summary)
        form.addRow(self.only_changes)
        form.addRow(self.table)
        form.addRow(self.tr("以哪个单位账号写入"), self.clerk)
        form.addRow(self.message)
        form.addRow(buttons)
        self.resize(
            self.fontMetrics().horizontalAdvance("字") * 90, self.fontMetrics().height() * 36
        )
        self._enable()

    def _fill(self) -> None:
        for r, line in enumerate(self.plan.lines):
            values = [
                line.sheet,
                str(line.row),
                line.code or "",
                line.title,
                line.label,
                diff_text(line.changes),
                line.message,
            ]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)  # the full text when the row is cut to three lines
                self.table.setItem(r, c, cell)
            colour = ACTION_COLOURS.get(line.action)
            if colour is None and line.refusals:
                colour = ACTION_COLOURS["warning"]
            if colour:
                cell_at(self.table, r, ACTION_COLUMN).setBackground(QBrush(QColor(colour)))
            if line.action in TAKEN_ONLY:
                take = QTableWidgetItem(self.tr("采用"))
                take.setFlags(take.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                take.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(r, TAKE_COLUMN, take)
        self.table.itemChanged.connect(self._enable)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col in (ACTION_COLUMN + 1, ACTION_COLUMN + 2):  # changes and explanations wrap
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        most = self.fontMetrics().lineSpacing() * MAX_LINES + 8
        for r in range(self.table.rowCount()):  # long texts must not make a row a screen
            self.table.setRowHeight(r, min(self.table.rowHeight(r), most))

    def _show_rows(self, only_changes: bool) -> None:
        for r, line in enumerate(self.plan.lines):
            self.table.setRowHidden(r, only_changes and line.action == "unchanged")

    def taken(self) -> set[str]:
        """Codes of rows in conflict or needing confirmation the clerk chose to take."""
        out = set()
        for r, line in enumerate(self.plan.lines):
            cell = self.table.item(r, TAKE_COLUMN)
            if line.code and cell is not None and cell.checkState() == Qt.CheckState.Checked:
                out.add(line.code)
        return out

    def writes(self) -> int:
        return self.plan.count("update") + len(self.taken())

    def _enable(self) -> None:
        self.write.setEnabled(self.clerk.count() > 0 and self.writes() > 0)

    def apply(self) -> None:
        try:
            self.applied = self.excel.apply_return(
                self.plan, self.taken(), self.clerk.currentData()
            )
        except TrackerError as exc:
            show_error(self, exc)
            return
        result = self.applied.result
        text = result.summary()
        for code, why in result.failed:
            text += "\n" + filled(self.tr("{0} 未能写入：{1}"), code, why)
        if self.applied.backup is not None:
            text += "\n" + self.tr("写入前的台账已备份到：") + str(self.applied.backup)
        self.result_text = text
        self.accept()


def ask_return(parent: QWidget | None, excel: ExcelDesk, path: Path) -> ReturnDialog | None:
    """Read the returned pack and show what it would do; ``None`` if it cannot be read."""
    try:
        plan = excel.plan_return(path)
    except TrackerError as exc:
        show_error(parent, exc)
        return None
    dialog = ReturnDialog(parent, excel, plan)
    return dialog


def report(parent: QWidget | None, dialog: ReturnDialog) -> None:
    QMessageBox.information(parent, dialog.tr("填报包已导入"), dialog.result_text)  # type: ignore[arg-type]  # Qt takes no parent; the 6.8 stubs want one
