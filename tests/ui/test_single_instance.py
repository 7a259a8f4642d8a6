"""A second start for the same ledger hands over to the running window."""

from __future__ import annotations

from tracker.services.ledger_files import local_desk
from ui.single_instance import InstanceServer, hand_over, server_name


def test_a_second_start_raises_the_first_window_for_the_same_ledger_only(qtbot, tmp_path):
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    assert hand_over(url) is False  # nobody holds it yet: this start goes ahead
    server = InstanceServer(url)
    assert server.listening
    with qtbot.waitSignal(server.raise_requested, timeout=3000):
        assert hand_over(url) is True
    assert hand_over(f"sqlite:///{tmp_path / 'other.db'}") is False
    assert server_name(url) != server_name(url + "x")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    server.follow(other)  # the window switched to another ledger file
    with qtbot.waitSignal(server.raise_requested, timeout=3000):
        assert hand_over(other) is True
    assert hand_over(url) is False  # the first ledger is free to open again


def test_the_window_comes_to_the_front(qtbot, db):
    from ui.main_window import MainWindow

    window = MainWindow(local_desk(db))
    qtbot.addWidget(window)
    window.showMinimized()
    window.bring_to_front()
    assert not window.isMinimized()
