"""The hash chain verifies when intact and names the first altered, removed or inserted entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import delete, select, update

from tracker import audit
from tracker.models import AuditEntry

AT = dt.datetime(2026, 3, 1, 9, 30)


def _three(db):
    with db.sessions.begin() as s:
        for n in range(3):
            audit.append(
                s,
                actor="duchashi",
                action="urge",
                item_id=n + 1,
                before={"urge_count": n},
                after={"urge_count": n + 1},
                at=AT,
            )


def test_first_entry_hash_is_computed_from_documented_fields(db):
    with db.sessions.begin() as s:
        entry = audit.append(
            s, actor="admin", action="创建", item_id=7, after={"标题": "食堂"}, at=AT
        )
    payload = json.dumps(
        [audit.GENESIS, "2026-03-01T09:30:00", "admin", 7, "创建", None, '{"标题":"食堂"}'],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert entry.prev_hash == audit.GENESIS
    assert entry.hash == hashlib.sha256(payload.encode()).hexdigest()


def test_intact_chain_verifies_and_reports_head(db):
    _three(db)
    with db.sessions.begin() as s:
        report = audit.verify(s)
        last = s.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()))
    assert report.ok and report.entries == 3 and report.head == last


def test_empty_chain_verifies(db):
    with db.sessions.begin() as s:
        assert audit.verify(s) == audit.ChainReport(True, 0, audit.GENESIS)


def test_altered_entry_is_named(db):
    _three(db)
    with db.sessions.begin() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == 2).values(after='{"urge_count":9}'))
    with db.sessions.begin() as s:
        report = audit.verify(s)
    assert not report.ok and report.bad_entry_id == 2 and "被修改" in report.problem


def test_removed_entry_is_detected_at_its_successor(db):
    _three(db)
    with db.sessions.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.id == 2))
    with db.sessions.begin() as s:
        report = audit.verify(s)
    assert not report.ok and report.bad_entry_id == 3 and "删除" in report.problem


def test_inserted_entry_with_recomputed_hash_still_breaks_the_chain(db):
    _three(db)
    with db.sessions.begin() as s:
        first = s.get(AuditEntry, 1)
        forged_hash = audit.entry_hash(first.hash, AT, "someone", 1, "close", None, None)
        s.execute(update(AuditEntry).where(AuditEntry.id == 3).values(id=4))
        s.execute(update(AuditEntry).where(AuditEntry.id == 2).values(id=3))
        s.add(
            AuditEntry(
                id=2,
                at=AT,
                actor="someone",
                item_id=1,
                action="close",
                prev_hash=first.hash,
                hash=forged_hash,
            )
        )
    with db.sessions.begin() as s:
        report = audit.verify(s)
    assert not report.ok and report.bad_entry_id == 3
