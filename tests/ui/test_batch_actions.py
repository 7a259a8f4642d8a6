"""批量处理 on rows chosen in the ledger: the real services run per item, the result box says
which were done and why the others were not, and a selection exports as itself."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from sqlalchemy import select

from tests.tracker.org import new_item, working_item
from tracker.enums import Escalation
from tracker.models import Item
from tracker.services import transitions
from tracker.services.desk import Desk
from ui.dialogs import supervision_dialogs as sd
from ui.main_window import MainWindow


@pytest.fixture
def items(db, org):
    with db.sessions.begin() as s:
        working = [working_item(s, org, f"W{n}") for n in range(3)]
        waiting = []
        for n in range(2):
            item_id = new_item(s, org, f"R{n}")
            transitions.move(s, org.supervisor, item_id, "submit")
            waiting.append(item_id)
    return working, waiting


def _window(qtbot, db, login="dc") -> MainWindow:
    w = MainWindow(Desk(db, login))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.ledger.model.rowCount() == 5)
    return w


def _select(window, item_ids):
    page = window.ledger
    selection = QItemSelection()
    for row in range(page.model.rowCount()):
        if page.model.item_id(row) in item_ids:
            selection.select(page.model.index(row, 0), page.model.index(row, 0))
    flags = QItemSelectionModel.SelectionFlag
    page.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)


def _messages(monkeypatch):
    shown = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            f"ui.batch_actions.QMessageBox.{kind}",
            lambda _p, title, text, k=kind: shown.append((k, title, text)),
        )
    return shown


def _item(db, item_id) -> Item:
    with db.sessions.begin() as s:
        item = s.get(Item, item_id)
        item.lead_unit  # noqa: B018 - loaded while the session is open
        return item


def test_batch_assign_hands_the_waiting_items_to_a_unit(qtbot, db, items, monkeypatch):
    working, waiting = items
    window = _window(qtbot, db)
    _select(window, [*waiting, working[0]])
    assert window.ledger.selected_count() == 3
    monkeypatch.setattr("ui.batch_actions.QInputDialog.getItem", lambda *a, **k: ("县民政局", True))
    shown = _messages(monkeypatch)
    window.batch.actions["assign"].trigger()
    for item_id in waiting:
        item = _item(db, item_id)
        assert (item.status, item.lead_unit.name) == ("assigned", "县民政局")
    assert _item(db, working[0]).lead_unit.name == "县教育局"  # 办理中: refused, untouched
    ((kind, title, text),) = shown
    assert (kind, title) == ("warning", "批量交办")
    assert text.startswith("已交办 2 项。\n1 项未交办：\nW0：事项当前为“办理中”")


def test_batch_urge_and_escalate(qtbot, db, items, monkeypatch):
    working, _waiting = items
    window = _window(qtbot, db)
    _select(window, working)
    monkeypatch.setattr(
        "ui.batch_actions.QInputDialog.getText", lambda *a, **k: ("请本周报送进展", True)
    )
    shown = _messages(monkeypatch)
    window.batch.actions["urge"].trigger()
    assert [_item(db, i).urge_count for i in working] == [1, 1, 1]
    monkeypatch.setattr(
        sd.EscalateDialog,
        "ask",
        classmethod(lambda c, *a, **k: sd.EscalationChoice(Escalation.LISTED, "进度滞后")),
    )
    window.batch.actions["escalate"].trigger()
    assert {_item(db, i).escalation for i in working} == {"listed"}
    assert [s[2] for s in shown] == ["已催办 3 项。", "已调整督办级别 3 项。"]


def test_nothing_chosen_is_said_and_a_viewer_may_only_export(qtbot, db, items, monkeypatch):
    window = _window(qtbot, db, "ld")
    assert [n for n, a in window.batch.actions.items() if a.isEnabled()] == ["export"]
    shown = _messages(monkeypatch)
    window.batch.actions["export"].trigger()
    assert shown[0][2].startswith("请先在台账中选择事项")


def test_the_selection_exports_as_itself(qtbot, db, items, monkeypatch, tmp_path):
    working, waiting = items
    window = _window(qtbot, db)
    _select(window, [working[1], waiting[0]])
    target = tmp_path / "所选.xlsx"

    def fake_exec(dialog):
        assert dialog.use_current.text() == "所选事项（2 项）"
        dialog.path.setText(str(target))
        dialog.export()
        return dialog.result()

    monkeypatch.setattr("ui.dialogs.export_dialog.ExportDialog.exec", fake_exec)
    window.batch.actions["export"].trigger()
    qtbot.waitUntil(lambda: target.exists())
    sheet = openpyxl.load_workbook(Path(target)).active
    text = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "W1" in text and "R0" in text and "W0" not in text and "R1" not in text
    with db.sessions.begin() as s:
        assert len(s.scalars(select(Item.id)).all()) == 5


def test_too_many_rows_are_refused_before_anything_is_asked(qtbot, db, items, monkeypatch):
    working, _waiting = items
    monkeypatch.setattr("tracker.services.batch.MAX_ITEMS", 2)
    window = _window(qtbot, db)
    _select(window, working)
    refused = []
    monkeypatch.setattr("ui.batch_actions.show_error", lambda _p, exc: refused.append(str(exc)))
    monkeypatch.setattr(
        "ui.batch_actions.QInputDialog.getText", lambda *a, **k: pytest.fail("asked anyway")
    )
    window.batch.actions["urge"].trigger()
    assert refused[0].startswith("一次最多批量处理 2 项（选中了 3 项）")
    assert [_item(db, i).urge_count for i in working] == [0, 0, 0]
