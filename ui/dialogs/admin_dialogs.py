"""Small forms of the administration pages: 新增单位, 登记责任人, 新建账号, 设置密码, 修改角色,
新建清单. Each calls its service on OK and stays open with the service's Chinese message
when it refuses (a name in use, a short password), so nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QWidget

from tracker.enums import ListKind, Role, UnitKind
from tracker.errors import TrackerError, ValidationError
from tracker.query import UnitLine
from tracker.services.accounts import Account
from tracker.services.admin_desk import AdminDesk
from ui.choices import fill_choices
from ui.dialogs.form_parts import error_label, ok_cancel

NO_UNIT = "（无）"


class ServiceForm(QDialog):
    """Rows of inputs; OK runs ``submit`` and closes only when the service accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        rows: list[tuple[str, QWidget]],
        submit: Callable[[], object],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.inputs = [widget for _label, widget in rows]
        form = QFormLayout(self)
        for label, widget in rows:
            form.addRow(label, widget)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.submit))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 28)

    def submit(self) -> None:
        try:
            self._submit()
        except TrackerError as exc:
            self.message.setText(str(exc))
        else:
            self.accept()

    def run(self) -> bool:
        return self.exec() == QDialog.DialogCode.Accepted


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    return box


def _units(names: list[str]) -> QComboBox:
    box = QComboBox()
    fill_choices(box, NO_UNIT, names)
    box.setEditable(True)  # type to find a unit among hundreds
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return box


def _unit_of(box: QComboBox) -> str | None:
    text = box.currentText().strip()
    return None if not text or text == NO_UNIT else text


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _same(first: QLineEdit, second: QLineEdit) -> str:
    if first.text() != second.text():
        raise ValidationError("password", "两次输入的密码不一致。")
    return first.text()


#: The level a new unit most likely has under a unit of each kind (县 → 部门, 乡镇 → 村).
CHILD_KIND = {
    UnitKind.COUNTY: UnitKind.DEPARTMENT,
    UnitKind.TOWNSHIP: UnitKind.VILLAGE,
}


def unit_form(parent: QWidget, admin: AdminDesk, outline: list[UnitLine], parent_unit: str | None):
    """新增单位 under the unit chosen in the tree, else under the county; the level follows
    the parent's (a township's units are villages, the county's are departments)."""
    kinds = {line.name: UnitKind(line.kind) for line in outline}
    if parent_unit is None:
        parent_unit = next((n for n, k in kinds.items() if k == UnitKind.COUNTY), None)
    name = QLineEdit()
    kind = _combo([(k.label, k) for k in UnitKind])
    above_kind = kinds.get(parent_unit) if parent_unit else None
    chosen = CHILD_KIND.get(above_kind, UnitKind.OTHER) if above_kind else UnitKind.DEPARTMENT
    kind.setCurrentIndex(kind.findData(chosen))
    above = _units(list(kinds))
    above.setCurrentIndex(max(0, above.findData(parent_unit)))
    return ServiceForm(
        parent,
        parent.tr("新增单位"),
        [(parent.tr("单位名称"), name), (parent.tr("类型"), kind), (parent.tr("上级单位"), above)],
        lambda: admin.add_unit(name.text(), kind.currentData(), _unit_of(above)),
    )


def person_form(parent: QWidget, admin: AdminDesk, unit: str):
    name, phone = QLineEdit(), QLineEdit()
    return ServiceForm(
        parent,
        parent.tr("登记责任人 — ") + unit,
        [(parent.tr("姓名"), name), (parent.tr("联系电话"), phone)],
        lambda: admin.add_person(name.text(), phone.text(), unit),
    )


def account_form(parent: QWidget, admin: AdminDesk, names: list[str]):
    login, name = QLineEdit(), QLineEdit()
    role = _combo([(r.label, r) for r in Role])
    role.setCurrentIndex(role.findData(Role.CLERK))
    unit = _units(names)
    first, second = _password(), _password()
    return ServiceForm(
        parent,
        parent.tr("新建账号"),
        [
            (parent.tr("登录名"), login),
            (parent.tr("姓名"), name),
            (parent.tr("角色"), role),
            (parent.tr("所属单位"), unit),
            (parent.tr("初始密码"), first),
            (parent.tr("再输一次"), second),
        ],
        lambda: admin.add_user(
            login.text(), name.text(), role.currentData(), _unit_of(unit), _same(first, second)
        ),
    )


def password_form(parent: QWidget, admin: AdminDesk, account: Account):
    first, second = _password(), _password()
    return ServiceForm(
        parent,
        parent.tr("设置密码 — ") + f"{account.name}（{account.login}）",
        [(parent.tr("新密码"), first), (parent.tr("再输一次"), second)],
        lambda: admin.set_password(account.login, _same(first, second)),
    )


def role_form(parent: QWidget, admin: AdminDesk, account: Account, names: list[str]):
    role = _combo([(r.label, r) for r in Role])
    role.setCurrentIndex(role.findData(account.role))
    unit = _units(names)
    unit.setCurrentIndex(max(0, unit.findData(account.unit)))
    return ServiceForm(
        parent,
        parent.tr("修改角色 — ") + f"{account.name}（{account.login}）",
        [(parent.tr("角色"), role), (parent.tr("所属单位"), unit)],
        lambda: admin.set_role(account.login, role.currentData(), _unit_of(unit)),
    )


def list_form(parent: QWidget, admin: AdminDesk):
    name = QLineEdit()
    kind = _combo([(k.label, k) for k in ListKind])
    year = QSpinBox(minimum=2000, maximum=2100, value=dt.date.today().year)
    period = _combo([(parent.tr("按季度"), "quarterly"), (parent.tr("按月"), "monthly")])
    return ServiceForm(
        parent,
        parent.tr("新建清单"),
        [
            (parent.tr("清单名称"), name),
            (parent.tr("类型"), kind),
            (parent.tr("年度"), year),
            (parent.tr("长期事项考核周期"), period),
        ],
        lambda: admin.add_list(name.text(), kind.currentData(), year.value(), period.currentData()),
    )
