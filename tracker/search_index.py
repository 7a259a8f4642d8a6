"""Chinese substring search on SQLite through an FTS5 trigram index.

``LIKE '%污水治理%'`` must read every row (≈0.6 s at a million items); an FTS5 table with the
trigram tokenizer finds the rows holding a 3-or-more-character substring from its index in
milliseconds. It cannot match 1–2 characters (a trigram needs three), so shorter words, and
words with LIKE wildcards in them, keep the plain scan. The index is an external-content
table over ``item``'s code, title and content kept current by triggers, made by migration
0005, which holds its SQL (a change to the index is a new revision).

Alembic's batch mode rebuilds a table to alter it on SQLite, which drops its triggers: a
migration that alters ``item`` that way must create them again afterwards (its own copy of
0005's statements). SQLite older than 3.34 has no trigram tokenizer; there the index is
simply not created and search scans. PostgreSQL keeps ``LIKE`` (a pg_trgm index would be its
counterpart).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, literal_column, select, table, text
from sqlalchemy.orm import Session

TABLE = "item_fts"
MIN_CHARS = 3


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
