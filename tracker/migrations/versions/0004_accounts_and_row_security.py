"""accounts (login throttling, database roles) and row-level security on PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:10:00

The row-security SQL below is frozen: it is what ``tracker.row_security`` produced when this
revision was written, so that a later change to the program cannot change what it did. Later
changes to the policies come as revisions of their own (0007).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# NULL: not limited; -1: a stopped account or a clerk without unit (sees nothing).
ENABLE = (
    """
    CREATE OR REPLACE FUNCTION shishi_scope_unit() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT CASE WHEN NOT u.active THEN -1
                    WHEN u.role = 'clerk' THEN coalesce(u.unit_id, -1)
                    ELSE NULL END
        FROM app_user u WHERE u.db_role = session_user
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION shishi_unit_sees(p_lead integer, p_item integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT p_lead = shishi_scope_unit() OR EXISTS (
            SELECT 1 FROM item_co_unit c WHERE c.item_id = p_item AND c.unit_id = shishi_scope_unit())
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION shishi_item_visible(p_item integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM item i WHERE i.id = p_item
                       AND (i.lead_unit_id IS NULL OR shishi_unit_sees(i.lead_unit_id, i.id)))
    $$
    """,
    "ALTER TABLE item ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON item\n"
    "            USING ((SELECT shishi_scope_unit()) IS NULL OR lead_unit_id IS NULL"
    " OR shishi_unit_sees(lead_unit_id, id))\n"
    "            WITH CHECK ((SELECT shishi_scope_unit()) IS NULL"
    " OR shishi_unit_sees(lead_unit_id, id))",
    "ALTER TABLE item_co_unit ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON item_co_unit"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE checkpoint ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON checkpoint"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE progress_report ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON progress_report"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE closure_request ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON closure_request"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE urge ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON urge"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE extension ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON extension"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE satisfaction_survey ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON satisfaction_survey"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    "ALTER TABLE attachment ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY unit_scope ON attachment"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))",
    # Accounts: everyone may read them (to log in); a unit role changes only its own row.
    "ALTER TABLE app_user ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY read_all ON app_user FOR SELECT USING (true)",
    "CREATE POLICY own_row ON app_user FOR UPDATE"
    " USING ((SELECT shishi_scope_unit()) IS NULL OR db_role = session_user)",
    "CREATE POLICY admin_insert ON app_user FOR INSERT"
    " WITH CHECK ((SELECT shishi_scope_unit()) IS NULL)",
    "CREATE POLICY admin_delete ON app_user FOR DELETE"
    " USING ((SELECT shishi_scope_unit()) IS NULL)",
)

DISABLE = (
    "DROP POLICY IF EXISTS unit_scope ON item",
    "ALTER TABLE item DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON item_co_unit",
    "ALTER TABLE item_co_unit DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON checkpoint",
    "ALTER TABLE checkpoint DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON progress_report",
    "ALTER TABLE progress_report DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON closure_request",
    "ALTER TABLE closure_request DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON urge",
    "ALTER TABLE urge DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON extension",
    "ALTER TABLE extension DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON satisfaction_survey",
    "ALTER TABLE satisfaction_survey DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS unit_scope ON attachment",
    "ALTER TABLE attachment DISABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS read_all ON app_user",
    "DROP POLICY IF EXISTS own_row ON app_user",
    "DROP POLICY IF EXISTS admin_insert ON app_user",
    "DROP POLICY IF EXISTS admin_delete ON app_user",
    "ALTER TABLE app_user DISABLE ROW LEVEL SECURITY",
    "DROP FUNCTION IF EXISTS shishi_item_visible(integer)",
    "DROP FUNCTION IF EXISTS shishi_unit_sees(integer, integer)",
    "DROP FUNCTION IF EXISTS shishi_scope_unit()",
)


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("db_role", sa.String(length=63), nullable=True))
        batch.create_unique_constraint(batch.f("uq_app_user_db_role"), ["db_role"])
    if op.get_bind().dialect.name == "postgresql":
        for sql in ENABLE:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in DISABLE:
            op.execute(sql)
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(batch.f("uq_app_user_db_role"), type_="unique")
        batch.drop_column("db_role")
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
