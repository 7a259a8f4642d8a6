"""The unit fill-in pack as offline units really fill it in: every value typed the way a
clerk types it, every way the file comes back, and a whole-database diff of what it wrote."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.tracker.db_diff import diff, rows
from tests.tracker.org import at, evidence, working_item
from tracker import settings
from tracker.enums import Status
from tracker.errors import ImportFileError, ValidationError
from tracker.excel import unit_pack
from tracker.models import Extension, Item, ProgressReport, Setting
from tracker.query import item_history
from tracker.services import extensions, progress, returns, transitions

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by .ci/run")
HOSTILE = '=HYPERLINK("http://x","点我")'
LEAD, CO = unit_pack.LEAD.name, unit_pack.CO.name
#: What every write to an item changes besides the fields a test names.
BUMP = {"version"}


@pytest.fixture
def items(db, org):
    """教育局 leads E1–E3 (E2 at 30 % with a report) and co-organises C1, which 民政局 leads."""
    with db.sessions.begin() as s:
        ids = {code: working_item(s, org, code) for code in ("E1", "E2", "E3")}
        s.get(Item, ids["E1"]).title = HOSTILE
        ids["C1"] = working_item(
            s, org, "C1", unit="县民政局", clerk=org.civil_clerk, co_units=("县教育局",)
        )
        progress.report_progress(s, org.edu_clerk, ids["E2"], "已开工", percent=30, at=at(3, 1))
        progress.report_progress(s, org.civil_clerk, ids["C1"], "牵头单位进展", at=at(3, 1))
        for code in ("E2", "E3"):  # uploaded in the system: a pack carries no files
            evidence(s, org.edu_clerk, ids[code], at(3, 1))
    return ids


def export(db, folder: Path, unit: str = "县教育局") -> Path:
    with db.sessions.begin() as s:
        (path,) = returns.export_unit_packs(s, folder, [unit], at=at(4, 1)).written
    return path


def fill(path: Path, edits: dict[tuple[str, str, str], object], formats=None, out=None) -> Path:
    """Type into the pack as a clerk would: (sheet, item code, column header) → value;
    ``formats`` gives a cell's number format (a percent cell is "0%")."""
    wb = load_workbook(path)
    formats = formats or {}
    for (sheet, code, header), value in edits.items():
        ws = wb[sheet]
        col = next(c.column for c in ws[3] if c.value == header)
        row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == code)
        ws.cell(row, col).value = value
        if (sheet, code, header) in formats:
            ws.cell(row, col).number_format = formats[(sheet, code, header)]
    wb.save(out or path)
    return out or path


def plan(db, path, when=None):
    with db.sessions.begin() as s:
        return returns.plan_return(s, path, at=when)


def apply(db, p, take=frozenset(), when=None):
    with db.sessions.begin() as s:
        actor = returns.unit_clerk(s, p.unit_id, None)
        return returns.apply_return(s, actor, p, set(take), at=when)


def snapshot(db):
    with db.sessions.begin() as s:
        return rows(s)


def by_code(p):
    return {ln.code: ln for ln in p.lines}


def item_changes(changed):
    """Changed columns of changed items (the updated_at stamp left out)."""
    rows = changed.get("item", {}).get("changed", {})
    return {pk: cols - {"updated_at"} for pk, cols in rows.items()}


def item_pk(db, code):
    with db.sessions.begin() as s:
        return (s.scalar(select(Item.id).where(Item.code == code)),)


# -- the workbook -------------------------------------------------------------------------


def test_pack_has_both_sheets_locked_validated_and_laid_out_for_print(db, items, tmp_path):
    path = export(db, tmp_path)
    wb = load_workbook(path)
    assert wb.sheetnames == [LEAD, CO, "填表说明", "_校验"]
    assert wb["_校验"].sheet_state == "veryHidden"
    ws = wb[LEAD]
    headers = [c.value for c in ws[3]]
    assert headers == [c.header for c in unit_pack.LEAD.columns]
    assert [r for r in range(4, 8) if ws.cell(r, 1).value] == [4, 5, 6]
    locked = [ws.cell(4, i + 1).protection.locked for i in range(len(headers))]
    assert locked == [not c.editable for c in unit_pack.LEAD.columns]
    assert ws.protection.sheet
    rules = {str(dv.sqref): dv.type for dv in ws.data_validations.dataValidation}
    assert rules == {
        "J4:J6": "textLength",
        "K4:K6": "decimal",
        "L4:L6": "date",
        "M4:M6": "textLength",
        "N4:N6": "textLength",
        "O4:O6": "list",
        "P4:P6": "textLength",
        "Q4:Q6": "date",
        "R4:R6": "textLength",
    }
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3" and "&P" in ws.oddFooter.center.text
    assert {ws.cell(r, c).font.name for r in (3, 4) for c in (1, 10)} == {"宋体"}
    assert ws.cell(8, 1).value.startswith("填报人") and "单位盖章" in ws.cell(8, 1).value
    # rows start two lines high (room for a pen) and grow as a clerk types: no fixed height
    assert ws.row_dimensions[4].height >= 27
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<row r="4" ht="30"' in xml and 'r="4" ht="30" customHeight' not in xml
    assert [ws.cell(r, 6).value for r in (4, 5)] == ["0%", "30%"]  # the current percent
    assert ws.cell(5, 8).value == "已开工" and ws.cell(4, 3).data_type == "s"
    assert ws.cell(4, 2).value == "2026年重点民生实事"  # codes are unique only in a list
    assert ws.column_dimensions["B"].hidden  # … but with one list the column is not shown
    co = wb[CO]
    assert [co.cell(4, c).value for c in (1, 4, 8)] == ["C1", "县民政局", "牵头单位进展"]
    assert "完成百分比" in " ".join(str(r[0].value) for r in wb["填表说明"].iter_rows())


def test_control_characters_and_huge_texts_export_and_come_back_unchanged(db, org, tmp_path):
    with db.sessions.begin() as s:
        first = working_item(s, org, "X1")
        s.get(Item, first).title = "控制符\x01\x07标题"
        progress.report_progress(s, org.edu_clerk, first, "长" * 40_000, at=at(3, 1))
        working_item(s, org, "X2")
        s.flush()
        s.get(Item, first).remarks = HOSTILE
        civil = working_item(s, org, "X3", unit="县民政局", clerk=org.civil_clerk)
        s.get(Item, civil).title = "\x0b垂直制表符"
    with db.sessions.begin() as s:
        result = returns.export_unit_packs(s, tmp_path, at=at(4, 1))
    assert result.failed == [] and len(result.written) == 2
    ws = load_workbook(result.written[0])[LEAD]
    assert ws.cell(4, 3).value == "控制符标题"
    assert len(ws.cell(4, 8).value) == 32767 and ws.cell(4, 8).value.endswith("（超长，已截断）")
    assert {ln.action for ln in plan(db, result.written[0]).lines} == {"unchanged"}


def test_one_unit_that_cannot_be_written_does_not_stop_the_others(db, items, tmp_path, monkeypatch):
    real = unit_pack.write_pack

    def disk_full_for_education(path, unit_id, unit, *args):  # a fault, not our logic
        if unit == "县教育局":
            path.write_bytes(b"half")
            raise OSError(28, "磁盘空间不足")
        return real(path, unit_id, unit, *args)

    monkeypatch.setattr(unit_pack, "write_pack", disk_full_for_education)
    with db.sessions.begin() as s:
        result = returns.export_unit_packs(s, tmp_path / "packs", at=at(4, 1))
    assert [p.name for p in result.written] == ["县民政局-填报包-20260401.xlsx"]
    assert [unit for unit, _ in result.failed] == ["县教育局"]
    assert "磁盘空间不足" in result.failed[0][1]
    assert [p.name for p in (tmp_path / "packs").iterdir()] == ["县民政局-填报包-20260401.xlsx"]


def test_a_new_export_never_overwrites_a_pack_already_in_the_folder(db, items, tmp_path):
    first = fill(export(db, tmp_path), {(LEAD, "E1", "进展情况"): "已填好的内容"})
    second = export(db, tmp_path)
    assert second.name == "县教育局-填报包-20260401-2.xlsx"
    assert by_code(plan(db, first))["E1"].action == "update"


def test_units_asked_for_with_nothing_to_fill_are_named(db, items, tmp_path):
    with db.sessions.begin() as s:
        result = returns.export_unit_packs(s, tmp_path, ["城关镇", "县民政局"], at=at(4, 1))
    assert result.empty == ["城关镇"] and len(result.written) == 1


def test_cli_reports_a_failed_unit_and_exits_1(cli, tmp_path, monkeypatch):
    assert cli("demo", "--items", "200", "--seed", "3")[0] == 0
    real = unit_pack.write_pack
    failing = []

    def first_fails(path, unit_id, unit, *args):
        if not failing:
            failing.append(unit)
            raise OSError(13, "拒绝访问")
        return real(path, unit_id, unit, *args)

    monkeypatch.setattr(unit_pack, "write_pack", first_fails)
    code, printed, err = cli("export", "unit-packs", "--out", str(tmp_path / "packs"))
    assert code == 1 and f"“{failing[0]}”的填报包未能导出" in err and "拒绝访问" in err
    assert "个单位的填报包" in printed and len(list((tmp_path / "packs").glob("*.xlsx"))) > 5


def test_unit_names_that_are_not_file_names(db, org, tmp_path):
    from tracker.services import registry

    with db.sessions.begin() as s:
        registry.add_unit(s, org.admin, "县教育局/体育局")
        working_item(s, org, "S1", unit="县教育局/体育局", clerk=org.admin)
    with db.sessions.begin() as s:
        result = returns.export_unit_packs(s, tmp_path, ["县教育局/体育局"], at=at(4, 1))
    assert [p.name for p in result.written] == ["县教育局_体育局-填报包-20260401.xlsx"]


# -- values as clerks type them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number_format", "expected"),
    [
        (0.9, "0%", 90),  # “90%” typed into the cell
        (1, "0%", 100),  # “100%”
        ("90%", "@", 90),
        ("９０％", "@", 90),
        (90, "General", 90),
        (85.0, "General", 85),
        (0.5, "General", 50),  # a fraction typed without the % sign
    ],
)
def test_percent_is_read_as_the_clerk_meant(db, items, tmp_path, typed, number_format, expected):
    key = (LEAD, "E1", "完成百分比")
    path = fill(export(db, tmp_path), {key: typed}, {key: number_format})
    line = by_code(plan(db, path))["E1"]
    assert line.action == "update" and line.changes == {"完成百分比": (0, expected)}
    apply(db, plan(db, path))
    with db.sessions.begin() as s:
        item = s.get(Item, items["E1"])
        assert (item.progress_percent, item.latest_progress) == (expected, None)


@pytest.mark.parametrize(
    ("typed", "why"),
    [(85.5, "带小数"), ("九十", "不是数字"), (150, "不在 0 到 100 之间"), ("-5", "不在 0 到 100")],
)
def test_a_percent_that_cannot_be_read_is_refused_but_the_rest_of_the_row_lands(
    db, items, tmp_path, typed, why
):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E2", "完成百分比"): typed, (LEAD, "E2", "进展情况"): "主体完工"},
    )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "update" and list(line.changes) == ["进展情况"]
    assert any(why in r for r in line.refusals), line.refusals
    apply(db, plan(db, path))
    with db.sessions.begin() as s:
        item = s.get(Item, items["E2"])
        assert (item.latest_progress, item.progress_percent) == ("主体完工", 30)


def test_only_problems_filled_is_a_report_that_keeps_the_progress_text(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "需协调事项"): "需财政局拨付资金"})
    line = by_code(plan(db, path))["E2"]
    assert line.action == "update" and line.changes == {"需协调事项": (None, "需财政局拨付资金")}
    before = snapshot(db)
    apply(db, plan(db, path))
    changed = diff(before, snapshot(db))
    assert set(changed) == {"progress_report", "audit_entry"}  # the item itself is as it was
    with db.sessions.begin() as s:
        report = s.scalars(select(ProgressReport).order_by(ProgressReport.id.desc())).first()
        assert (report.text, report.needs, report.percent) == ("", "需财政局拨付资金", None)
        assert s.get(Item, items["E2"]).latest_progress == "已开工"
    assert {ln.action for ln in plan(db, path).lines} == {"unchanged"}  # idempotent


def test_percent_only_keeps_the_last_real_progress_text(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "完成百分比"): 60})
    before = snapshot(db)
    apply(db, plan(db, path))
    changed = diff(before, snapshot(db))
    assert item_changes(changed) == {item_pk(db, "E2"): BUMP | {"progress_percent"}}
    with db.sessions.begin() as s:
        item = s.get(Item, items["E2"])
        assert (item.latest_progress, item.progress_percent) == ("已开工", 60)


def test_a_date_typed_into_progress_reads_as_written_and_the_done_date_is_kept(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {
            (LEAD, "E1", "进展情况"): dt.datetime(2026, 10, 20),
            (LEAD, "E1", "实际完成日期"): "2026年10月18日",
        },
    )
    line = by_code(plan(db, path))["E1"]
    assert line.changes == {"进展情况": (None, "2026-10-20\n实际完成日期：2026-10-18")}
    assert line.action == "warning" and "填的是日期" in line.warnings[0]  # a wrong column?
    apply(db, plan(db, path), take={"E1"})
    with db.sessions.begin() as s:
        assert s.get(Item, items["E1"]).latest_progress == "2026-10-20\n实际完成日期：2026-10-18"
    assert by_code(plan(db, path))["E1"].action == "unchanged"  # the same file again


def test_done_date_alone_in_the_future_or_twice(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E1", "实际完成日期"): dt.datetime(2026, 3, 30), (LEAD, "E1", "完成百分比"): 100},
    )
    line = by_code(plan(db, path))["E1"]
    assert line.changes == {"进展情况": (None, "实际完成日期：2026-03-30"), "完成百分比": (0, 100)}
    apply(db, plan(db, path))
    assert by_code(plan(db, path))["E1"].action == "unchanged"
    path = fill(path, {(LEAD, "E2", "实际完成日期"): "2099-01-01"})
    assert "晚于今天" in by_code(plan(db, path))["E2"].refusals[0]


def test_text_longer_than_the_validation_allows_is_refused(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E1", "进展情况"): "字" * 3000, (LEAD, "E1", "完成百分比"): 40},
    )
    line = by_code(plan(db, path))["E1"]
    assert line.label == "部分更新" and list(line.changes) == ["完成百分比"]
    assert "有 3000 字，超过 2000 字的上限" in line.refusals[0]


def test_a_pack_sent_back_twice_changes_nothing_the_second_time(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {
            (LEAD, "E3", "进展情况"): "已完成",
            (LEAD, "E3", "完成百分比"): 100,
            (LEAD, "E3", "申请销号"): "是",
            (LEAD, "E3", "实际完成日期"): "2026-03-30",
            (LEAD, "E2", "存在问题"): "资金未到位",
        },
    )
    assert apply(db, plan(db, path)).applied == 2
    before = snapshot(db)
    again = plan(db, path)
    assert {ln.action for ln in again.lines} == {"unchanged"}, [ln.message for ln in again.lines]
    assert apply(db, again).applied == 0 and diff(before, snapshot(db)) == {}


# -- the ledger moved on meanwhile --------------------------------------------------------


def test_an_urge_after_the_export_is_no_conflict(db, org, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "进展情况"): "主体完工"})
    with db.sessions.begin() as s:
        progress.urge(s, org.supervisor, items["E2"], "请加快", at=at(4, 2))
    line = by_code(plan(db, path))["E2"]
    assert line.action == "update" and line.conflicts == []


def test_a_field_changed_on_both_sides_is_a_conflict_naming_both_values(db, org, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E2", "进展情况"): "表格里的进展", (LEAD, "E2", "完成百分比"): 50},
    )
    with db.sessions.begin() as s:
        progress.report_progress(
            s, org.edu_clerk, items["E2"], "台账里的进展", percent=40, at=at(4, 2)
        )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "conflict"
    assert line.conflicts == [
        "进展情况：导出后台账中已更新为“台账里的进展”，表中填“表格里的进展”",
        "完成百分比：导出时 30%，台账现为 40%，表中填 50%",
    ]
    assert apply(db, plan(db, path)).applied == 0
    assert apply(db, plan(db, path), take={"E2"}).applied == 1
    with db.sessions.begin() as s:
        item = s.get(Item, items["E2"])
        assert (item.latest_progress, item.progress_percent) == ("表格里的进展", 50)


def test_only_the_field_changed_on_both_sides_conflicts(db, org, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "完成百分比"): 50})
    with db.sessions.begin() as s:  # the ledger got a new text, the pack only a percent
        progress.report_progress(s, org.edu_clerk, items["E2"], "台账里的进展", at=at(4, 2))
    assert by_code(plan(db, path))["E2"].action == "update"


@pytest.mark.parametrize(
    ("header", "typed", "advice"),
    [
        ("完成时限", "2026年12月底", "请通过延期申请"),
        ("事项名称", "改过的名称", "事项名称已锁定"),
        ("当前进度", "100%", "是只读列"),
    ],
)
def test_a_locked_cell_edited_is_refused_alone_with_what_to_do(
    db, items, tmp_path, header, typed, advice
):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E2", header): typed, (LEAD, "E2", "进展情况"): "主体完工"},
    )
    line = by_code(plan(db, path))["E2"]
    assert line.label == "部分更新" and list(line.changes) == ["进展情况"]
    assert len(line.refusals) == 1 and advice in line.refusals[0]
    before = snapshot(db)
    apply(db, plan(db, path))
    changed = item_changes(diff(before, snapshot(db)))
    assert changed == {item_pk(db, "E2"): BUMP | {"latest_progress", "latest_progress_on"}}


def test_name_and_deadline_both_edited_cannot_be_told_from_a_changed_code(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {
            (LEAD, "E2", "完成时限"): "2026年12月底",
            (LEAD, "E2", "事项名称"): "改过的名称",
            (LEAD, "E2", "进展情况"): "主体完工",
        },
    )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "problem" and "编号可能被改动" in line.refusals[0]


def test_a_percent_going_down_needs_a_reason_and_the_clerks_take(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "完成百分比"): 10})
    line = by_code(plan(db, path))["E2"]
    assert line.action == "problem" and "须在进展情况中写明原因" in line.refusals[0]
    path = fill(path, {(LEAD, "E2", "进展情况"): "复核发现前期统计有误"})
    line = by_code(plan(db, path))["E2"]
    assert line.action == "warning" and line.warnings == ["完成百分比由 30% 降为 10%，请确认"]
    assert apply(db, plan(db, path)).applied == 0
    assert apply(db, plan(db, path), take={"E2"}).applied == 1
    with db.sessions.begin() as s:
        assert s.get(Item, items["E2"]).progress_percent == 10


# -- closure, extension, co-units ---------------------------------------------------------


def test_closure_request_needs_a_statement(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E3", "申请销号"): "是"})
    line = by_code(plan(db, path))["E3"]
    assert line.action == "problem" and "写明完成了什么" in line.refusals[0]
    path = fill(
        path, {(LEAD, "E3", "完成情况"): "已全部完成并验收", (LEAD, "E3", "完成百分比"): 100}
    )
    apply(db, plan(db, path))
    with db.sessions.begin() as s:
        item = s.get(Item, items["E3"])
        assert (item.status, item.progress_percent) == (Status.CLOSURE_REQUESTED, 100)


def test_extension_requested_in_the_pack(db, items, tmp_path):
    when = at(4, 5)
    path = fill(export(db, tmp_path), {(LEAD, "E1", "申请延期至"): dt.datetime(2026, 9, 30)})
    assert "须填写延期理由" in by_code(plan(db, path, when))["E1"].refusals[0]
    path = fill(path, {(LEAD, "E1", "延期理由"): "汛期施工受阻"})
    line = by_code(plan(db, path, when))["E1"]
    assert line.changes == {"申请延期": (dt.date(2026, 6, 30), dt.date(2026, 9, 30))}
    assert apply(db, plan(db, path, when), when=when).failed == []
    with db.sessions.begin() as s:
        ext = s.scalars(select(Extension)).one()
        assert (ext.new_date, ext.reason, ext.status) == (
            dt.date(2026, 9, 30),
            "汛期施工受阻",
            "pending",
        )
    again = by_code(plan(db, path, when))["E1"]  # the same pack sent again
    assert again.action == "unchanged" and again.notes == [
        "延期至 2026-09-30 的申请已提交（待审批）"
    ]
    other = fill(export(db, tmp_path / "2"), {(LEAD, "E2", "申请延期至"): "2026-08-31"})
    other = fill(other, {(LEAD, "E2", "延期理由"): "资金未到位"})
    assert "延期须在到期前申请" in by_code(plan(db, other, at(7, 1)))["E2"].refusals[0]


def test_an_old_pack_sent_again_does_not_undo_the_supervisors_decisions(db, org, items, tmp_path):
    when = at(4, 5)
    path = fill(
        export(db, tmp_path),
        {
            (LEAD, "E3", "申请销号"): "是",
            (LEAD, "E3", "完成情况"): "已完成",
            (LEAD, "E3", "完成百分比"): 100,
            (LEAD, "E1", "申请延期至"): "2026-09-30",
            (LEAD, "E1", "延期理由"): "汛期",
        },
    )
    assert apply(db, plan(db, path, when), when=when).applied == 2
    with db.sessions.begin() as s:
        transitions.move(s, org.supervisor, items["E3"], "rectify", reason="材料不全", at=at(4, 6))
        extensions.decide_extension(s, org.supervisor, items["E1"], False, "理由不足", at=at(4, 6))
    lines = by_code(plan(db, path, at(4, 7)))
    assert "申请过销号（需要整改）" in lines["E3"].refusals[0]
    assert "申请延期至" not in lines["E1"].changes
    assert lines["E1"].notes == ["延期至 2026-09-30 的申请已提交（不批准）"]
    before = snapshot(db)
    apply(db, plan(db, path, at(4, 7)), when=at(4, 7))
    assert diff(before, snapshot(db)) == {}


def test_co_unit_sheet_reports_reach_the_lead_units_view(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {(CO, "C1", "进展情况"): "已完成本单位承担的摸排", (CO, "C1", "存在问题"): "人手不足"},
    )
    line = by_code(plan(db, path))["C1"]
    assert (line.sheet, line.action) == (CO, "update")
    before = snapshot(db)
    apply(db, plan(db, path))
    changed = diff(before, snapshot(db))
    assert set(changed) == {"progress_report", "audit_entry"}  # the lead unit's figures stay
    with db.sessions.begin() as s:
        item = s.get(Item, items["C1"])
        assert (item.latest_progress, item.progress_percent) == ("牵头单位进展", 0)
        events = [e.text for e in item_history(s, items["C1"]) if e.kind == "配合单位进展"]
    assert len(events) == 1 and "县教育局" in events[0] and "人手不足" in events[0]
    assert by_code(plan(db, path))["C1"].action == "unchanged"


# -- wrong files and rows -----------------------------------------------------------------


def test_foreign_duplicate_and_copied_rows_are_problems(db, items, tmp_path):
    civil = export(db, tmp_path / "mz", "县民政局")
    civil_row = [c.value for c in load_workbook(civil)[LEAD][4]]
    path = export(db, tmp_path)
    wb = load_workbook(path)
    ws = wb[LEAD]
    ws.insert_rows(7, 2)
    for c, value in enumerate([*civil_row[:9], "他单位的进展"], start=1):
        ws.cell(7, c).value = value
    for c, value in enumerate([*[c.value for c in ws[5]][:9], "重复的一行"], start=1):
        ws.cell(8, c).value = value
    wb.save(path)
    lines = {ln.row: ln for ln in plan(db, path).lines}
    assert lines[7].action == "problem" and "不在这张表导出的事项里" in lines[7].refusals[0]
    assert lines[8].action == "problem" and "第5行已出现" in lines[8].refusals[0]


def test_an_edited_check_sheet_is_refused_per_row(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "进展情况"): "x"})
    wb = load_workbook(path)
    meta = wb["_校验"]
    row = next(r for r in meta.iter_rows(min_row=2) if r[3].value == "E2")
    row[5].value = 99  # the exported percent
    wb.save(path)
    line = by_code(plan(db, path))["E2"]
    assert line.action == "problem" and "校验页被改动" in line.refusals[0]


def test_an_old_format_pack_is_refused_with_what_to_do(db, items, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = LEAD
    wb.create_sheet("_校验").append(["shishi-pack-1", 1, "县教育局", "2026-04-01T00:00:00"])
    wb.save(tmp_path / "old.xlsx")
    with pytest.raises(ImportFileError, match="旧版本导出的填报包"):
        plan(db, tmp_path / "old.xlsx")


def test_dry_run_json_lists_every_row(cli, db_path, tmp_path):
    from tracker.db import open_database
    from tracker.services.ledger_files import local_desk  # noqa: F401  (the ledger exists)

    assert cli("demo", "--items", "300", "--seed", "5")[0] == 0
    with open_database(str(db_path)) as db:
        with db.sessions.begin() as s:
            unit = next(u for u, n in _units_with_items(s) if n >= 2 and _has_clerk(s, u))
        path = export(db, tmp_path, unit)
    wb = load_workbook(path)
    ws = wb[LEAD]
    codes = [ws.cell(r, 1).value for r in (4, 5)]
    ws.cell(4, 10).value = "进展甲"
    ws.cell(5, 11).value = "很多"
    wb.save(path)
    code, out, _ = cli("import-return", str(path), "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    lines = {ln["code"]: ln for ln in data["lines"]}
    assert lines[codes[0]]["action"] == "update"
    assert lines[codes[0]]["changes"]["进展情况"]["new"] == "进展甲"
    assert lines[codes[1]]["action"] == "problem"
    assert "不是数字" in lines[codes[1]]["refusals"][0]
    assert set(data["counts"]) == {"update", "warning", "conflict", "unchanged", "problem"}


def _units_with_items(s):
    from sqlalchemy import func

    from tracker.models import Unit

    return s.execute(
        select(Unit.name, func.count(Item.id))
        .join(Item, Item.lead_unit_id == Unit.id)
        .where(Item.status.in_(returns.PACK_STATUSES))
        .group_by(Unit.name)
        .order_by(Unit.name)
    ).all()


def _has_clerk(s, unit):
    from tracker.models import Unit, User

    return s.scalar(select(User.id).join(Unit, Unit.id == User.unit_id).where(Unit.name == unit))


# -- the whole matrix through LibreOffice -------------------------------------------------


MATRIX = {
    (LEAD, "E1", "完成百分比"): 0.9,  # 90 % in a percent cell
    (LEAD, "E1", "进展情况"): "主体完工",
    (LEAD, "E2", "存在问题"): "雨季影响工期",
    (LEAD, "E3", "完成百分比"): 1,  # 100 % in a percent cell
    (LEAD, "E3", "申请销号"): "是",
    (LEAD, "E3", "完成情况"): "已全部完成",
    (LEAD, "E3", "完成时限"): "2027年",  # a locked cell edited
    (LEAD, "E4", "完成百分比"): "90%",  # typed as text
    (LEAD, "E5", "完成百分比"): 85.5,  # refused, the row's text still lands
    (LEAD, "E5", "进展情况"): "部分完工",
    (CO, "C1", "进展情况"): "配合完成摸排",
}
PERCENT_CELLS = {(LEAD, "E1", "完成百分比"): "0%", (LEAD, "E3", "完成百分比"): "0%"}


def _matrix_pack(db, org, items, tmp_path):
    with db.sessions.begin() as s:
        items.update({code: working_item(s, org, code) for code in ("E4", "E5")})
    path = fill(export(db, tmp_path), MATRIX, PERCENT_CELLS)
    with db.sessions.begin() as s:  # meanwhile: an urge and a supervisor's edit elsewhere
        progress.urge(s, org.supervisor, items["E3"], "请尽快", at=at(4, 2))
        transitions.move(s, org.supervisor, items["E1"], "suspend", reason="暂缓", at=at(4, 2))
        transitions.move(s, org.supervisor, items["E1"], "resume", at=at(4, 3))
    return path


def _assert_matrix_written(db, items, before):
    changed = diff(before, snapshot(db))
    pk = {code: (items[code],) for code in items}
    assert item_changes(changed) == {  # E2 and C1 got reports that leave the item as it was
        pk["E1"]: BUMP | {"latest_progress", "latest_progress_on", "progress_percent"},
        pk["E3"]: BUMP | {"status", "requested_on", "progress_percent"},
        pk["E4"]: BUMP | {"progress_percent"},
        pk["E5"]: BUMP | {"latest_progress", "latest_progress_on"},
    }
    assert {t: (c["added"], c["removed"]) for t, c in changed.items() if t != "item"} == {
        "progress_report": (6, 0),  # E1–E5 and C1's
        "closure_request": (1, 0),
        "audit_entry": (7, 0),  # six reports and the closure request
        "item_history": (4, 0),  # E1, E3 and E4 percents, E3 state
        "attachment": (0, 0),  # E3's evidence now names its request (changed, not added)
    }
    assert list(changed["attachment"]["changed"].values()) == [{"closure_request_id"}]
    with db.sessions.begin() as s:
        got = {
            i.code: (i.latest_progress, i.progress_percent, i.status)
            for i in s.scalars(select(Item))
        }
    assert got["E1"] == ("主体完工", 90, Status.IN_PROGRESS)
    assert got["E2"] == ("已开工", 30, Status.IN_PROGRESS)
    assert got["E3"] == (None, 100, Status.CLOSURE_REQUESTED)
    assert got["C1"] == ("牵头单位进展", 0, Status.IN_PROGRESS)
    assert got["E4"] == (None, 90, Status.IN_PROGRESS)
    assert got["E5"] == ("部分完工", 0, Status.IN_PROGRESS)


def test_matrix_filled_with_openpyxl(db, org, items, tmp_path):
    path = _matrix_pack(db, org, items, tmp_path)
    p = plan(db, path)
    assert {c: ln.action for c, ln in by_code(p).items()} == dict.fromkeys(
        ("E1", "E2", "E3", "E4", "E5", "C1"), "update"
    )
    assert any("请通过延期申请" in r for r in by_code(p)["E3"].refusals)
    assert any("带小数" in r for r in by_code(p)["E5"].refusals)
    before = snapshot(db)
    assert apply(db, p).applied == 6
    _assert_matrix_written(db, items, before)


@needs_office
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_matrix_resaved_by_libreoffice(db, org, items, tmp_path, suffix):
    path = _matrix_pack(db, org, items, tmp_path)
    out = tmp_path / "resaved"
    filters = {"xlsx": "xlsx", "xls": "xls:MS Excel 97", "ods": "ods"}
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", filters[suffix], "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    p = plan(db, out / f"{path.stem}.{suffix}")
    actions = {c: ln.action for c, ln in by_code(p).items()}
    knows = suffix != "xls"  # .xls does not say which cells are percentages
    assert actions == {
        **dict.fromkeys(("E1", "E2", "E4", "E5", "C1"), "update"),
        "E3": "update" if knows else "warning",
    }
    before = snapshot(db)
    apply(db, p, take={"E3"} if not knows else set())
    if not knows:  # 1 read as 1 % with a warning the clerk took; the percent of 0 → 1
        with db.sessions.begin() as s:
            assert s.get(Item, items["E3"]).progress_percent == 1
        return
    _assert_matrix_written(db, items, before)


def test_deleted_and_reordered_rows_still_match_by_code(db, items, tmp_path):
    path = export(db, tmp_path)
    wb = load_workbook(path)
    ws = wb[LEAD]
    e3 = [c.value for c in ws[6]]
    ws.delete_rows(4, 3)
    for c, value in enumerate([*e3[:9], "倒序填报"], start=1):
        ws.cell(4, c).value = value
    wb.save(path)
    lines = [(ln.code, ln.action) for ln in plan(db, path).lines if ln.sheet == LEAD]
    assert lines == [("E3", "update")]


def test_not_a_pack_is_refused_with_exit_2(cli, tmp_path):
    from tests.tracker.excel.messy import build

    assert cli("init")[0] == 0
    code, _, err = cli("import-return", str(build(tmp_path / "x.xlsx")), "--dry-run")
    assert code == 2 and "不是本系统导出的填报包" in err


# -- what the first user test found -------------------------------------------------------


def test_a_pack_is_refused_by_the_list_import(cli, db, items, tmp_path):
    from tracker.excel.reader import read_grid

    path = export(db, tmp_path)
    with pytest.raises(ImportFileError, match="这是单位填报包，请用“导入单位填报包”导入"):
        read_grid(path)


def test_an_unsigned_item_is_signed_and_the_preview_says_so(db, org, items, tmp_path):
    from tests.tracker.org import new_item

    with db.sessions.begin() as s:
        fresh = new_item(s, org, "E6")
        unsigned_co = new_item(s, org, "C2", unit="县民政局", co_units=("县教育局",))
        for item_id in (fresh, unsigned_co):
            for action in ("submit", "assign"):
                transitions.move(s, org.supervisor, item_id, action, at=at(1, 10))
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E6", "进展情况"): "已开始施工", (CO, "C2", "进展情况"): "配合摸排"},
    )
    lines = by_code(plan(db, path))
    assert list(lines["E6"].changes) == ["签收", "进展情况"]
    assert "将以本单位名义先签收" in lines["E6"].notes[0]
    assert lines["C2"].action == "problem" and "牵头单位尚未签收" in lines["C2"].refusals[0]
    assert apply(db, plan(db, path)).failed == []
    with db.sessions.begin() as s:
        assert s.get(Item, fresh).status == Status.IN_PROGRESS


def test_a_code_typed_over_refuses_the_row(db, items, tmp_path):
    path = fill(export(db, tmp_path), {(LEAD, "E1", "完成百分比"): 97, (LEAD, "E1", "编号"): "E2"})
    lines = [ln for ln in plan(db, path).lines if ln.sheet == LEAD]
    assert (lines[0].code, lines[0].action) == ("E2", "problem")
    assert "编号可能被改动" in lines[0].refusals[0]
    assert lines[1].action == "unchanged"  # the real E2 row


def test_problems_changed_on_both_sides_conflict_showing_the_ledgers_value(
    db, org, items, tmp_path
):
    path = fill(export(db, tmp_path), {(LEAD, "E2", "存在问题"): "资金未到位"})
    with db.sessions.begin() as s:
        progress.report_progress(
            s, org.edu_clerk, items["E2"], "补报", problems="台账里填的问题", at=at(4, 2)
        )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "conflict"
    assert line.changes == {"存在问题": ("台账里填的问题", "资金未到位")}
    assert line.conflicts == [
        "存在问题：导出后本单位于 2026-04-02 在台账中已报送过（最近为“台账里填的问题”），"
        "表中填“资金未到位”"
    ]


def test_closure_below_100_percent_is_refused_by_the_gate(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E2", "申请销号"): "是", (LEAD, "E2", "完成情况"): "基本完成"},
    )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "problem" and line.refusals == [
        "事项“E2”不能申请销号：完成百分比为 30%，达到 100% 才能申请销号；申请销号未采用"
    ]
    assert "申请销号" not in line.changes


def test_closure_below_100_percent_set_to_full_needs_the_clerks_take(db, org, items, tmp_path):
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "closure_percent", "set")
    path = fill(
        export(db, tmp_path),
        {(LEAD, "E2", "申请销号"): "是", (LEAD, "E2", "完成情况"): "基本完成"},
    )
    line = by_code(plan(db, path))["E2"]
    assert line.action == "warning"
    assert line.warnings == ["完成百分比为 30%，申请销号时将记为 100%，请确认"]
    assert apply(db, plan(db, path), take={"E2"}).applied == 1
    with db.sessions.begin() as s:
        item = s.get(Item, items["E2"])
        assert (item.status, item.progress_percent) == (Status.CLOSURE_REQUESTED, 100)


def test_closure_without_evidence_is_refused_and_the_rest_of_the_row_lands(db, items, tmp_path):
    path = fill(
        export(db, tmp_path),
        {
            (LEAD, "E1", "进展情况"): "已全部完工",
            (LEAD, "E1", "完成百分比"): 100,
            (LEAD, "E1", "申请销号"): "是",
            (LEAD, "E1", "完成情况"): "已完工",
        },
    )
    line = by_code(plan(db, path))["E1"]
    assert line.refusals == [
        "事项“E1”不能申请销号：还没有佐证材料，请先上传佐证材料（照片、验收单、文件等）；"
        "申请销号未采用"
    ]
    assert apply(db, plan(db, path)).applied == 1
    with db.sessions.begin() as s:
        item = s.get(Item, items["E1"])
        assert (item.status, item.progress_percent) == (Status.IN_PROGRESS, 100)


def test_a_pack_of_another_ledger_is_refused_once(db, items, tmp_path, db_url):
    from tracker.db import open_database
    from tracker.services.ledger_files import local_desk

    path = export(db, tmp_path)
    other = tmp_path / "other.db"
    with open_database(str(other)) as second:
        local_desk(second)
    for read_only in (False, True):  # a dry run opens read-only and must say the same
        with (
            open_database(str(other), read_only=read_only) as second,
            pytest.raises(ValidationError, match="不是本台账导出的"),
        ):
            plan(second, path)
    with db.sessions.begin() as s:  # and a pack signed by another ledger's key
        s.get(Setting, "pack_secret").value = "0" * 64
    with pytest.raises(ValidationError, match="不是本台账导出的"):
        plan(db, path)


def test_a_pack_is_written_only_as_its_own_units_clerk(db, org, items, tmp_path):
    p = plan(db, fill(export(db, tmp_path), {(LEAD, "E1", "进展情况"): "x"}))
    with db.sessions.begin() as s:
        for login in ("dc", "mz"):
            with pytest.raises(ValidationError, match="不是该单位的承办单位账号"):
                returns.unit_clerk(s, p.unit_id, login)
        assert returns.unit_clerk(s, p.unit_id, "jy").login == "jy"


@pytest.mark.parametrize(("typed", "expected"), [("0.96", 96), (" 90 ", 90), ("96.0", 96)])
def test_percent_typed_as_text_numbers(db, items, tmp_path, typed, expected):
    path = fill(export(db, tmp_path), {(LEAD, "E1", "完成百分比"): typed})
    assert by_code(plan(db, path))["E1"].changes == {"完成百分比": (0, expected)}


def test_an_inserted_row_without_a_code_says_so(db, items, tmp_path):
    path = export(db, tmp_path)
    wb = load_workbook(path)
    wb[LEAD].insert_rows(5)
    wb[LEAD].cell(5, 10).value = "插入的一行"
    wb.save(path)
    line = next(ln for ln in plan(db, path).lines if ln.row == 5)
    assert "这一行没有编号（可能是插入的行）" in line.refusals[0]


def test_a_co_units_report_is_not_the_lead_units_word(db, org, items, tmp_path):
    with db.sessions.begin() as s:  # 教育局 co-organises C1; 民政局 leads it and exports
        path = returns.export_unit_packs(s, tmp_path, ["县民政局"], at=at(4, 1)).written[0]
        progress.report_progress(
            s, org.edu_clerk, items["C1"], "配合进展", problems="配合单位的问题", at=at(4, 2)
        )
    path = fill(path, {(LEAD, "C1", "存在问题"): "牵头单位的问题"})
    line = by_code(plan(db, path))["C1"]
    assert line.action == "update" and line.changes == {"存在问题": (None, "牵头单位的问题")}


# -- what the second user test found ------------------------------------------------------


def test_the_same_code_in_two_lists_is_two_rows(db, org, items, tmp_path):
    from tests.tracker.org import working_item as work

    with db.sessions.begin() as s:
        other = work(s, org, "E1", list_id=org.promise_list)
    path = fill(export(db, tmp_path), {(LEAD, "E2", "进展情况"): "x"})
    wb = load_workbook(path)
    ws = wb[LEAD]
    assert not ws.column_dimensions["B"].hidden  # two lists: the 清单 column is shown
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(4, 8)}
    ws.cell(rows[("E1", "2026年承诺事项")], 10).value = "承诺事项的进展"
    wb.save(path)
    lines = [ln for ln in plan(db, path).lines if ln.code == "E1"]
    assert sorted(ln.action for ln in lines) == ["unchanged", "update"]
    apply(db, plan(db, path))
    with db.sessions.begin() as s:
        assert s.get(Item, other).latest_progress == "承诺事项的进展"
        assert s.get(Item, items["E1"]).latest_progress is None


def test_a_pack_copied_into_a_new_workbook_is_refused_by_both_imports(db, items, tmp_path):
    from openpyxl import Workbook

    from tracker.excel.reader import read_grid

    source = load_workbook(export(db, tmp_path))[LEAD]
    copy = Workbook()
    for row in source.iter_rows(values_only=True):
        copy.active.append(row)
    copy.save(tmp_path / "复制.xlsx")
    with pytest.raises(ImportFileError, match="从单位填报包复制出来的表格"):
        read_grid(tmp_path / "复制.xlsx")
    with pytest.raises(ImportFileError, match="请让单位在原填报包文件中填写后发回"):
        plan(db, tmp_path / "复制.xlsx")


def test_a_unit_that_only_co_organises_gets_no_empty_lead_page(db, org, items, tmp_path):
    from tracker.services import registry

    with db.sessions.begin() as s:
        registry.add_unit(s, org.admin, "县财政局")
        working_item(s, org, "F1", co_units=("县财政局",))
    path = export(db, tmp_path, "县财政局")
    wb = load_workbook(path)
    assert wb[LEAD].sheet_state == "hidden" and wb[CO].sheet_state == "visible"
    assert wb.active.title == CO


def test_missing_rows_and_odd_percents_are_said(db, items, tmp_path):
    path = export(db, tmp_path)
    wb = load_workbook(path)
    wb[LEAD].delete_rows(6)  # E3's row
    wb[LEAD]["K4"] = "9 0"
    wb.save(path)
    p = plan(db, path)
    assert p.missing == ["E3"]
    assert "不是数字" in by_code(p)["E1"].refusals[0]


def test_cli_says_when_a_take_names_no_row_to_take(cli, db_path, tmp_path):
    from tracker.db import open_database

    assert cli("demo", "--items", "300", "--seed", "5")[0] == 0
    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        unit = next(u for u, n in _units_with_items(s) if n >= 2 and _has_clerk(s, u))
    with open_database(str(db_path)) as db:
        path = export(db, tmp_path, unit)
    code, _, err = cli("import-return", str(path), "--take", "NO-SUCH")
    assert code == 0 and "NO-SUCH 不是冲突或需确认的行" in err


def test_a_routine_return_keeps_the_open_need_and_a_written_none_clears_it(
    db, org, items, tmp_path
):
    e1 = items["E1"]
    with db.sessions.begin() as s:
        progress.report_progress(s, org.edu_clerk, e1, "开工", needs="协调用地", at=at(3, 2))
    path = fill(export(db, tmp_path / "first"), {(LEAD, "E1", "进展情况"): "主体施工"})
    assert apply(db, plan(db, path)).applied == 1
    with db.sessions.begin() as s:
        assert progress.open_points(s, org.edu_clerk, e1) == (None, "协调用地")
    path = fill(export(db, tmp_path / "second"), {(LEAD, "E1", "需协调事项"): "无"})
    line = by_code(plan(db, path))["E1"]
    assert line.changes == {"需协调事项": ("协调用地", "（已解决）")}
    # (the test's packs are stamped 04-01, before the first return: a since-export conflict)
    assert apply(db, plan(db, path), take={"E1"}).applied == 1
    with db.sessions.begin() as s:
        assert progress.open_points(s, org.edu_clerk, e1) == (None, None)
