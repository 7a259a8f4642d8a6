"""Per-desktop preferences (window layout, column widths) in one typed QSettings wrapper.

Shared settings (warning days, weights) live in the database; this file is only about how
this desktop shows things. INI format, so it is a plain file on Windows too.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "shishi-ledger", "shishi"
        )

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def ledger_header(self) -> tuple[QByteArray | None, int]:
        """The ledger header's saved layout, and how many columns the ledger had then (10
        before the column chooser offered more)."""
        count = self._s.value("ledger/header_columns")
        return self._bytes("ledger/header"), int(count) if count else 10

    def set_ledger_header(self, state: QByteArray, columns: int) -> None:
        self._s.setValue("ledger/header", state)
        self._s.setValue("ledger/header_columns", columns)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._bytes("window/geometry"), self._bytes("window/state")

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def server_url(self) -> str | None:
        """The shared ledger this desktop connects to (password only if the user asked)."""
        value = self._s.value("server/url")
        return value if isinstance(value, str) and value else None

    def set_server_url(self, url: str | None) -> None:
        self._s.setValue("server/url", url or "")

    def last_file(self) -> str | None:
        """The ledger file opened last with 打开台账文件 (None: the default or a server)."""
        value = self._s.value("ledger/last_file")
        return value if isinstance(value, str) and value else None

    def set_last_file(self, path: str | None) -> None:
        self._s.setValue("ledger/last_file", path or "")

    def last_login(self) -> str:
        value = self._s.value("server/login")
        return value if isinstance(value, str) else ""

    def set_last_login(self, login: str) -> None:
        self._s.setValue("server/login", login)

    def saved_filters(self) -> dict[str, dict]:
        """The user's named filter-bar settings (常用筛选), in the order they were saved."""
        value = self._s.value("ledger/saved_filters")
        try:
            saved = json.loads(value) if isinstance(value, str) else {}
        except ValueError:  # a hand-edited INI file: start over rather than fail to open
            return {}
        return saved if isinstance(saved, dict) else {}

    def set_saved_filters(self, saved: dict[str, dict]) -> None:
        self._s.setValue("ledger/saved_filters", json.dumps(saved, ensure_ascii=False))
