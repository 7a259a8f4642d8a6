"""The 报表 menu: 督办通报, 单位报告, 事项卡片, 发布通报, 已发布通报 — the CLI's documents from
the window, so a supervisor never needs the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QVBoxLayout, QWidget

from tracker.enums import SUPERVISORS
from tracker.services.report_desk import ReportDesk
from ui.background import run_with_progress
from ui.dialogs.form_parts import run_once
from ui.dialogs.published_dialog import PublishDialog, PublishedDialog
from ui.dialogs.report_dialog import FilesPane, ReportDialog, default_folder
from ui.i18n import filled

if TYPE_CHECKING:
    from ui.window_host import WindowHost


class ReportActions:
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        self._w, self._parent = host, parent
        tr = parent.tr
        self.menu = QMenu(tr("报表(&R)"), parent)
        self.actions: dict[str, QAction] = {}
        for name, label, key, slot in (
            ("bulletin", tr("督办通报…"), "Ctrl+Shift+P", self.bulletin),
            ("unit", tr("单位报告…"), "", self.unit_report),
            ("card", tr("事项卡片（当前事项）…"), "", self.item_card),
            ("publish", tr("发布通报…"), "", self.publish),
            ("published", tr("已发布通报…"), "", self.published),
        ):
            action = QAction(label, parent)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.menu.addAction(action)
            self.actions[name] = action
            if name == "card":
                self.menu.addSeparator()

    def _reports(self) -> ReportDesk:
        return ReportDesk(self._w.desk)

    def update_for(self, item_id: int | None) -> None:
        """事项卡片 needs an item; publishing is for supervisors."""
        self.actions["card"].setEnabled(item_id is not None)
        self.actions["publish"].setEnabled(self._w.desk.actor.role in SUPERVISORS)

    def bulletin(self) -> ReportDialog:
        reports = self._reports()
        dialog = ReportDialog(self._parent, "bulletin", self._w.desk.list_names(), reports.bulletin)
        run_once(dialog)
        return dialog

    def unit_report(self) -> ReportDialog:
        reports = self._reports()
        dialog = ReportDialog(self._parent, "unit", self._w.desk.unit_names(), reports.unit_report)
        run_once(dialog)
        return dialog

    def item_card(self) -> None:
        item_id = self._w.current_item
        if item_id is None:
            return
        tr = self._parent.tr
        folder = QFileDialog.getExistingDirectory(
            self._parent, tr("事项卡片保存到"), str(default_folder())
        )
        if not folder:
            return
        written = run_with_progress(
            self._parent,
            tr("正在生成事项卡片…"),
            lambda _p: self._reports().item_card(item_id, Path(folder)),
        )
        if written is None:
            return
        dialog = QDialog(self._parent)
        dialog.setWindowTitle(tr("事项卡片"))
        pane = FilesPane()
        pane.show_files(written.files)
        QVBoxLayout(dialog).addWidget(pane)
        dialog.resize(
            self._parent.fontMetrics().horizontalAdvance("中") * 44, dialog.sizeHint().height()
        )
        run_once(dialog)

    def publish(self) -> None:
        reports = self._reports()
        dialog = PublishDialog(self._parent, self._w.desk.list_names(), reports.publish)
        if run_once(dialog) == QDialog.DialogCode.Accepted and dialog.number is not None:
            self._w.show_status(
                filled(
                    self._parent.tr("已发布第 {0} 号督办通报，可在“报表 → 已发布通报”输出。"),
                    str(dialog.number),
                )
            )

    def published(self) -> PublishedDialog:
        reports = self._reports()
        dialog = PublishedDialog(self._parent, reports.published(), reports.snapshot)
        run_once(dialog)
        return dialog
