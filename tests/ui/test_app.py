"""The main window over a real ledger: counts, search, SQL sort, workflow moves, crash dialog."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.dialog_answers import answer_assign, answer_moves, answer_new_item, answer_progress
from tests.ui.ledger_sql import sql_column as _sql
from tracker.services.desk import Desk
from ui import errors
from ui.main_window import MainWindow
from ui.models.ledger_model import COLUMNS


@pytest.fixture
def window(demo_window):
    return demo_window


def test_window_shows_the_ledger_and_its_counts(window, demo_db):
    assert window.windowTitle() == f"{demo_db.path.name} — 实事台账 — 系统管理员（管理员）"
    assert window.ledger.model.rowCount() == 300
    overdue = _sql(
        demo_db,
        # 逾期未办结 under the fair clock: 待交办 and closure asked by the deadline wait on
        # the supervisors, they are not the unit's overdue.
        "SELECT count(*) FROM item WHERE deadline_date < date('now', 'localtime') AND "
        "(status IN ('assigned','in_progress') OR (status = 'closure_requested' AND "
        "(requested_on IS NULL OR requested_on > deadline_date)))",
    )[0]
    assert window.counts.text() == f"显示 300 项（共 300 项），其中逾期 {overdue} 项"
    assert str(demo_db.path) in window.statusBar().currentMessage()


def test_search_matches_sql_substring_search(window, demo_db, qtbot):
    window.ledger.search.setText("食堂")
    with qtbot.waitSignal(window.ledger.refreshed):
        qtbot.keyClick(window.ledger.search, "\r")
    model = window.ledger.model
    codes = [model.index(r, 0).data() for r in range(model.rowCount())]
    expected = _sql(
        demo_db,
        "SELECT code FROM item WHERE title LIKE '%食堂%' OR content LIKE '%食堂%'"
        " OR code LIKE '%食堂%' ORDER BY code, list_id, id",
    )
    assert codes == expected and codes


def test_header_click_sorts_in_sql(window, demo_db, qtbot):
    deadline_col = next(i for i, c in enumerate(COLUMNS) if c[0] == "deadline")
    with qtbot.waitSignal(window.ledger.refreshed):
        window.ledger._sort_by(deadline_col)
        window.ledger._sort_by(deadline_col)  # second click: descending; supersedes the first
    model = window.ledger.model
    ids = [model.item_id(r) for r in range(model.rowCount())]
    assert ids == _sql(demo_db, "SELECT id FROM item ORDER BY deadline_date DESC, id DESC")


def test_workflow_move_through_the_window(window, demo_db, monkeypatch):
    item_id = _sql(demo_db, "SELECT id FROM item WHERE status='in_progress' ORDER BY id LIMIT 1")[0]
    answer_moves(monkeypatch, "等待资金下达")
    window.move_item(item_id, "suspend")
    assert _sql(demo_db, "SELECT status FROM item WHERE id=?", item_id) == ["suspended"]
    window.move_item(item_id, "resume")
    assert _sql(demo_db, "SELECT status FROM item WHERE id=?", item_id) == ["in_progress"]
    assert "已恢复办理" in window.statusBar().currentMessage()


def test_refused_move_shows_a_chinese_message(window, demo_db, monkeypatch):
    item_id = _sql(demo_db, "SELECT id FROM item WHERE status='closed' LIMIT 1")[0]
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window.move_item(item_id, "sign")
    assert shown and "不能执行“签收”" in shown[0]


def test_cancelled_reason_dialog_changes_nothing(window, demo_db, monkeypatch):
    item_id = _sql(demo_db, "SELECT id FROM item WHERE status='in_progress' LIMIT 1")[0]
    answer_moves(monkeypatch, None)
    window.move_item(item_id, "cancel")
    assert _sql(demo_db, "SELECT status FROM item WHERE id=?", item_id) == ["in_progress"]


def test_unexpected_error_goes_to_the_crash_dialog(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise ZeroDivisionError("injected bug")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert shown and "ZeroDivisionError: injected bug" in shown[0] and "实事台账" in shown[0]


def test_choosing_a_row_shows_its_record(window, demo_db, qtbot):
    table = window.ledger.table
    table.setCurrentIndex(window.ledger.model.index(2, 0))
    code = window.ledger.model.index(2, 0).data()
    text = window.panel.view.toPlainText()
    assert code in text and "办理记录" in text


def _select_first(window, demo_db, status):
    item_id = _sql(
        demo_db, "SELECT id FROM item WHERE status=? ORDER BY list_id, code LIMIT 1", status
    )[0]
    model = window.ledger.model
    row = next(r for r in range(model.rowCount()) if model.item_id(r) == item_id)
    window.ledger.table.setCurrentIndex(model.index(row, 0))
    return item_id


def test_menu_actions_follow_the_current_item(window, demo_db):
    _select_first(window, demo_db, "in_progress")
    enabled = {n for n, a in window.workflow.actions.items() if a.isEnabled()}
    assert enabled == {
        "edit",
        "responsibility",
        "progress",
        "urge",
        "attach",
        "extend",
        "escalate",
        "hand_back",
        "request_closure",
        "suspend",
        "cancel",
    }
    _select_first(window, demo_db, "closed")
    enabled = {n for n, a in window.workflow.actions.items() if a.isEnabled()}
    assert enabled == {"reopen", "visit", "attach"}
    assert window.workflow.actions["sign"].shortcut().toString() == "Ctrl+Alt+Q"


def test_progress_and_urge_through_the_menu(window, demo_db, monkeypatch):
    from ui.dialogs.progress_dialog import ProgressInput

    item_id = _select_first(window, demo_db, "in_progress")
    answer_progress(monkeypatch, ProgressInput("主体完工", 90, "资金缺口"))
    window.workflow.actions["progress"].trigger()
    before = _sql(demo_db, "SELECT urge_count FROM item WHERE id=?", item_id)[0]
    window.workflow.actions["urge"].trigger()
    assert _sql(
        demo_db, "SELECT latest_progress, progress_percent FROM item WHERE id=?", item_id
    ) == ["主体完工"]
    assert _sql(demo_db, "SELECT progress_percent FROM item WHERE id=?", item_id) == [90]
    assert _sql(demo_db, "SELECT urge_count FROM item WHERE id=?", item_id) == [before + 1]
    assert "主体完工" in window.panel.view.toPlainText()


def test_column_layout_is_remembered(qtbot, demo_db):
    first = MainWindow(Desk(demo_db))
    qtbot.addWidget(first)
    header = first.ledger.table.horizontalHeader()
    header.moveSection(3, 0)
    header.resizeSection(5, 333)
    first.close()
    second = MainWindow(Desk(demo_db))
    qtbot.addWidget(second)
    header = second.ledger.table.horizontalHeader()
    assert header.logicalIndex(0) == 3 and header.sectionSize(5) == 333


def test_columns_are_chosen_from_the_header_menu_and_remembered(qtbot, demo_db):
    first = MainWindow(Desk(demo_db))
    qtbot.addWidget(first)
    latest = next(n for n, (key, _h, _s) in enumerate(COLUMNS) if key == "latest")
    menu = first.ledger.column_menu()
    assert [a.text() for a in menu.actions()] == [label for _k, label, _s in COLUMNS]
    menu.actions()[latest].setChecked(False)
    assert first.ledger.table.horizontalHeader().isSectionHidden(latest)
    first.close()
    second = MainWindow(Desk(demo_db))
    qtbot.addWidget(second)
    assert second.ledger.table.horizontalHeader().isSectionHidden(latest)
    menu = second.ledger.column_menu()
    assert not menu.actions()[latest].isChecked()
    for action in menu.actions()[1:]:  # hide all but the first: the last one cannot go
        action.setChecked(False)
    assert (
        menu.actions()[0].isChecked() and not second.ledger.column_menu().actions()[0].isEnabled()
    )


def test_new_item_to_closed_entirely_through_the_window(
    window, demo_db, monkeypatch, qtbot, tmp_path
):
    from tracker import audit
    from tracker.enums import Rating
    from tracker.services.surveys import Visit
    from ui.dialogs.new_item_dialog import NewItem
    from ui.dialogs.progress_dialog import ProgressInput
    from ui.dialogs.visit_dialog import VisitDialog

    lists = window._desk.list_names()
    answer_new_item(
        monkeypatch, NewItem(lists[0], "GUI-001", "通过界面登记的事项", "县教育局", None, "教育")
    )
    answer_moves(monkeypatch, "已全部完成，验收合格")
    answer_assign(monkeypatch, "请按期完成", assignee="李明", phone="13900002222")
    answer_progress(monkeypatch, ProgressInput("已完工", 100, None))
    photo = tmp_path / "验收单.jpg"
    photo.write_bytes(b"\xff\xd8 scan")
    monkeypatch.setattr(
        "ui.supervision_actions.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(photo)], "")
    )
    monkeypatch.setattr(
        VisitDialog, "ask", classmethod(lambda cls, *a: Visit(rating=Rating.SATISFIED))
    )
    with qtbot.waitSignal(window.ledger.refreshed):
        window.new_item()
    item_id = _sql(demo_db, "SELECT id FROM item WHERE code='GUI-001'")[0]
    assert window._current == item_id and "通过界面登记的事项" in window.panel.view.toPlainText()
    steps = ("submit", "assign", "sign", "progress", "attach", "request_closure", "approve")
    for name in (*steps, "visit", "close"):
        assert window.workflow.actions[name].isEnabled(), name
        window.workflow.actions[name].trigger()
    assert _sql(demo_db, "SELECT status FROM item WHERE id=?", item_id) == ["closed"]
    assert _sql(
        demo_db,
        "SELECT p.name || ' ' || i.assignee_phone FROM item i JOIN person p ON p.id = i.assignee_id "
        "WHERE i.id=?",
        item_id,
    ) == ["李明 13900002222"]
    # A closed item may still be visited again and given evidence, or reopened (回头看).
    still = {n for n, a in window.workflow.actions.items() if a.isEnabled()}
    assert still == {"reopen", "visit", "attach"}
    with demo_db.sessions.begin() as s:
        assert audit.verify(s).ok


def test_new_item_dialog_suggests_a_free_code(qtbot, demo_db):
    from ui.dialogs.new_item_dialog import NewItemDialog

    dialog = NewItemDialog(None, Desk(demo_db))
    qtbot.addWidget(dialog)
    assert dialog.code.text().startswith("2026-") and dialog.lists.count() == 4
    dialog.title_edit.setText("测试")
    dialog.ongoing.setChecked(True)
    value = dialog.value()
    assert value.deadline is None and value.title == "测试"


def test_filter_bar_list_unit_category_escalation(window, demo_db, qtbot):
    page = window.ledger
    with qtbot.waitSignal(page.refreshed):
        page.bar.lists.setCurrentIndex(1)
    with qtbot.waitSignal(page.refreshed):
        page.bar.categories.setCurrentIndex(page.bar.categories.findText("教育"))
    page.bar.units.setCurrentText("县教育局")
    with qtbot.waitSignal(page.refreshed):
        page.refresh()
    model = page.model
    got = sorted(model.item_id(r) for r in range(model.rowCount()))
    expected = _sql(
        demo_db,
        "SELECT i.id FROM item i JOIN item_list l ON l.id=i.list_id "
        "WHERE l.name=? AND i.category='教育' AND (i.lead_unit_id=(SELECT id FROM unit "
        "WHERE name='县教育局') OR i.id IN (SELECT item_id FROM item_co_unit c JOIN unit u "
        "ON u.id=c.unit_id WHERE u.name='县教育局')) ORDER BY i.id",
        page.bar.lists.itemData(1),
    )
    assert got == expected and got
    with qtbot.waitSignal(page.refreshed):
        page.bar.escalation.setCurrentIndex(page.bar.escalation.findText("挂牌督办"))
    assert page.model.rowCount() == 0


def test_the_program_log_is_kept_in_the_data_folder(tmp_path, monkeypatch):
    """Crash reports and "技术细节已记入日志" land in logs/shishi.log, not nowhere."""
    import logging

    from ui.errors import log_to_file

    monkeypatch.setenv("SHISHI_DATA_DIR", str(tmp_path))
    handler = log_to_file()
    try:
        logging.getLogger("tracker.services.imports").error("planning 清单.xlsx failed")
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = (tmp_path / "logs" / "shishi.log").read_text(encoding="utf-8")
    assert "ERROR tracker.services.imports: planning 清单.xlsx failed" in text
