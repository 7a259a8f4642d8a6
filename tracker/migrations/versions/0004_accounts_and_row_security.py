"""accounts (login throttling, database roles) and row-level security on PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:10:00
"""

import sqlalchemy as sa
from alembic import op

from tracker.row_security import disable_sql, enable_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("db_role", sa.String(length=63), nullable=True))
        batch.create_unique_constraint(batch.f("uq_app_user_db_role"), ["db_role"])
    if op.get_bind().dialect.name == "postgresql":
        for sql in enable_sql():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in disable_sql():
            op.execute(sql)
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(batch.f("uq_app_user_db_role"), type_="unique")
        batch.drop_column("db_role")
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
