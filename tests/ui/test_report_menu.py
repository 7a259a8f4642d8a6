"""The 报表 menu: a supervisor writes 督办通报, 单位报告, 事项卡片, publishes and re-outputs a
published bulletin from the window, without the command line."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog

from tracker.services.desk import Desk
from ui.dialogs.published_dialog import PublishDialog, PublishedDialog
from ui.dialogs.report_dialog import ReportDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ten_items):
    w = MainWindow(Desk(ten_items, "dc"))
    qtbot.addWidget(w)
    w.show()
    return w


def _run_in(monkeypatch, cls, steps):
    """Replace ``cls.exec`` by ``steps(dialog)`` (the dialog shown, as a user sees it)."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", run)
    return seen


def test_the_menu_offers_every_document(window):
    menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "报表(&R)")
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels == ["督办通报…", "单位报告…", "事项卡片（当前事项）…", "发布通报…", "已发布通报…"]
    assert not window.reports.actions["card"].isEnabled()  # no item chosen yet


def test_bulletin_checks_its_period_then_writes_and_previews(window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("ui.dialogs.report_dialog.open_folder", lambda p: opened.append(p) or True)
    monkeypatch.setattr(
        "ui.dialogs.report_dialog.print_file", lambda p: "本机没有打印服务（CUPS）。"
    )

    def steps(d: ReportDialog) -> None:
        d.period.setEditText("2026-13")
        d.run()
        assert "2026-13" in d.message.text() and d.isVisible() and d.written is None
        d.period.setEditText("2026-07")
        d.as_of_on.setChecked(True)
        d.as_of.setDate(d.as_of.date().fromString("2026-07-31", "yyyy-MM-dd"))
        d.formats["json"].setChecked(True)
        d.folder.setText(str(tmp_path / "通报"))
        d.run()
        assert [p.suffix for p in d.written.files] == [".pdf", ".xlsx", ".json"]
        figures = json.loads(d.written.files[2].read_text(encoding="utf-8"))["figures"]
        preview = d.results.preview.toPlainText()
        assert "数据截至 2026-07-31" in preview and "事项总数" in preview
        assert f"{figures['total']}" in preview and figures["total"] == 8
        assert d.results.files.count() == 3
        d.results.folder.click()
        d.results.print.click()
        assert "打印服务" in d.results.message.text()

    seen = _run_in(monkeypatch, ReportDialog, steps)
    window.reports.actions["bulletin"].trigger()
    (dialog,) = seen
    assert opened == [dialog.written.files[0]]


def test_unit_report_and_item_card(window, ten_items, tmp_path, monkeypatch):
    def steps(d: ReportDialog) -> None:
        d.scope.setCurrentText("县民政局")
        d.period.setEditText("2026-07")
        d.folder.setText(str(tmp_path))
        d.run()
        assert d.written.files[0].name.startswith("单位报告-县民政局-2026年7月")

    _run_in(monkeypatch, ReportDialog, steps)
    window.reports.actions["unit"].trigger()
    with ten_items.engine.connect() as c:
        item_id = c.exec_driver_sql("SELECT id FROM item WHERE code='A'").scalar_one()
    window.show_item(item_id)
    assert window.reports.actions["card"].isEnabled()
    monkeypatch.setattr(
        "ui.report_actions.QFileDialog.getExistingDirectory", lambda *a, **k: str(tmp_path / "卡")
    )
    monkeypatch.setattr(QDialog, "exec", lambda d: 0)
    window.reports.actions["card"].trigger()
    assert [p.name for p in (tmp_path / "卡").iterdir()] == ["事项卡片-A.pdf"]


def test_publish_then_output_the_published_bulletin(window, tmp_path, monkeypatch):
    def publish(d: PublishDialog) -> None:
        d.period.setCurrentIndex(d.period.count() - 1)  # 本年
        d.submit()

    _run_in(monkeypatch, PublishDialog, publish)
    window.reports.actions["publish"].trigger()
    assert "已发布第 1 号督办通报" in window.statusBar().currentMessage()

    def output(d: PublishedDialog) -> None:
        assert d.table.rowCount() == 1 and d.table.item(0, 0).text() == "1"
        d.folder.setText(str(tmp_path))
        d.run()
        assert d.results.chosen().name.startswith("督办通报-第1号-")

    _run_in(monkeypatch, PublishedDialog, output)
    window.reports.actions["published"].trigger()


def test_a_clerk_cannot_publish(qtbot, ten_items):
    w = MainWindow(Desk(ten_items, "jy"))
    qtbot.addWidget(w)
    assert not w.reports.actions["publish"].isEnabled()
    assert w.reports.actions["bulletin"].isEnabled()
