"""The 销号 gate (``closure_rules``): every rule refuses with a reason and changes nothing,
and each can be tuned by an administrator (audited). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from tests.tracker.org import at, evidence, working_item
from tracker import settings
from tracker.enums import Rating, Status
from tracker.errors import ValidationError
from tracker.models import Attachment, AuditEntry, ClosureRequest, Item
from tracker.query import item_detail, item_history
from tracker.services import checkpoints, progress, surveys, transitions


def _state(db, item_id) -> tuple[int, str, int]:
    """(version, status, audit entries): what a refusal must leave as it was."""
    with db.sessions.begin() as s:
        item = s.get_one(Item, item_id)
        return item.version, item.status, s.scalar(select(func.count(AuditEntry.id))) or 0


def _refused(db, item_id, call, match: str) -> None:
    before = _state(db, item_id)
    with pytest.raises(ValidationError, match=match), db.sessions.begin() as s:
        call(s)
    assert _state(db, item_id) == before


def _put(db, org, key, value) -> None:
    with db.sessions.begin() as s:
        settings.put(s, org.admin, key, value)


def _working(db, org, code="K1", **kw) -> int:
    with db.sessions.begin() as s:
        return working_item(s, org, code, **kw)


def _report(db, org, item_id, percent, when, **kw) -> None:
    with db.sessions.begin() as s:
        progress.report_progress(s, org.edu_clerk, item_id, "推进", percent=percent, at=when, **kw)


def _move(db, actor, item_id, action, **kw):
    with db.sessions.begin() as s:
        return transitions.move(s, actor, item_id, action, **kw)


def _requested(db, org, code="K1", **kw) -> int:
    """An item at 100% with evidence and a closure request waiting for review."""
    item_id = _working(db, org, code, **kw)
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id, at(5, 1))
    _report(db, org, item_id, 100, at(5, 1))
    _move(db, org.edu_clerk, item_id, "request_closure", reason="已完工并验收", at=at(5, 2))
    return item_id


def _completed(db, org, code="K1") -> int:
    item_id = _requested(db, org, code)
    _move(db, org.supervisor, item_id, "approve", reason="材料齐全", at=at(5, 3))
    return item_id


def _visit(db, org, item_id, rating, day=dt.date(2026, 5, 10)) -> None:
    """A visit on ``day``, recorded then (today's: now)."""
    when = None if day == dt.date.today() else at(day.month, day.day)
    with db.sessions.begin() as s:
        surveys.record_visit(s, org.supervisor, item_id, rating=rating, visited_on=day, at=when)


def _own_request(db, org) -> int:
    """An item whose closure the administrator both readied and requested."""
    item_id = _working(db, org)
    with db.sessions.begin() as s:
        evidence(s, org.admin, item_id)
        progress.report_progress(s, org.admin, item_id, "完工", percent=100)
    _move(db, org.admin, item_id, "request_closure", reason="已完工")
    return item_id


def _request(org, item_id, reason="已完工"):
    return lambda s: transitions.move(s, org.edu_clerk, item_id, "request_closure", reason=reason)


def test_a_request_without_evidence_is_refused(db, org):
    item_id = _working(db, org)
    _report(db, org, item_id, 100, at(5, 1))
    _refused(db, item_id, _request(org, item_id), "还没有佐证材料")
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id)
    assert _move(db, org.edu_clerk, item_id, "request_closure", reason="已完工").status == (
        Status.CLOSURE_REQUESTED
    )
    with db.sessions.begin() as s:  # the evidence now belongs to this request
        request = s.scalar(select(ClosureRequest.id))
        assert s.scalars(select(Attachment.closure_request_id)).all() == [request]


def test_a_request_below_100_percent_is_refused_or_set_by_the_setting(db, org):
    item_id = _working(db, org)
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id)
    _report(db, org, item_id, 60, at(5, 1))
    _refused(db, item_id, _request(org, item_id), "完成百分比为 60%，达到 100% 才能申请销号")
    _put(db, org, "closure_percent", "set")
    _move(db, org.edu_clerk, item_id, "request_closure", reason="已完工")
    with db.sessions.begin() as s:
        assert s.get_one(Item, item_id).progress_percent == 100
        entry = s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert entry.action == "request_closure" and "申请销号时完成百分比记为 100%" in entry.after
        assert json.loads(entry.before)["progress_percent"] == 60


def test_a_request_needs_its_statement(db, org):
    item_id = _working(db, org)
    _refused(db, item_id, _request(org, item_id, reason="  "), "执行“申请销号”必须填写完成情况")


def test_every_review_outcome_needs_a_written_opinion(db, org):
    item_id = _requested(db, org)
    for action in ("approve", "supplement", "rectify", "reject"):
        _refused(
            db,
            item_id,
            lambda s, a=action: transitions.move(s, org.supervisor, item_id, a, reason=" "),
            "必须填写",
        )
    _move(db, org.supervisor, item_id, "approve", reason="照片与验收单齐全，同意办结")
    with db.sessions.begin() as s:
        texts = [e.text for e in item_history(s, item_id) if e.kind == "审核"]
    assert texts == ["同意办结：照片与验收单齐全，同意办结"]


def test_approval_without_an_opinion_passes_when_the_rule_is_off(db, org):
    item_id = _requested(db, org)
    _put(db, org, "review_needs_opinion", False)
    assert _move(db, org.supervisor, item_id, "approve").status == Status.COMPLETED


def test_close_needs_a_visit_made_after_completion(db, org):
    item_id = _completed(db, org)
    close = lambda s: transitions.move(s, org.supervisor, item_id, "close")  # noqa: E731
    _refused(db, item_id, close, "办结后还没有回访群众")
    _visit(db, org, item_id, Rating.BASIC)  # 基本满意 is accepted
    assert _move(db, org.supervisor, item_id, "close").status == Status.CLOSED


def test_a_dissatisfied_visit_blocks_close_and_points_to_reopening(db, org):
    item_id = _completed(db, org)
    _visit(db, org, item_id, Rating.DISSATISFIED)
    close = lambda s: transitions.move(s, org.supervisor, item_id, "close")  # noqa: E731
    _refused(db, item_id, close, "群众不满意，不能销号。请用“回头看”")
    assert _move(db, org.supervisor, item_id, "reopen", reason="群众不满意").status == (
        Status.IN_PROGRESS
    )
    _put(db, org, "dissatisfied_blocks_close", False)
    other = _completed(db, org, "K2")
    _visit(db, org, other, Rating.DISSATISFIED)
    assert _move(db, org.supervisor, other, "close").status == Status.CLOSED


def test_lists_without_a_required_visit_close_without_one(db, org):
    _put(db, org, "visit_before_close", ["micro_wish"])
    item_id = _completed(db, org)
    assert _move(db, org.supervisor, item_id, "close").status == Status.CLOSED


def test_a_percent_going_down_needs_a_reason(db, org):
    item_id = _working(db, org)
    _report(db, org, item_id, 60, at(5, 1))

    def lower(s, reason=None):
        progress.report_progress(s, org.edu_clerk, item_id, "复核", percent=30, drop_reason=reason)

    _refused(db, item_id, lower, "完成百分比从 60% 降到 30%，须写明降低的原因")
    with db.sessions.begin() as s:
        lower(s, "上次误将计划数填为完成数")
    with db.sessions.begin() as s:
        assert s.get_one(Item, item_id).progress_percent == 30
        last = [e.text for e in item_history(s, item_id) if e.kind == "进展"][-1]
    assert "（30%）" in last and "进度调低原因：上次误将计划数填为完成数" in last
    _put(db, org, "drop_needs_reason", False)
    with db.sessions.begin() as s:
        progress.report_progress(s, org.edu_clerk, item_id, "再复核", percent=20)


def test_separated_duties_refuse_reviewing_or_closing_ones_own_request(db, org):
    _put(db, org, "separate_duties", "on")
    item_id = _own_request(db, org)
    approve = lambda s: transitions.move(s, org.admin, item_id, "approve", reason="同意")  # noqa: E731
    _refused(db, item_id, approve, "是您本人提出的，须由其他督查人员审核")
    _move(db, org.supervisor, item_id, "approve", reason="同意")
    _visit(db, org, item_id, Rating.SATISFIED, day=dt.date.today())
    close = lambda s: transitions.move(s, org.admin, item_id, "close")  # noqa: E731
    _refused(db, item_id, close, "须由其他督查人员销号")
    assert _move(db, org.supervisor, item_id, "close").status == Status.CLOSED


def test_separation_is_on_for_shared_ledgers_and_off_for_a_desk_file(db, org, db_url):
    item_id = _own_request(db, org)
    approve = lambda s: transitions.move(s, org.admin, item_id, "approve", reason="同意")  # noqa: E731
    if db_url.startswith("postgresql"):
        _refused(db, item_id, approve, "岗位分离")
    else:  # a one-person desk ledger: the same person may both ask and approve
        with db.sessions.begin() as s:
            approve(s)


def test_a_checkpoint_judged_achieved_needs_evidence(db, org):
    item_id = _working(db, org, "L1", deadline=None)

    def judge(s):
        checkpoints.record_checkpoint(s, org.supervisor, item_id, "2026Q1", True)

    _refused(db, item_id, judge, "还没有佐证材料，不能判定阶段完成")
    with db.sessions.begin() as s:
        checkpoints.record_checkpoint(s, org.supervisor, item_id, "2026Q1", False, "未达标")
        evidence(s, org.edu_clerk, item_id)
        checkpoints.record_checkpoint(s, org.supervisor, item_id, "2026Q2", True)


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("closure_percent", "maybe", "只能取：require（须达到 100%）、set（申请时自动记为 100%）"),
        ("separate_duties", "yes", "只能取：auto"),
        ("visit_before_close", ["重点民生", "微心愿"], "清单类型“重点民生”不是可用的取值"),
        ("separate_duties", True, "取值类型不对，可用：auto、on、off"),
        ("doubt_margin", 0, "应在 1 到 100 之间"),
        ("closure_needs_evidence", "否", "取值类型不对"),
    ],
)
def test_bad_gate_settings_are_refused_and_good_ones_audited(db, org, key, value, match):
    with db.sessions.begin() as s:
        before = s.scalar(select(func.count(AuditEntry.id)))
    with pytest.raises(ValidationError, match=match), db.sessions.begin() as s:
        settings.put(s, org.admin, key, value)
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count(AuditEntry.id))) == before
        assert settings.get(s, key) == settings.DEFAULTS[key]
    _put(db, org, "closure_needs_evidence", False)
    with db.sessions.begin() as s:
        entry = s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert entry.action == "setting_changed" and "closure_needs_evidence" in entry.after


def test_a_ledger_without_gate_settings_starts_from_the_strict_defaults(db):
    with db.sessions.begin() as s:
        values = settings.all_settings(s)
    assert values["closure_needs_evidence"] and values["review_needs_opinion"]
    assert values["closure_percent"] == "require" and values["separate_duties"] == "auto"
    assert values["visit_before_close"] == ["key_livelihood", "micro_wish"]


def test_the_item_detail_shows_the_opinion_and_the_evidence(db, org):
    item_id = _completed(db, org)
    with db.sessions.begin() as s:
        d = item_detail(s, item_id)
    assert [a.filename for a in d.attachments] == [f"验收单-{item_id}.txt"]
    assert any(e.kind == "审核" and "材料齐全" in e.text for e in d.history)


def test_list_kinds_are_set_by_their_chinese_names(db, org):
    _put(db, org, "visit_before_close", ["重点民生实事", "接诉即办"])
    with db.sessions.begin() as s:
        assert settings.get(s, "visit_before_close") == ["key_livelihood", "hotline"]


def test_a_visit_before_a_reopening_does_not_open_the_new_close(db, org):
    """回头看 and a new 办结 the same day: the visit made before them judged the old work."""
    item_id = _completed(db, org)  # approved 5-3
    _visit(db, org, item_id, Rating.SATISFIED, day=dt.date(2026, 5, 10))
    when = dt.datetime(2026, 5, 10, 15)
    _move(db, org.supervisor, item_id, "reopen", reason="回头看抽查", at=when)
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id, when)
    _move(db, org.edu_clerk, item_id, "request_closure", reason="整改完成", at=when)
    _move(db, org.supervisor, item_id, "approve", reason="同意", at=when)
    close = lambda s: transitions.move(s, org.supervisor, item_id, "close")  # noqa: E731
    _refused(db, item_id, close, "办结后还没有回访群众")


def test_a_request_after_rework_needs_new_evidence(db, org):
    item_id = _requested(db, org)
    _move(db, org.supervisor, item_id, "supplement", reason="缺少验收单")
    _refused(db, item_id, _request(org, item_id), "已随上次销号申请提交.*须上传新的佐证材料")
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id)
    assert _move(db, org.edu_clerk, item_id, "request_closure", reason="已补充").status == (
        Status.CLOSURE_REQUESTED
    )


def test_a_visit_dated_before_completion_is_refused(db, org):
    item_id = _completed(db, org)  # approved 5-3
    with pytest.raises(ValidationError, match=r"回访日期不能早于办结日期（2026-05-03）"):
        _visit(db, org, item_id, Rating.SATISFIED, day=dt.date(2026, 5, 1))


def test_needs_are_carried_until_the_unit_says_they_are_met(db, org):
    item_id = _working(db, org)
    _report(db, org, item_id, 30, at(5, 1), needs="协调用地", problems="拆迁未完成")
    _report(db, org, item_id, 40, at(5, 2))  # a routine report: the need stays
    with db.sessions.begin() as s:
        assert progress.open_points(s, org.edu_clerk, item_id) == ("拆迁未完成", "协调用地")
    _report(db, org, item_id, 50, at(5, 3), needs="")  # met
    with db.sessions.begin() as s:
        assert progress.open_points(s, org.edu_clerk, item_id) == ("拆迁未完成", None)
    with pytest.raises(ValidationError, match="进展情况不能为空"), db.sessions.begin() as s:
        progress.report_progress(s, org.edu_clerk, item_id, " ", problems="拆迁未完成")


def test_every_missing_piece_is_named_at_once(db, org):
    item_id = _working(db, org)
    _report(db, org, item_id, 60, at(5, 1))
    _refused(
        db,
        item_id,
        _request(org, item_id),
        "不能申请销号：还没有佐证材料.*；完成百分比为 60%，达到 100% 才能申请销号。",
    )


def test_turning_off_the_statement_rule_lets_a_bare_request_through(db, org):
    item_id = _working(db, org)
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id)
    _report(db, org, item_id, 100, at(5, 1))
    _put(db, org, "closure_needs_summary", False)
    assert _move(db, org.edu_clerk, item_id, "request_closure").status == (Status.CLOSURE_REQUESTED)


def test_the_same_kinds_in_another_order_or_twice_are_no_change(db, org):
    with db.sessions.begin() as s:
        before = s.scalar(select(func.count(AuditEntry.id)))
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "visit_before_close", ["微心愿", "key_livelihood", "微心愿"])
        assert settings.get(s, "visit_before_close") == ["key_livelihood", "micro_wish"]
    with db.sessions.begin() as s:  # the 设置 page compares with this before saving
        assert (
            settings.all_settings(s)["visit_before_close"]
            == settings.DEFAULTS["visit_before_close"]
        )
        assert s.scalar(select(func.count(AuditEntry.id))) == before + 1
