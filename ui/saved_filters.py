"""常用筛选: named filter-bar settings a clerk comes back to every day (“我单位逾期”…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QToolButton

from ui.i18n import filled
from ui.pages.filter_bar import FilterBar
from ui.settings import UiSettings


class SavedFilters:
    """Saved filters of this desktop (they name this office's units and lists)."""

    def __init__(self, settings: UiSettings) -> None:
        self._settings = settings

    def names(self) -> list[str]:
        return list(self._settings.saved_filters())

    def get(self, name: str) -> dict[str, Any] | None:
        return self._settings.saved_filters().get(name)

    def put(self, name: str, state: dict[str, Any]) -> None:
        saved = self._settings.saved_filters()
        saved[name] = state
        self._settings.set_saved_filters(saved)

    def remove(self, name: str) -> None:
        saved = self._settings.saved_filters()
        saved.pop(name, None)
        self._settings.set_saved_filters(saved)


class SavedFilterButton(QToolButton):
    """常用筛选 ▾: apply a saved filter, save the bar as one, or delete one."""

    def __init__(self, bar: FilterBar, saved: SavedFilters) -> None:
        super().__init__()
        self._bar, self.saved = bar, saved
        self.setText(self.tr("常用筛选"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        metrics = self.fontMetrics()  # room for the menu arrow beside the text
        self.setMinimumWidth(metrics.horizontalAdvance(self.text()) + 3 * metrics.height())
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        menu.addAction(self.tr("保存当前筛选…"), self.save_current)
        names = self.saved.names()
        if names:
            menu.addSeparator()
            for name in names:
                menu.addAction(name, lambda n=name: self.apply(n))
            remove = menu.addMenu(self.tr("删除"))
            for name in names:
                remove.addAction(name, lambda n=name: self.saved.remove(n))

    def save_current(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("保存筛选"), self.tr("给当前筛选起个名字（如“我单位逾期事项”）：")
        )
        if ok and name.strip():
            self.saved.put(name.strip(), self._bar.state())

    def apply(self, name: str) -> None:
        """Show the saved values and search once; say which ones this ledger lacks."""
        state = self.saved.get(name)
        if state is None:
            return
        missing = self._bar.set_state(state)
        self._bar.changed.emit()
        if missing:
            QMessageBox.information(
                self,
                self.tr("常用筛选"),
                filled(self.tr("本台账中没有：{0}。这些条件已改为“全部”。"), "、".join(missing)),
            )
