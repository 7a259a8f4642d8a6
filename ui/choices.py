"""Filter boxes whose first entry means “no filter” (全部…), filled from the ledger's names."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox


def fill_choices(box: QComboBox, everything: str, names: list[str]) -> None:
    """Replace the entries quietly: refilling is not a user's choice, so no filter signal."""
    blocker = QSignalBlocker(box)
    box.clear()
    box.addItem(everything, None)
    for name in names:
        box.addItem(name, name)
    blocker.unblock()
