"""Export dialog, unit packs and a returned pack through the GUI, checked in the files and
the database; a workbook dropped on the main window goes to the right place."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from tests.tracker.excel.messy import build
from tests.tracker.org import at, working_item
from tracker.models import Item
from tracker.query import ItemFilter
from tracker.services import progress
from tracker.services.excel_desk import ExcelDesk
from tracker.services.ledger_files import local_desk
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.pack_dialog import PackDialog
from ui.dialogs.return_dialog import ReturnDialog
from ui.main_window import MainWindow


@pytest.fixture
def items(db, org):
    """Three 教育局 items in progress, one 民政局 item."""
    with db.sessions.begin() as s:
        ids = [working_item(s, org, code) for code in ("E1", "E2", "E3")]
        ids.append(working_item(s, org, "M1", unit="县民政局", clerk=org.civil_clerk))
    return ids


@pytest.fixture
def excel(db, items) -> ExcelDesk:
    return ExcelDesk(local_desk(db))


def test_export_dialog_writes_the_current_filter_with_chosen_columns(qtbot, excel, tmp_path):
    dialog = ExportDialog(None, excel, ItemFilter(unit="县教育局"), 3)
    qtbot.addWidget(dialog)
    assert dialog.use_current.text() == "当前筛选的事项（3 项）"
    dialog.export()  # no file chosen yet: says so and stays open
    assert dialog.message.text() == "请选择保存位置。" and dialog.written is None
    for i in range(dialog.columns.count()):
        if dialog.columns.item(i).text() not in ("编号", "事项名称", "牵头单位"):
            dialog.columns.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.path.setText(str(tmp_path / "教育局台账.xlsx"))
    dialog.export()
    assert dialog.written == 3 and dialog.result() == dialog.DialogCode.Accepted
    ws = load_workbook(tmp_path / "教育局台账.xlsx")["台账"]
    assert [c.value for c in ws[4]] == ["编号", "事项名称", "牵头单位"]
    assert [ws.cell(row=r, column=1).value for r in (5, 6, 7)] == ["E1", "E2", "E3"]
    assert ws["A8"].value.startswith("合计 3 项")


def test_export_dialog_csv_of_everything(qtbot, excel, tmp_path):
    dialog = ExportDialog(None, excel, ItemFilter(unit="县教育局"), 3)
    qtbot.addWidget(dialog)
    dialog.use_all.setChecked(True)
    dialog.path.setText(str(tmp_path / "全部.xlsx"))
    dialog.format.setCurrentIndex(1)  # CSV: the file name follows
    assert dialog.path.text().endswith("全部.csv")
    dialog.export()
    rows = list(csv.reader((tmp_path / "全部.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 5 and [r[1] for r in rows[1:]] == ["E1", "E2", "E3", "M1"]


def test_pack_export_then_returned_pack_with_a_conflict(qtbot, db, org, excel, items, tmp_path):
    dialog = PackDialog(None, excel)
    qtbot.addWidget(dialog)
    labels = [dialog.units.item(i).text() for i in range(dialog.units.count())]
    assert labels == ["县教育局（3 项待填报）", "县民政局（1 项待填报）", "城关镇（0 项待填报）"]
    dialog._check_all(Qt.CheckState.Unchecked)
    dialog.units.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.folder.setText(str(tmp_path / "packs"))
    dialog.export()
    assert [p.name.split("-")[0] for p in dialog.written.written] == ["县教育局"]
    pack = dialog.written.written[0]
    wb = load_workbook(pack)
    ws = wb["填报表"]
    ws["J4"], ws["K4"] = "主体完工", 90
    ws["J5"] = "表格里的进展"
    wb.save(pack)
    with db.sessions.begin() as s:  # meanwhile the ledger moved on for E2
        progress.report_progress(s, org.edu_clerk, items[1], "台账里的新进展", at=at(4, 2))
    back = ReturnDialog(None, excel, excel.plan_return(pack))
    qtbot.addWidget(back)
    verdicts = [back.table.item(r, 4).text() for r in range(back.table.rowCount())]
    assert verdicts == ["将更新", "冲突", "无变化"]
    assert back.table.item(1, 3).text() == "事项E2"
    assert back.table.item(0, 5).text() == "进展情况：（空） → 主体完工；完成百分比：0 → 90"
    assert back.only_changes.isChecked()  # the unchanged row is hidden until asked for
    assert [back.table.isRowHidden(r) for r in range(3)] == [False, False, True]
    back.only_changes.setChecked(False)
    assert not back.table.isRowHidden(2)
    assert back.clerk.currentData() == "jy" and back.write.isEnabled()
    back.table.item(1, 7).setCheckState(Qt.CheckState.Checked)  # take the pack's E2
    assert back.taken() == {"E2"}
    back.apply()
    assert back.applied.result.applied == 2
    assert "已写入 2 项；无变化 1 行。" in back.result_text
    with db.sessions.begin() as s:
        got = {i.code: (i.latest_progress, i.progress_percent) for i in s.scalars(select(Item))}
    assert got["E1"] == ("主体完工", 90) and got["E2"][0] == "表格里的进展"


def test_return_without_a_unit_account_cannot_be_written(qtbot, db, org, excel, tmp_path):
    from sqlalchemy import update

    from tracker.models import User

    written = excel.export_unit_packs(tmp_path, ["县民政局"]).written
    wb = load_workbook(written[0])
    wb["填报表"]["J4"] = "新进展"
    wb.save(written[0])
    with db.sessions.begin() as s:
        s.execute(update(User).where(User.login == "mz").values(active=False))
    back = ReturnDialog(None, excel, excel.plan_return(written[0]))
    qtbot.addWidget(back)
    assert not back.write.isEnabled() and "还没有承办单位账号" in back.message.text()


def _drop(window: MainWindow, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropped_list_opens_the_wizard_and_a_dropped_pack_the_return(
    qtbot, db, excel, tmp_path, monkeypatch
):
    window = MainWindow(excel.desk)
    qtbot.addWidget(window)
    _drop(window, build(tmp_path / "清单.xlsx"))
    wizard = window.excel.import_wizard
    assert wizard is not None and wizard.state.path == tmp_path / "清单.xlsx"
    qtbot.waitUntil(lambda: wizard.state.plan is not None, timeout=10_000)
    assert len(wizard.state.plan.items) == 5
    wizard.reject()
    returned = []
    monkeypatch.setattr(window.excel, "import_return", returned.append)
    (pack,) = excel.export_unit_packs(tmp_path / "packs", ["县民政局"]).written
    _drop(window, pack)
    assert returned == [pack]
