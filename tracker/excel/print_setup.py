"""How our workbooks print: one page wide, as many pages long as needed, numbered."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

A3, A4 = Worksheet.PAPERSIZE_A3, Worksheet.PAPERSIZE_A4


def fit_to_width(
    ws: Any, paper: str = A4, *, landscape: bool = True, title_rows: str | None = None
) -> None:
    """Shrink the sheet to the paper's width (never its height), with the rows
    ``title_rows`` ("3:4") repeated on every page and a 第 N 页，共 M 页 footer."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
