"""单位与人员: the unit tree with each unit's 责任人, and the login accounts with what an
administrator does to them (new, password, stop/start, unlock, role)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import UnitKind
from tracker.errors import TrackerError
from tracker.services.accounts import Account
from tracker.services.admin_desk import AdminDesk
from ui.dialogs import admin_dialogs as forms
from ui.dialogs import upkeep_forms as upkeep
from ui.table_parts import fill_table, read_only_table


def account_state(a: Account) -> str:
    if not a.active:
        return "已停用"
    if a.locked_until is not None:
        return f"锁定至 {a.locked_until:%m-%d %H:%M}"
    return "正常" if a.has_password else "未设密码"


class PeoplePage(QWidget):
    """Signals: units_changed() — the ledger's unit picker needs refilling; failed(error)."""

    units_changed = Signal()
    failed = Signal(object)

    def __init__(self, admin: AdminDesk) -> None:
        super().__init__()
        self.admin = admin
        self.units = QTreeWidget()
        self.units.setHeaderLabels([self.tr("单位"), self.tr("类型")])
        self.people = read_only_table([self.tr("责任人"), self.tr("联系电话"), self.tr("状态")])
        self._people: list[tuple[str, str | None, bool]] = []
        self.accounts = read_only_table(
            [
                self.tr("登录名"),
                self.tr("姓名"),
                self.tr("角色"),
                self.tr("所属单位"),
                self.tr("状态"),
            ]
        )
        self._accounts: list[Account] = []
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self.units.currentItemChanged.connect(lambda *_: self._show_people())

    def _button(self, key: str, label: str, slot) -> QPushButton:
        button = QPushButton(label)
        button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    def _row(self, *buttons: tuple[str, str, Callable[[], None]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for key, label, slot in buttons:
            row.addWidget(self._button(key, label, slot))
        row.addStretch(1)
        return row

    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.units)
        lv.addLayout(
            self._row(
                ("unit", self.tr("新增单位…"), self.new_unit),
                ("unit_rename", self.tr("改名…"), self.rename_unit),
                ("unit_merge", self.tr("合并到…"), self.merge_unit),
                ("unit_active", self.tr("停用/启用"), self.toggle_unit),
            )
        )
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.people)
        rv.addLayout(
            self._row(
                ("person", self.tr("登记责任人…"), self.new_person),
                ("person_edit", self.tr("修改…"), self.edit_person),
                ("person_merge", self.tr("合并到…"), self.merge_person),
                ("person_active", self.tr("停用/启用"), self.toggle_person),
            )
        )
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        box = QGroupBox(self.tr("登录账号"))
        bv = QVBoxLayout(box)
        bv.addWidget(self.accounts)
        row = QHBoxLayout()
        for key, label, slot in (
            ("account", self.tr("新建账号…"), self.new_account),
            ("password", self.tr("设置密码…"), self.set_password),
            ("active", self.tr("停用/启用"), self.toggle_active),
            ("unlock", self.tr("解除锁定"), self.unlock),
            ("role", self.tr("修改角色…"), self.set_role),
        ):
            row.addWidget(self._button(key, label, slot))
        row.addStretch(1)
        bv.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 3)
        layout.addWidget(box, 2)

    def use_admin(self, admin: AdminDesk) -> None:
        self.admin = admin

    def refresh(self) -> None:
        """Read the units and accounts again; the buttons follow the user's role."""
        try:
            outline = self.admin.desk.unit_outline()
            self._accounts = self.admin.accounts() if self.admin.is_admin else []
        except TrackerError as exc:
            self.failed.emit(exc)
            return
        self.units.clear()
        stack: list[QTreeWidgetItem] = []
        for line in outline:
            del stack[line.depth :]
            parent = stack[-1] if stack else self.units
            kind = UnitKind(line.kind).label + ("" if line.active else self.tr("（已停用）"))
            node = QTreeWidgetItem(parent, [line.name, kind])
            node.setData(0, Qt.ItemDataRole.UserRole, line.active)
            stack.append(node)
        self.units.expandToDepth(0)
        self.units.resizeColumnToContents(0)
        fill_table(
            self.accounts,
            [
                [a.login, a.name, a.role.label, a.unit or "", account_state(a)]
                for a in self._accounts
            ],
        )
        for key, button in self.buttons.items():
            people = key.startswith("person")
            button.setEnabled(self.admin.supervises if people else self.admin.is_admin)
        self._show_people()

    def current_unit(self) -> str | None:
        node = self.units.currentItem()
        return node.text(0) if node is not None else None

    def current_account(self) -> Account | None:
        row = self.accounts.currentRow()
        return self._accounts[row] if 0 <= row < len(self._accounts) else None

    def _show_people(self) -> None:
        unit = self.current_unit()
        self._people = self.admin.directory_people(unit) if unit else []
        fill_table(
            self.people,
            [
                [name, phone or "", self.tr("在岗") if active else self.tr("已停用")]
                for name, phone, active in self._people
            ],
        )

    def current_person(self) -> tuple[str, str | None, bool] | None:
        row = self.people.currentRow()
        return self._people[row] if 0 <= row < len(self._people) else None

    def rename_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        names: list[str] = []

        def rename(new: str) -> None:
            self.admin.rename_unit(unit, new)
            names.append(new.strip())

        form = upkeep.rename_form(
            self, self.tr("单位改名 — ") + unit, self.tr("新名称"), unit, rename
        )
        if form.run():
            self.refresh()
            self._select_unit(names[-1])
            self.units_changed.emit()

    def merge_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        form = upkeep.merge_form(
            self,
            self.tr("单位"),
            unit,
            self.admin.desk.unit_names(),
            lambda target: self.admin.merge_units(unit, target),
        )
        if form.run():
            self.refresh()
            self.units_changed.emit()

    def toggle_unit(self) -> None:
        node = self.units.currentItem()
        if node is None:
            return
        name, serving = node.text(0), bool(node.data(0, Qt.ItemDataRole.UserRole))
        self._act_on_unit(lambda: self.admin.set_unit_active(name, not serving), name)

    def _act_on_unit(self, call: Callable[[], None], keep: str) -> None:
        try:
            call()
        except TrackerError as exc:
            self.failed.emit(exc)
        self.refresh()
        self._select_unit(keep)
        self.units_changed.emit()

    def _select_unit(self, name: str) -> None:
        flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        found = self.units.findItems(name, flags)
        if found:
            self.units.setCurrentItem(found[0])

    def edit_person(self) -> None:
        unit, person = self.current_unit(), self.current_person()
        if unit is None or person is None:
            return
        name, phone, _active = person
        form = upkeep.person_form(
            self,
            unit,
            name,
            phone,
            lambda new, number: self.admin.rename_person(unit, name, new, number),
        )
        if form.run():
            self._show_people()

    def merge_person(self) -> None:
        unit, person = self.current_unit(), self.current_person()
        if unit is None or person is None:
            return
        others = [name for name, _phone, _active in self._people]
        form = upkeep.merge_form(
            self,
            self.tr("责任人"),
            person[0],
            others,
            lambda target: self.admin.merge_people(unit, person[0], target),
        )
        if form.run():
            self._show_people()

    def toggle_person(self) -> None:
        unit, person = self.current_unit(), self.current_person()
        if unit is None or person is None:
            return
        row = self.people.currentRow()
        try:
            self.admin.set_person_active(unit, person[0], not person[2])
        except TrackerError as exc:
            self.failed.emit(exc)
        self._show_people()
        self.people.setCurrentCell(row, 0)

    def new_unit(self) -> None:
        if forms.unit_form(
            self, self.admin, self.admin.desk.unit_outline(), self.current_unit()
        ).run():
            self.refresh()
            self.units_changed.emit()

    def new_person(self) -> None:
        unit = self.current_unit()
        if unit and forms.person_form(self, self.admin, unit).run():
            self._show_people()

    def new_account(self) -> None:
        if forms.account_form(self, self.admin, self.admin.desk.unit_names()).run():
            self.refresh()

    def set_password(self) -> None:
        account = self.current_account()
        if account and forms.password_form(self, self.admin, account).run():
            self.refresh()

    def set_role(self) -> None:
        account = self.current_account()
        if (
            account
            and forms.role_form(self, self.admin, account, self.admin.desk.unit_names()).run()
        ):
            self.refresh()

    def toggle_active(self) -> None:
        account = self.current_account()
        if account is not None:
            self._act(lambda: self.admin.set_active(account.login, not account.active))

    def unlock(self) -> None:
        account = self.current_account()
        if account is not None:
            self._act(lambda: self.admin.unlock(account.login))

    def _act(self, call) -> None:
        row = self.accounts.currentRow()
        try:
            call()
        except TrackerError as exc:
            self.failed.emit(exc)
        self.refresh()
        self.accounts.setCurrentCell(row, 0)
