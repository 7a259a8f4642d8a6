"""Direct read-only SQL on a test ledger file: the expected values the GUI must show."""

from __future__ import annotations

import sqlite3


def sql_column(db, query: str, *args) -> list:
    """The first column of ``query``'s rows, read past the program (a separate connection)."""
    conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(query, args)]
    finally:
        conn.close()
