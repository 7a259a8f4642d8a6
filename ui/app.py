"""Composition root of the GUI: parse arguments, open the ledger, build the main window."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.engine import make_url

from tracker.db import Database
from tracker.errors import TrackerError
from tracker.paths import resolve_db_url, resource
from tracker.services import ledger_files
from tracker.services.desk import Desk
from ui import gui_gc
from ui.dialogs.connection_dialog import ConnectionDialog
from ui.dialogs.login_dialog import desk_for
from ui.errors import install_excepthook, log_to_file
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.single_instance import InstanceServer, hand_over


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shishi", description="实事台账")
    parser.add_argument("--db", metavar="URL", help="数据库文件路径或 PostgreSQL 地址")
    parser.add_argument("--selftest", action="store_true", help="检查安装是否完整后退出")
    return parser.parse_args(argv)


class StartCancelled(Exception):
    """The user closed a start-up dialog: leave quietly."""


def ask_restore(message: str, backup: Path) -> bool:
    """The start-up question about a damaged ledger file (see ``ledger_files.open_ledger``)."""
    question = (
        f"{message}\n\n是否用最近的完好备份恢复？\n{backup}\n（损坏的文件会另存一份，不会删除。）"
    )
    answer = QMessageBox.question(None, "实事台账", question)  # type: ignore[arg-type]  # Qt takes no parent; the 6.8 stubs want one
    return answer == QMessageBox.StandardButton.Yes


def _remembered_file(prefs: UiSettings) -> str | None:
    """The ledger file opened last (台账 → 打开台账文件), if it is still there.

    A file on a removed USB stick falls back to the default ledger rather than creating
    an empty one in its place. ``SHISHI_DB`` (set by an administrator) wins.
    """
    path = prefs.last_file()
    if path is None or os.environ.get("SHISHI_DB") or not Path(path).is_file():
        return None
    return path


def _remembered_server(prefs: UiSettings) -> str | None:
    """The shared ledger this desktop used last, asking for its password if not kept.

    ``SHISHI_DB`` (set by an administrator) wins over the remembered address.
    """
    url = prefs.server_url()
    if url is None or os.environ.get("SHISHI_DB"):
        return None
    if make_url(url).password is None:
        dialog = ConnectionDialog.ask(None, url)
        if dialog is None:
            raise StartCancelled()
        prefs.set_server_url(dialog.remembered_url())
        return dialog.url()
    return url


def start_desk(db: Database, prefs: UiSettings) -> Desk | None:
    """The user at this desktop: a login where the ledger asks for one, else its administrator."""
    return desk_for(None, db, prefs)


def cut_report_fonts_later(delay_ms: int = 10_000) -> None:
    """Make the reports' font cut (``font_cut``) in the background once the window is up.

    It takes ≈ 10 s of one core, once per font file, and makes every later report seconds
    quicker; started after the first paint, and imported only then, so that start-up does
    not pay for it. A thread, not a process, so that it works the same in the frozen
    installer build; the window stays responsive, as Python hands the thread and the event
    loop turns every few milliseconds.
    """

    def start() -> None:
        from tracker.reports import font_cut

        threading.Thread(target=font_cut.prepare, name="font-cut", daemon=True).start()

    QTimer.singleShot(delay_ms, start)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.selftest:
        from ui import selftest

        return selftest.main()
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0]]))
    gui_gc.install(app)
    app.setApplicationName("实事台账")
    app.setOrganizationName("shishi-ledger")
    icon = resource("shishi.svg")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    translators = install_translators(app)
    prefs = UiSettings()
    try:
        url = args.db or _remembered_file(prefs) or _remembered_server(prefs)
        if hand_over(resolve_db_url(url)):
            return 0  # that ledger's window is open already and has come to the front
        db = ledger_files.open_ledger(url, ask_restore)
    except StartCancelled:
        return 0
    except TrackerError as exc:
        QMessageBox.critical(None, "实事台账", str(exc))  # type: ignore[arg-type]  # Qt takes no parent; the 6.8 stubs want one
        return 2
    window: MainWindow | None = None
    try:
        install_excepthook()
        log_to_file()
        desk = start_desk(db, prefs)
        if desk is None:
            return 0
        window = MainWindow(desk, prefs)
        instance = InstanceServer(db.url, window)
        instance.raise_requested.connect(window.bring_to_front)
        window.ledger_changed.connect(instance.follow)
        window.resize(1000, 640)
        window.show()
        cut_report_fonts_later()
        return app.exec()
    finally:
        db.close()
        if window is not None:
            window.desk.db.close()  # the ledger may have been reopened after a restore
        del translators


if __name__ == "__main__":
    raise SystemExit(main())
