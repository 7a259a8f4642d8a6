"""Raw XML rows: read back by openpyxl and calamine exactly as openpyxl's own cells are."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from python_calamine import CalamineWorkbook

from tracker.excel.raw_rows import RawRows
from tracker.excel.safe_cell import cell

FILL = PatternFill("solid", fgColor="F4B6B6")
BOX = Border(left=Side(style="thin"), right=Side(style="thin"))
WRAP = Alignment(wrap_text=True, vertical="top")


def _write(path, rows, *, before=(), after=()):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("表")
    raw = RawRows(ws)
    for values in before:
        ws.append([cell(ws, v) for v in values])
    plain, filled = raw.style(alignment=WRAP, border=BOX), raw.style(fill=FILL, border=BOX)
    for values, height in rows:
        raw.append(values, [filled] + [plain] * (len(values) - 1), height)
    for values in after:
        ws.append([cell(ws, v) for v in values])
    wb.save(path)


def test_rows_keep_numbers_values_types_heights_and_styles(tmp_path):
    path = tmp_path / "r.xlsx"
    rows = [
        (["W1", "<a&b> “引号”", 35, Decimal("35.50"), 1.25, True, None, "末尾 "], 30.0),
        (["W2", "第一行\n第二行", "=1+1", " 前有空格", "", "\x07控制符\x1f", -3, "\t"], None),
    ]
    _write(path, rows, before=[["标题"], ["序号", "编号"]], after=[["合计 2 项"]])
    ws = load_workbook(path)["表"]
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=5, max_col=8)]
    assert got[:2] == [["标题"] + [None] * 7, ["序号", "编号"] + [None] * 6]
    assert got[2] == ["W1", "<a&b> “引号”", 35, 35.5, 1.25, True, None, "末尾 "]
    assert got[3] == ["W2", "第一行\n第二行", "=1+1", " 前有空格", None, "控制符", -3, "\t"]
    assert got[4][0] == "合计 2 项"
    assert ws["C4"].data_type == "s"  # formula text stays text
    assert ws.row_dimensions[3].height == 30 and ws.row_dimensions[3].customHeight
    assert ws.row_dimensions[4].height is None
    assert ws["A3"].fill.fgColor.rgb.endswith("F4B6B6") and ws["A3"].border.left.style == "thin"
    assert ws["B3"].alignment.wrap_text and ws["B3"].fill.fill_type is None
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("表").to_python()
    assert sheet[2][:4] == ["W1", "<a&b> “引号”", 35, 35.5]
    assert sheet[3][1:4] == ["第一行\n第二行", "=1+1", " 前有空格"] and sheet[4][0] == "合计 2 项"


def test_attaching_after_the_first_row_is_refused():
    ws = Workbook(write_only=True).create_sheet("表")
    ws.append(["已写一行"])
    with pytest.raises(RuntimeError):
        RawRows(ws)
    ws.close()


def test_other_value_types_are_refused_not_miswritten(tmp_path):
    import datetime as dt

    wb = Workbook(write_only=True)
    raw = RawRows(wb.create_sheet("表"))
    with pytest.raises(TypeError, match="date"):
        raw.append([dt.date(2026, 1, 1)], [0])
    raw.append(["之后的行照常写入"], [0])  # the refused row took no number
    wb.save(tmp_path / "t.xlsx")
    assert load_workbook(tmp_path / "t.xlsx")["表"]["A1"].value == "之后的行照常写入"


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(TEXT, st.integers(-(10**12), 10**12), st.booleans()), min_size=1))
def test_any_row_reads_back_as_openpyxls_own_cells_do(tmp_path_factory, values):
    """Written raw and through openpyxl's cells, every value reads back the same."""
    folder = tmp_path_factory.mktemp("raw")
    _write(folder / "raw.xlsx", [(values, None)])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("表")
    clean = [
        v.translate({c: None for c in range(32) if c not in (9, 10)}) if isinstance(v, str) else v
        for v in values
    ]
    ws.append([cell(ws, v) for v in clean])
    wb.save(folder / "own.xlsx")
    raw = [c.value for c in next(load_workbook(folder / "raw.xlsx")["表"].iter_rows())]
    own = [c.value for c in next(load_workbook(folder / "own.xlsx")["表"].iter_rows())]
    assert raw[: len(own)] == own
