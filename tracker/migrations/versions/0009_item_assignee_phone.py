"""the phone a list gives for an item's 责任人, kept on the item

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:40:00

One person is 责任人 of many items, and lists give a phone beside the name on every row —
not always the same one (an office line here, a mobile there). Kept on the person, the last
row of each import overwrote the others and the next import saw as many “changes”. The phone
now belongs to the item-person pair; the person's own phone is the directory's. Older items
have none and show the person's phone, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table rebuild): instant on a million items
    op.add_column("item", sa.Column("assignee_phone", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("item", "assignee_phone")
