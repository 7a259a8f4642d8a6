"""Background jobs: results arrive on the GUI thread; only the newest request counts."""

from __future__ import annotations

import threading

from tracker.errors import StorageError
from ui.background import LatestOnly


def test_newest_result_wins_and_runs_on_the_gui_thread(qtbot):
    worker = LatestOnly()
    gate = threading.Event()
    results, threads = [], []

    def slow():
        gate.wait(5)
        return "old"

    worker.run(slow, results.append, results.append)
    worker.run(
        lambda: "new",
        lambda r: (results.append(r), threads.append(threading.current_thread())),
        results.append,
    )
    qtbot.waitUntil(lambda: results == ["new"])
    gate.set()
    worker.pool.waitForDone(5000)
    qtbot.wait(20)
    assert results == ["new"] and threads == [threading.main_thread()]


def test_domain_errors_go_to_the_failure_handler(qtbot):
    worker = LatestOnly()
    errors = []

    def broken():
        raise StorageError("连接中断")

    worker.run(broken, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert str(errors[0]) == "连接中断"
