"""单位与人员, 清单 and 设置: the forms drive the real services; refusals stay in the form;
the pages follow the user's role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.tracker.org import new_item
from tracker import settings
from tracker.enums import Role
from tracker.models import Person, Unit, User
from tracker.services import accounts, ledger_files
from tracker.services.admin_desk import AdminDesk
from tracker.services.desk import Desk
from ui.dialogs import admin_dialogs
from ui.dialogs.admin_dialogs import ServiceForm
from ui.main_window import MainWindow


def _window(qtbot, db, login="admin") -> MainWindow:
    w = MainWindow(Desk(db, login))
    qtbot.addWidget(w)
    w.show()
    return w


def _fill_and_run(monkeypatch, fill):
    """Replace ``exec`` of the next forms: ``fill(form)`` types, then OK is pressed."""
    shown = []

    def fake_exec(form):
        fill(form)
        form.submit()
        shown.append(form.message.text())
        return form.result()

    monkeypatch.setattr(admin_dialogs.ServiceForm, "exec", fake_exec)
    return shown


def _inputs(form):
    return form.inputs


def test_units_people_and_accounts(qtbot, db, org, monkeypatch):
    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.people)
    page = window.people
    town = page.units.findItems("城关镇", Qt.MatchFlag.MatchExactly)[0]
    page.units.setCurrentItem(town)

    def new_village(form):
        name = _inputs(form)[0]
        name.setText("城关镇东村")

    _fill_and_run(monkeypatch, new_village)
    page.buttons["unit"].click()
    with db.sessions.begin() as s:
        village = s.scalar(select(Unit).where(Unit.name == "城关镇东村"))
        assert village.parent.name == "城关镇" and village.kind == "village"
    assert window.ledger.bar.units.findData("城关镇东村") > 0  # the ledger's picker knows it
    east = page.units.findItems("城关镇东村", Qt.MatchFlag.MatchRecursive)[0]
    page.units.setCurrentItem(east)

    def person(form):
        name, phone = _inputs(form)[:2]
        name.setText("李村长")
        phone.setText("13800000001")

    _fill_and_run(monkeypatch, person)
    page.buttons["person"].click()
    assert page.people.item(0, 0).text() == "李村长"
    with db.sessions.begin() as s:
        assert s.scalar(select(Person.phone).where(Person.name == "李村长")) == "13800000001"

    def account(form, second="secret-123"):
        login, name, role, _unit, first, again = _inputs(form)
        role.setCurrentIndex(role.findData(Role.SUPERVISOR))
        login.setText("dc")  # taken: the form stays open with the service's words
        name.setText("新督查")
        first.setText("secret-123")
        again.setText(second)

    shown = _fill_and_run(monkeypatch, account)
    page.buttons["account"].click()
    assert shown == ["登录名“dc”已被使用。"]
    shown = _fill_and_run(monkeypatch, lambda f: account(f, "secret-456"))
    page.buttons["account"].click()
    assert shown == ["两次输入的密码不一致。"]
    logins = [page.accounts.item(r, 0).text() for r in range(page.accounts.rowCount())]
    assert logins == ["admin", "dc", "jy", "mz", "ld"]
    # stop 教育局录入员, then start again
    page.accounts.setCurrentCell(logins.index("jy"), 0)
    page.buttons["active"].click()
    assert page.accounts.item(logins.index("jy"), 4).text() == "已停用"
    page.buttons["active"].click()
    assert page.accounts.item(logins.index("jy"), 4).text() == "未设密码"

    def password(form):
        first, again = _inputs(form)[:2]
        first.setText("jy-secret-9")
        again.setText("jy-secret-9")

    _fill_and_run(monkeypatch, password)
    page.buttons["password"].click()
    assert accounts.log_in(db.sessions, "jy", "jy-secret-9").login == "jy"
    assert page.accounts.item(logins.index("jy"), 4).text() == "正常"


def test_a_clerk_sees_the_units_but_administers_nothing(qtbot, db, org):
    window = _window(qtbot, db, "jy")
    window.pages.setCurrentWidget(window.people)
    assert window.people.units.topLevelItemCount() == 3
    assert window.people.accounts.rowCount() == 0  # the account list is for administrators
    assert not any(b.isEnabled() for b in window.people.buttons.values())
    window.pages.setCurrentWidget(window.settings_page)
    assert not window.settings_page.save.isEnabled()
    assert window.settings_page.note.text() == "只有管理员可以修改设置。"
    window.pages.setCurrentWidget(window.lists)
    assert not window.lists.new.isEnabled()


def test_lists_page_counts_and_opens_a_list(qtbot, db, org, monkeypatch):
    with db.sessions.begin() as s:
        new_item(s, org, "K1")
        new_item(s, org, "K2")
    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.lists)
    table = window.lists.table
    # Drafts are not yet official: counted apart from the list's items (as in every figure).
    rows = {table.item(r, 0).text(): table.item(r, 6).text() for r in range(table.rowCount())}
    key_list = next(name for name, n in rows.items() if n == "2")
    assert table.item(list(rows).index(key_list), 3).text() == "0"
    from PySide6.QtWidgets import QHeaderView

    # the list's name takes the spare width (the 草稿 column had it and cut the names)
    assert table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch

    def new_list(form):
        name, _kind, year, _period = _inputs(form)
        name.setText("2027年微心愿")
        year.setValue(2027)

    _fill_and_run(monkeypatch, new_list)
    window.lists.new.click()
    assert table.rowCount() == 4 and table.item(0, 0).text() == "2027年微心愿"
    assert window.ledger.bar.lists.findData("2027年微心愿") > 0
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == key_list)
    table.setCurrentCell(row, 0)
    with qtbot.waitSignal(window.ledger.refreshed):
        window.lists.show_items.click()
    assert window.pages.currentWidget() is window.ledger
    assert window.ledger.model.rowCount() == 2


def test_settings_save_together_and_refuse_bad_weights(qtbot, db, org, monkeypatch):
    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.settings_page)
    page = window.settings_page
    assert page.warning_days.value() == 15 and page.weights["on_time"].value() == 40
    page.warning_days.setValue(10)
    page.weights["on_time"].setValue(50)  # 50 + 40 + 20
    page.save.click()
    assert page.message.text() == "考核权重（按时办结、满意度、进展报送）合计必须为 100%。"
    with db.sessions.begin() as s:
        assert settings.get(s, "warning_days") == 15  # nothing saved
    page.weights["progress"].setValue(10)
    page.login_required.setChecked(True)
    page.save.click()  # admin has no password yet: asking for a login would lock everyone out
    assert "请先为您自己的账号“admin”设置密码" in page.message.text()
    with db.sessions.begin() as s:
        assert settings.get(s, "warning_days") == 15 and not settings.get(s, "login_required")
    assert page.own_password.isVisibleTo(page)  # offered then and there

    def type_password(form: ServiceForm) -> int:
        for box in form.inputs:
            box.setText("correct-horse")
        form.submit()
        return form.result()

    monkeypatch.setattr(ServiceForm, "exec", type_password)
    page.own_password.click()  # sets it and saves again
    assert page.note.text() == "已保存 3 项设置。" and page.message.text() == ""
    assert not page.own_password.isVisibleTo(page)
    ledger_files.log_in(db, "admin", "correct-horse")  # the next start can be passed
    with db.sessions.begin() as s:
        assert settings.get(s, "warning_days") == 10 and settings.get(s, "login_required")
        assert s.scalar(select(User.id).where(User.login == "admin")) is not None


def test_the_fair_clock_is_a_shared_audited_setting(qtbot, db, org):
    from tracker.models import AuditEntry

    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.settings_page)
    page = window.settings_page
    assert page.fair_clock.isChecked()  # on by default
    page.fair_clock.setChecked(False)
    page.save.click()
    assert page.note.text() == "已保存 1 项设置。"
    with db.sessions.begin() as s:
        assert settings.get(s, "fair_clock") is False
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "setting_changed")).all()[
            -1
        ]
    assert '"fair_clock"' in entry.after and "false" in entry.after


def test_the_closure_gate_rules_are_shown_and_saved_from_the_settings_page(qtbot, db, org):
    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.settings_page)
    page = window.settings_page
    assert page.gate_checks["closure_needs_evidence"].isChecked()
    assert page.closure_percent.currentText() == "须达到 100%"
    assert [k for k, c in page.visit_kinds.items() if c.isChecked()] == [
        "key_livelihood",
        "micro_wish",
    ]
    page.gate_checks["closure_needs_evidence"].setChecked(False)
    page.closure_percent.setCurrentIndex(page.closure_percent.findData("set"))
    page.visit_kinds["hotline"].setChecked(True)
    page.save.click()
    assert page.note.text() == "已保存 3 项设置。"
    with db.sessions.begin() as s:
        assert settings.get(s, "closure_needs_evidence") is False
        assert settings.get(s, "closure_percent") == "set"
        assert settings.get(s, "visit_before_close") == ["key_livelihood", "micro_wish", "hotline"]


def test_leaving_settings_with_unsaved_changes_asks_first(qtbot, db, org, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.settings_page)
    page = window.settings_page
    assert page.behind_ratio.value() == 70 and page.behind_ratio.suffix() == "%"  # 0.7 as a percent
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []

    def question(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.button(QMessageBox.StandardButton.Discard).text() == "不保存"  # not 丢弃
        return int(answers.pop(0).value)

    monkeypatch.setattr(QMessageBox, "exec", question)
    window.pages.setCurrentWidget(window.ledger)  # nothing changed: no question
    assert asked == []
    window.pages.setCurrentWidget(window.settings_page)
    page.behind_ratio.setValue(65)
    window.pages.setCurrentWidget(window.ledger)  # 取消: stay with what was typed
    assert window.pages.currentWidget() is page and page.behind_ratio.value() == 65
    window.pages.setCurrentWidget(window.lists)  # 不保存: the stored value comes back
    assert window.pages.currentWidget() is window.lists and page.behind_ratio.value() == 70
    assert asked == ["设置有未保存的修改。要保存吗？"] * 2
    window.pages.setCurrentWidget(page)
    page.behind_ratio.setValue(65)
    answers.append(QMessageBox.StandardButton.Save)
    window.pages.setCurrentWidget(window.ledger)
    with db.sessions.begin() as s:
        assert settings.get(s, "behind_ratio") == 0.65


def test_a_new_unit_starts_under_the_chosen_unit_at_the_next_level(qtbot, db, org):
    from tracker.enums import UnitKind

    with db.sessions.begin() as s:
        from tracker.services import registry

        registry.add_unit(s, org.admin, "青山县", UnitKind.COUNTY)
    window = _window(qtbot, db)
    admin, outline = AdminDesk(window.desk), window.desk.unit_outline()
    town = admin_dialogs.unit_form(window, admin, outline, "城关镇")
    county = admin_dialogs.unit_form(window, admin, outline, None)  # nothing chosen: the county
    kind, above = town.inputs[1], town.inputs[2]
    assert (kind.currentData(), above.currentText()) == (UnitKind.VILLAGE, "城关镇")
    kind, above = county.inputs[1], county.inputs[2]
    assert (kind.currentData(), above.currentText()) == (UnitKind.DEPARTMENT, "青山县")
