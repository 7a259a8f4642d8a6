"""Importing the messy county list: every field, every format, re-import, atomic apply."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.tracker.excel.messy import TITLE, edit
from tests.tracker.excel.messy import apply_as_admin as _apply
from tests.tracker.excel.messy import plan as _plan
from tracker import audit
from tracker.actors import actor_by_login
from tracker.errors import Cancelled, ValidationError
from tracker.models import Item, Person, Unit
from tracker.services import registry

DATA = Path(__file__).resolve().parents[2] / "data"

EXPECTED = [
    # row, serial, title, category, lead, co-units, assignee, phone, deadline, precision, ongoing
    (
        6,
        "1",
        "城关镇中心小学食堂提升改造",
        "教育",
        "县教育局",
        ["城关镇", "县财政局"],
        "刘洋",
        "13907310011",
        "2026-08-31",
        "month",
        False,
    ),
    (
        7,
        "2",
        "新建青石镇幼儿园",
        "教育",
        "县教育局",
        ["县住房和城乡建设局", "县自然资源局"],
        "周敏",
        "13907310013",
        "2026-09-30",
        "day",
        False,
    ),
    (8, "三", "课后服务全覆盖", "教育", "县教育局", [], "王芳", None, None, "none", True),
    (
        11,
        "1",
        "村卫生室设备更新",
        "医疗卫生",
        "县卫生健康局",
        ["县财政局", "各乡镇"],
        "陈静",
        None,
        "2026-06-30",
        "month",
        False,
    ),
    (
        12,
        "2",
        "65岁以上老年人免费体检",
        "医疗卫生",
        "县卫生健康局",
        ["城关镇"],
        "赵磊",
        "0731-8888666",
        "2026-11-30",
        "month",
        False,
    ),
]


def _summary(plan):
    return [
        (
            i["row"],
            i["serial"],
            i["title"],
            i["category"],
            i["lead_unit"],
            i["co_units"],
            i["assignee"],
            i["assignee_phone"],
            i["deadline"],
            i["deadline_precision"],
            i["ongoing"],
        )
        for i in plan.to_dict()["items"]
    ]


@pytest.mark.parametrize("source", ["generated", "messy-list.xls", "messy-list.ods"])
def test_every_field_of_the_messy_list_in_each_format(db, messy, source):
    path = messy if source == "generated" else DATA / source
    plan = _plan(db, path)
    d = plan.to_dict()
    assert d["sheet"] == "重点民生实事" and d["header_rows"] == [3, 4]
    assert d["mapping"] == {
        "serial": "序号",
        "title": "项目名称",
        "content": "主要内容",
        "leader": "牵头县领导",
        "lead_unit": "牵头单位",
        "co_units": "配合单位",
        "assignee": "责任人",
        "deadline": "完成时限",
        "progress": "推进情况",
        "remarks": "备注",
    }
    assert _summary(plan) == EXPECTED
    assert d["year"] == 2026 and d["list"] == TITLE
    assert [r["reason"] for r in d["skipped_rows"]] == [
        "分组标题（教育）",
        "空行",
        "分组标题（医疗卫生）",
        "空行",
        "合计行",
        "注释或落款",
        "注释或落款",
    ]
    assert d["errors"] == []
    first = d["items"][0]
    assert (first["content"], first["leader"], first["progress"], first["deadline_raw"]) == (
        "改造食堂800平方米",
        "张建华",
        "已完成招标",
        "2026年8月底前",
    )
    assert d["items"][4]["remarks"] == "注意：含新增人群"


def test_apply_writes_everything_and_reimport_changes_nothing(db, messy):
    result = _apply(db, _plan(db, messy), create_units=True)
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    assert "县教育局" in result.units_created
    with db.sessions.begin() as s:
        items = s.scalars(select(Item).order_by(Item.id)).all()
        assert [i.code for i in items] == [
            "2026-001",
            "2026-002",
            "2026-003",
            "2026-004",
            "2026-005",
        ]
        assert all(i.status == "registered" for i in items)
        assert items[0].deadline_date == dt.date(2026, 8, 31)
        assert items[2].deadline_kind == "ongoing" and items[2].deadline_text == "长期坚持"
        assert items[0].latest_progress == "已完成招标"
        assert s.scalar(select(Person.phone).where(Person.name == "刘洋")) == "13907310011"
        assert s.scalar(select(Unit.kind).where(Unit.name == "城关镇")) == "township"
        assert audit.verify(s).ok
        audit_count = s.scalar(select(func.count()).select_from(audit.AuditEntry))
    again = _plan(db, messy)
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 5}
    assert again.unknown_units == []
    result = _apply(db, again)
    assert (result.created, result.updated) == (0, 0)
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count()).select_from(audit.AuditEntry)) == audit_count


def test_changed_cells_become_field_level_updates(db, messy):
    _apply(db, _plan(db, messy), create_units=True)
    edit(messy, {"I6": "主体完工", "H7": "2026年10月底前"})
    plan = _plan(db, messy)
    assert plan.counts() == {"create": 0, "update": 2, "unchanged": 3}
    changes = {i.title: i.changes for i in plan.items if i.action == "update"}
    assert changes["城关镇中心小学食堂提升改造"] == {"progress": ("已完成招标", "主体完工")}
    assert changes["新建青石镇幼儿园"] == {"deadline": ("2026-09-30", "2026年10月底前")}
    _apply(db, plan)
    with db.sessions.begin() as s:
        item = s.scalar(select(Item).where(Item.title == "新建青石镇幼儿园"))
        assert item.deadline_date == dt.date(2026, 10, 31)
        assert [
            p.text for p in s.scalar(select(Item).where(Item.code == "2026-001")).progress_reports
        ] == ["已完成招标", "主体完工"]


def test_an_update_naming_a_new_person_assigns_that_person(db, messy):
    _apply(db, _plan(db, messy), create_units=True)
    with db.sessions.begin() as s:
        people = s.scalar(select(func.count()).select_from(Person))
    edit(messy, {"G6": "王新（13800000001）"})
    plan = _plan(db, messy)
    assert plan.counts() == {"create": 0, "update": 1, "unchanged": 4}
    _apply(db, plan)
    with db.sessions.begin() as s:
        item = s.scalar(select(Item).where(Item.code == "2026-001"))
        assert (item.assignee.name, item.assignee.phone) == ("王新", "13800000001")
        assert item.assignee.unit_id == item.lead_unit_id
        assert s.scalar(select(func.count()).select_from(Person)) == people + 1
        assert audit.verify(s).ok


def test_unknown_units_need_confirmation_and_known_variants_match(db, messy):
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        admin = actor_by_login(s, "admin")
        registry.add_unit(s, admin, "青山县教育局")
    plan = _plan(db, messy)
    assert plan.items[0].lead_unit == "青山县教育局"  # “县教育局” matched by its normalised name
    assert "青山县教育局" not in plan.unknown_units and "县财政局" in plan.unknown_units
    with pytest.raises(ValidationError, match="县财政局"):
        _apply(db, plan)
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count(Item.id))) == 0


def test_failure_half_way_leaves_the_ledger_as_it_was(db, db_path, messy, monkeypatch):
    _apply(db, _plan(db, messy), create_units=True)
    edit(messy, {"I6": "新的进展", "B12": "改名后的新事项"})
    plan = _plan(db, messy)
    conn = sqlite3.connect(db_path)
    before = list(conn.iterdump())
    calls = {"n": 0}

    def failing(*args, **kw):  # the items are already flushed when the audit is written
        calls["n"] += 1
        raise OSError("磁盘已满")

    monkeypatch.setattr(audit, "append_many", failing)
    with pytest.raises(OSError):
        _apply(db, plan)
    assert calls["n"] == 1
    assert list(conn.iterdump()) == before
    conn.close()


def test_cancel_after_the_last_item_still_rolls_back(db, db_path, messy):
    """取消 clicked while the bulk writes run (after the last item's tick) is honoured."""
    plan = _plan(db, messy)
    conn = sqlite3.connect(db_path)
    before = list(conn.iterdump())
    seen: list[tuple[int, int]] = []

    def cancel_at_the_end(done: int, total: int) -> None:
        if (done, total) in seen:  # the same (total, total) again: the writes are done
            raise Cancelled()
        seen.append((done, total))

    with pytest.raises(Cancelled):
        _apply(db, plan, create_units=True, progress=cancel_at_the_end)
    assert seen[-1] == (5, 5)
    assert list(conn.iterdump()) == before
    conn.close()


def test_two_row_header_without_merges(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2026年城关镇微实事清单"])
    ws.append(["序号", "实事名称", "责任单位", None, "完成时间"])
    ws.append([None, None, "牵头单位", "协办单位", None])
    ws.append([1, "路灯维修", "城关镇", "县供电公司", "2026/11/15"])
    path = tmp_path / "no-merge.xlsx"
    wb.save(path)
    plan = _plan(db, path)
    assert plan.header_rows == [2, 3]
    item = plan.items[0]
    assert (item.lead_unit, item.co_units, item.deadline.date) == (
        "城关镇",
        ["县供电公司"],
        dt.date(2026, 11, 15),
    )


def test_only_responsible_units_column_first_is_lead(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "责任单位", "完成时限"])
    ws.append(["背街小巷改造", "县住建局、城关镇、县城管局", "6月底前"])
    path = tmp_path / "units.xlsx"
    wb.save(path)
    item = _plan(db, path, year=2027).items[0]
    assert (item.lead_unit, item.co_units) == ("县住建局", ["城关镇", "县城管局"])
    assert item.deadline.date == dt.date(2027, 6, 30)


def test_manual_mapping_changes_the_plan(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "单位", "时间要求"])
    ws.append(["公厕改造", "县城管局", "2026年9月"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    plain = _plan(db, path)
    assert plain.items[0].lead_unit is None and plain.unmapped == ["单位", "时间要求"]
    mapped = _plan(db, path, mapping={"lead_unit": "单位", "deadline": "时间要求"})
    assert mapped.items[0].lead_unit == "县城管局"
    assert mapped.items[0].deadline.date == dt.date(2026, 9, 30)


def test_problems_name_row_and_column(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "牵头单位", "完成时限"])
    ws.append([1, "事项甲", "县教育局", "尽快完成"])
    ws.append([2, None, "县教育局", "2026年6月"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    errors = _plan(db, path).to_dict()["errors"]
    assert errors == [
        {
            "row": 2,
            "column": "D",
            "header": "完成时限",
            "message": "完成时限“尽快完成”没有具体日期，请确认",
        },
        {
            "row": 3,
            "column": "B",
            "header": "项目名称",
            "message": "这一行有内容但没有项目名称，未导入",
        },
    ]


def test_cli_dry_run_json_contract(cli, messy, db_path):
    assert cli("init")[0] == 0
    code, out, _ = cli("import", str(messy), "--dry-run", "--json")
    assert code == 0
    d = json.loads(out)
    assert {"file", "sheet", "header_rows", "mapping", "items", "skipped_rows", "errors"} <= set(d)
    assert set(d["items"][0]) >= {
        "row",
        "serial",
        "code",
        "title",
        "content",
        "category",
        "leader",
        "lead_unit",
        "co_units",
        "assignee",
        "assignee_phone",
        "deadline",
        "deadline_raw",
        "deadline_precision",
        "ongoing",
        "progress",
        "remarks",
        "action",
    }
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM item").fetchone() == (0,)
    conn.close()
    code, out, _ = cli("import", str(messy))
    assert code == 0 and "新增 5 项" in out and "备份" in out
    code, out, _ = cli("import", str(messy))
    assert code == 0 and "没有需要写入的变化" in out
