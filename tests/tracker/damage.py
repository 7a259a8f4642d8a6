"""Damage a ledger file the way a failing disk would, for the corrupt-ledger tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def corrupt(path: Path) -> None:
    """Fold the WAL into the file, then overwrite pages in its middle.

    The checkpoint matters: without it the damage could land on pages the WAL still
    shadows, and the ledger would look healthy.
    """
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 40 * 4096
    for page in range(10, 30, 2):
        start = page * 4096
        data[start : start + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
