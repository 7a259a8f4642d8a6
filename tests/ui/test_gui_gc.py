"""Garbage is collected on the GUI thread, never inside a background worker."""

from __future__ import annotations

import gc
import threading

from ui import gui_gc


def test_cycles_are_collected_by_the_gui_threads_timer(qtbot, qapp):
    collector = gui_gc.install(qapp)
    assert gui_gc.install(qapp) is collector  # one per application
    assert not gc.isenabled()
    seen: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            seen.append(threading.current_thread().name)

    def make_garbage() -> None:
        for _ in range(5 * gc.get_threshold()[0]):
            Cycle()

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert seen == []  # the worker allocated past every threshold and collected nothing
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert set(seen) == {threading.main_thread().name}
