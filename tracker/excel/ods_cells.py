"""What calamine does not report of an .ods sheet, read from its content.xml: merged cells
and which cells are formatted as a percentage.

Parsed with defusedxml, and only the attributes asked for are kept: an ODS file is untrusted
input like any workbook.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = f"{{{TABLE}}}"
_VALUE_TYPE = f"{{{OFFICE}}}value-type"
MAX_REPEAT = 1000  # trailing empty rows/columns are written as huge repeats; they hold nothing


def cells(path: Path, sheet: str) -> Iterator[tuple[int, int, int, Any]]:
    """(row, column, rows this row is repeated, element) of every cell of ``sheet``, 0-based,
    at the cell's start tag (its attributes are complete there)."""
    in_sheet = False
    row = col = 0
    repeat = 1
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if tag == _T + "table":
                if event == "start":
                    in_sheet = el.get(_T + "name") == sheet
                    row = 0
                elif in_sheet:
                    return
                continue
            if not in_sheet:
                continue
            if tag == _T + "table-row":
                if event == "start":
                    col = 0
                    repeat = min(int(el.get(_T + "number-rows-repeated", "1")), MAX_REPEAT)
                else:
                    row += repeat
                    el.clear()
            elif tag in (_T + "table-cell", _T + "covered-table-cell") and event == "start":
                yield row, col, repeat, el
                col += min(int(el.get(_T + "number-columns-repeated", "1")), MAX_REPEAT)


def ods_merges(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col) of every merged range on ``sheet``."""
    merges: list[tuple[int, int, int, int]] = []
    for row, col, _repeat, el in cells(path, sheet):
        rows = int(el.get(_T + "number-rows-spanned", "1"))
        cols = int(el.get(_T + "number-columns-spanned", "1"))
        if rows > 1 or cols > 1:
            merges.append((row, col, row + rows - 1, col + cols - 1))
    return merges


def percent_rows(path: Path, sheet: str, column: int) -> set[int]:
    """0-based rows whose cell in ``column`` holds a percentage (100% is stored as 1)."""
    out: set[int] = set()
    for row, col, repeat, el in cells(path, sheet):
        span = min(int(el.get(_T + "number-columns-repeated", "1")), MAX_REPEAT)
        if col <= column < col + span and el.get(_VALUE_TYPE) == "percentage":
            out.update(range(row, row + repeat))
    return out
