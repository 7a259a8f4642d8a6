"""The item panel's tabs: records by kind, evidence opened from a checked copy, audit log."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from tests.tracker.org import working_item
from tracker.enums import Escalation
from tracker.services import attachments, progress
from tracker.services.desk import Desk
from ui.main_window import MainWindow


def _tab_titles(window) -> list[str]:
    tabs = window.panel.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_tabs_count_each_kind_and_evidence_opens(qtbot, db, org, tmp_path, monkeypatch):
    photo = tmp_path / "整改前.jpg"
    photo.write_bytes(b"\xff\xd8 before")
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "P1")
        progress.report_progress(s, org.edu_clerk, item_id, "已完成招标", percent=30)
        progress.urge(s, org.supervisor, item_id, "请加快进度")
        progress.escalate(s, org.supervisor, item_id, Escalation.LISTED, "群众反映强烈")
        attachments.add_attachment(s, org.edu_clerk, item_id, photo, db.attachments_dir)
    window = MainWindow(Desk(db, "dc"))
    qtbot.addWidget(window)
    window.show_item(item_id)
    assert _tab_titles(window) == [
        "基本",
        "进展(1)",
        "审核",
        "督办(2)",
        "回访",
        "材料(1)",
        "日志(8)",
    ]
    assert "已完成招标（30%）" in window.panel.timelines[0].toPlainText()
    urges = window.panel.timelines[2].toPlainText()
    assert "请加快进度" in urges and "调整督办级别：群众反映强烈" in urges
    files = window.panel.files
    assert [files.item(0, c).text() for c in range(4)][:2] == ["整改前.jpg", "9 B"]
    audit = window.panel.audit
    assert (audit.item(0, 2).text(), audit.item(0, 3).text()) == (
        "上传佐证材料",
        "文件：整改前.jpg",
    )
    assert window.panel.add_file.isEnabled()
    offered = [window.panel.basic_buttons.itemAt(i).widget().defaultAction() for i in range(2)]
    assert offered == [window.workflow.actions["edit"], window.history.undo_action]
    assert offered[0].isEnabled() and not offered[1].isEnabled()  # nothing to undo yet
    viewer = MainWindow(Desk(db, "ld"))
    qtbot.addWidget(viewer)
    viewer.show_item(item_id)
    assert viewer.panel.add_file.isEnabled() is False  # 县领导 only reads
    assert viewer.panel.open_file.isEnabled()
    opened = []
    monkeypatch.setattr(
        "ui.main_window.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    files.setCurrentCell(0, 0)
    window.panel.open_file.click()
    (url,) = opened
    assert url.fileName() == "整改前.jpg"
    with open(url.toLocalFile(), "rb") as fh:
        assert fh.read() == photo.read_bytes()
    window.panel.copy_hash.click()
    sha = window.desk.detail(item_id).attachments[0].sha256
    assert QGuiApplication.clipboard().text() == sha
    assert (files.item(0, 4).text(), files.item(0, 4).toolTip()) == (sha[:12] + "…", sha)
    assert window.panel.hash_line.text().replace(" ", "") == "SHA-256：" + sha


def test_the_lead_unit_sees_co_units_reports_with_problems_and_needs(qtbot, db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "P2", co_units=("县民政局",))
        progress.report_progress(s, org.edu_clerk, item_id, "已完成招标", percent=30)
        progress.report_progress(
            s, org.civil_clerk, item_id, "已摸排困难户", problems="人手不足", needs="需协调车辆"
        )
    window = MainWindow(Desk(db, "jy"))
    qtbot.addWidget(window)
    window.show_item(item_id)
    assert "进展(2)" in _tab_titles(window)
    text = window.panel.timelines[0].toPlainText()
    assert "配合单位进展 县民政局：" in text and "已摸排困难户" in text
    assert "存在问题：人手不足" in text and "需协调事项：需协调车辆" in text
    with db.sessions.begin() as s:
        from tracker.models import Item

        item = s.get(Item, item_id)
        assert (item.latest_progress, item.progress_percent) == ("已完成招标", 30)


def test_the_panel_keeps_its_width_whatever_it_shows(qtbot, demo_db):
    """At 1366 px the dock grew with its content: tab counts on every selection (the
    table jumped) and the undo button's text (“撤销修改：2026-MS-001350 事项名称、受益人数、…”)
    pushed the window wider than the screen."""
    w = MainWindow(Desk(demo_db))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    model = w.ledger.model
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    qtbot.waitUntil(lambda: all(model.row_of(r) for r in range(40)))
    width = w.dock.width()
    tabs = w.panel.tabs.tabBar()
    assert width >= w.panel.tabs_width() - 10  # the first start shows every tab
    seen = set()
    for r in range(40):
        w.show_item(model.row_of(r).id)
        qtbot.wait(1)
        seen.add(w.dock.width())
    w.show_item(model.row_of(0).id)
    assert tabs.tabRect(tabs.count() - 1).right() <= tabs.width()  # every tab in sight
    fields = ("title", "beneficiaries", "location", "funds", "content", "remarks", "source")
    w.history.record(
        model.row_of(0).id, "2026-MS-001350", ({f: "甲" for f in fields}, {f: "乙" for f in fields})
    )
    qtbot.wait(10)
    seen.add(w.dock.width())
    assert seen == {width} and w.width() == 1366
    assert w.history.undo_action.text().startswith("撤销修改：2026-MS-001350 事项名称")


def test_everything_recorded_is_in_the_panel(qtbot, db, org):
    """受益人数, 投入资金, 地点 among the fields; a visit's 回访方式 and 受访群众; a report's
    存在问题 and 需协调事项 (before, the panel left the first five out)."""
    from tests.tracker.org import request_closure
    from tracker.enums import Rating
    from tracker.models import Item
    from tracker.services import editing, surveys, transitions

    with db.sessions.begin() as s:
        item_id = working_item(s, org, "V1")
        version = s.get_one(Item, item_id).version
        editing.edit_item(
            s,
            org.supervisor,
            item_id,
            version,
            {"location": "城关镇幸福路", "beneficiaries": "1200", "funds": "35.5"},
        )
        progress.report_progress(
            s, org.edu_clerk, item_id, "已开工", percent=40, problems="雨季", needs="协调用地"
        )
        request_closure(s, org.edu_clerk, item_id)
        transitions.move(s, org.supervisor, item_id, "approve", reason="同意")
        surveys.record_visit(
            s,
            org.supervisor,
            item_id,
            rating=Rating.SATISFIED,
            method="电话回访",
            respondent="王大妈",
            contacted=True,
            solved=True,
            comment="路灯亮了",
        )
    w = MainWindow(Desk(db))
    qtbot.addWidget(w)
    w.show_item(item_id)
    basic = w.panel.view.toPlainText()
    for words in ("城关镇幸福路", "1,200 人", "35.5 万元", "包联领导"):
        assert words in basic, words
    visits = w.panel.timelines[3].toPlainText()
    assert "满意（回访方式：电话回访，受访群众：王大妈，已联系上，问题已解决） 路灯亮了" in visits
    reports = w.panel.timelines[0].toPlainText()
    assert "存在问题：雨季" in reports and "需协调事项：协调用地" in reports
