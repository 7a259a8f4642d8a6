"""The import wizard end to end on messy county lists, driven like a clerk would."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from tests.tracker.excel.messy import TITLE, edit
from tracker.actors import actor_by_login
from tracker.models import Item, Unit
from tracker.services import registry
from tracker.services.excel_desk import ExcelDesk
from tracker.services.ledger_files import local_desk
from ui.import_wizard.wizard import ImportWizard

TITLES = [
    "城关镇中心小学食堂提升改造",
    "新建青石镇幼儿园",
    "课后服务全覆盖",
    "村卫生室设备更新",
    "65岁以上老年人免费体检",
]


@pytest.fixture
def excel(db) -> ExcelDesk:
    return ExcelDesk(local_desk(db))  # its administrator is added on first use


@pytest.fixture
def wizard(qtbot, excel):
    def make(path=None) -> ImportWizard:
        w = ImportWizard(excel, None, path)
        qtbot.addWidget(w)
        w.show()
        if path is not None:
            settle(qtbot, w)
        return w

    return make


def settle(qtbot, w: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not w.state.planning, timeout=10_000)


def next_page(qtbot, w: ImportWizard) -> None:
    settle(qtbot, w)
    assert w.button(
        QWizard.WizardButton.NextButton if w.currentId() < 3 else QWizard.WizardButton.CommitButton
    ).isEnabled(), w.currentPage().status.text()
    w.next()
    settle(qtbot, w)


def dump(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_messy_list_end_to_end(qtbot, wizard, messy, db):
    w = wizard(messy)
    file_page = w.currentPage()
    assert file_page.sheet.currentText() == "重点民生实事"  # not the instructions sheet
    assert file_page.list.currentText() == TITLE and file_page.year.value() == 2026
    next_page(qtbot, w)
    layout = w.currentPage()
    assert (layout.first.value(), layout.last.value()) == (3, 4)
    assert "表头在第 3–4 行，读到 5 个事项行" in layout.status.text()
    next_page(qtbot, w)
    mapping = w.currentPage()
    chosen = {
        mapping.table.item(r, 1).text(): mapping.table.cellWidget(r, 3).currentText()
        for r in range(mapping.table.rowCount())
    }
    assert chosen["完成时限"] == "完成时限" and chosen["牵头单位"] == "牵头单位"
    assert chosen["牵头县领导"] == "牵头领导" and chosen["推进情况"] == "进展情况"
    next_page(qtbot, w)
    preview = w.currentPage()
    assert preview.items.rowCount() == 5
    assert [preview.items.item(r, 2).text() for r in range(5)] == TITLES
    assert [preview.items.item(r, 1).text() for r in range(5)] == ["新增"] * 5
    assert preview.items.item(0, 6).text() == "13907310011"
    assert preview.items.item(0, 7).text() == "2026-08-31（按月）"
    assert preview.items.item(2, 7).text() == "长期坚持"
    assert "将新增 5 项，更新 0 项" in preview.status.text()
    assert preview.create_units.isChecked()  # empty directory: units are created
    next_page(qtbot, w)
    apply_page = w.currentPage()
    qtbot.waitUntil(lambda: apply_page.applied is not None, timeout=10_000)
    assert "新增 5 项" in apply_page.result_text.text()
    assert "导入前的台账已备份到" in apply_page.result_text.text()
    with db.sessions.begin() as s:
        assert sorted(s.scalars(select(Item.title))) == sorted(TITLES)
        assert set(s.scalars(select(Unit.name))) == {
            "县教育局",
            "县卫生健康局",
            "城关镇",
            "县财政局",
            "县住房和城乡建设局",
            "县自然资源局",
            "各乡镇",
        }
    opened = []
    w.open_items.connect(lambda f, caption: opened.append((f, caption)))
    apply_page.open.click()
    assert opened and opened[0][0].imported_at == apply_page.applied.result.at
    assert not w.isVisible()


@pytest.mark.parametrize("step", [0, 1, 2, 3])
def test_cancel_at_each_step_leaves_the_database_as_it_was(
    qtbot, wizard, messy, db, db_path, step, monkeypatch
):
    """Past the first page, 取消 and Esc ask first (the clerk's choices would be lost)."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    answers, asked = [buttons.No, buttons.Yes], []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answers.pop(0)
    )
    before = dump(db_path)
    w = wizard(messy)
    for _ in range(step):
        next_page(qtbot, w)
    assert w.currentId() == step
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    if step:
        assert w.isVisible() and w.currentId() == step and "放弃这次导入吗" in asked[0]
        w.reject()
    assert not w.isVisible()
    assert len(asked) == (2 if step else 0)
    assert dump(db_path) == before


def test_cancel_while_writing_rolls_everything_back(qtbot, wizard, db, db_path, tmp_path):
    from tracker.demo.workbook import write_list_workbook

    path = write_list_workbook(tmp_path / "大清单.xlsx", 3000, seed=3)
    before = dump(db_path)
    w = wizard(path)
    for _ in range(3):
        next_page(qtbot, w)
    w.next()  # 开始导入
    apply_page = w.currentPage()
    apply_page.task.progressed.connect(lambda *_: apply_page.cancel.click())
    qtbot.waitUntil(lambda: apply_page.outcome is not None, timeout=30_000)
    assert apply_page.result_text.text() == "已取消导入，台账未作任何改动。"
    assert apply_page.applied is None
    assert dump(db_path) == before
    w.reject()
    assert not w.isVisible()


@pytest.fixture
def odd(tmp_path):
    """A header the synonyms do not recognise, under a title line."""
    wb = Workbook()
    ws = wb.active
    ws.append(["某乡镇报来的表"])
    ws.append(["要办的事", "单位", "时间要求"])
    ws.append(["公厕改造", "县城管局", "2026年9月"])
    ws.append(["路灯维修", "县城管局", "尽快"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    return path


def choose(page, header: str, field_label: str) -> None:
    for r in range(page.table.rowCount()):
        if page.table.item(r, 1).text() == header:
            box = page.table.cellWidget(r, 3)
            box.setCurrentIndex(box.findText(field_label))
            box.activated.emit(box.currentIndex())
            return
    raise AssertionError(header)


def test_header_corrected_and_columns_mapped_by_hand(qtbot, wizard, odd, db):
    w = wizard(odd)
    assert "没有找到表头" in w.currentPage().status.text()
    next_page(qtbot, w)  # the sheet is readable: on to the header
    layout = w.currentPage()
    layout.first.setValue(2)
    layout.last.setValue(2)
    settle(qtbot, w)
    assert "项目名称" in layout.status.text()  # no title column yet: named on the next page
    next_page(qtbot, w)
    mapping = w.currentPage()
    assert [mapping.table.item(r, 1).text() for r in range(3)] == ["要办的事", "单位", "时间要求"]
    assert [mapping.table.item(r, 2).text() for r in range(3)] == [
        "公厕改造",
        "县城管局",
        "2026年9月",
    ]
    choose(mapping, "要办的事", "项目名称")
    settle(qtbot, w)
    assert w.state.plan is not None and w.state.plan.items[0].lead_unit is None
    choose(mapping, "单位", "牵头单位")
    choose(mapping, "时间要求", "完成时限")
    settle(qtbot, w)
    assert w.state.plan.columns == {"title": 0, "lead_unit": 1, "deadline": 2}
    assert [i.lead_unit for i in w.state.plan.items] == ["县城管局", "县城管局"]
    # a field belongs to one column: giving 项目名称 to 单位 takes it from 要办的事
    choose(mapping, "单位", "项目名称")
    settle(qtbot, w)
    assert w.state.plan.columns == {"title": 1, "deadline": 2}
    choose(mapping, "要办的事", "项目名称")
    choose(mapping, "单位", "牵头单位")
    settle(qtbot, w)
    next_page(qtbot, w)
    preview = w.currentPage()
    assert preview.tabs.tabText(1) == "问题（1）"
    assert preview.problems.item(0, 0).text() == "4" and preview.problems.item(0, 1).text() == "C"
    preview.jump_to_problem(preview.problems.item(0, 3))
    assert preview.tabs.currentWidget() is preview.sheet
    index = preview.sheet.currentIndex()
    assert (index.row(), index.column()) == (3, 2)
    assert preview.sheet_model.data(index) == "尽快"


def test_unknown_units_mapped_or_confirmed(qtbot, wizard, messy, db):
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        admin = actor_by_login(s, "admin")
        for name in ("县教育局", "县财政局", "城关镇", "县卫生健康局", "县自然资源局"):
            registry.add_unit(s, admin, name)
    w = wizard(messy)
    for _ in range(3):
        next_page(qtbot, w)
    preview = w.currentPage()
    assert preview.tabs.tabText(3) == "新单位（2）"
    assert preview.create_units.isVisible() and not preview.create_units.isChecked()
    commit = w.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()  # new units need the clerk's word
    box = preview.units.cellWidget(0, 1)
    assert preview.units.item(0, 0).text() == "县住房和城乡建设局"
    box.setCurrentIndex(box.findText("县财政局"))
    box.activated.emit(box.currentIndex())
    settle(qtbot, w)
    assert w.state.plan.unknown_units == ["各乡镇"]
    assert preview.units.item(0, 0).text() == "县住房和城乡建设局"  # the rows stay put
    assert w.state.plan.items[1].co_units == ["县财政局", "县自然资源局"]
    preview.create_units.setChecked(True)
    assert commit.isEnabled()
    w.next()
    qtbot.waitUntil(lambda: w.currentPage().applied is not None, timeout=10_000)
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count(Unit.id))) == 6
        assert s.scalar(select(func.count(Item.id))) == 5


def test_reimport_shows_field_level_changes(qtbot, wizard, messy, db):
    w = wizard(messy)
    for _ in range(4):
        next_page(qtbot, w)
    qtbot.waitUntil(lambda: w.currentPage().applied is not None, timeout=10_000)
    edit(messy, {"H7": "2026年10月底前"})
    again = wizard(messy)
    assert "已有清单" in again.currentPage().status.text()
    for _ in range(3):
        next_page(qtbot, again)
    preview = again.currentPage()
    assert [preview.items.item(r, 1).text() for r in range(5)] == [
        "不变",
        "更新",
        "不变",
        "不变",
        "不变",
    ]
    assert preview.items.item(1, 9).text() == "完成时限：2026-09-30 → 2026年10月底前"


def _units(db, *names: tuple[str, str]) -> None:
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        admin = actor_by_login(s, "admin")
        for name, kind in names:
            registry.add_unit(s, admin, name, kind)


def test_a_collective_name_is_expanded_or_kept_as_the_clerk_says(qtbot, wizard, db, tmp_path):
    _units(
        db,
        ("县卫生健康局", "department"),
        ("城关镇卫生院", "department"),
        ("青石镇卫生院", "department"),
    )
    wb = Workbook()
    wb.active.append(["项目名称", "牵头单位", "配合单位", "完成时限"])
    wb.active.append(["家庭医生签约", "县卫生健康局", "各乡镇卫生院", "2026年10月"])
    path = tmp_path / "collective.xlsx"
    wb.save(path)
    w = wizard(path)
    for _ in range(3):
        next_page(qtbot, w)
    preview = w.currentPage()
    assert preview.tabs.tabText(3) == "新单位（1）"
    assert preview.units.item(0, 0).text() == "各乡镇卫生院"
    box = preview.units.cellWidget(0, 1)
    assert box.currentText() == "展开为名录中的 2 个单位"
    assert preview.units.item(0, 2).text() == "城关镇卫生院、青石镇卫生院"
    assert "按名录展开为 2 个单位" in preview.status.text()
    assert w.state.plan.items[0].co_units == ["城关镇卫生院", "青石镇卫生院"]
    box.setCurrentIndex(box.findText("（新建该单位）"))
    box.activated.emit(box.currentIndex())
    settle(qtbot, w)
    assert w.state.plan.items[0].co_units == ["各乡镇卫生院"]
    assert w.state.plan.unknown_units == ["各乡镇卫生院"]
    box = preview.units.cellWidget(0, 1)
    assert box.currentText() == "（新建该单位）"
    box.setCurrentIndex(box.findText("展开为名录中的对应单位"))
    box.activated.emit(box.currentIndex())
    settle(qtbot, w)
    assert w.state.plan.items[0].co_units == ["城关镇卫生院", "青石镇卫生院"]
    assert w.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_an_existing_list_keeps_its_year_whatever_focus_does(qtbot, wizard, messy, db):
    w = wizard(messy)
    for _ in range(4):
        next_page(qtbot, w)
    qtbot.waitUntil(lambda: w.currentPage().applied is not None, timeout=10_000)
    again = wizard(messy)
    file_page = again.currentPage()
    assert file_page.year.value() == 2026 and not file_page.year.isEnabled()
    again.state.plan = None  # focus leaving the box while a plan is being made
    file_page.year.editingFinished.emit()
    settle(qtbot, again)
    assert again.state.options["year"] is None


def test_a_header_without_a_title_column_leads_on_to_the_mapping(qtbot, wizard, tmp_path):
    wb = Workbook()
    wb.active.append(["要办的事", "单位", "时间要求"])
    wb.active.append(["公厕改造", "县城管局", "2026年9月"])
    path = tmp_path / "no-title.xlsx"
    wb.save(path)
    w = wizard(path)
    next_page(qtbot, w)
    layout = w.currentPage()
    assert layout.first.value() == 1
    next_page(qtbot, w)  # the row the boxes show is taken as the header
    mapping = w.currentPage()
    assert [mapping.table.item(r, 1).text() for r in range(3)] == ["要办的事", "单位", "时间要求"]
    choose(mapping, "要办的事", "项目名称")
    settle(qtbot, w)
    assert [i.title for i in w.state.plan.items] == ["公厕改造"]
