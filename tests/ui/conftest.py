"""GUI tests keep their per-desktop settings in a temporary folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path):
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )


@pytest.fixture(autouse=True)
def _finish_background_work(qtbot):
    """Let background searches finish before qtbot closes the widgets they report to."""
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(10)


@pytest.fixture
def demo_window(qtbot, demo_db):
    """The main window over the 300-item demo ledger, its first search done."""
    from tracker.services.desk import Desk
    from ui.main_window import MainWindow

    w = MainWindow(Desk(demo_db))
    qtbot.addWidget(w)
    w.resize(1200, 600)
    w.show()
    qtbot.waitUntil(lambda: w.ledger.model.rowCount() == 300)
    return w


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread(qapp):
    """As the program does (``ui.gui_gc``): no garbage collection inside worker threads."""
    from ui import gui_gc

    collector = gui_gc.install(qapp)
    yield
    collector.stop()


@pytest.fixture
def open_window(qtbot, db, org):
    """A main window over the small county's ledger, opened as ``login``."""
    from tracker.services.desk import Desk
    from ui.main_window import MainWindow

    def make(login: str) -> MainWindow:
        w = MainWindow(Desk(db, login))
        qtbot.addWidget(w)
        w.show()
        return w

    return make
