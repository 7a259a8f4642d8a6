"""row security: items without a lead unit are hidden from stopped accounts (PostgreSQL)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00

0004 let every mapped unit role see the items no unit leads yet (and their records),
including a stopped clerk's (scope -1), who is meant to see nothing. The program's policy
was changed to "lead_unit_id IS NULL AND scope > 0" soon after 0004 was written, without a
revision, so ledgers migrated before that change kept the old policy; this revision brings
them, and every ledger, to it. The SQL is frozen: the upgrade is what
``tracker.row_security.enable_sql()`` makes of these two objects today, the downgrade is
0004's text.

Grants are not a migration's business: they belong to the unit roles mapped in app_user,
and ``shishi-cli db upgrade`` grants every mapped role again after migrating (that gives
roles mapped before 0006 their rights on item_history). SQLite has no row security: there
this revision does nothing.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UPGRADE = (
    """
    CREATE OR REPLACE FUNCTION shishi_item_visible(p_item integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM item i WHERE i.id = p_item
                       AND ((i.lead_unit_id IS NULL AND shishi_scope_unit() > 0)
                            OR shishi_unit_sees(i.lead_unit_id, i.id)))
    $$
    """,
    "DROP POLICY unit_scope ON item",
    "CREATE POLICY unit_scope ON item\n"
    "            USING ((SELECT shishi_scope_unit()) IS NULL"
    " OR (lead_unit_id IS NULL AND (SELECT shishi_scope_unit()) > 0)\n"
    "                   OR shishi_unit_sees(lead_unit_id, id))\n"
    "            WITH CHECK ((SELECT shishi_scope_unit()) IS NULL"
    " OR shishi_unit_sees(lead_unit_id, id))",
)

DOWNGRADE = (
    """
    CREATE OR REPLACE FUNCTION shishi_item_visible(p_item integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM item i WHERE i.id = p_item
                       AND (i.lead_unit_id IS NULL OR shishi_unit_sees(i.lead_unit_id, i.id)))
    $$
    """,
    "DROP POLICY unit_scope ON item",
    "CREATE POLICY unit_scope ON item\n"
    "            USING ((SELECT shishi_scope_unit()) IS NULL OR lead_unit_id IS NULL"
    " OR shishi_unit_sees(lead_unit_id, id))\n"
    "            WITH CHECK ((SELECT shishi_scope_unit()) IS NULL"
    " OR shishi_unit_sees(lead_unit_id, id))",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in UPGRADE:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in DOWNGRADE:
            op.execute(sql)
