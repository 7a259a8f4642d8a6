"""Composition root of the GUI: parse arguments, open the ledger, build the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from tracker.db import open_database
from tracker.errors import TrackerError
from tracker.services.desk import Desk
from ui.errors import install_excepthook
from ui.i18n import install_translators
from ui.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shishi", description="实事台账")
    parser.add_argument("--db", metavar="URL", help="数据库文件路径或 PostgreSQL 地址")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("实事台账")
    app.setOrganizationName("shishi-ledger")
    translators = install_translators(app)
    try:
        db = open_database(args.db)
    except TrackerError as exc:
        QMessageBox.critical(None, "实事台账", str(exc))
        return 2
    window: MainWindow | None = None
    try:
        install_excepthook()
        window = MainWindow(Desk(db))
        window.resize(1000, 640)
        window.show()
        return app.exec()
    finally:
        db.close()
        if window is not None:
            window.desk.db.close()  # the ledger may have been reopened after a restore
        del translators


if __name__ == "__main__":
    raise SystemExit(main())
