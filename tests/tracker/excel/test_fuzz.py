"""Fuzzing the importer: mutated real workbooks and generated ones only succeed or say why."""

from __future__ import annotations

import contextlib
import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.tracker.excel.messy import build
from tracker.errors import ImportFileError
from tracker.excel.layout import detect
from tracker.excel.plan import plan_sheet
from tracker.excel.reader import read_grid

DATA = Path(__file__).resolve().parents[2] / "data"
CASES = int(os.environ.get("SHISHI_FUZZ_CASES", "60"))


def _plan(path: Path) -> None:
    grid = read_grid(path)
    plan_sheet(grid, detect(grid), 2026)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        pos = rng.randrange(len(buf))
        if kind < 0.6:
            buf[pos] = rng.randrange(256)
        elif kind < 0.8:
            del buf[pos : pos + rng.randint(1, 64)]
        else:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    if rng.random() < 0.1:
        buf = buf[: rng.randrange(1, len(buf))]
    return bytes(buf)


@pytest.mark.parametrize("source", ["generated.xlsx", "messy-list.xls", "messy-list.ods"])
def test_byte_mutated_workbooks(tmp_path, source):
    original = build(tmp_path / "generated.xlsx") if source == "generated.xlsx" else DATA / source
    data = original.read_bytes()
    rng = random.Random(source)
    outcomes = {"ok": 0, "refused": 0}
    for n in range(CASES):
        path = tmp_path / f"m{n}{original.suffix}"
        path.write_bytes(_mutate(data, rng))
        started = time.monotonic()
        try:
            _plan(path)
            outcomes["ok"] += 1
        except ImportFileError as exc:
            assert str(exc).startswith(f"文件“{path.name}”")
            outcomes["refused"] += 1
        assert time.monotonic() - started < 10
    assert sum(outcomes.values()) == CASES


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>
<table:table table:name="S"><table:table-row><table:table-cell>&lol4;</table:table-cell>
</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"""


def test_xml_entity_bomb_in_an_ods_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", BILLION_LAUGHS)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    started = time.monotonic()
    with pytest.raises(ImportFileError):
        _plan(path)
    assert time.monotonic() - started < 10


values = st.one_of(
    st.none(),
    st.integers(-5, 5000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.sampled_from(
        ["项目名称", "牵头单位", "完成时限", "一、教育（1项）", "合计", "2026年6月底前", "长期坚持"]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sheet_names=st.lists(
        st.text(st.characters(whitelist_categories=("Lo", "Nd", "Lu")), min_size=1, max_size=12),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    cells=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 8), values), max_size=40),
    merges=st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 3), st.integers(0, 3)),
        max_size=5,
    ),
)
def test_generated_workbooks_with_merges_and_sheet_names(tmp_path, sheet_names, cells, merges):
    wb = Workbook()
    wb.active.title = sheet_names[0]
    for name in sheet_names[1:]:
        wb.create_sheet(name)
    ws = wb.active
    for row, col, value in cells:
        ws.cell(row=row, column=col, value=value)
    taken: set[tuple[int, int]] = set()
    for row, col, down, right in merges:
        area = {(r, c) for r in range(row, row + down + 1) for c in range(col, col + right + 1)}
        if (down or right) and not area & taken:
            ws.merge_cells(
                start_row=row, start_column=col, end_row=row + down, end_column=col + right
            )
            taken |= area
    path = tmp_path / "gen.xlsx"
    wb.save(path)
    with contextlib.suppress(ImportFileError):
        _plan(path)
