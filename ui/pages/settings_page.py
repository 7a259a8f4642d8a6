"""设置: the shared rules every desktop of the ledger uses (warning lights, satisfaction,
assessment weights, login), saved together by an administrator and audited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import ListKind
from tracker.errors import TrackerError
from tracker.services.admin_desk import AdminDesk
from tracker.settings import CHOICES
from ui.dialogs import admin_dialogs as forms
from ui.dialogs.form_parts import error_label
from ui.i18n import QT_TRANSLATE_NOOP, filled

WEIGHTS = (
    ("on_time", QT_TRANSLATE_NOOP("SettingsPage", "按时办结")),
    ("satisfaction", QT_TRANSLATE_NOOP("SettingsPage", "群众满意")),
    ("progress", QT_TRANSLATE_NOOP("SettingsPage", "进展报送")),
)


GATE_CHECKS = (
    ("closure_needs_summary", QT_TRANSLATE_NOOP("SettingsPage", "申请销号须填写完成情况")),
    (
        "closure_needs_evidence",
        QT_TRANSLATE_NOOP("SettingsPage", "申请销号须已上传佐证材料（长期坚持事项判定阶段完成同）"),
    ),
    (
        "review_needs_opinion",
        QT_TRANSLATE_NOOP("SettingsPage", "审核（同意、补充、整改、不同意）须填写审核意见"),
    ),
    (
        "dissatisfied_blocks_close",
        QT_TRANSLATE_NOOP("SettingsPage", "回访不满意时不能销号（须回头看整改）"),
    ),
    ("drop_needs_reason", QT_TRANSLATE_NOOP("SettingsPage", "调低完成百分比须写明原因")),
)


def ask_save(parent: QWidget, text: str) -> QMessageBox.StandardButton:
    """保存 / 不保存 / 取消, in that order and those words (Qt's own says 丢弃)."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("设置"), text, parent=parent)
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.button(buttons.Discard).setText(parent.tr("不保存"))
    return QMessageBox.StandardButton(box.exec())


def _choice(options: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for value, label in options.items():
        combo.addItem(label, value)
    return combo


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    return QSpinBox(minimum=low, maximum=high, suffix=suffix)


def _ratio(step: float) -> QDoubleSpinBox:
    return QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=step, decimals=2)


class SettingsPage(QWidget):
    """Signals: saved() — lights and figures may have changed; failed(error)."""

    saved = Signal()
    failed = Signal(object)

    def __init__(self, admin: AdminDesk) -> None:
        super().__init__()
        self.admin = admin
        self.warning_days = _spin(0, 365, self.tr(" 天"))
        self.behind_ratio = _spin(1, 100, "%")  # a percent, like the weights
        self._loaded: dict[str, Any] = {}
        self.working_days = QCheckBox(self.tr("剩余天数按工作日计算（节假日表）"))
        self.basic_weight = _ratio(0.1)
        self.interval = _spin(1, 365, self.tr(" 天"))
        self.weights = {key: _spin(0, 100, "%") for key, _label in WEIGHTS}
        self.fair_clock = QCheckBox(self.tr("公平计时：时限前申请销号的事项等待审核期间不算逾期"))
        self.fair_clock.setToolTip(
            self.tr(
                "开启后，时限前申请销号并获同意的按申请日判断是否按期；已过时限仍等待审核"
                "或尚未交办的事项列为督查室待办，不计入承办单位逾期。"
            )
        )
        self.login_required = QCheckBox(self.tr("本机台账启动时也要求登录"))
        self.save = QPushButton(self.tr("保存设置"))
        self.save.clicked.connect(self.save_settings)
        self.own_password = QPushButton(self.tr("设置我的密码…"))
        self.own_password.clicked.connect(self.set_own_password)
        self.own_password.hide()  # offered when 要求登录 is refused for want of a password
        self.note = QLabel()
        self.message = error_label()
        weights = QHBoxLayout()
        for key, label in WEIGHTS:
            weights.addWidget(QLabel(self.tr(label)))
            weights.addWidget(self.weights[key])
        weights.addStretch(1)
        self._gate_widgets()
        inner = QWidget()
        form = QFormLayout(inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        form.addRow(self.tr("黄灯：距完成时限不足"), self.warning_days)
        form.addRow(self.tr("橙灯：实际进度低于时间进度的"), self.behind_ratio)
        form.addRow("", self.working_days)
        form.addRow(self.tr("“基本满意”计入满意率的权重"), self.basic_weight)
        form.addRow(self.tr("进展报送间隔（超过即未按时报送）"), self.interval)
        form.addRow(self.tr("考核权重（合计 100%）"), weights)
        form.addRow(self.tr("逾期口径"), self.fair_clock)
        form.addRow(self.tr("登录"), self.login_required)
        form.addRow(self._gate_box())
        form.addRow(self.note)
        form.addRow(self.message)
        form.addRow(self.own_password)
        form.addRow(self.save)

    def _gate_widgets(self) -> None:
        """The 销号 gate's rules (``tracker.services.closure_rules``)."""
        self.gate_checks = {key: QCheckBox(self.tr(label)) for key, label in GATE_CHECKS}
        self.closure_percent = _choice(CHOICES["closure_percent"])
        self.separate_duties = _choice(CHOICES["separate_duties"])
        self.visit_kinds = {k.value: QCheckBox(k.label) for k in ListKind}
        self.doubt_margin = _spin(1, 100, self.tr(" 个百分点"))
        self.full_idle_days = _spin(1, 100, self.tr(" 天"))

    def _gate_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("销号把关"))
        form = QFormLayout(box)
        for key, _label in GATE_CHECKS:
            form.addRow("", self.gate_checks[key])
        form.addRow(self.tr("申请销号时完成百分比"), self.closure_percent)
        kinds = QHBoxLayout()
        for check in self.visit_kinds.values():
            kinds.addWidget(check)
        kinds.addStretch(1)
        form.addRow(self.tr("销号前须回访的清单类型"), kinds)
        form.addRow(self.tr("待核实：进度超过时间进度"), self.doubt_margin)
        form.addRow(self.tr("待核实：100% 而未申请销号达"), self.full_idle_days)
        form.addRow(self.tr("岗位分离（申请人不能审核、销号）"), self.separate_duties)
        return box

    def set_own_password(self) -> None:
        """The password 要求登录 waits for, set here; then the settings are saved again."""
        login = self.admin.desk.actor.login
        account = next(a for a in self.admin.accounts() if a.login == login)
        if forms.password_form(self, self.admin, account).run():
            self.save_settings()

    def use_admin(self, admin: AdminDesk) -> None:
        self.admin = admin

    def refresh(self) -> None:
        try:
            values = self.admin.settings()
        except TrackerError as exc:
            self.failed.emit(exc)
            return
        self.warning_days.setValue(values["warning_days"])
        self.behind_ratio.setValue(round(values["behind_ratio"] * 100))
        self.working_days.setChecked(values["working_days"])
        self.basic_weight.setValue(values["basic_satisfied_weight"])
        self.interval.setValue(values["progress_interval_days"])
        for key, box in self.weights.items():
            box.setValue(int(values["score_weights"].get(key, 0)))
        self.login_required.setChecked(values["login_required"])
        self.fair_clock.setChecked(values["fair_clock"])
        for key, check in self.gate_checks.items():
            check.setChecked(bool(values[key]))
        for combo, key in (
            (self.closure_percent, "closure_percent"),
            (self.separate_duties, "separate_duties"),
        ):
            combo.setCurrentIndex(max(0, combo.findData(values[key])))
        for list_kind, check in self.visit_kinds.items():
            check.setChecked(list_kind in values["visit_before_close"])
        self.doubt_margin.setValue(values["doubt_margin"])
        self.full_idle_days.setValue(values["full_idle_days"])
        editable = self.admin.is_admin
        for kind in (QSpinBox, QDoubleSpinBox, QCheckBox, QPushButton, QComboBox):
            widget: QWidget
            for widget in self.findChildren(kind):
                widget.setEnabled(editable)
        self.note.setText("" if editable else self.tr("只有管理员可以修改设置。"))
        self.message.clear()
        self._loaded = self.values() if editable else {}  # a viewer has nothing to save

    def values(self) -> dict[str, Any]:
        return {
            "warning_days": self.warning_days.value(),
            "behind_ratio": round(self.behind_ratio.value() / 100, 2),
            "working_days": self.working_days.isChecked(),
            "basic_satisfied_weight": round(self.basic_weight.value(), 2),
            "progress_interval_days": self.interval.value(),
            "score_weights": {key: box.value() for key, box in self.weights.items()},
            "login_required": self.login_required.isChecked(),
            "fair_clock": self.fair_clock.isChecked(),
            **{key: check.isChecked() for key, check in self.gate_checks.items()},
            "closure_percent": self.closure_percent.currentData(),
            "separate_duties": self.separate_duties.currentData(),
            "visit_before_close": [k for k, c in self.visit_kinds.items() if c.isChecked()],
            "doubt_margin": self.doubt_margin.value(),
            "full_idle_days": self.full_idle_days.value(),
        }

    def has_unsaved(self) -> bool:
        """Has the user changed a value since it was read or saved?"""
        return bool(self._loaded) and self.values() != self._loaded

    def leave(self) -> bool:
        """Leaving the tab: unsaved changes are saved, dropped or kept on screen, as the
        user answers; ``False`` keeps the user here (cancelled, or the save was refused)."""
        if not self.has_unsaved():
            return True
        buttons = QMessageBox.StandardButton
        answer = ask_save(self, self.tr("设置有未保存的修改。要保存吗？"))
        if answer == buttons.Discard:
            self.refresh()
            return True
        return answer == buttons.Save and self.save_settings()

    def save_settings(self) -> bool:
        """All or none: a refused value (weights not adding up) saves nothing."""
        try:
            changed = self.admin.put_settings(self.values())
        except TrackerError as exc:
            self.message.setText(str(exc))
            self.own_password.setVisible(getattr(exc, "field", None) == "login_required")
            return False
        self._loaded = self.values()
        self.message.clear()
        self.own_password.hide()
        self.note.setText(
            filled(self.tr("已保存 {0} 项设置。"), str(len(changed)))
            if changed
            else self.tr("设置没有变化。")
        )
        if changed:
            self.saved.emit()
        return True
