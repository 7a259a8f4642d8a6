"""The dialogs that confirm 申请销号, the reviews and 销号: what they show, and refusals kept
inside them with what was typed (the 销号 gate's rules come from the services)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.tracker.org import evidence, working_item
from tests.ui.dialog_answers import answer_moves, answer_progress
from tracker.enums import Rating
from tracker.models import Item
from tracker.services import progress, surveys, transitions
from ui.dialogs.move_dialog import MoveDialog, needs_dialog
from ui.dialogs.progress_dialog import ProgressInput
from ui.workflow_actions import IRREVERSIBLE, SHORTCUTS, TAKEN_GLOBALLY


@pytest.fixture
def window(open_window):
    return open_window


def _approved(s, org, code: str) -> int:
    """An item the unit finished (evidence, 100%, request) and the supervisor approved."""
    item_id = working_item(s, org, code)
    evidence(s, org.edu_clerk, item_id)
    progress.report_progress(s, org.edu_clerk, item_id, "完工", percent=100)
    transitions.move(s, org.edu_clerk, item_id, "request_closure", reason="完工")
    transitions.move(s, org.supervisor, item_id, "approve", reason="同意")
    return item_id


def _texts(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def _status(db, item_id) -> str:
    with db.sessions.begin() as s:
        return s.get_one(Item, item_id).status


def test_a_request_without_evidence_stays_open_with_the_refusal_and_the_text(
    window, db, org, monkeypatch
):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "M1")
        progress.report_progress(s, org.edu_clerk, item_id, "完工", percent=100)
    clerk = window("jy")
    seen = answer_moves(monkeypatch, "已全部完工")
    clerk.move_item(item_id, "request_closure")
    dialog = seen[0]
    assert dialog.result() == 0 and dialog.state is None  # not closed: the refusal is inside
    assert "还没有佐证材料" in dialog.message.text()
    assert dialog.reason.toPlainText() == "已全部完工"
    assert "无（申请销号前须上传佐证材料）" in _texts(dialog)
    assert _status(db, item_id) == "in_progress"
    with db.sessions.begin() as s:
        evidence(s, org.edu_clerk, item_id)
    dialog.submit()  # the clerk uploads the file and presses 确定 again
    assert dialog.result() == 1 and _status(db, item_id) == "closure_requested"


def test_approval_shows_the_request_and_evidence_and_needs_an_opinion(window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "M2")
        evidence(s, org.edu_clerk, item_id)
        progress.report_progress(s, org.edu_clerk, item_id, "完工", percent=100)
        transitions.move(s, org.edu_clerk, item_id, "request_closure", reason="食堂已投用")
    sup = window("dc")
    seen = answer_moves(monkeypatch, "")
    sup.move_item(item_id, "approve")
    dialog = seen[0]
    shown = _texts(dialog)
    assert "食堂已投用" in shown and f"验收单-{item_id}.txt" in shown and "不能撤销" in shown
    # the service's words: the dialog does not insist on what a setting may waive
    assert dialog.message.text() == "执行“同意办结”必须填写审核意见。"
    assert _status(db, item_id) == "closure_requested"
    dialog.reason.setPlainText("现场核查属实，同意办结")
    dialog.submit()
    assert _status(db, item_id) == "completed"
    sup.show_item(item_id)
    assert "现场核查属实" in sup.panel.view.toPlainText()


def test_close_shows_the_visit_and_a_dissatisfied_one_is_refused_inside(
    window, db, org, monkeypatch
):
    with db.sessions.begin() as s:
        item_id = _approved(s, org, "M3")
        surveys.record_visit(s, org.supervisor, item_id, rating=Rating.DISSATISFIED, comment="漏水")
    sup = window("dc")
    seen = answer_moves(monkeypatch, "")
    sup.move_item(item_id, "close")
    dialog = seen[0]
    assert "不满意：漏水" in _texts(dialog) and "审核意见" in _texts(dialog)
    assert "回头看" in dialog.message.text() and _status(db, item_id) == "completed"
    assert not dialog.reopen.isHidden()
    seen.clear()
    dialog.reopen.click()  # the way on, offered in the dialog: 回头看 with its own reason
    assert dialog.instead == "reopen"


def test_reopen_is_offered_in_the_window_after_a_dissatisfied_visit(window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = _approved(s, org, "M5")
        surveys.record_visit(s, org.supervisor, item_id, rating=Rating.DISSATISFIED)
    sup = window("dc")
    answered: list = []

    def run(dialog):
        answered.append(dialog)
        if len(answered) == 1:  # 销号: refused, then 回头看 chosen instead
            dialog.submit()
            dialog.reopen.click()
        else:
            dialog.reason.setPlainText("群众反映积水未解决，退回整改")
            dialog.submit()
        return dialog.result()

    monkeypatch.setattr(MoveDialog, "exec", run)
    sup.move_item(item_id, "close")
    assert [d.windowTitle().split(" — ")[0] for d in answered] == ["销号", "回头看"]
    assert _status(db, item_id) == "in_progress"


def test_a_lowered_percent_asks_for_its_reason_in_the_progress_dialog(window, db, org, monkeypatch):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "M4")
        progress.report_progress(s, org.edu_clerk, item_id, "过半", percent=60, needs="协调用地")
    clerk = window("jy")
    seen = answer_progress(monkeypatch, ProgressInput("复核后调整", 30, None, "协调用地"))
    clerk.report_progress(item_id)
    dialog = seen[0]
    assert dialog.needs.text() == "协调用地"  # the open need is carried forward
    assert not dialog.drop_reason.isHidden() and "须写明降低的原因" in dialog.message.text()
    dialog.drop_reason.setText("上次把计划数填成了完成数")
    dialog.submit()
    with db.sessions.begin() as s:
        assert s.get_one(Item, item_id).progress_percent == 30


def test_irreversible_moves_are_off_the_global_chords_and_confirmed():
    keys = list(SHORTCUTS.values())
    assert len(keys) == len(set(keys))
    assert not TAKEN_GLOBALLY & set(keys)
    for action in IRREVERSIBLE:
        assert not SHORTCUTS[action].startswith("Ctrl+Alt+"), action
        assert needs_dialog(action), action
