"""设置: the shared rules every desktop of the ledger uses (warning lights, satisfaction,
assessment weights, login), saved together by an administrator and audited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services.admin_desk import AdminDesk
from ui.dialogs.form_parts import error_label
from ui.i18n import QT_TRANSLATE_NOOP, filled

WEIGHTS = (
    ("on_time", QT_TRANSLATE_NOOP("SettingsPage", "按时办结")),
    ("satisfaction", QT_TRANSLATE_NOOP("SettingsPage", "群众满意")),
    ("progress", QT_TRANSLATE_NOOP("SettingsPage", "进展报送")),
)


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
        self.behind_ratio = _ratio(0.05)
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
        self.note = QLabel()
        self.message = error_label()
        weights = QHBoxLayout()
        for key, label in WEIGHTS:
            weights.addWidget(QLabel(self.tr(label)))
            weights.addWidget(self.weights[key])
        weights.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("黄灯：距完成时限不足"), self.warning_days)
        form.addRow(self.tr("橙灯：实际进度低于时间进度的"), self.behind_ratio)
        form.addRow("", self.working_days)
        form.addRow(self.tr("“基本满意”计入满意率的权重"), self.basic_weight)
        form.addRow(self.tr("进展报送间隔（超过即未按时报送）"), self.interval)
        form.addRow(self.tr("考核权重（合计 100%）"), weights)
        form.addRow(self.tr("逾期口径"), self.fair_clock)
        form.addRow(self.tr("登录"), self.login_required)
        form.addRow(self.note)
        form.addRow(self.message)
        form.addRow(self.save)

    def use_admin(self, admin: AdminDesk) -> None:
        self.admin = admin

    def refresh(self) -> None:
        try:
            values = self.admin.settings()
        except TrackerError as exc:
            self.failed.emit(exc)
            return
        self.warning_days.setValue(values["warning_days"])
        self.behind_ratio.setValue(values["behind_ratio"])
        self.working_days.setChecked(values["working_days"])
        self.basic_weight.setValue(values["basic_satisfied_weight"])
        self.interval.setValue(values["progress_interval_days"])
        for key, box in self.weights.items():
            box.setValue(int(values["score_weights"].get(key, 0)))
        self.login_required.setChecked(values["login_required"])
        self.fair_clock.setChecked(values["fair_clock"])
        editable = self.admin.is_admin
        for kind in (QSpinBox, QDoubleSpinBox, QCheckBox, QPushButton):
            widget: QWidget
            for widget in self.findChildren(kind):
                widget.setEnabled(editable)
        self.note.setText("" if editable else self.tr("只有管理员可以修改设置。"))
        self.message.clear()

    def values(self) -> dict[str, Any]:
        return {
            "warning_days": self.warning_days.value(),
            "behind_ratio": round(self.behind_ratio.value(), 2),
            "working_days": self.working_days.isChecked(),
            "basic_satisfied_weight": round(self.basic_weight.value(), 2),
            "progress_interval_days": self.interval.value(),
            "score_weights": {key: box.value() for key, box in self.weights.items()},
            "login_required": self.login_required.isChecked(),
            "fair_clock": self.fair_clock.isChecked(),
        }

    def save_settings(self) -> None:
        """All or none: a refused value (weights not adding up) saves nothing."""
        try:
            changed = self.admin.put_settings(self.values())
        except TrackerError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        self.note.setText(
            filled(self.tr("已保存 {0} 项设置。"), str(len(changed)))
            if changed
            else self.tr("设置没有变化。")
        )
        if changed:
            self.saved.emit()
