"""The append-only, hash-chained audit log and its verifier.

Each entry stores the SHA-256 of its own content together with the hash of the entry before
it, so altering, removing or inserting a row breaks the chain at that point. The head hash is
printed on reports: a printed report anchors the chain outside the database, which is what
stops someone with write access from recomputing the whole chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from tracker.models import AuditEntry

GENESIS = "0" * 64


def canonical_json(data: Mapping[str, Any] | None) -> str | None:
    """The one JSON spelling that is hashed and stored (sorted keys, no spaces)."""
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(
    prev_hash: str,
    at: dt.datetime,
    actor: str,
    item_id: int | None,
    action: str,
    before: str | None,
    after: str | None,
) -> str:
    """The hash of one entry's content chained to its predecessor."""
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="seconds"), actor, item_id, action, before, after],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: Advisory lock key that serialises appends on PostgreSQL ("shishi audit").
CHAIN_LOCK = 0x5348_4953


def _serialise(s: Session) -> None:
    """On a shared server, hold the chain until this transaction ends so appends never fork.

    SQLite needs nothing: one process writes a ledger file at a time, in one transaction.
    """
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})


def head_hash(s: Session, before: dt.datetime | None = None) -> str:
    """The newest entry's hash (of those stamped before ``before``, when given: a report as
    of a past day names the chain as it stood then), or the genesis value."""
    stmt = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    if before is not None:
        stmt = stmt.where(AuditEntry.at < before)
    return s.scalar(stmt) or GENESIS


def append(
    s: Session,
    *,
    actor: str,
    action: str,
    item_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Add one entry at the end of the chain (inside the caller's transaction)."""
    at = (at or dt.datetime.now()).replace(microsecond=0)
    before_text, after_text = canonical_json(before), canonical_json(after)
    _serialise(s)
    prev = head_hash(s)
    entry = AuditEntry(
        at=at,
        actor=actor,
        item_id=item_id,
        action=action,
        before=before_text,
        after=after_text,
        prev_hash=prev,
        hash=entry_hash(prev, at, actor, item_id, action, before_text, after_text),
    )
    s.add(entry)
    s.flush()
    return entry


def append_many(
    s: Session,
    *,
    actor: str,
    entries: list[tuple[str, int | None, Mapping[str, Any] | None, Mapping[str, Any] | None]],
    at: dt.datetime | None = None,
) -> str:
    """Add many entries (action, item id, before, after) in one insert; returns the new head.

    Bulk imports write thousands of entries; chaining them in Python from one head lookup
    and inserting them together is what keeps a 10,000-row import to seconds.
    """
    at = (at or dt.datetime.now()).replace(microsecond=0)
    _serialise(s)
    chained = ((at, actor, item_id, action, b, a) for action, item_id, b, a in entries)
    rows, prev = chained_rows(head_hash(s), chained)
    if rows:  # a Core insert: the ORM's bulk path costs more than the hashing
        s.connection().execute(insert(AuditEntry.table()), rows)
    return prev


def chained_rows(
    prev: str, entries: Iterable[tuple[dt.datetime, str, int | None, str, Any, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """Rows of ``audit_entry`` for ``entries`` (at, actor, item id, action, before, after),
    each chained to the one before, starting after ``prev``; and the new head."""
    rows = []
    for at, actor, item_id, action, before, after in entries:
        b, a = canonical_json(before), canonical_json(after)
        digest = entry_hash(prev, at, actor, item_id, action, b, a)
        rows.append(
            {
                "at": at,
                "actor": actor,
                "item_id": item_id,
                "action": action,
                "before": b,
                "after": a,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    return rows, prev


@dataclass(frozen=True)
class ChainReport:
    """What ``verify`` found: ``ok`` or the first broken entry and why."""

    ok: bool
    entries: int
    head: str
    bad_entry_id: int | None = None
    problem: str | None = None


def verify(s: Session, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in id order and report the first entry that does not fit."""
    rows = s.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=batch))
    try:
        return _walk(entry for (entry,) in rows)
    finally:
        rows.close()  # a server-side cursor on PostgreSQL, even when we stop early


def _walk(entries: Iterable[AuditEntry]) -> ChainReport:
    prev = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.prev_hash != prev:
            return ChainReport(
                False,
                count,
                prev,
                entry.id,
                f"第 {entry.id} 条审计记录之前的记录被删除、插入或篡改（前序哈希不符）",
            )
        actual = entry_hash(
            entry.prev_hash,
            entry.at,
            entry.actor,
            entry.item_id,
            entry.action,
            entry.before,
            entry.after,
        )
        if actual != entry.hash:
            return ChainReport(
                False, count, prev, entry.id, f"第 {entry.id} 条审计记录的内容被修改（哈希不符）"
            )
        prev = entry.hash
    return ChainReport(True, count, prev)
