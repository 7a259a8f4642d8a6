"""The main window opens on a ledger and shows its figures."""

from __future__ import annotations

from ui.main_window import MainWindow


def test_main_window_summarises_the_ledger(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "实事台账"
    assert window.summary.text().startswith("台账共 300 项")
    assert str(demo_db.path) in window.statusBar().currentMessage()
