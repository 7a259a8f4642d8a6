"""Write user text into spreadsheets as text, never as a formula (OWASP CSV/formula injection).

A title such as ``=HYPERLINK("http://x","点我")`` typed by a unit must reach the supervisor's
Excel as those characters, not as a live link or a calculation. In .xlsx the cell is forced to
the string type (the text is kept exactly, so it round-trips); in CSV, where there are no
types, a leading apostrophe is added as OWASP recommends.
"""

from __future__ import annotations

import datetime as dt
import re
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Characters an XML worksheet cannot hold (control characters but tab, CR and LF); openpyxl
#: raises on them, and one such title used to stop every unit's pack.
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
#: Excel refuses to open a file with a longer cell.
MAX_CELL_CHARS = 32767
CUT_NOTE = "…（超长，已截断）"


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: illegal characters dropped, cut to Excel's limit."""
    text = ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(CUT_NOTE)] + CUT_NOTE
    return text


def cell(ws: Any, value: Any, **style: Any) -> Cell:
    """A write-only cell holding ``value``; strings are always stored as text."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, str):
        value = cell_text(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        c.data_type = "s"
    for name, v in style.items():
        setattr(c, name, v)
    return c


class Styler:
    """Makes cells for one sheet, registering each combination of styles only once.

    openpyxl hashes every style object each time one is assigned, which made styled exports
    five times slower than plain ones; a combination seen before is copied instead. The style
    objects passed in must be shared (module constants or cached), as identity is the key.
    """

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._arrays: dict[tuple[tuple[str, int], ...], Any] = {}

    def __call__(self, value: Any, **style: Any) -> Cell:
        if not style:
            return cell(self.ws, value)
        key = tuple(sorted((name, id(v)) for name, v in style.items()))
        known = self._arrays.get(key)
        if known is None:
            c = cell(self.ws, value, **style)
            self._arrays[key] = copy(c._style)  # type: ignore[attr-defined]  # not in the stubs
            return c
        c = cell(self.ws, value)
        c._style = copy(known)  # type: ignore[attr-defined]
        return c


def csv_value(value: Any) -> str:
    """A CSV field that no spreadsheet will evaluate."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(TRIGGERS) else text
