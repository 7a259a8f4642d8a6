"""One running window per ledger: a second start hands over to the first and quits.

Clerks double-click the desktop icon again when the window is behind others; instead of an
error about the ledger being in use (the SQLite writer lock), the window already open comes
to the front. The first instance listens on a local socket named after the ledger; a later
start for the same ledger connects, says so, and exits.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 500
MESSAGE = b"raise\n"


def server_name(db_url: str) -> str:
    return "shishi-" + hashlib.sha1(db_url.encode("utf-8")).hexdigest()[:16]


def hand_over(db_url: str) -> bool:
    """True when another instance holds this ledger and has been asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_url))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(MESSAGE)
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Signals: raise_requested() — another start of the program for this ledger."""

    raise_requested = Signal()

    def __init__(self, db_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        self.follow(db_url)

    def follow(self, db_url: str) -> None:
        """Answer for ``db_url`` (the window switched ledgers): a start for the new ledger
        comes here, one for the old ledger opens it."""
        self._server.close()
        name = server_name(db_url)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)  # left behind by a program that was killed
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
            self.raise_requested.emit()
        socket.disconnectFromServer()
