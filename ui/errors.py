"""Show errors to the user: domain errors as plain Chinese, bugs in a crash dialog.

A ``TrackerError`` already carries a sentence a clerk can act on. Anything else is a bug: it
is logged with its traceback and shown in a dialog whose report can be copied for support,
and the application keeps running.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker import __version__
from tracker.errors import TrackerError
from tracker.paths import app_paths

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: TrackerError) -> None:
    QMessageBox.warning(parent, "实事台账", str(exc))  # type: ignore[arg-type]  # Qt takes no parent; the 6.8 stubs want one


def crash_report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, exc, tb)
    return (
        f"实事台账 {__version__} / Python {platform.python_version()} / {platform.platform()}\n\n"
        + "".join(lines)
    )


def show_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    report = crash_report(kind, exc, tb)
    log.error("unexpected error\n%s", report)
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("实事台账 — 程序出错")
    box.setText(
        "程序遇到了一个意外错误，刚才的操作可能没有完成，已保存的数据不受影响。\n"
        "请点击“显示详细信息”，复制报告发给技术支持。\n"
        f"详细记录也保存在：{log_file()}"
    )
    box.setDetailedText(report)
    box.exec()


def log_file() -> Path:
    """The program's log, where crash reports are written (帮助 → 关于 opens its folder)."""
    return app_paths().logs_dir / "shishi.log"


def log_to_file() -> logging.Handler:
    """Keep the program's log (crash reports, import failures: "技术细节已记入日志") in
    ``logs/shishi.log`` of the data folder, a few rotated files of 1 MB at most."""
    log_file().parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


def install_excepthook() -> None:
    """Route uncaught exceptions (including those in Qt slots) to the crash dialog."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, TrackerError):
            show_error(QApplication.activeWindow(), exc)  # type: ignore[arg-type]
            return
        show_crash(kind, exc, tb)

    sys.excepthook = hook
