"""导入单位填报包: what each returned row will do — changes shown field by field, conflicts
with both sides and a choice per row — before anything is written; then written as the
unit's clerk in one transaction, after a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from tracker.services.returns import VERDICT_LABELS, ReturnPlan
from ui.dialogs.form_parts import error_label
from ui.errors import show_error
from ui.i18n import QT_TRANSLATE_NOOP, filled
from ui.table_parts import cell_at

HEADERS = [
    QT_TRANSLATE_NOOP("ReturnDialog", "行"),
    QT_TRANSLATE_NOOP("ReturnDialog", "编号"),
    QT_TRANSLATE_NOOP("ReturnDialog", "结果"),
    QT_TRANSLATE_NOOP("ReturnDialog", "变化"),
    QT_TRANSLATE_NOOP("ReturnDialog", "说明"),
    QT_TRANSLATE_NOOP("ReturnDialog", "采用表格"),
]
VERDICT_COLOURS = {"change": "#e2f0d9", "conflict": "#fff2cc"}
WARN = ("tampered", "foreign", "duplicate", "invalid")


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
        counts = {v: sum(1 for ln in plan.lines if ln.verdict == v) for v in VERDICT_LABELS}
        summary = QLabel(
            filled(
                self.tr(
                    "填报包：{0}，导出于 {1}。将更新 {2} 项，冲突 {3} 项，无变化 {4} 项，有问题 {5} 行。"
                ),
                plan.file.name,
                plan.exported_at,
                str(counts["change"]),
                str(counts["conflict"]),
                str(counts["unchanged"]),
                str(sum(counts[v] for v in WARN)),
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
        form.addRow(summary)
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
                str(line.row),
                line.code or "",
                VERDICT_LABELS[line.verdict],
                diff_text(line.changes),
                line.message,
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
            colour = VERDICT_COLOURS.get(line.verdict) or (
                "#f4b6b6" if line.verdict in WARN else None
            )
            if colour:
                cell_at(self.table, r, 2).setBackground(QBrush(QColor(colour)))
            if line.verdict == "conflict":
                take = QTableWidgetItem(self.tr("采用"))
                take.setFlags(take.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                take.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(r, 5, take)
        self.table.itemChanged.connect(self._enable)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col in (3, 4):  # changes and explanations wrap instead of running off
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    def taken(self) -> set[str]:
        """Codes of conflicting rows the clerk chose to take from the returned pack."""
        out = set()
        for r, line in enumerate(self.plan.lines):
            cell = self.table.item(r, 5)
            if line.code and cell is not None and cell.checkState() == Qt.CheckState.Checked:
                out.add(line.code)
        return out

    def writes(self) -> int:
        return sum(1 for ln in self.plan.lines if ln.verdict == "change") + len(self.taken())

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
        text = filled(
            self.tr("已写入 {0} 项，未写入 {1} 行。"), str(result.applied), str(result.skipped)
        )
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
