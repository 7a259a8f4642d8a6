"""trigram search index over item code, title and content (SQLite)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 23:30:00
"""

from alembic import op

from tracker import search_index

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not search_index.trigram_supported(bind):
        return
    for sql in search_index.create_sql():
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for sql in search_index.drop_sql():
            op.execute(sql)
