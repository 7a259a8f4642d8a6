"""The 办理 menu end to end: an item from 待交办 to 已销号 through the GUI alone, and the
dialogs for evidence, extension, escalation and visit driving the real services."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from tests.tracker.org import evidence, new_item, working_item
from tests.ui.dialog_answers import answer_assign, answer_moves
from tracker.enums import Escalation, Rating
from tracker.models import Attachment, Extension, Item, SatisfactionSurvey
from tracker.services import progress, transitions
from tracker.services.attachments import stored_path
from tracker.services.surveys import Visit
from ui.dialogs import supervision_dialogs as sd
from ui.dialogs.visit_dialog import VisitDialog


def _item(db, item_id) -> Item:
    with db.sessions.begin() as s:
        return s.get(Item, item_id)


def _enabled(window) -> set[str]:
    return {n for n, a in window.workflow.actions.items() if a.isEnabled()}


def _answer(monkeypatch, cls, value):
    monkeypatch.setattr(cls, "ask", classmethod(lambda c, *a, **k: value))


def test_an_item_goes_from_registered_to_closed_through_the_gui(open_window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "G1")
        transitions.move(s, org.supervisor, item_id, "submit")
    window = open_window("admin")
    window.show_item(item_id)
    assert _item(db, item_id).status == "registered"  # 待交办
    answer_moves(monkeypatch, "已全部完工，照片已上传")
    answer_assign(monkeypatch)
    for action in ("assign", "sign", "request_closure", "approve"):
        if action == "request_closure":
            with db.sessions.begin() as s:  # the unit's evidence and its 100% report
                evidence(s, org.admin, item_id)
                progress.report_progress(s, org.admin, item_id, "已完工", percent=100)
        assert action in _enabled(window), action
        window.workflow.actions[action].trigger()
    assert _item(db, item_id).status == "completed" and "visit" in _enabled(window)
    _answer(monkeypatch, VisitDialog, Visit(rating=Rating.SATISFIED, contacted=True, solved=True))
    window.workflow.actions["visit"].trigger()
    window.workflow.actions["close"].trigger()
    item = _item(db, item_id)
    assert item.status == "closed" and item.closed_at is not None  # 已销号
    with db.sessions.begin() as s:
        survey = s.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.item_id == item_id))
        assert (survey.rating, survey.contacted, survey.solved) == ("satisfied", True, True)
    assert window.workflow.actions["close"].isEnabled() is False
    assert "已销号" in window.panel.view.toPlainText()


def test_a_unit_asks_for_more_time_and_the_supervisor_decides(open_window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "E1", deadline=dt.date.today() + dt.timedelta(days=10))
    clerk = open_window("jy")
    clerk.show_item(item_id)
    assert {"extend", "attach", "progress"} <= _enabled(clerk)
    assert not {"escalate", "visit", "decide_extension", "edit"} & _enabled(clerk)
    later = dt.date.today() + dt.timedelta(days=40)
    _answer(monkeypatch, sd.ExtensionDialog, sd.ExtensionRequest(later, "雨季停工"))
    clerk.workflow.actions["extend"].trigger()
    supervisor = open_window("dc")
    supervisor.show_item(item_id)
    assert "decide_extension" in _enabled(supervisor)
    _answer(monkeypatch, sd.DecideExtensionDialog, sd.ExtensionDecision(True, None))
    supervisor.workflow.actions["decide_extension"].trigger()
    item = _item(db, item_id)
    assert item.deadline_date == later and item.original_deadline_date is not None
    assert "decide_extension" not in _enabled(supervisor)  # nothing pending any more
    with db.sessions.begin() as s:
        ext = s.scalar(select(Extension).where(Extension.item_id == item_id))
        assert (ext.status, ext.reason) == ("approved", "雨季停工")


def test_escalation_and_evidence(open_window, db, org, monkeypatch, tmp_path):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "S1")
    window = open_window("dc")
    window.show_item(item_id)
    _answer(monkeypatch, sd.EscalateDialog, sd.EscalationChoice(Escalation.LISTED, "群众反映强烈"))
    window.workflow.actions["escalate"].trigger()
    assert _item(db, item_id).escalation == "listed"
    photo = tmp_path / "竣工照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo bytes")
    monkeypatch.setattr(
        "ui.supervision_actions.QFileDialog.getOpenFileNames",
        lambda *a, **k: ([str(photo)], ""),
    )
    window.workflow.actions["attach"].trigger()
    with db.sessions.begin() as s:
        att = s.scalar(select(Attachment).where(Attachment.item_id == item_id))
    assert (att.filename, att.sha256) == (
        "竣工照片.jpg",
        hashlib.sha256(photo.read_bytes()).hexdigest(),
    )
    assert stored_path(db.attachments_dir, att.sha256).read_bytes() == photo.read_bytes()


def test_a_viewer_gets_no_actions_and_service_refusals_are_shown(open_window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "V1")
    viewer = open_window("ld")
    viewer.show_item(item_id)
    assert _enabled(viewer) == set()
    supervisor = open_window("dc")
    supervisor.show_item(item_id)
    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda parent, exc: shown.append(str(exc)))
    # A level the item already has is refused by the service, in Chinese, and nothing changes.
    _answer(monkeypatch, sd.EscalateDialog, sd.EscalationChoice(Escalation.NORMAL, "维持"))
    supervisor.workflow.actions["escalate"].trigger()
    assert shown == ["事项已是“常规”。"]


def test_dialogs_check_what_they_can_before_the_service(qtbot):
    visit = VisitDialog(None, "A1 事项")
    qtbot.addWidget(visit)
    visit.rating.setCurrentIndex(0)  # 未评价, and contact not recorded
    visit._check()
    assert visit.message.text() == "请至少选择满意度，或记录是否联系上群众。"
    ext = sd.ExtensionDialog(None, "A1", dt.date(2026, 12, 31))
    qtbot.addWidget(ext)
    assert ext.new_date.minimumDate().toPython() == dt.date(2027, 1, 1)
    ext._check()
    assert ext.message.text() == "请说明延期理由。"
    request = sd.PendingExtension(
        dt.date(2026, 6, 30), dt.date(2026, 8, 31), "雨季", dt.datetime(2026, 6, 1, 9)
    )
    decide = sd.DecideExtensionDialog(None, "A1", request)
    qtbot.addWidget(decide)
    decide.refuse.setChecked(True)
    decide._check()
    assert decide.message.text() == "不批准延期必须写明理由。"
    escalate = sd.EscalateDialog(None, "A1", "挂牌督办")
    qtbot.addWidget(escalate)
    offered = [escalate.level.itemText(i) for i in range(escalate.level.count())]
    assert offered == ["常规", "重点督办", "提级督办"]
