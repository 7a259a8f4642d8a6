"""The ledger's filter bar: search, status, light, list, unit (as a tree), field, level,
deadline range, overdue only — and the values as a plain dict for saved filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.enums import Escalation, Status
from tracker.query import ItemFilter, UnitLine
from tracker.services.desk import Desk
from ui.choices import fill_choices
from ui.qt_values import day_of

LIGHT_CHOICES = [
    ("全部预警", None),
    ("红灯 逾期", "red"),
    ("橙灯 滞后", "orange"),
    ("黄灯 临期", "yellow"),
    ("绿灯 正常", "green"),
]
#: Quiet time after the last key before a search as you type starts (Enter searches at once).
TYPING_PAUSE_MS = 400
#: The combo boxes a saved filter remembers, by key: their current data is what is saved.
BOXES = ("status", "light", "lists", "units", "categories", "escalation")


def fill_unit_tree(box: QComboBox, everything: str, outline: list[UnitLine]) -> None:
    """Units in their hierarchy (县 → 乡镇 → 村), indented; typing finds any part of a name."""
    blocker = QSignalBlocker(box)
    box.clear()
    box.addItem(everything, None)
    for line in outline:
        box.addItem("\u3000" * line.depth + line.name, line.name)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)
    blocker.unblock()


class FilterBar(QWidget):
    """Signals: changed() — a value the user set; the ledger searches again."""

    changed = Signal()

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.search = QLineEdit(
            placeholderText=self.tr("搜索编号、名称、内容、单位、责任人（Ctrl+F）")
        )
        self.search.setClearButtonEnabled(True)
        self.typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.clear = QPushButton(self.tr("清除筛选"))
        self.clear.setToolTip(self.tr("清空搜索词和全部筛选条件，显示整个台账"))
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for status in Status:
            self.status.addItem(status.label, str(status))
        self.light = QComboBox()
        for label, value in LIGHT_CHOICES:
            self.light.addItem(label, value)
        self.overdue = QCheckBox(self.tr("只看逾期"))
        self.lists, self.units, self.categories = QComboBox(), QComboBox(), QComboBox()
        self.units.setEditable(True)  # type to find a unit among hundreds of villages
        self.units.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.escalation = QComboBox()
        self.escalation.addItem(self.tr("全部督办级别"), None)
        for level in Escalation:
            self.escalation.addItem(level.label, level.value)
        self.deadline_on = QCheckBox(self.tr("完成时限"))
        today = QDate.currentDate()
        self.deadline_from = QDateEdit(QDate(today.year(), 1, 1))
        self.deadline_to = QDateEdit(QDate(today.year(), 12, 31))
        for edit in (self.deadline_from, self.deadline_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.extra = QHBoxLayout()  # the page adds its saved-filter button here
        self.fill(desk)
        self._build()
        self._connect()

    def fill(self, desk: Desk) -> None:
        """The ledger's own lists, units and fields (again after a restore or a switch)."""
        fill_choices(self.lists, self.tr("全部清单"), desk.list_names())
        fill_unit_tree(self.units, self.tr("全部单位"), desk.unit_outline())
        fill_choices(self.categories, self.tr("全部领域"), desk.categories())

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.light, 1)
        bar.addWidget(self.overdue)
        bar.addLayout(self.extra)
        bar.addWidget(self.clear)
        bar2 = QHBoxLayout()
        for box in (self.lists, self.units, self.categories, self.escalation):
            bar2.addWidget(box, 1)
        bar2.addWidget(self.deadline_on)
        bar2.addWidget(self.deadline_from)
        bar2.addWidget(QLabel(self.tr("至")))
        bar2.addWidget(self.deadline_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(bar2)

    def _connect(self) -> None:
        self.search.returnPressed.connect(self._search_now)
        self.search.textEdited.connect(lambda _text: self.typing.start())
        self.typing.timeout.connect(self.changed)
        self.clear.clicked.connect(self.clear_all)
        for box in (self.status, self.light, self.lists, self.categories, self.escalation):
            box.currentIndexChanged.connect(self.changed)
        self.units.activated.connect(self.changed)
        self.overdue.toggled.connect(self.changed)
        self.deadline_on.toggled.connect(self.deadline_from.setEnabled)
        self.deadline_on.toggled.connect(self.deadline_to.setEnabled)
        self.deadline_on.toggled.connect(self.changed)
        for edit in (self.deadline_from, self.deadline_to):
            edit.dateChanged.connect(self._deadline_changed)

    def _search_now(self) -> None:
        self.typing.stop()
        self.changed.emit()

    def clear_all(self) -> None:
        """清除筛选: every box back to 全部, no search words; one search, not one per box."""
        self.typing.stop()
        self.set_state({})
        self.changed.emit()

    def _deadline_changed(self) -> None:
        """A date moved: it filters only while 完成时限 is ticked."""
        if self.deadline_on.isChecked():
            self.changed.emit()

    def unit(self) -> str | None:
        text = self.units.currentText().strip()  # strips the tree's indentation too
        return text if text and text != self.units.itemText(0) else None

    def narrowing(self, pinned: ItemFilter) -> ItemFilter:
        """The bar's values on top of what a dashboard click pinned."""
        status = self.status.currentData()
        light = self.light.currentData()
        escalation = self.escalation.currentData()
        dated = self.deadline_on.isChecked()
        return ItemFilter(
            figure=pinned.figure,
            lead_unit=pinned.lead_unit,
            as_of=pinned.as_of,
            imported_at=pinned.imported_at,
            statuses=(Status(status),) if status else (),
            overdue_only=self.overdue.isChecked(),
            lights=(light,) if light else (),
            text=self.search.text().strip() or None,
            list_name=self.lists.currentData(),
            category=self.categories.currentData(),
            unit=self.unit(),
            with_subunits=True,
            escalations=(escalation,) if escalation else (),
            deadline_from=day_of(self.deadline_from) if dated else None,
            deadline_to=day_of(self.deadline_to) if dated else None,
        )

    def state(self) -> dict[str, Any]:
        """Everything the bar shows, as JSON-friendly values (a saved filter)."""
        state: dict[str, Any] = {key: getattr(self, key).currentData() for key in BOXES}
        state["units"] = self.unit()
        state["text"] = self.search.text().strip()
        state["overdue"] = self.overdue.isChecked()
        if self.deadline_on.isChecked():
            state["deadline"] = [
                self.deadline_from.date().toString(Qt.DateFormat.ISODate),
                self.deadline_to.date().toString(Qt.DateFormat.ISODate),
            ]
        return state

    def set_state(self, state: dict[str, Any]) -> list[str]:
        """Show a saved filter without searching once per box; returns the values this ledger
        no longer has (a list or unit since removed), which are left at 全部."""
        missing = []
        blockers = [QSignalBlocker(w) for w in self._inputs()]
        for key in BOXES:
            box: QComboBox = getattr(self, key)
            value = state.get(key)
            index = box.findData(value) if value is not None else 0
            if index < 0:
                missing.append(str(value))
            box.setCurrentIndex(max(0, index))
        self.search.setText(state.get("text") or "")
        self.overdue.setChecked(bool(state.get("overdue")))
        deadline = state.get("deadline")
        self.deadline_on.setChecked(bool(deadline))
        for edit, iso in zip((self.deadline_from, self.deadline_to), deadline or (), strict=False):
            edit.setDate(QDate.fromString(iso, Qt.DateFormat.ISODate))
        for edit in (self.deadline_from, self.deadline_to):
            edit.setEnabled(bool(deadline))
        del blockers
        return missing

    def reset(self, overdue: bool, light: str | None, list_name: str | None) -> None:
        """Clear the bar to what a dashboard click asks for (no search per box)."""
        self.set_state({"overdue": overdue, "light": light, "lists": list_name})

    def _inputs(self) -> list[QWidget]:
        dates = [self.deadline_on, self.deadline_from, self.deadline_to]
        return [*(getattr(self, key) for key in BOXES), self.search, self.overdue, *dates]
