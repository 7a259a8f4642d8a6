"""Screenshots of the GUI on a demo ledger, for looking at what users see.

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QInputDialog

from tracker.backup import backup_sqlite
from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.services.desk import Desk
from ui.dialogs.backup_dialog import BackupDialog
from ui.dialogs.new_item_dialog import NewItemDialog
from ui.i18n import install_translators
from ui.main_window import MainWindow


def _settle(app: QApplication) -> None:
    """Let background searches finish and their results paint."""
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(30_000)
        app.processEvents()


def excel_shots(app: QApplication, window: MainWindow, out: Path, tmp: Path) -> None:
    """The import wizard's pages on the messy county list, the export and pack dialogs,
    and a returned pack with a change."""
    from openpyxl import load_workbook

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' messy list
    from tests.tracker.excel.messy import build
    from tracker.services.excel_desk import ExcelDesk
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.pack_dialog import PackDialog
    from ui.dialogs.return_dialog import ReturnDialog

    messy = build(tmp / "青山县重点民生实事清单.xlsx")
    wb = load_workbook(messy)
    wb["重点民生实事"]["H7"] = "尽快完成"  # one problem to show
    wb.save(messy)
    wizard = window.excel.import_list(messy)
    for n, name in enumerate(("file", "layout", "mapping", "preview")):
        _settle(app)
        wizard.grab().save(str(out / f"import-{n + 1}-{name}.png"))
        if name == "preview":
            page = wizard.currentPage()
            page.jump_to_problem(page.problems.item(0, 3))
            app.processEvents()
            wizard.grab().save(str(out / "import-4-preview-problem.png"))
            page.tabs.setCurrentIndex(0)
            page.create_units.setChecked(True)
        wizard.next()
    for _ in range(50):
        _settle(app)
        if wizard.currentPage().applied is not None:
            break
    wizard.grab().save(str(out / "import-5-done.png"))
    wizard.accept()
    excel = ExcelDesk(window.desk)
    export = ExportDialog(window, excel, window.ledger.current_filter(), 120)
    export.show()
    app.processEvents()
    export.grab().save(str(out / "export-dialog.png"))
    export.close()
    packs = PackDialog(window, excel)
    packs.show()
    app.processEvents()
    packs.grab().save(str(out / "pack-dialog.png"))
    packs.close()
    unit = next(u.name for u in excel.pack_units() if u.open_items)
    (pack,) = excel.export_unit_packs(tmp / "packs", [unit]).written
    wb = load_workbook(pack)
    ws = wb["填报表"]
    ws["J4"], ws["K4"] = "已完成主体施工，正在验收", 0.9  # “90%” typed: read as 90
    ws["K5"] = 85.5  # refused: not whole
    ws["J6"], ws["K6"] = "复核后下调", 1  # lower than the ledger's: a warning to take
    ws["D7"], ws["N7"] = "2027年底", "需财政局拨付资金"  # a locked cell edited, a need
    wb.save(pack)
    back = ReturnDialog(window, excel, excel.plan_return(pack))
    back.show()
    app.processEvents()
    back.grab().save(str(out / "return-dialog.png"))
    back.close()


def shared_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """Edit dialog (and its stale-save question), login and connection dialogs."""
    from tracker.services import accounts
    from ui.dialogs import edit_item_dialog
    from ui.dialogs.connection_dialog import ConnectionDialog
    from ui.dialogs.edit_item_dialog import EditItemDialog
    from ui.dialogs.login_dialog import LoginDialog

    desk = window.desk
    item_id = window.ledger.model.item_id(7)
    edit = EditItemDialog(window, desk, desk.detail(item_id))
    edit.show()
    edit.edits["remarks"].setPlainText("已与施工单位确认工期")
    app.processEvents()
    edit.grab().save(str(out / "edit-item-dialog.png"))
    other = desk.detail(item_id)
    desk.edit_item(item_id, other.version, {"title": other.title + "（调整后）"})

    def grab_conflict(parent, message, details):
        box, _buttons = edit_item_dialog.conflict_box(parent, message, details)
        box.show()
        app.processEvents()
        box.grab().save(str(out / "edit-item-conflict.png"))
        box.close()
        return edit_item_dialog.BACK

    edit_item_dialog.ask_conflict = grab_conflict
    edit.save()
    edit.close()
    with desk.db.sessions.begin() as s:
        accounts.set_password(s, desk.actor, "admin", "correct-horse")
    login = LoginDialog(window, desk.db, "admin")
    login.password.setText("wrong")
    login.try_login()
    login.show()
    app.processEvents()
    login.grab().save(str(out / "login-dialog.png"))
    login.close()
    conn = ConnectionDialog(window, "postgresql+psycopg://duchashi@10.0.0.8:5432/shishi")
    conn._say(
        "已连上 PostgreSQL 15.18（10.0.0.8），但台账结构版本较旧（0003）。请管理员运行“shishi-cli db upgrade”后再连接。",
        ok=False,
    )
    conn.show()
    app.processEvents()
    conn.grab().save(str(out / "connection-dialog.png"))
    conn.close()


def supervision_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """The dialogs of the 办理 menu's supervision actions."""
    from tracker.query import PendingExtension
    from ui.dialogs import supervision_dialogs as sd
    from ui.dialogs.visit_dialog import VisitDialog

    title = "2026-MS-000008 白杨乡农村危房改造"
    request = PendingExtension(
        dt.date(2026, 6, 30),
        dt.date(2026, 8, 31),
        "雨季无法施工，需顺延两个月。",
        dt.datetime(2026, 6, 20, 9, 30),
    )
    dialogs = {
        "visit-dialog": VisitDialog(window, title),
        "extension-dialog": sd.ExtensionDialog(window, title, dt.date(2026, 12, 31)),
        "extension-decision-dialog": sd.DecideExtensionDialog(window, title, request),
        "escalate-dialog": sd.EscalateDialog(window, title, "常规"),
    }
    for name, dialog in dialogs.items():
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(out / f"{name}.png"))
        dialog.close()


def admin_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """The item panel's tabs, the administration pages and their forms, batch menu."""
    from ui.dialogs import admin_dialogs

    window.pages.setCurrentWidget(window.ledger)
    _settle(app)
    with_history = next(
        i
        for i in window.desk.item_ids(window.ledger.current_filter())
        if len(window.desk.detail(i).history) > 3
    )
    detail = window.desk.detail(with_history)  # the demo writes no audit: make some
    window.desk.urge(with_history, "请本周内报送整改进展")
    window.desk.edit_item(with_history, detail.version + 1, {"remarks": "县委督查室重点跟踪"})
    photo = Path(tempfile.mkdtemp()) / "整改后现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 demo photo")
    window.desk.add_attachments(with_history, [photo])
    window.show_item(with_history)
    for index, name in ((1, "panel-progress"), (5, "panel-files"), (6, "panel-audit")):
        window.panel.tabs.setCurrentIndex(index)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    window.panel.tabs.setCurrentIndex(0)
    for page, name in (
        (window.people, "people-page"),
        (window.lists, "lists-page"),
        (window.settings_page, "settings-page"),
    ):
        window.pages.setCurrentWidget(page)
        _settle(app)
        if page is window.people:
            page.units.setCurrentItem(page.units.topLevelItem(0).child(0))
        window.grab().save(str(out / f"{name}.png"))
    admin = window.people.admin
    names = [u.name for u in window.desk.unit_outline()]
    forms = {
        "account-form": admin_dialogs.account_form(window, admin, names),
        "unit-form": admin_dialogs.unit_form(window, admin, window.desk.unit_outline(), names[0]),
        "list-form": admin_dialogs.list_form(window, admin),
    }
    for name, form in forms.items():
        form.show()
        app.processEvents()
        form.grab().save(str(out / f"{name}.png"))
        form.close()
    window.pages.setCurrentWidget(window.ledger)


def _shot(app: QApplication, widget, path: Path) -> None:
    widget.show()
    app.processEvents()
    widget.grab().save(str(path))
    widget.close()


def day_shots(app: QApplication, window: MainWindow, out: Path, tmp: Path) -> None:
    """The clerk's-day dialogs at 1366×768: an empty ledger's first start, 交办 and its
    correction, a refused registration, the 报表 dialogs, upkeep forms, 关于, the item menu."""
    from sqlalchemy import select

    from tracker.models import Item
    from tracker.services.ledger_files import local_desk
    from tracker.services.report_desk import ReportDesk
    from ui.dialogs import upkeep_forms
    from ui.dialogs.about_dialog import AboutDialog
    from ui.dialogs.assign_dialog import AssignDialog
    from ui.dialogs.published_dialog import PublishDialog, PublishedDialog
    from ui.dialogs.report_dialog import ReportDialog

    empty_db = open_database(str(tmp / "新台账.db"))
    empty = MainWindow(local_desk(empty_db))
    empty.resize(1366, 768)
    empty.show()
    _settle(app)
    empty.grab().save(str(out / "first-start.png"))
    empty.close()
    empty_db.close()
    window.resize(1366, 768)
    desk = window.desk
    with desk.db.sessions.begin() as s:
        waiting = s.scalar(select(Item.id).where(Item.status == "registered"))
        working = s.scalar(select(Item.id).where(Item.status == "in_progress"))
    for item_id, name, opinion in (
        (waiting, "assign-dialog", True),
        (working, "correct-dialog", False),
    ):
        form = window.assigning._form(item_id)
        assert form is not None
        _shot(app, AssignDialog(window, form, lambda r, o: None, opinion), out / f"{name}.png")
    new = NewItemDialog(
        window,
        desk,
        lambda v: desk.add_item(v.list_name, v.code, "", lead_unit="火星局", deadline=None),
    )
    new.show()
    new.submit()
    _shot(app, new, out / "new-item-refused.png")
    reports = ReportDesk(desk)
    report = ReportDialog(window, "bulletin", desk.list_names(), reports.bulletin)
    report.folder.setText(str(tmp / "报表"))
    report.show()
    report.run()
    _shot(app, report, out / "report-dialog.png")
    _shot(
        app, PublishDialog(window, desk.list_names(), reports.publish), out / "publish-dialog.png"
    )
    reports.publish(report.period_text(), None, None)
    _shot(
        app,
        PublishedDialog(window, reports.published(), reports.snapshot),
        out / "published-dialog.png",
    )
    _shot(app, AboutDialog(window, desk.db), out / "about-dialog.png")
    unit = desk.unit_names()[1]
    forms = {
        "unit-rename": upkeep_forms.rename_form(
            window, "单位改名 — " + unit, "新名称", unit, print
        ),
        "unit-merge": upkeep_forms.merge_form(window, "单位", unit, desk.unit_names(), print),
        "delete-draft": upkeep_forms.delete_draft_form(
            window, "2026-MS-000002 新庄镇丰收村危桥改造", print
        ),
    }
    for name, form in forms.items():
        _shot(app, form, out / f"{name}.png")
    window.ledger.table.setCurrentIndex(window.ledger.model.index(3, 0))
    _settle(app)
    menu = window.item_menu(window.ledger.model.item_id(3))
    menu.popup(window.mapToGlobal(window.rect().center()))
    app.processEvents()
    menu.grab().save(str(out / "item-menu.png"))
    menu.close()
    columns = window.ledger.column_menu()
    columns.popup(window.mapToGlobal(window.rect().center()))
    app.processEvents()
    columns.grab().save(str(out / "column-menu.png"))
    columns.close()
    for page, name in ((window.people, "people-page-1366"), (window.lists, "lists-page-1366")):
        window.pages.setCurrentWidget(page)
        _settle(app)
        window.grab().save(str(out / f"{name}.png"))
    window.pages.setCurrentWidget(window.ledger)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    settings_dir = tempfile.mkdtemp()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    translators = install_translators(app)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "demo.db"))
        with db.sessions.begin() as s:
            generate_demo(s, 2000, seed=1, today=dt.date.today(), store=db.attachments_dir)
        window = MainWindow(Desk(db))
        window.resize(1400, 720)
        window.show()
        _settle(app)
        window.ledger.table.setCurrentIndex(window.ledger.model.index(7, 0))
        _settle(app)
        window.grab().save(str(out / "main-window.png"))
        window.ledger.search.setText("食堂")
        window.ledger.overdue.setChecked(True)
        _settle(app)
        window.grab().save(str(out / "search-overdue.png"))
        window.pages.setCurrentWidget(window.warnings)
        _settle(app)
        window.warnings.views["red"].selectRow(0)
        _settle(app)
        window.grab().save(str(out / "warnings-page.png"))
        window.pages.setCurrentWidget(window.ledger)
        dialog = QInputDialog(window)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setWindowTitle("暂缓")
        dialog.setLabelText("请填写“暂缓”的理由：")
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(out / "reason-dialog.png"))
        new = NewItemDialog(window, window._desk)
        new.show()
        app.processEvents()
        new.grab().save(str(out / "new-item-dialog.png"))
        backup_sqlite(db.path, db.path.parent / "backups" / "demo-manual.db", unique=True)
        backups = BackupDialog(window, db.path, window.restore_backup)
        backups.show()
        backups.table.selectRow(0)
        app.processEvents()
        backups.grab().save(str(out / "backup-dialog.png"))
        backups.close()
        window.resize(1400, 1000)
        window.pages.setCurrentWidget(window._dashboard_slot)
        _settle(app)
        window.grab().save(str(out / "dashboard.png"))
        window.dashboard.open_figure("overdue_open")
        _settle(app)
        window.grab().save(str(out / "dashboard-to-ledger.png"))
        window.resize(1400, 720)
        excel_shots(app, window, out, Path(tmp))
        window.pages.setCurrentIndex(0)
        _settle(app)
        shared_shots(app, window, out)
        supervision_shots(app, window, out)
        admin_shots(app, window, out)
        day_shots(app, window, out, Path(tmp))
        db.close()
    del translators
    print(f"screenshots written to {out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
