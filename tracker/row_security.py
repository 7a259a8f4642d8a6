"""Row-level security on PostgreSQL: a unit clerk's database role sees only its unit's items.

Defence in depth behind the services' own unit-scope checks (``tracker.actors``): a unit
that connects over the intranet with its own PostgreSQL role cannot read or change another
unit's items even with a SQL client. The mapping is ``app_user.db_role``; a role not mapped
to any user (the administrator who ran the migrations, a shared office role) is not limited,
and the tables' owner bypasses the policies anyway. A mapped clerk whose account was stopped
sees nothing.

Policies call SECURITY DEFINER functions so that the item ↔ co-unit checks never recurse
through each other's policies; ``(SELECT shishi_scope_unit())`` is evaluated once per
statement, so unlimited roles pay almost nothing.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from tracker.errors import ValidationError

#: Tables whose rows belong to one item, and are visible with it.
ITEM_CHILDREN = (
    "item_co_unit",
    "checkpoint",
    "progress_report",
    "closure_request",
    "urge",
    "extension",
    "satisfaction_survey",
    "attachment",
    "item_history",
)
#: What a unit role may write (its own items' records and state history, people it assigns,
#: the audit log).
CLERK_WRITES = ("item", "person", "audit_entry", *ITEM_CHILDREN)

_FUNCTIONS = (
    # NULL: not limited; -1: a stopped account or a clerk without unit (sees nothing).
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
                       AND ((i.lead_unit_id IS NULL AND shishi_scope_unit() > 0)
                            OR shishi_unit_sees(i.lead_unit_id, i.id)))
    $$
    """,
)

_UNLIMITED = "(SELECT shishi_scope_unit()) IS NULL"


def enable_sql() -> list[str]:
    """Statements that make today's functions and policies on a ledger without any.

    No migration runs these: each revision holds its own copy of the SQL it applied (0004,
    0006, 0007), frozen, so that a change here cannot change what an old revision did. This
    is the one definition of the policy the program expects; a test holds every ledger,
    fresh or upgraded from any revision, equal to a database made by these statements. A
    change here therefore needs a new revision that brings existing ledgers to it.
    """
    sql = [*_FUNCTIONS]
    sql += [
        "ALTER TABLE item ENABLE ROW LEVEL SECURITY",
        f"""CREATE POLICY unit_scope ON item
            USING ({_UNLIMITED} OR (lead_unit_id IS NULL AND (SELECT shishi_scope_unit()) > 0)
                   OR shishi_unit_sees(lead_unit_id, id))
            WITH CHECK ({_UNLIMITED} OR shishi_unit_sees(lead_unit_id, id))""",
    ]
    for table in ITEM_CHILDREN:
        sql += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY unit_scope ON {table} "
            f"USING ({_UNLIMITED} OR shishi_item_visible(item_id))",
        ]
    # Accounts: everyone may read them (to log in); a unit role changes only its own row.
    sql += [
        "ALTER TABLE app_user ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY read_all ON app_user FOR SELECT USING (true)",
        f"CREATE POLICY own_row ON app_user FOR UPDATE "
        f"USING ({_UNLIMITED} OR db_role = session_user)",
        f"CREATE POLICY admin_insert ON app_user FOR INSERT WITH CHECK ({_UNLIMITED})",
        f"CREATE POLICY admin_delete ON app_user FOR DELETE USING ({_UNLIMITED})",
    ]
    return sql


_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def checked_role_name(name: str) -> str:
    """A PostgreSQL role name safe to splice into GRANT (lower-case letters, digits, _)."""
    name = name.strip()
    if not _ROLE_NAME.match(name):
        raise ValidationError(
            "db_role", f"数据库角色名“{name}”无效：只能用小写字母、数字和下划线，且不以数字开头。"
        )
    return name


def grant_unit_role(conn: Connection, role: str) -> None:
    """Give an existing PostgreSQL role what a unit clerk's desktop needs, nothing more."""
    role = checked_role_name(role)
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    writes = ", ".join(CLERK_WRITES)
    conn.execute(text(f"GRANT INSERT, UPDATE ON {writes} TO {role}"))
    conn.execute(text(f"GRANT DELETE ON item_co_unit, attachment TO {role}"))
    conn.execute(
        text(f"GRANT UPDATE (failed_logins, locked_until, password_hash) ON app_user TO {role}")
    )


def revoke_unit_role(conn: Connection, role: str) -> None:
    role = checked_role_name(role)
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}"))
