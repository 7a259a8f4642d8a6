"""Progress, urges, escalation, extensions, visits, checkpoints and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from tests.tracker.org import at, evidence, new_item, request_closure, working_item
from tracker.enums import Escalation, Rating
from tracker.errors import Conflict, DuplicateError, PermissionDenied, ValidationError
from tracker.models import Attachment, Checkpoint, Item, ProgressReport
from tracker.services import (
    attachments,
    checkpoints,
    extensions,
    progress,
    surveys,
    transitions,
)


def _item(db, item_id) -> Item:
    with db.sessions.begin() as s:
        return s.get(Item, item_id)


def test_progress_updates_the_ledger_copy_only_when_newest(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "G1", co_units=("县民政局",))
        progress.report_progress(
            s,
            org.edu_clerk,
            item_id,
            "已开工",
            percent=30,
            reported_on=dt.date(2026, 3, 1),
            at=at(3, 1),
        )
        progress.report_progress(
            s,
            org.civil_clerk,
            item_id,
            "补报：前期调研",
            percent=10,
            reported_on=dt.date(2026, 2, 1),
            at=at(3, 2),
        )
    item = _item(db, item_id)
    assert (item.latest_progress, item.progress_percent) == ("已开工", 30)
    with db.sessions.begin() as s:
        assert (
            s.scalar(select(ProgressReport.reporter).order_by(ProgressReport.id.desc()))
            == "民政局录入员"
        )


@pytest.mark.parametrize(
    ("percent", "text", "message"),
    [(101, "进展", "0 到 100"), (None, "  ", "不能为空"), (0, "", "不能为空")],  # 0 is no news
)
def test_bad_progress_is_refused(db, org, percent, text, message):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "G2")
    with pytest.raises(ValidationError, match=message), db.sessions.begin() as s:
        progress.report_progress(s, org.edu_clerk, item_id, text, percent=percent)


def test_a_report_without_text_keeps_the_last_progress_text(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "G4")
        progress.report_progress(s, org.edu_clerk, item_id, "已开工", percent=30, at=at(3, 1))
        progress.report_progress(s, org.edu_clerk, item_id, "", percent=60, at=at(3, 2))
        progress.report_progress(s, org.edu_clerk, item_id, " ", needs="需协调用地", at=at(3, 3))
    item = _item(db, item_id)
    assert (item.latest_progress, item.progress_percent) == ("已开工", 60)
    with db.sessions.begin() as s:
        texts = s.execute(
            select(ProgressReport.text, ProgressReport.needs).order_by(ProgressReport.id)
        ).all()
    assert texts == [("已开工", None), ("", None), ("", "需协调用地")]


def test_progress_before_signing_is_refused(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "G3")
    with pytest.raises(Conflict, match="签收后"), db.sessions.begin() as s:
        progress.report_progress(s, org.supervisor, item_id, "进展")


def test_urges_are_counted_and_escalation_needs_a_reason(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "U1")
        progress.urge(s, org.supervisor, item_id, "请加快")
        progress.urge(s, org.supervisor, item_id)
        progress.escalate(s, org.supervisor, item_id, Escalation.LISTED, "两次催办未见成效")
    item = _item(db, item_id)
    assert (item.urge_count, item.escalation) == (2, "listed")
    with pytest.raises(PermissionDenied), db.sessions.begin() as s:
        progress.urge(s, org.edu_clerk, item_id)


def test_extension_moves_deadline_and_keeps_the_original(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "E1")
        extensions.request_extension(
            s, org.edu_clerk, item_id, dt.date(2026, 9, 30), "雨季停工", at=at(6, 20)
        )
        with pytest.raises(Conflict, match="已有待审批"):
            extensions.request_extension(
                s, org.edu_clerk, item_id, dt.date(2026, 10, 30), "再延", at=at(6, 21)
            )
        extensions.decide_extension(s, org.supervisor, item_id, True, "同意", at=at(7, 5))
    item = _item(db, item_id)
    assert (item.deadline_date, item.original_deadline_date) == (
        dt.date(2026, 9, 30),
        dt.date(2026, 6, 30),
    )
    assert item.deadline_text == "2026年9月30日（延期）"


def test_extension_after_the_deadline_is_refused(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "E2")
    with pytest.raises(ValidationError, match="到期前申请"), db.sessions.begin() as s:
        extensions.request_extension(
            s, org.edu_clerk, item_id, dt.date(2026, 9, 30), "晚了", at=at(7, 1)
        )


def test_refused_extension_needs_a_reason_and_keeps_the_deadline(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "E3")
        extensions.request_extension(
            s, org.edu_clerk, item_id, dt.date(2026, 8, 1), "理由", at=at(6, 1)
        )
        with pytest.raises(ValidationError):
            extensions.decide_extension(s, org.supervisor, item_id, False)
        extensions.decide_extension(s, org.supervisor, item_id, False, "理由不充分")
    assert _item(db, item_id).deadline_date == dt.date(2026, 6, 30)


def test_visit_only_after_completion(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "V1")
    with pytest.raises(Conflict, match="办结后才能回访"), db.sessions.begin() as s:
        surveys.record_visit(s, org.supervisor, item_id, rating=Rating.SATISFIED)
    with db.sessions.begin() as s:
        request_closure(s, org.edu_clerk, item_id, None, "完成")
        transitions.move(s, org.supervisor, item_id, "approve", reason="同意办结")
        surveys.record_visit(
            s,
            org.supervisor,
            item_id,
            rating=Rating.BASIC,
            contacted=True,
            solved=True,
            comment="还行",
        )


def test_checkpoints_for_ongoing_items(db, org):
    with db.sessions.begin() as s:
        ongoing = working_item(s, org, "L1", deadline=None)
        fixed = working_item(s, org, "L2")
        evidence(s, org.edu_clerk, ongoing)  # 阶段完成 needs evidence, as a closure does
        checkpoints.record_checkpoint(s, org.supervisor, ongoing, "2026Q1", True, "按计划推进")
        with pytest.raises(DuplicateError):
            checkpoints.record_checkpoint(s, org.supervisor, ongoing, "2026Q1", False)
        with pytest.raises(ValidationError, match="2026Q1"):
            checkpoints.record_checkpoint(s, org.supervisor, ongoing, "2026-03", True)
        with pytest.raises(ValidationError, match="不按周期考核"):
            checkpoints.record_checkpoint(s, org.supervisor, fixed, "2026Q1", True)
        cp = s.scalar(select(Checkpoint))
        assert (cp.period, cp.due_date, cp.achieved) == ("2026Q1", dt.date(2026, 3, 31), True)


def test_attachment_is_stored_by_hash_with_a_safe_name(db, org, tmp_path):
    source = tmp_path / "验收报告.pdf"
    source.write_bytes(b"%PDF-1.4 evidence")
    store = tmp_path / "store"
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "T1")
        attachments.add_attachment(
            s, org.edu_clerk, item_id, source, store, name="../../etc/passwd"
        )
        att = s.scalar(select(Attachment))
    assert att.filename == "passwd"
    assert attachments.stored_path(store, att.sha256).read_bytes() == b"%PDF-1.4 evidence"
    assert att.sha256 == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()
