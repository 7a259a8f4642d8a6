"""the reason written when a progress report lowers the percent

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 18:00:00

A report that lowers 完成百分比 must say why (the 销号 gate's rule); the reason is kept on
the report itself so the item's history shows it beside the lowered figure. Older reports
have none.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table rebuild): instant on a million reports
    op.add_column("progress_report", sa.Column("drop_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("progress_report", "drop_reason")
