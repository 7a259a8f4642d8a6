"""Long runs of rows written into an openpyxl write-only sheet as ready-made XML.

openpyxl builds an element tree for every cell and serialises it in pure Python: for a
100,000-item ledger that was 2.5 times the time of a plain dump of the same values and most of
an export's minute. The workbook around the rows — styles, merged cells, print setup, frozen
panes, properties — is still openpyxl's; only the cells of the long lists are written here, as
the same XML openpyxl would write (inline strings, the same style indexes), into the same
sheet stream, so ordinary ``ws.append`` rows before and after them keep their numbers.

Strings are always written as text (never a formula), like ``safe_cell.cell``; characters XML
cannot hold (control characters other than tab and newline) are left out instead of failing the
whole export.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from tracker.excel.safe_cell import MAX_CELL_CHARS, cell_text

_SPECIAL = re.compile(r"[&<>\000-\010\013\014\016-\037]")
_SPACES = (" ", "\t", "\n", "\r")
_LETTERS = [get_column_letter(i) for i in range(1, 16385)]


class RawRows:
    """Writes rows of plain values, each cell with a style index from ``style``.

    Create it before the first ``ws.append`` of the sheet: it takes over the sheet's row
    stream (openpyxl's own ``_write_rows`` loop, with one more kind of row).
    """

    def __init__(self, ws: Any) -> None:
        if getattr(ws, "_rows", None) is not None:
            raise RuntimeError("RawRows must be attached before the sheet's first row")
        self.ws = ws
        self._styles: dict[tuple[tuple[str, int], ...], int] = {}
        ws._get_writer()
        ws._rows = _stream(ws)
        next(ws._rows)

    def style(self, **style: Any) -> int:
        """The workbook's index of this combination of styles, registered once.

        The style objects must be shared (module constants or cached): identity is the key.
        """
        key = tuple(sorted((name, id(v)) for name, v in style.items()))
        known = self._styles.get(key)
        if known is None:
            probe = WriteOnlyCell(self.ws)
            for name, v in style.items():
                setattr(probe, name, v)
            known = self._styles[key] = probe.style_id
        return known

    def append(
        self,
        values: Sequence[Any],
        styles: Sequence[int],
        height: float | None = None,
        *,
        fixed: bool = True,
    ) -> None:
        """One row: ``values[i]`` with style index ``styles[i]``; ``height`` in points.

        A ``fixed`` height stays as written; otherwise it is only the starting height, and
        Excel, WPS and LibreOffice grow the row as text is typed into it (a form to fill in).
        """
        error = self.ws._rows.send(_Raw(values, styles, height, fixed))
        if error is not None:
            raise error


class _Raw:
    __slots__ = ("fixed", "height", "styles", "values")

    def __init__(
        self, values: Sequence[Any], styles: Sequence[int], height: float | None, fixed: bool
    ):
        self.values, self.styles, self.height, self.fixed = values, styles, height, fixed

    def xml(self, r: int) -> str:
        """The ``<row>`` element for row number ``r``."""
        head = f'<row r="{r}"'
        if self.height is not None:
            head += f' ht="{self.height:g}"' + (' customHeight="1"' if self.fixed else "")
        parts = [head, ">"]
        for letter, value, s in zip(_LETTERS, self.values, self.styles, strict=False):
            parts.append(_cell(f"{letter}{r}", value, s))
        parts.append("</row>")
        return "".join(parts)


def _cell(ref: str, value: Any, s: int) -> str:
    if isinstance(value, str) and (_SPECIAL.search(value) or len(value) > MAX_CELL_CHARS):
        value = _escaped(value)
    if value is None or value == "":
        return f'<c r="{ref}" s="{s}"/>'
    if isinstance(value, str):
        keep = value.startswith(_SPACES) or value.endswith(_SPACES)
        space = ' xml:space="preserve"' if keep else ""
        return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{value}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{s}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, Decimal)):
        return f'<c r="{ref}" s="{s}" t="n"><v>{value}</v></c>'
    raise TypeError(f"raw rows hold text and numbers, not {type(value).__name__}")


def _escaped(text: str) -> str:
    text = cell_text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stream(ws: Any) -> Iterator[TypeError | None]:
    """openpyxl's ``WriteOnlyWorksheet._write_rows``, also taking ``_Raw`` rows.

    A raw row that cannot be written is handed back to the sender instead of raised here,
    which would end the stream and make the rest of the sheet unwritable.
    """
    writer = ws._writer
    xf = writer.xf.send(True)
    with xf.element("sheetData"):
        row_idx, error = 1, None
        try:
            while True:
                row = yield error
                error = None
                if isinstance(row, _Raw):
                    try:
                        xf._file(row.xml(row_idx))
                    except TypeError as refused:
                        error = refused
                        continue
                else:
                    writer.write_row(xf, ws._values_to_row(row, row_idx), row_idx)
                row_idx += 1
        except GeneratorExit:
            pass
    writer.xf.send(None)
