"""The item panel's records: evidence files (opened as checked copies) and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, working_item
from tracker import query
from tracker.enums import Escalation
from tracker.errors import StorageError
from tracker.services import attachments, editing, progress
from tracker.services.attachments import stored_path


def test_audit_lines_say_what_each_entry_changed(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "R1")
        progress.escalate(s, org.supervisor, item_id, Escalation.LISTED, "群众反映强烈")
        editing.edit_item(s, org.supervisor, item_id, 5, {"title": "新名称"})
    with db.sessions.begin() as s:
        lines = query.audit_of(s, item_id)
        detail = query.item_detail(s, item_id)
    assert [(a.actor, a.action) for a in lines] == [
        ("督查室", "登记"),
        ("督查室", "提交立项"),
        ("督查室", "交办"),
        ("教育局录入员", "签收"),
        ("督查室", "调整督办级别"),
        ("督查室", "修改基本信息"),
    ]
    assert lines[2].detail == "状态：待交办 → 待签收"
    assert lines[4].detail == "督办级别：常规 → 挂牌督办；理由：群众反映强烈"
    assert lines[5].detail == "事项名称：事项R1 → 新名称"
    assert detail.audit == lines
    assert [e.kind for e in detail.history if e.kind == "督办"] == ["督办"]


def test_evidence_opens_as_a_checked_copy_under_its_own_name(db, org, tmp_path):
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "R2")
        att_id = attachments.add_attachment(
            s, org.edu_clerk, item_id, photo, db.attachments_dir, at=at(3, 9)
        )
    with db.sessions.begin() as s:
        (info,) = query.attachments_of(s, item_id)
        copy = attachments.open_copy(s, att_id, db.attachments_dir, tmp_path / "view")
    assert (info.filename, info.size, info.uploader) == ("现场照片.jpg", 8, "教育局录入员")
    assert info.uploaded_at == dt.datetime(2026, 3, 9, 10)
    assert copy.name == "现场照片.jpg" and copy.read_bytes() == photo.read_bytes()
    stored = stored_path(db.attachments_dir, info.sha256)
    stored.write_bytes(b"changed on disk")
    with db.sessions.begin() as s, pytest.raises(StorageError, match="哈希与登记时不符"):
        attachments.open_copy(s, att_id, db.attachments_dir, tmp_path / "view")
    stored.unlink()
    with db.sessions.begin() as s, pytest.raises(StorageError, match="文件缺失"):
        attachments.open_copy(s, att_id, db.attachments_dir, tmp_path / "view")
