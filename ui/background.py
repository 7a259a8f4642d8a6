"""Work off the GUI thread, delivered back on it: the one place the window runs anything slow.

Two shapes. ``LatestOnly`` runs quick reads (a page of the ledger, the 统计 figures) modelled
on Anki's QueryOp: the callable gets no widgets and opens its own session through the desk; a
newer request for the same purpose supersedes an older one, whose result is dropped.
``Task`` and ``run_with_progress`` run long work (import, export, packs): the work is a
function of one argument, the ``tracker.tasks.Progress`` callback, which reports (done,
total) to the GUI thread and, once the user has asked to cancel, raises ``Cancelled`` inside
the work — the core lets it through, so its transaction rolls back and half-written files
are removed. Results and domain errors arrive on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from tracker.errors import Cancelled, TrackerError
from tracker.tasks import Progress
from ui.errors import show_error

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


Work = Callable[[Progress], Any]


class Task(QObject):
    """One run of ``work``. Signals: progressed(done, total), succeeded(result),
    failed(TrackerError — ``Cancelled`` when the user stopped it), crashed(bug) — a bug is
    also raised on the GUI thread, where the excepthook shows the crash dialog."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    crashed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self.running = False
        self.crashed.connect(self._raise, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._execute)

    def cancel(self) -> None:
        self._stop.set()

    def _tick(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled()
        self.progressed.emit(done, total)

    def _execute(self) -> None:
        try:
            result = self._work(self._tick)
        except TrackerError as exc:
            self.running = False
            self.failed.emit(exc)
        except Exception as exc:  # a bug: shown by the crash dialog on the GUI thread
            self.running = False
            self.crashed.emit(exc)
        else:
            self.running = False
            self.succeeded.emit(result)

    @staticmethod
    def _raise(exc: BaseException) -> None:
        raise exc


def run_with_progress(parent: QWidget | None, label: str, work: Work) -> Any | None:
    """Run ``work`` behind a modal progress dialog with 取消; the result, or ``None`` when
    it was cancelled or failed (the error has then been shown)."""
    cancel = QCoreApplication.translate("run_with_progress", "取消")
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setWindowTitle("实事台账")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    task = Task(work, dialog)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finished(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    task.progressed.connect(progressed)
    task.succeeded.connect(lambda result: finished("result", result))
    task.failed.connect(lambda exc: finished("error", exc))
    task.crashed.connect(lambda exc: finished("crash", exc))
    dialog.canceled.connect(task.cancel)
    task.start()
    loop.exec()
    dialog.reset()
    dialog.deleteLater()
    error = outcome.get("error")
    if error is not None and not isinstance(error, Cancelled):
        show_error(parent, error)
    return outcome.get("result")
