"""设置 → 备份与恢复: list the backups, take one now, copy one to a USB stick, restore one.

The copying runs in a worker so a 1 GB ledger does not freeze the window; restoring is
handed back to the main window, which must close the ledger before its file is replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.backup import BackupInfo, describe_backups, manual_backup
from tracker.errors import TrackerError
from tracker.paths import backups_dir_for
from ui.background import LatestOnly
from ui.errors import show_error
from ui.i18n import filled


class BackupDialog(QDialog):
    """Backups of one SQLite ledger; ``restore`` is called with the chosen backup file."""

    def __init__(
        self, parent: QWidget | None, ledger_file: Path, restore: Callable[[Path], None]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份与恢复"))
        self._file, self._restore = ledger_file, restore
        self._folder = backups_dir_for(ledger_file)
        self._worker = LatestOnly(self)
        self._backups: list[BackupInfo] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("备份时间"), self.tr("类型"), self.tr("大小"), self.tr("文件")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.status = QLabel()
        self.backup_now = QPushButton(self.tr("立即备份(&B)"))
        self.export = QPushButton(self.tr("导出备份到U盘/其他位置(&E)…"))
        self.restore_button = QPushButton(self.tr("从所选备份恢复(&R)…"))
        close = QPushButton(self.tr("关闭"))
        self.backup_now.clicked.connect(self.take_backup)
        self.export.clicked.connect(self.export_backup)
        self.restore_button.clicked.connect(self.restore_selected)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._enable)
        self._worker.busy_changed.connect(self._busy)
        buttons = QHBoxLayout()
        for b in (self.backup_now, self.export, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        hint = filled(
            self.tr(
                "程序每天自动备份，导入和升级前也会自动备份；备份保存在：{0}。"
                "旧的自动备份按“近一周每天、近五周每周、近一年每月”保留。"
            ),
            str(self._folder),
        )
        label = QLabel(hint)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        self._backups = describe_backups(self._folder)
        self.table.setRowCount(len(self._backups))
        for row, b in enumerate(self._backups):
            cells = (f"{b.taken:%Y-%m-%d %H:%M}", b.kind, _size(b.size), b.path.name)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.status.setText(filled(self.tr("共 {0} 个备份。"), str(len(self._backups))))
        self._enable()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    def take_backup(self) -> None:
        self._copy(lambda: manual_backup(self._file), self.tr("已备份到：{0}"))

    def export_backup(self) -> None:
        suggested = str(Path.home() / f"实事台账备份-{dt.date.today():%Y%m%d}.db")
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出备份"), suggested, self.tr("台账备份 (*.db)")
        )
        if target:
            self._copy(lambda: manual_backup(self._file, Path(target)), self.tr("已导出到：{0}"))

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            filled(
                self.tr(
                    "用 {0} 的备份替换当前台账？\n此后录入的内容将不在恢复后的台账中；"
                    "当前台账文件会先另存一份，不会丢失。"
                ),
                f"{chosen.taken:%Y-%m-%d %H:%M}",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._restore(chosen.path)
            self.reload()

    def _copy(self, job: Callable[[], Path], done: str) -> None:
        self.status.setText(self.tr("正在备份，请稍候…"))

        def finished(path: Path) -> None:
            self.reload()
            self.status.setText(done.replace("{0}", str(path)))

        def failed(exc: TrackerError) -> None:
            self.status.setText("")
            show_error(self, exc)

        self._worker.run(job, finished, failed)

    def _busy(self, busy: bool) -> None:
        for b in (self.backup_now, self.export):
            b.setEnabled(not busy)
        self._enable(busy)

    def _enable(self, busy: bool = False) -> None:
        self.restore_button.setEnabled(not busy and self.selected() is not None)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, n // 1024)} KB"
