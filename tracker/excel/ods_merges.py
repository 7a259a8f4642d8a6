"""Merged cells of an .ods sheet, read from its content.xml (calamine does not report them).

Parsed with defusedxml, and only the span attributes are kept: an ODS file is untrusted
input like any workbook.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = f"{{{TABLE}}}"
MAX_REPEAT = 1000  # trailing empty rows/columns are written as huge repeats; they hold no merges


def ods_merges(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col) of every merged range on ``sheet``."""
    merges: list[tuple[int, int, int, int]] = []
    in_sheet = False
    row = col = 0
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if tag == _T + "table":
                if event == "start":
                    in_sheet = el.get(_T + "name") == sheet
                    row = 0
                elif in_sheet:
                    break
                continue
            if not in_sheet:
                continue
            if tag == _T + "table-row":
                if event == "start":
                    col = 0
                else:
                    row += min(int(el.get(_T + "number-rows-repeated", "1")), MAX_REPEAT)
                    el.clear()
            elif tag in (_T + "table-cell", _T + "covered-table-cell") and event == "start":
                rows = int(el.get(_T + "number-rows-spanned", "1"))
                cols = int(el.get(_T + "number-columns-spanned", "1"))
                if rows > 1 or cols > 1:
                    merges.append((row, col, row + rows - 1, col + cols - 1))
                col += min(int(el.get(_T + "number-columns-repeated", "1")), MAX_REPEAT)
    return merges
