"""Run slow core calls off the GUI thread and deliver the result back on it.

Modelled on Anki's QueryOp: the callable gets no widgets (it talks to ``tracker`` only and
opens its own session through the desk), and ``success``/``failure`` are called on the GUI
thread. A newer request for the same purpose supersedes an older one, whose result is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tracker.errors import TrackerError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, serial: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._serial, self._fn, self._signals = serial, fn, signals

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            self._signals.failed.emit(self._serial, exc)
            return
        self._signals.done.emit(self._serial, result)


class LatestOnly(QObject):
    """Runs jobs in the background; only the latest job's outcome is delivered.

    Signals:
        busy_changed(busy): True while a job is running.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._serial = 0
        self.busy = False
        self._handlers: tuple[Callable[[Any], None], Callable[[TrackerError], None]] | None = None
        self.pool = QThreadPool.globalInstance()

    def run(
        self,
        fn: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[TrackerError], None],
    ) -> None:
        self._serial += 1
        self._handlers = (success, failure)
        self.busy = True
        self.busy_changed.emit(True)
        self.pool.start(_Job(self._serial, fn, self._signals))

    def _on_done(self, serial: int, result: Any) -> None:
        if serial == self._serial and self._handlers:
            self.busy = False
            self.busy_changed.emit(False)
            self._handlers[0](result)

    def _on_failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial or not self._handlers:
            return
        self.busy = False
        self.busy_changed.emit(False)
        if isinstance(exc, TrackerError):
            self._handlers[1](exc)
        else:
            raise exc  # a bug: the excepthook shows the crash dialog
