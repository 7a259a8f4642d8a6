"""``shishi --selftest``: the core checks plus the GUI's own (translations, main window).

Run by the installer build on the frozen bundle, offscreen; prints one line per step and
exits non-zero when any step fails, so a broken package never leaves the build machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tracker import __version__, selftest
from ui.i18n import install_translators


def _translations(_: Path) -> str:
    app = QApplication.instance()
    assert app is not None
    if not install_translators(app):
        raise RuntimeError("找不到 Qt 中文翻译 qtbase_zh_CN.qm")
    return "qtbase_zh_CN 已加载"


def _main_window(folder: Path) -> str:
    from tracker.db import open_database
    from tracker.services.ledger_files import local_desk
    from ui.main_window import MainWindow

    with open_database(str(folder / "selftest.db")) as db:
        window = MainWindow(local_desk(db))
        window.show()
        deadline = time.monotonic() + 20
        while window.ledger.model.rowCount() < 30 and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        rows = window.ledger.model.rowCount()
        window.close()
    if rows != 30:
        raise RuntimeError(f"台账页应显示 30 项，实际 {rows} 项")
    return f"台账页显示 {rows} 项"


def main() -> int:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    steps = [
        *selftest.CORE_STEPS,
        ("加载中文翻译", _translations),
        ("打开主窗口", _main_window),
    ]
    failed = 0
    print(f"实事台账 {__version__} 自检")
    for name, ok, detail in selftest.run(steps):
        failed += not ok
        print(f"{'通过' if ok else '失败'}  {name}：{detail}", flush=True)
    print("自检通过" if not failed else f"自检失败：{failed} 项")
    del app
    return 1 if failed else 0
