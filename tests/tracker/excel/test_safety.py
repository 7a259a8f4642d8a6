"""Hostile or broken files are refused with a Chinese ImportFileError before any parsing."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tracker.errors import ImportFileError
from tracker.excel import reader, safety
from tracker.excel.layout import detect
from tracker.excel.plan import plan_sheet
from tracker.excel.reader import read_grid


def _zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "文件是空的"),
        (
            lambda p: p.write_text("<html><body><table><tr><td>序号</td></tr></table>", "utf-8"),
            "网页（HTML）格式的表格",
        ),
        (lambda p: p.write_bytes(b"%PDF-1.7 not a sheet"), "不是 Excel、WPS、ODS 表格或 CSV 文件"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "文件已损坏"),
        (lambda p: _zip(p, {"word/document.xml": "<w/>"}), "不是 Excel 或 ODS 表格"),
        (
            lambda p: _zip(
                p, {"xl/workbook.xml": "<x/>", "xl/worksheets/sheet1.xml": b"\0" * (30 << 20)}
            ),
            "压缩炸弹",
        ),
        (lambda p: _zip(p, {f"f{i}": "" for i in range(safety.MAX_ZIP_ENTRIES + 1)}), "条目过多"),
        (
            lambda p: p.write_bytes(
                safety.OLE2 + b"\0" * 500 + safety.ENCRYPTED_MARK + b"\0" * 500
            ),
            "设置了打开密码",
        ),
        (lambda p: p.write_bytes(safety.OLE2 + b"\x00" * 2000), "无法读取文件"),
        (
            lambda p: _zip(p, {"xl/workbook.xml": "<<<not xml", "[Content_Types].xml": "<x/>"}),
            "无法读取文件",
        ),
    ],
    ids=[
        "empty",
        "html",
        "pdf",
        "broken-zip",
        "docx",
        "zip-bomb",
        "many-entries",
        "encrypted",
        "broken-xls",
        "broken-xlsx",
    ],
)
def test_bad_files_are_refused(tmp_path, make, message):
    path = tmp_path / "来件.xlsx"
    make(path)
    with pytest.raises(ImportFileError, match=message) as caught:
        read_grid(path)
    assert "来件.xlsx" in str(caught.value)


def test_missing_and_oversized_files(tmp_path, monkeypatch):
    with pytest.raises(ImportFileError, match="找不到"):
        read_grid(tmp_path / "nope.xlsx")
    path = tmp_path / "big.xlsx"
    Workbook().save(path)
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportFileError, match="超过 50 MB"):
        read_grid(path)


def test_absurd_dimensions_are_refused(tmp_path, monkeypatch):
    wb = Workbook()
    wb.active["A1"] = "项目名称"
    wb.active["C50"] = "x"
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    with pytest.raises(ImportFileError, match="超过上限"):
        read_grid(path)


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = tmp_path / "a.xlsx"
    Workbook().save(path)
    with pytest.raises(ImportFileError, match="可选：Sheet"):
        read_grid(path, "不存在")


def test_cli_refuses_bad_input_with_exit_2_and_no_traceback(cli, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook", "utf-8")
    assert cli("init")[0] == 0
    code, out, err = cli("import", str(path), "--dry-run", "--json")
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith("错误：文件“fake.xlsx”")


cell_text = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    st.sampled_from(
        [
            "项目名称",
            "牵头单位",
            "完成时限",
            "合计",
            "一、教育（2项）",
            "注：",
            "6月底前",
            "长期坚持",
            "=SUM(A1:A3)",
            "刘洋（139）",
            "\u3000",
            "\n\n",
        ]
    ),
    st.integers(-10, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=8))
def test_random_cells_never_crash_the_planner(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "牵头单位", "完成时限", "备注"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "random.xlsx"
    wb.save(path)
    grid = read_grid(path)
    plan = plan_sheet(grid, detect(grid), 2026)
    assert len(plan.items) + len(plan.skipped) == len(grid.rows) - 1
