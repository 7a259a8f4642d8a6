"""What the window's action objects may use of it, named in one place.

The menus' action objects (batch, supervision, ledger switching) are handed the window as a
``WindowHost`` and a widget to parent their dialogs on; they never import the window's class,
so the window imports them and nothing imports it back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tracker.services.common import ItemState
    from tracker.services.desk import Desk
    from ui.excel_actions import ExcelActions
    from ui.pages.ledger_page import LedgerPage
    from ui.settings import UiSettings


class WindowHost(Protocol):
    @property
    def desk(self) -> Desk: ...

    @property
    def prefs(self) -> UiSettings: ...

    @property
    def current_item(self) -> int | None: ...

    ledger: LedgerPage
    excel: ExcelActions

    def show_item(self, item_id: int, quiet: bool = False) -> None: ...

    def run_item_action(self, item_id: int, label: str, call: Callable[[], ItemState]) -> None:
        """Run one service call on an item: errors shown in Chinese, row and panel reloaded."""

    def show_action_done(self, item_id: int, label: str, state: ItemState) -> None:
        """After a change to the item: its row and panel reread, the outcome in the bar."""

    def use_desk(self, desk: Desk) -> None:
        """Work on another ledger: every page follows."""

    def show_status(self, text: str) -> None:
        """A passing message in the status bar."""
