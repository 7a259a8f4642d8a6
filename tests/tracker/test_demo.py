"""The demo generator is deterministic and its ledger is internally consistent."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import func, select, text

from tests.conftest import TODAY
from tracker import audit
from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.enums import ACTIVE_STATUSES, Status
from tracker.models import (
    AuditEntry,
    ClosureRequest,
    Extension,
    Item,
    ItemHistory,
    ProgressReport,
    SatisfactionSurvey,
    Urge,
)


def _fingerprint(db) -> str:
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in ("item", "item_co_unit", "progress_report", "urge", "satisfaction_survey"):
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_and_date_give_the_same_ledger(tmp_path):
    prints = []
    for name in ("a.db", "b.db"):
        with open_database(str(tmp_path / name)) as db:
            with db.sessions.begin() as s:
                generate_demo(s, 500, seed=3, today=TODAY)
            prints.append(_fingerprint(db))
    assert prints[0] == prints[1]


def test_different_seed_gives_a_different_ledger(tmp_path):
    prints = []
    for seed in (3, 4):
        with open_database(str(tmp_path / f"{seed}.db")) as db:
            with db.sessions.begin() as s:
                generate_demo(s, 200, seed=seed, today=TODAY)
            prints.append(_fingerprint(db))
    assert prints[0] != prints[1]


def test_demo_ledger_is_consistent(demo_db):
    with demo_db.sessions.begin() as s:
        items = s.scalars(select(Item)).all()
        assert len(items) == 300
        assert len({(i.list_id, i.code) for i in items}) == 300
        statuses = {i.status for i in items}
        assert {Status.IN_PROGRESS, Status.CLOSED, Status.CANCELLED} <= statuses
        for i in items:
            if i.status == Status.CLOSED:
                assert i.closed_at is not None and i.progress_percent == 100
                assert i.closed_at.date() <= TODAY
            if i.status in (Status.DRAFT, Status.REGISTERED):
                assert i.assigned_at is None and not i.progress_reports
            if i.deadline_kind == "ongoing":
                assert i.deadline_date is None and i.deadline_text == "长期坚持"
            if i.original_deadline_date is not None:
                assert i.deadline_date > i.original_deadline_date
        # urges go only to overdue active items, and the copy on the item matches the rows
        urged = dict(s.execute(select(Urge.item_id, func.count()).group_by(Urge.item_id)).all())
        for i in items:
            assert i.urge_count == urged.get(i.id, 0)
            if i.id in urged:
                assert i.status in ACTIVE_STATUSES and i.deadline_date < TODAY
        approved = s.scalar(select(func.count()).select_from(Extension)) or 0
        assert approved == sum(1 for i in items if i.original_deadline_date is not None)
        reviewed = s.scalar(select(func.count()).where(ClosureRequest.outcome == "approved"))
        assert reviewed == sum(1 for i in items if i.status in (Status.COMPLETED, Status.CLOSED))
        assert s.scalar(select(func.count()).select_from(SatisfactionSurvey)) > 0
        latest = s.scalar(select(func.max(ProgressReport.reported_on)))
        assert latest <= TODAY
        report = audit.verify(s)
        # Every state change of every item is in the chain (the item's 日志 tab), as the
        # services would have written it, plus the one entry recording the generation.
        changes = s.scalar(select(func.count()).select_from(ItemHistory))
        assert report.ok and report.entries == changes + 1
        first = s.scalars(select(AuditEntry.action).where(AuditEntry.item_id == items[0].id))
        assert next(iter(first)) == "create"


def test_progress_callback_reports_every_chunk(db):
    seen = []
    with db.sessions.begin() as s:
        generate_demo(
            s,
            45_000,
            seed=1,
            today=dt.date(2026, 6, 1),
            progress=lambda done, total: seen.append((done, total)),
        )
    assert seen == [(20_000, 45_000), (40_000, 45_000), (45_000, 45_000)]


def test_the_demo_passes_its_own_closure_gate(tmp_path):
    """Every request carries stored evidence; every closed 重点民生实事 / 微心愿 item was
    visited after completion and not judged 不满意 — what the 销号 gate would have asked."""
    from tracker.enums import ListKind, Rating
    from tracker.models import Attachment, ItemList
    from tracker.services import attachments, closure_rules

    with open_database(str(tmp_path / "demo.db")) as db:
        with db.sessions.begin() as s:
            generate_demo(s, 600, seed=4, today=TODAY, store=db.attachments_dir)
        with db.sessions.begin() as s:
            requested = set(s.scalars(select(ClosureRequest.item_id)))
            with_evidence = set(s.scalars(select(Attachment.item_id)))
            assert requested and requested == with_evidence
            checked, problems = attachments.verify_attachments(s, db.attachments_dir)
            assert checked == len(requested) and problems == []
            gated = (ListKind.KEY_LIVELIHOOD, ListKind.MICRO_WISH)
            closed = s.scalars(
                select(Item)
                .join(ItemList, ItemList.id == Item.list_id)
                .where(Item.status == Status.CLOSED, ItemList.kind.in_(gated))
            ).all()
            assert closed
            for item in closed:
                visit = closure_rules.latest_visit(s, item)
                assert visit is not None and visit.rating != Rating.DISSATISFIED, item.code
                assert visit.visited_on <= item.closed_at.date()
