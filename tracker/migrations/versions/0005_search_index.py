"""trigram search index over item code, title and content (SQLite)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 23:30:00

The SQL below is frozen: it is what ``tracker.search_index`` produced when this revision was
written, so that a later change to the program cannot change what it did.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS item_fts USING fts5(code, title, content, "
    "content='item', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS item_fts_ai AFTER INSERT ON item BEGIN "
    "INSERT INTO item_fts(rowid, code, title, content) "
    "VALUES (new.id, new.code, new.title, new.content); END",
    "CREATE TRIGGER IF NOT EXISTS item_fts_ad AFTER DELETE ON item BEGIN "
    "INSERT INTO item_fts(item_fts, rowid, code, title, content) "
    "VALUES('delete', old.id, old.code, old.title, old.content); END",
    "CREATE TRIGGER IF NOT EXISTS item_fts_au AFTER UPDATE OF code, title, content ON item BEGIN "
    "INSERT INTO item_fts(item_fts, rowid, code, title, content) "
    "VALUES('delete', old.id, old.code, old.title, old.content); "
    "INSERT INTO item_fts(rowid, code, title, content) "
    "VALUES (new.id, new.code, new.title, new.content); END",
    "INSERT INTO item_fts(item_fts) VALUES('rebuild')",
)

DROP = (
    "DROP TRIGGER IF EXISTS item_fts_ai",
    "DROP TRIGGER IF EXISTS item_fts_ad",
    "DROP TRIGGER IF EXISTS item_fts_au",
    "DROP TABLE IF EXISTS item_fts",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _trigram_supported(bind):
        return
    for sql in CREATE:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for sql in DROP:
            op.execute(sql)


def _trigram_supported(bind: sa.Connection) -> bool:
    """SQLite older than 3.34 has no trigram tokenizer: then there is no index."""
    try:
        bind.execute(
            sa.text("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
        )
    except Exception:
        return False
    bind.execute(sa.text("DROP TABLE temp.trigram_probe"))
    return True
