"""Qt values as the services take them (the stubs type ``toPython`` as ``object``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDateEdit


def day_of(edit: QDateEdit) -> dt.date:
    """The date shown in ``edit``."""
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day
