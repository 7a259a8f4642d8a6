"""Every workflow move through the service: role, unit scope, order, reason, audit, one commit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.tracker.org import at, evidence, new_item, working_item
from tracker import audit
from tracker.enums import Rating
from tracker.errors import Conflict, PermissionDenied, ValidationError
from tracker.models import AuditEntry, ClosureRequest, Item
from tracker.services import progress, surveys, transitions


def _move(db, actor, item_id, action, **kw):
    with db.sessions.begin() as s:
        return transitions.move(s, actor, item_id, action, **kw)


def _item(db, item_id) -> Item:
    with db.sessions.begin() as s:
        return s.get(Item, item_id)


def _ready(db, org, item_id, when=None) -> None:
    """What the 销号 gate asks before a request: evidence uploaded and progress at 100%."""
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id, when)
        progress.report_progress(s, org.edu_clerk, item_id, "已完工", percent=100, at=when)


def _audit_count(db) -> int:
    with db.sessions.begin() as s:
        return s.scalar(select(func.count(AuditEntry.id)))


def test_full_path_to_closure_with_rework(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "A1")
    _ready(db, org, item_id, at(5, 1))
    _move(db, org.edu_clerk, item_id, "request_closure", reason="已完工", at=at(5, 1))
    state = _move(db, org.supervisor, item_id, "rectify", reason="照片不全", at=at(5, 2))
    assert state.status_label == "办理中"
    with db.sessions.begin() as s:  # the rework's own evidence: the first went with request 1
        evidence(s, org.edu_clerk, item_id, at(5, 3))
    _move(db, org.edu_clerk, item_id, "request_closure", reason="已补齐", at=at(5, 3))
    state = _move(db, org.supervisor, item_id, "approve", reason="材料齐全", at=at(5, 4))
    assert state.status_label == "已办结"  # 重点民生实事 waits for the public's verdict
    with db.sessions.begin() as s:
        surveys.record_visit(s, org.supervisor, item_id, rating=Rating.SATISFIED, at=at(5, 10))
    state = _move(db, org.supervisor, item_id, "close", at=at(5, 20))
    item = _item(db, item_id)
    assert (item.status, item.rework_count, item.progress_percent) == ("closed", 1, 100)
    assert (item.completed_at, item.closed_at) == (at(5, 4), at(5, 20))
    with db.sessions.begin() as s:
        outcomes = s.scalars(select(ClosureRequest.outcome).order_by(ClosureRequest.id)).all()
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.item_id == item_id).order_by(AuditEntry.id)
        ).all()
        assert audit.verify(s).ok
    assert outcomes == ["rectify", "approved"]
    assert actions == [
        "create",
        "submit",
        "assign",
        "sign",
        "attachment",
        "progress",
        "request_closure",
        "rectify",
        "attachment",
        "request_closure",
        "approve",
        "visit",
        "close",
    ]


def test_commitment_list_closes_on_approval(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "C1", list_id=org.promise_list)
    _ready(db, org, item_id)
    _move(db, org.edu_clerk, item_id, "request_closure", reason="完成")
    assert _move(db, org.supervisor, item_id, "approve", reason="同意").status == "closed"
    assert _item(db, item_id).closed_at is not None


def test_reject_needs_reason_and_does_not_count_as_rework(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "R1")
    _ready(db, org, item_id)
    _move(db, org.edu_clerk, item_id, "request_closure", reason="完成")
    with pytest.raises(ValidationError, match="执行“不同意办结”必须填写审核意见"):
        _move(db, org.supervisor, item_id, "reject", reason="  ")
    _move(db, org.supervisor, item_id, "reject", reason="与实际不符")
    item = _item(db, item_id)
    assert (item.status, item.rework_count) == ("in_progress", 0)


def test_clerk_of_another_unit_is_refused_and_nothing_changes(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "S1")
        transitions.move(s, org.supervisor, item_id, "submit")
        transitions.move(s, org.supervisor, item_id, "assign")
    before = _audit_count(db)
    with pytest.raises(
        PermissionDenied, match=r"民政局录入员.*无权对“县教育局”牵头的事项“S1”执行“签收”"
    ):
        _move(db, org.civil_clerk, item_id, "sign")
    assert _item(db, item_id).status == "assigned"
    assert _audit_count(db) == before


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        ("edu_clerk", "assign", PermissionDenied),  # clerks cannot assign
        ("viewer", "submit", PermissionDenied),
        ("supervisor", "close", Conflict),  # out of order: still a draft
        ("supervisor", "approve", Conflict),
    ],
)
def test_forbidden_or_out_of_order_moves_change_nothing(db, org, who, action, error):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "F1")
    before = (_item(db, item_id).version, _audit_count(db))
    with pytest.raises(error):
        _move(db, getattr(org, who), item_id, action, reason="试试")
    assert (_item(db, item_id).version, _audit_count(db)) == before
    assert _item(db, item_id).status == "draft"


def test_hand_back_returns_item_for_reassignment(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "H1")
    state = _move(db, org.edu_clerk, item_id, "hand_back", reason="不属于本单位职责")
    assert state.status_label == "待交办"
    assert _item(db, item_id).assigned_at is None


def test_suspend_and_resume_return_to_the_earlier_state(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "P1")
    _ready(db, org, item_id)
    _move(db, org.edu_clerk, item_id, "request_closure", reason="完成")
    assert (
        _move(db, org.supervisor, item_id, "suspend", reason="等待上级批复").status == "suspended"
    )
    assert _move(db, org.supervisor, item_id, "resume").status == "closure_requested"
    assert _item(db, item_id).suspended_from is None


def test_cancel_and_reopen(db, org):
    with db.sessions.begin() as s:
        cancelled = new_item(s, org, "X1")
        done = working_item(s, org, "X2", list_id=org.promise_list)
    _move(db, org.supervisor, cancelled, "cancel", reason="项目取消", at=at(3, 1))
    assert _item(db, cancelled).cancelled_at == at(3, 1)
    _ready(db, org, done)
    _move(db, org.edu_clerk, done, "request_closure", reason="完成")
    _move(db, org.supervisor, done, "approve", reason="同意")
    state = _move(db, org.supervisor, done, "reopen", reason="群众不满意")
    item = _item(db, done)
    assert state.status == "in_progress" and item.reopen_count == 1 and item.closed_at is None


def test_stale_version_is_refused(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "V1")
    seen = _item(db, item_id).version
    _move(db, org.supervisor, item_id, "submit", expected_version=seen)
    with pytest.raises(Conflict, match="已被他人修改"):
        _move(db, org.supervisor, item_id, "send_back", reason="退回", expected_version=seen)


def test_wish_is_claimed_once_by_a_party_member(db, org):
    with db.sessions.begin() as s:
        wish = new_item(s, org, "W1", list_id=org.wish_list, unit="城关镇")
        plain = new_item(s, org, "W2")
        for item_id in (wish, plain):
            transitions.move(s, org.supervisor, item_id, "submit")
    with pytest.raises(ValidationError, match="只有微心愿可以认领"):
        _move(db, org.civil_clerk, plain, "claim", claimant="张三")
    state = _move(db, org.civil_clerk, wish, "claim", claimant="张三")
    assert state.status_label == "办理中"
    item = _item(db, wish)
    assert (item.claimant_name, item.claimant_unit_id) == ("张三", org.civil_clerk.unit_id)
    with pytest.raises(Conflict):
        _move(db, org.edu_clerk, wish, "claim", claimant="李四")


def test_unknown_action_lists_the_known_ones(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "U1")
    with pytest.raises(ValidationError, match="没有“fly”这个操作。可用的操作：submit（提交立项）"):
        _move(db, org.supervisor, item_id, "fly")
