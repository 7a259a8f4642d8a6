"""Step 5: write the plan in a worker (backup first, one transaction), with progress and
取消 — a cancelled import leaves the ledger exactly as it was; then the summary."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWizard

from tracker.errors import Cancelled, TrackerError
from tracker.query import ItemFilter
from tracker.services.excel_desk import Applied
from tracker.tasks import Progress
from ui.background import Task
from ui.dialogs.form_parts import ERROR_STYLE
from ui.i18n import filled
from ui.import_wizard.page import Page
from ui.import_wizard.preview_page import CREATE_UNITS
from ui.import_wizard.state import ImportState


class ApplyPage(Page):
    def __init__(self, state: ImportState) -> None:
        super().__init__(state, state.tr("导入"), state.tr("正在写入台账。"))
        self.bar = QProgressBar()
        self.cancel = QPushButton(self.tr("取消导入"))
        self.cancel.clicked.connect(self._cancel)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.open = QPushButton(self.tr("在台账中查看导入的事项(&O)"))
        self.open.clicked.connect(self._open)
        self.open.hide()
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        self.body.addLayout(row)
        self.body.addWidget(self.result_text)
        self.body.addWidget(self.open)
        self.body.addStretch()
        self.finish_layout()
        self.task: Task | None = None
        self.applied: Applied | None = None
        self.outcome: TrackerError | None = None

    def initializePage(self) -> None:
        plan = self.state.plan
        assert plan is not None
        create_units = bool(self.field(CREATE_UNITS))
        excel = self.state.excel

        def work(progress: Progress) -> Applied:
            return excel.apply_import(plan, create_units=create_units, progress=progress)

        self.task = Task(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.wizard().button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.status.clear()
        self.task.start()

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)

    def _cancel(self) -> None:
        if self.task is not None:
            self.cancel.setEnabled(False)
            self.task.cancel()

    def _done(self, applied: Applied) -> None:
        self.applied = applied
        plan = self.state.plan
        assert plan is not None
        r = applied.result
        lines = [
            filled(
                self.tr("已导入“{0}”：新增 {1} 项，更新 {2} 项，{3} 项不变，跳过 {4} 行。"),
                plan.list_name,
                str(r.created),
                str(r.updated),
                str(r.unchanged),
                str(len(plan.skipped)),
            )
        ]
        if r.units_created:
            lines.append(self.tr("新建单位：") + "、".join(r.units_created))
        if applied.backup is not None:
            lines.append(self.tr("导入前的台账已备份到：") + str(applied.backup))
        self.result_text.setText("\n".join(lines))
        self.open.setVisible(bool(r.created or r.updated))
        self.setSubTitle(self.tr("导入完成。"))
        self._finish()
        self.state.imported.emit()

    def _failed(self, exc: TrackerError) -> None:
        self.outcome = exc
        self.setSubTitle(self.tr("导入没有进行。"))
        if isinstance(exc, Cancelled):
            self.result_text.setText(self.tr("已取消导入，台账未作任何改动。"))
        else:
            self.result_text.setText(self.tr("导入没有完成，台账未作任何改动：") + str(exc))
            self.result_text.setStyleSheet(ERROR_STYLE)
        self._finish()

    def _finish(self) -> None:
        self.cancel.hide()
        self.bar.setValue(self.bar.maximum())
        self.wizard().button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.completeChanged.emit()

    def _open(self) -> None:
        plan, applied = self.state.plan, self.applied
        assert plan is not None and applied is not None
        caption = filled(self.tr("导入：{0}（{1}）"), plan.file.name, plan.list_name)
        self.state.open_items.emit(ItemFilter(imported_at=applied.result.at), caption)

    def isComplete(self) -> bool:
        return self.task is not None and not self.task.running

    def _planned(self) -> None:
        """The plan is fixed once writing starts; later planning news is not for this page."""

    def _busy(self, busy: bool) -> None:
        """Nor is the planner's busy state."""
