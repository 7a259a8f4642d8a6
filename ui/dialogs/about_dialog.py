"""帮助 → 关于: the version, the ledger in use, the data and log folders, and a button that
opens the log folder — what support asks for first when something went wrong."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QWidget

from tracker import __version__
from tracker.db import Database
from tracker.paths import app_paths


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, db: Database) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于实事台账"))
        paths = app_paths()
        self.rows = {
            self.tr("版本"): __version__,
            self.tr("当前台账"): db.label,
            self.tr("数据文件夹"): str(paths.data_dir),
            self.tr("日志文件夹"): str(paths.logs_dir),
            self.tr("运行环境"): f"Python {platform.python_version()} · Qt {pyside_version} · "
            f"{platform.system()} {platform.release()}",
        }
        form = QFormLayout(self)
        heading = QLabel(self.tr("实事台账 — “我为群众办实事”台账管理"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        form.addRow(heading)
        for label, value in self.rows.items():
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            form.addRow(label, text)
        self.open_logs = QPushButton(self.tr("打开日志文件夹"))
        self.open_logs.clicked.connect(self.show_logs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 40)

    def show_logs(self) -> bool:
        folder = app_paths().logs_dir
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
