"""Python's cyclic garbage collection, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. When
that is a background worker (a ledger count, a report) and the garbage holds a Qt widget's
wrapper, the widget is destroyed off the GUI thread and the process crashes (seen in the
统计 page's tests: a segmentation fault while “Garbage-collecting” in a worker). Automatic
collection is therefore switched off and the same thresholds are checked by a timer on the
GUI thread — the pattern pyqtgraph and Spyder use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects, generation by generation, when ``gc``'s own thresholds are reached."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Give collection back to Python (tests, and the end of the program)."""
        self.timer.stop()
        gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """The collector of the application ``app``, made on the first call."""
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
