"""Exports: the printable ledger, CSV and formula injection (unit packs: test_unit_pack)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.tracker.org import at, working_item
from tracker.enums import Status
from tracker.errors import Cancelled, ValidationError
from tracker.excel import ledger_export
from tracker.excel.safe_cell import TRIGGERS
from tracker.models import Item
from tracker.query import ItemFilter
from tracker.services import progress

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by .ci/run")
HOSTILE = '=HYPERLINK("http://x","点我")'


@pytest.fixture
def ledger_items(db, org):
    """Three 教育局 items in progress (one with a hostile title) and one 民政局 item."""
    with db.sessions.begin() as s:
        ids = [working_item(s, org, code) for code in ("E1", "E2", "E3")]
        s.get(Item, ids[0]).title = HOSTILE
        ids.append(working_item(s, org, "M1", unit="县民政局", clerk=org.civil_clerk))
        progress.report_progress(s, org.edu_clerk, ids[1], "已开工", percent=30, at=at(3, 1))
    return ids


def test_every_trigger_is_written_as_text(db, org, tmp_path):
    with db.sessions.begin() as s:
        for n, trigger in enumerate(TRIGGERS):
            item_id = working_item(s, org, f"T{n}")
            s.get(Item, item_id).title = f"{trigger}1+1 恶意"
    with db.sessions.begin() as s:
        ledger_export.export_xlsx(s, ItemFilter(), tmp_path / "l.xlsx", "台账")
        ledger_export.export_csv(s, ItemFilter(), tmp_path / "l.csv")
    ws = load_workbook(tmp_path / "l.xlsx").active
    titles = {
        ws.cell(row=r, column=3).value: ws.cell(row=r, column=3).data_type
        for r in range(5, 5 + len(TRIGGERS))
    }
    # XML turns a bare CR into LF on reading; the cell is text either way
    assert titles == {f"{t}1+1 恶意".replace("\r", "\n"): "s" for t in TRIGGERS}
    with (tmp_path / "l.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert {r[2] for r in rows[1:]} == {f"'{t}1+1 恶意" for t in TRIGGERS}


def test_ledger_xlsx_is_laid_out_for_printing(db, ledger_items, tmp_path):
    path = tmp_path / "台账.xlsx"
    with db.sessions.begin() as s:
        f = ItemFilter(as_of=dt.date(2026, 5, 1))
        assert ledger_export.export_xlsx(s, f, path, "2026年重点民生实事台账") == 4
    wb = load_workbook(path)
    ws = wb["台账"]
    assert ws["A1"].value == "2026年重点民生实事台账" and ws["A2"].value.startswith("截至")
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:Q1", "A2:Q2", "A3:E3", "F3:J3", "K3:Q3"}
    assert [ws.cell(row=4, column=c).value for c in (1, 3, 7, 11, 13)] == [
        "序号",
        "事项名称",
        "牵头单位",
        "完成时限",
        "预警",
    ]
    assert ws.freeze_panes == "D5" and ws.print_title_rows == "$3:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 8
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["C5"].value == HOSTILE and ws["C5"].data_type == "s"
    assert ws["A9"].value == "合计 4 项，其中已办结 0 项，逾期未办结 0 项"
    assert ws["N6"].value == 30 and ws["O6"].value == "已开工"
    assert wb.properties.creator == "实事台账"


def test_csv_has_a_bom_and_reads_back(db, ledger_items, tmp_path):
    path = tmp_path / "台账.csv"
    with db.sessions.begin() as s:
        ledger_export.export_csv(s, ItemFilter(unit="县民政局"), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["序号", "编号", "事项名称"] and len(rows) == 2 and rows[1][1] == "M1"


def test_chosen_columns_keep_ledger_order_groups_and_colours(db, ledger_items, tmp_path):
    path = tmp_path / "台账.xlsx"
    with db.sessions.begin() as s:
        f = ItemFilter(as_of=dt.date(2026, 5, 1))
        chosen = ["预警", "事项名称", "编号", "状态"]  # any order: written in ledger order
        assert ledger_export.export_xlsx(s, f, path, "台账", columns=chosen) == 4
        ledger_export.export_csv(s, f, tmp_path / "l.csv", columns=["状态", "编号"])
        with pytest.raises(ValidationError, match="没有这些列：进展"):
            ledger_export.export_csv(s, f, tmp_path / "x.csv", columns=["进展"])
    ws = load_workbook(path)["台账"]
    assert [ws.cell(row=4, column=c).value for c in range(1, 6)] == [
        "编号",
        "事项名称",
        "状态",
        "预警",
        None,
    ]
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:D1", "A3:B3", "C3:D3"}
    assert ws["A5"].value == "E1" and ws["C5"].value == "办理中" and ws["D5"].value == "滞后"
    assert ws["D5"].fill.fgColor.rgb.endswith("F9D3A8")
    assert ws.freeze_panes == "D5"
    rows = list(csv.reader((tmp_path / "l.csv").read_text("utf-8-sig").splitlines()))
    assert rows[:2] == [["编号", "状态"], ["E1", "办理中"]]
    assert not (tmp_path / "x.csv").exists()


def test_cancelled_export_leaves_no_file_and_keeps_the_old_one(db, ledger_items, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "台账.xlsx"
    path.write_bytes(b"last month's export")
    ticks = []

    def cancel(done, total):
        ticks.append((done, total))
        raise Cancelled()

    with db.sessions.begin() as s:
        for export in (ledger_export.export_xlsx, ledger_export.export_csv):
            args = (
                (s, ItemFilter(), path, "台账")
                if export is ledger_export.export_xlsx
                else (s, ItemFilter(), path)
            )
            with pytest.raises(Cancelled):
                export(*args, progress=cancel)
    assert ticks == [(0, 4), (0, 4)]
    assert path.read_bytes() == b"last month's export"
    assert sorted(p.name for p in path.parent.iterdir()) == ["台账.xlsx"]


@needs_office
def test_generated_ledger_opens_in_libreoffice(db, ledger_items, tmp_path):
    path = tmp_path / "ledger.xlsx"
    with db.sessions.begin() as s:
        ledger_export.export_xlsx(s, ItemFilter(), path, "台账")
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "ledger.pdf").stat().st_size > 1000


def test_cli_export_commands(cli, db_path, tmp_path):
    assert cli("demo", "--items", "200", "--seed", "3")[0] == 0
    code, out, _ = cli("export", "ledger", "--out", str(tmp_path / "a.xlsx"), "--unit", "县教育局")
    assert code == 0 and "已导出" in out
    code, out, _ = cli("export", "unit-packs", "--out", str(tmp_path / "packs"))
    assert code == 0 and "个单位的填报包" in out
    assert len(list((tmp_path / "packs").glob("*.xlsx"))) > 5


def test_drafts_are_left_out_and_the_progress_counts_what_is_written(db, org, tmp_path):
    from tests.tracker.org import new_item

    with db.sessions.begin() as s:
        working_item(s, org, "W1")
        working_item(s, org, "W2")
        new_item(s, org, "D1")  # a draft: not yet official
    seen = []
    with db.sessions.begin() as s:
        written = ledger_export.export_csv(
            s, ItemFilter(), tmp_path / "台账.csv", progress=lambda n, total: seen.append(total)
        )
    assert written == 2 and set(seen) == {2}
    with db.sessions.begin() as s:
        drafts = ItemFilter(statuses=[Status.DRAFT])
        assert ledger_export.export_csv(s, drafts, tmp_path / "草稿.csv") == 1
