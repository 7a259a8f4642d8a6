"""Which fill-in cells are formatted as a percentage, so that 100 % (stored as 1) is read as
100 and not as 1. calamine gives values only; the format comes from the file itself."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tracker.excel.ods_cells import percent_rows as ods_percent_rows


def percent_rows(path: Path, kind: str, sheet: str, column: int) -> set[int] | None:
    """0-based rows of ``sheet`` whose cell in 0-based ``column`` is a percentage; None
    when the format cannot tell (.xls)."""
    if kind == "ods":
        return ods_percent_rows(path, sheet, column)
    if kind not in ("xlsx", "xlsm"):
        return None
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet not in wb.sheetnames:
            return set()
        ws = wb[sheet]
        out = set()
        for r, (c,) in enumerate(ws.iter_rows(min_row=1, min_col=column + 1, max_col=column + 1)):
            if "%" in str(getattr(c, "number_format", "") or ""):
                out.add(r)
        return out
    finally:
        wb.close()
