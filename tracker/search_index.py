"""Chinese substring search on SQLite through an FTS5 trigram index.

``LIKE '%污水治理%'`` must read every row (≈0.6 s at a million items); an FTS5 table with the
trigram tokenizer finds the rows holding a 3-or-more-character substring from its index in
milliseconds. It cannot match 1–2 characters (a trigram needs three), so shorter words, and
words with LIKE wildcards in them, keep the plain scan. The index is an external-content
table over ``item`` kept current by triggers.

Alembic's batch mode rebuilds a table to alter it on SQLite, which drops its triggers: a
migration that alters ``item`` must call ``create_sql()`` again afterwards. SQLite older than
3.34 has no trigram tokenizer; there the index is simply not created and search scans.
PostgreSQL keeps ``LIKE`` (a pg_trgm index would be its counterpart).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, literal_column, select, table, text
from sqlalchemy.orm import Session

TABLE = "item_fts"
COLUMNS = ("code", "title", "content")
MIN_CHARS = 3


def create_sql() -> list[str]:
    cols = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    delete = f"INSERT INTO {TABLE}({TABLE}, rowid, {cols}) VALUES('delete', old.id, {old});"
    insert = f"INSERT INTO {TABLE}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({cols}, "
        "content='item', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON item BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON item BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE OF {cols} ON item "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {TABLE}({TABLE}) VALUES('rebuild')",
    ]


def drop_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {TABLE}_{t}" for t in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {TABLE}"
    ]


def trigram_supported(conn: Connection) -> bool:
    try:
        conn.execute(
            text("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
        )
    except Exception:
        return False
    conn.execute(text("DROP TABLE temp.trigram_probe"))
    return True


def usable(s: Session, word: str) -> bool:
    """Whether ``word`` can be looked up in the index on this database."""
    if len(word) < MIN_CHARS or any(ch in word for ch in '%_\\"'):
        return False
    if s.get_bind().dialect.name != "sqlite":
        return False
    return s.scalar(text(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}'")) is not None


def matching_ids(word: str) -> Select[Any]:
    """Ids of items whose code, title or content contains ``word`` (a phrase of trigrams)."""
    index = table(TABLE)
    return (
        select(literal_column("rowid"))
        .select_from(index)
        .where(literal_column(TABLE).op("MATCH")('"' + word + '"'))
    )
