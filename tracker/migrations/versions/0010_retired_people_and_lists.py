"""people and lists can be retired (停用) like units

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:25:00

A 责任人 who left, or last year's list, stays on the items and reports that name them but is
no longer offered for new work. Units had ``active`` from the start; people and lists get it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs with a constant default (no table rebuild)
    for table in ("person", "item_list"):
        op.add_column(
            table,
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        )


def downgrade() -> None:
    for table in ("person", "item_list"):
        op.drop_column(table, "active")
