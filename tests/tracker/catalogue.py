"""What a database records of a ledger's structure, in a form two ledgers can be compared by.

``schema_of`` reads tables, columns, keys and indexes through SQLAlchemy's inspector (SQLite
keeps the text of each CREATE TABLE, whose constraint order after a batch rebuild is not
stable, so that text is not compared) plus SQLite's triggers, explicit indexes and FTS5
table. ``security_of`` reads PostgreSQL's row security and privileges: policies, the
``shishi_*`` functions, each table's row-security flags and the access lists of the schema,
its tables, sequences and columns.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text


def schema_of(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        insp = inspect(conn)
        tables = {}
        for name in sorted(insp.get_table_names()):
            tables[name] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                    for c in insp.get_columns(name)
                ],
                "primary_key": insp.get_pk_constraint(name),
                "foreign_keys": sorted(
                    (
                        fk["name"] or "",
                        fk["constrained_columns"],
                        fk["referred_table"],
                        fk["referred_columns"],
                        sorted(fk.get("options", {}).items()),
                    )
                    for fk in insp.get_foreign_keys(name)
                ),
                "unique": sorted(
                    (u["name"] or "", u["column_names"]) for u in insp.get_unique_constraints(name)
                ),
                "indexes": sorted(
                    (i["name"] or "", i["column_names"], bool(i["unique"]))
                    for i in insp.get_indexes(name)
                ),
                "checks": sorted(c["sqltext"] for c in insp.get_check_constraints(name)),
            }
        out: dict[str, object] = {"tables": tables}
        if conn.dialect.name == "sqlite":
            rows = conn.execute(
                text(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                    "AND (type != 'table' OR sql LIKE 'CREATE VIRTUAL%') ORDER BY type, name"
                )
            )
            out["sqlite_objects"] = [tuple(r) for r in rows]
        return out


_PUBLIC = "relnamespace = 'public'::regnamespace"


def _acl(item: str) -> str:
    """Columns of an ``aclexplode`` row: grantee (PUBLIC for 0), privilege, grantable."""
    return (
        f"CASE WHEN {item}.grantee = 0 THEN 'PUBLIC' ELSE {item}.grantee::regrole::text END, "
        f"{item}.privilege_type, {item}.is_grantable"
    )


def security_of(engine: Engine) -> dict[str, list[tuple]]:
    queries = {
        "policies": "SELECT tablename, policyname, permissive, cmd, qual, with_check, "
        "roles::text FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2",
        "functions": "SELECT proname, pg_get_function_identity_arguments(oid), prosrc, "
        "pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
        "AND proname LIKE 'shishi\\_%' ORDER BY 1, 2",
        "row_security": "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
        f"WHERE {_PUBLIC} AND relkind IN ('r', 'p') ORDER BY 1",
        "schema_grants": f"SELECT {_acl('a')} FROM pg_namespace n, aclexplode(n.nspacl) a "
        "WHERE n.nspname = 'public' ORDER BY 1, 2",
        "table_grants": f"SELECT c.relname, c.relkind, {_acl('a')} "
        f"FROM pg_class c, aclexplode(c.relacl) a WHERE c.{_PUBLIC} ORDER BY 1, 3, 4",
        "column_grants": f"SELECT c.relname, t.attname, {_acl('a')} "
        "FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a "
        f"WHERE c.{_PUBLIC} ORDER BY 1, 2, 3, 4",
    }
    with engine.connect() as conn:
        return {key: [tuple(r) for r in conn.execute(text(sql))] for key, sql in queries.items()}
