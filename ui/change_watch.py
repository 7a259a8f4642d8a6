"""Notice when other desktops change a shared ledger, so the window can show it.

Every change anywhere appends to the audit log, so the newest audit id is a cheap marker
(one primary-key lookup) that moves exactly when something changed. It is polled in a
worker thread; a server that is briefly unreachable is simply asked again next time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.services.desk import Desk
from ui.workers import LatestOnly

INTERVAL_MS = 15_000


class ChangeWatch(QObject):
    """Signals: changed() — someone (possibly this desktop) changed the ledger."""

    changed = Signal()

    def __init__(
        self, desk: Desk, parent: QObject | None = None, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._marker: int | None = None
        self._worker = LatestOnly(self)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def use_desk(self, desk: Desk) -> None:
        self._desk, self._marker = desk, None

    def check(self) -> None:
        if not self._worker.busy:
            self._worker.run(self._desk.change_marker, self._seen, lambda _exc: None)

    def _seen(self, marker: int | None) -> None:
        if self._marker is not None and marker != self._marker:
            self.changed.emit()
        self._marker = marker
