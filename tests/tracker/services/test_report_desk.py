"""The 报表 menu's documents through ``ReportDesk``: the CLI's file names and figures, written
to a real folder and read back; publishing refused to clerks and frozen for everyone else."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from tracker.errors import PermissionDenied, ValidationError
from tracker.services.desk import Desk
from tracker.services.report_desk import ReportDesk

AS_OF = dt.date(2026, 7, 31)


def test_bulletin_files_carry_the_hand_tally(ten_items, tmp_path):
    written = ReportDesk(Desk(ten_items, "dc")).bulletin(
        "2026-07", None, AS_OF, ["pdf", "xlsx", "json"], tmp_path / "报表"
    )
    names = [p.name for p in written.files]
    stem = "督办通报-2026年7月-截至2026-07-31"
    assert names == [f"{stem}.pdf", f"{stem}.xlsx", f"{stem}.json"]
    assert written.files[0].read_bytes().startswith(b"%PDF")
    load_workbook(written.files[1]).close()
    figures = json.loads(written.files[2].read_text(encoding="utf-8"))["figures"]
    assert (figures["total"], figures["completed"], figures["overdue_open"]) == (8, 4, 2)
    assert written.data is not None and written.data.kpi.counted == 8  # the preview's figures


def test_unit_report_of_one_unit_and_none_chosen(ten_items, tmp_path):
    reports = ReportDesk(Desk(ten_items, "dc"))
    written = reports.unit_report("2026-07", "县民政局", AS_OF, ["json"], tmp_path)
    doc = json.loads(written.files[0].read_text(encoding="utf-8"))
    assert written.files[0].name == "单位报告-县民政局-2026年7月-截至2026-07-31.json"
    assert (doc["figures"]["total"], doc["figures"]["completed"]) == (1, 1)
    with pytest.raises(ValidationError, match="请选择牵头单位"):
        reports.unit_report("2026-07", None, AS_OF, ["json"], tmp_path)


def test_publish_is_for_supervisors_and_a_snapshot_prints_as_frozen(ten_items, org, tmp_path):
    with pytest.raises(PermissionDenied):
        ReportDesk(Desk(ten_items, "jy")).publish("2026-07", None, AS_OF)
    reports = ReportDesk(Desk(ten_items, "dc"))
    assert reports.published() == []
    number = reports.publish("2026-07", None, AS_OF)
    (line,) = reports.published()
    assert (line.number, line.period, line.as_of, line.published_by) == (
        number,
        "2026年7月",
        AS_OF,
        "督查室",  # the publisher's name, not the login
    )
    written = reports.snapshot(number, ["json"], tmp_path)
    assert written.files[0].name == f"督办通报-第{number}号-2026年7月.json"
    doc = json.loads(written.files[0].read_text(encoding="utf-8"))
    assert doc["figures"]["total"] == 8


def test_item_card_is_written_under_the_items_code(ten_items, tmp_path):
    desk = Desk(ten_items, "dc")
    with ten_items.engine.connect() as c:
        item_id, code = c.exec_driver_sql("SELECT id, code FROM item WHERE code='A'").one()
    written = ReportDesk(desk).item_card(item_id, tmp_path / "卡片")
    assert [p.name for p in written.files] == [f"事项卡片-{code}.pdf"]
    assert written.files[0].read_bytes().startswith(b"%PDF")
