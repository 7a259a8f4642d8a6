"""A clerk's day end to end in the window alone, asserted in the database: a new ledger →
新建清单 → import a messy list → 交办 three items with unit, person and deadline → a
correction undone → a unit renamed → 督办通报 from the 报表 menu."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from tests.tracker.excel.messy import TITLE
from tests.ui.dialog_answers import answer_assign
from tests.ui.test_import_wizard import next_page, settle
from tracker import audit
from tracker.models import Item, ItemList, Person, Unit
from tracker.services.ledger_files import local_desk
from ui.dialogs.admin_dialogs import ServiceForm
from ui.dialogs.edit_item_dialog import EditItemDialog
from ui.dialogs.report_dialog import ReportDialog
from ui.main_window import MainWindow


def _forms_answer(monkeypatch, *texts: str) -> None:
    """The next ServiceForms get ``texts`` in turn in their first box, then OK."""
    queue = list(texts)

    def run(form: ServiceForm) -> int:
        box = form.inputs[0]
        assert isinstance(box, QLineEdit)
        box.setText(queue.pop(0))
        form.submit()
        return form.result()

    monkeypatch.setattr(ServiceForm, "exec", run)


def _row_of(window: MainWindow, code: str) -> int:
    model = window.ledger.model
    return next(r for r in range(model.rowCount()) if model.row_of(r).code == code)


def test_a_clerks_day_in_the_window(qtbot, db, messy, tmp_path, monkeypatch):
    window = MainWindow(local_desk(db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.ledger.refreshed, timeout=10_000):
        pass
    hint = window.ledger.empty
    assert hint.isVisible()

    # 新建清单 from the first-start hint
    _forms_answer(monkeypatch, TITLE)
    hint.new_list.click()
    with db.sessions.begin() as s:
        assert s.scalar(select(ItemList.name)) == TITLE

    # import the messy county list into it
    wizard = window.excel.import_list(messy)  # deletes itself on close
    settle(qtbot, wizard)
    assert wizard.currentPage().list.currentText() == TITLE
    for _ in range(4):
        next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.apply_page.applied is not None, timeout=20_000)
    wizard.accept()
    with qtbot.waitSignal(window.ledger.refreshed, timeout=10_000):
        window.ledger.refresh()
    model = window.ledger.model
    assert model.rowCount() == 5 and window.ledger.table.isVisible()
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(5)))
    codes = sorted(model.row_of(r).code for r in range(5))[:3]

    # 交办 three items: unit, a new 责任人 with phone, deadline, 交办意见
    people = iter(["张明", "李华", "王芳"])
    for code in codes:
        window.ledger.table.setCurrentIndex(model.index(_row_of(window, code), 0))
        item_id = window._current
        if window.desk.detail(item_id).status == "draft":
            window.workflow.actions["submit"].trigger()
        seen = answer_assign(
            monkeypatch,
            "请按时限完成并每月报送进展",
            lead="城关镇",
            assignee=next(people),
            phone="13800000000",
            deadline=dt.date(2026, 12, 31),
        )
        window.workflow.actions["assign"].trigger()
        assert len(seen) == 1 and not seen[0].isVisible(), code
    with db.sessions.begin() as s:
        assigned = s.scalars(select(Item).where(Item.code.in_(codes))).all()
        assert {i.status for i in assigned} == {"assigned"}
        assert {i.lead_unit.name for i in assigned} == {"城关镇"}
        assert {i.deadline_date for i in assigned} == {dt.date(2026, 12, 31)}
        assert sorted(i.assignee.name for i in assigned) == ["张明", "李华", "王芳"]
        town = s.scalar(select(Unit.id).where(Unit.name == "城关镇"))
        assert s.scalar(select(Person.unit_id).where(Person.name == "张明")) == town

    # a correction (F2) undone with Ctrl+Z
    item_id = window._current
    before = window.desk.detail(item_id).location

    def edit(dialog: EditItemDialog) -> int:
        dialog._set("location", "城关镇幸福路口")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(EditItemDialog, "exec", edit)
    window.workflow.actions["edit"].trigger()
    assert window.desk.detail(item_id).location == "城关镇幸福路口"
    window.history.undo_action.trigger()
    assert window.desk.detail(item_id).location == before

    # a unit renamed on 单位与人员
    window.pages.setCurrentWidget(window.people)
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.people.units.setCurrentItem(window.people.units.findItems("城关镇", flags)[0])
    _forms_answer(monkeypatch, "城关街道")
    window.people.buttons["unit_rename"].click()
    window.pages.setCurrentWidget(window.ledger)
    assert window.desk.detail(item_id).lead_unit == "城关街道"

    # 督办通报 from the 报表 menu
    def bulletin(dialog: ReportDialog) -> int:
        dialog.formats["json"].setChecked(True)
        dialog.folder.setText(str(tmp_path / "报表"))
        dialog.run()
        return 0

    monkeypatch.setattr(ReportDialog, "exec", bulletin)
    dialog = window.reports.bulletin()
    assert [p.suffix for p in dialog.written.files] == [".pdf", ".xlsx", ".json"]
    doc = json.loads(dialog.written.files[2].read_text(encoding="utf-8"))
    assert doc["figures"]["total"] == 5
    with db.sessions.begin() as s:
        assert audit.verify(s).ok
