"""item state history (for reports as of a past date) and the closure request day

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

The history of ledgers made before this revision is rebuilt from what they recorded: the
audit log's before/after snapshots of every workflow step, the closure requests' days and
the items' own time stamps. This script holds its own SQL and code (frozen), so that a
later change to the program cannot change what it did.
"""

import datetime as dt
import json
from typing import Any
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DONE = ("completed", "closed")
CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "item_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("item.id", name="fk_item_history_item_id_item", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("escalation", sa.String(16), nullable=False),
        sa.Column("deadline_date", sa.Date(), nullable=True),
        sa.Column("progress_percent", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("deadline_text", sa.String(100), nullable=True),
        sa.Column(
            "lead_unit_id",
            sa.Integer(),
            sa.ForeignKey("unit.id", name="fk_item_history_lead_unit_id_unit"),
            nullable=True,
        ),
        sa.Column("category", sa.String(64), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_item_history"),
    )
    op.create_index("ix_item_history_item_at", "item_history", ["item_id", "at", "id"])
    op.create_index("ix_item_history_at", "item_history", ["at"])
    op.add_column("item", sa.Column("requested_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    requests = _requests(bind)
    if requests:
        bind.execute(
            sa.text("UPDATE item SET requested_on = :day WHERE id = :id"),
            [{"id": i, "day": days[-1].date()} for i, days in requests.items()],
        )
    _backfill(bind, requests)
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE item_history ENABLE ROW LEVEL SECURITY")
        op.execute(
            "CREATE POLICY unit_scope ON item_history USING "
            "((SELECT shishi_scope_unit()) IS NULL OR shishi_item_visible(item_id))"
        )


# 0005's search-index triggers on item, frozen: on SQLite the downgrade's batch rebuild of
# item drops them, and they are made again (the index itself keeps its rows).
SEARCH_TRIGGERS = (
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
)


def downgrade() -> None:
    with op.batch_alter_table("item") as batch:
        batch.drop_column("requested_on")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE name = 'item_fts'")
    ).first():
        for sql in SEARCH_TRIGGERS:
            op.execute(sql)
    op.drop_index("ix_item_history_at", "item_history")
    op.drop_index("ix_item_history_item_at", "item_history")
    op.drop_table("item_history")


def _requests(bind: sa.Connection) -> dict[int, list[dt.datetime]]:
    """Each item's closure request times, oldest first."""
    out: dict[int, list[dt.datetime]] = defaultdict(list)
    rows = bind.execute(
        sa.text("SELECT item_id, requested_at FROM closure_request ORDER BY requested_at, id")
    )
    for item_id, at in rows:
        out[item_id].append(_time(at))
    return out


def _backfill(bind: sa.Connection, requests: dict[int, list[dt.datetime]]) -> None:
    snapshots = _audit_snapshots(bind)
    items = bind.execute(
        sa.text(
            "SELECT id, created_at, status, escalation, deadline_date, progress_percent, "
            "completed_at, deadline_text, lead_unit_id, category, assigned_at FROM item ORDER BY id"
        )
    ).all()
    insert = sa.text(
        "INSERT INTO item_history (item_id, at, status, escalation, deadline_date, "
        "progress_percent, requested_on, done_on, deadline_text, lead_unit_id, category, "
        "assigned_at) VALUES (:item_id, :at, :status, :escalation, :deadline_date, "
        ":progress_percent, :requested_on, :done_on, :deadline_text, :lead_unit_id, :category, "
        ":assigned_at)"
    )
    rows: list[dict[str, object]] = []
    for item in items:
        rows += _item_rows(item, snapshots.get(item[0], []), requests.get(item[0], []))
        if len(rows) >= CHUNK:
            bind.execute(insert, rows)
            rows = []
    if rows:
        bind.execute(insert, rows)


def _audit_snapshots(bind: sa.Connection) -> dict[int, list[tuple[dt.datetime, dict[str, Any], dict[str, Any]]]]:
    """Per item, the audit entries that carry a full state snapshot (time, before, after)."""
    out: dict[int, list[tuple[dt.datetime, dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    rows = bind.execute(
        sa.text(
            "SELECT item_id, at, before, after FROM audit_entry "
            "WHERE item_id IS NOT NULL AND after LIKE '%\"status\"%' ORDER BY id"
        )
    )
    for item_id, at, before, after in rows:
        try:
            b, a = json.loads(before or "{}"), json.loads(after or "{}")
        except ValueError:
            continue
        if isinstance(a, dict) and "status" in a:
            out[item_id].append((_time(at), b if isinstance(b, dict) else {}, a))
    return out


def _item_rows(
    item: Any, snaps: list[tuple[dt.datetime, dict[str, Any], dict[str, Any]]], requests: Any
) -> list[dict[str, object]]:  # type annotations only: the SQL and its results are frozen
    item_id, created, status, escalation, deadline, percent, completed, text, unit, category = item[:10]
    assigned = _time(item[10]) if item[10] else None
    # Unit, 领域 and deadline wording were not in the audit snapshots: today's values.
    current = {
        "status": status,
        "escalation": escalation,
        "deadline_date": _day(deadline),
        "progress_percent": percent or 0,
        "deadline_text": text,
        "lead_unit_id": unit,
        "category": category,
    }
    before_assigned = ("draft", "registered")
    completed_on = _time(completed).date() if completed else None
    if snaps:
        first_before, first_after = snaps[0][1], snaps[0][2]
        start = first_before if "status" in first_before else first_after
        states = [(_time(created), {**current, **_state(start)})]
        states += [(at, {**current, **_state(after)}) for at, _b, after in snaps]
    else:
        states = [(_time(created), current)]
    out, last, done_on = [], None, None
    for at, state in states:
        requested = [r for r in requests if r <= at]
        if state["status"] not in DONE:
            done_on = None
        elif done_on is None:  # the approval: the item is done from this row on
            done_on = at.date() if snaps else completed_on
        row = {
            "item_id": item_id,
            "at": at,
            **state,
            "assigned_at": None if state["status"] in before_assigned else assigned,
            "requested_on": requested[-1].date() if requested else None,
            "done_on": done_on,
        }
        key = tuple(v for k, v in row.items() if k != "at")
        if key != last:
            out.append(row)
            last = key
    return out


def _state(snapshot: dict[str, Any]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in ("status", "escalation", "progress_percent"):
        if snapshot.get(key) is not None:
            out[key] = snapshot[key]
    if "deadline_date" in snapshot:
        out["deadline_date"] = _day(snapshot["deadline_date"])
    return out


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _time(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
