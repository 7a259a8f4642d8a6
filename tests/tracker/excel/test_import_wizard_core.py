"""What the import wizard relies on: corrected header rows, a confirmed mapping remembered
for the next workbook, units mapped to existing ones, cancelling, and the imported items."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.tracker.excel.messy import apply_as_admin as _apply
from tests.tracker.excel.messy import edit
from tests.tracker.excel.messy import plan as _plan
from tracker import audit, query
from tracker.actors import actor_by_login
from tracker.errors import Cancelled, ImportFileError
from tracker.models import Item, Setting, Unit
from tracker.services import registry
from tracker.services.excel_desk import ExcelDesk
from tracker.services.ledger_files import local_desk


@pytest.fixture
def odd(tmp_path):
    """Header words the synonym table does not know, under a title row it cannot see past."""
    wb = Workbook()
    ws = wb.active
    ws.append(["2026年某乡镇报来的表"])
    ws.append(["要办的事", "单位", "时间要求", "说明"])
    ws.append(["公厕改造", "县城管局", "2026年9月", "甲"])
    ws.append(["路灯维修", "县城管局", "2026年10月底前", "乙"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    return path


def test_header_rows_and_whole_mapping_given_by_hand(db, odd):
    with pytest.raises(ImportFileError, match="没有找到表头"):
        _plan(db, odd)
    with pytest.raises(ImportFileError, match="项目名称"):
        _plan(db, odd, header_rows=[2])  # nothing maps to the title by itself
    plan = _plan(db, odd, header_rows=[2], columns={"title": 0, "lead_unit": 1, "deadline": 2})
    assert plan.header_rows == [2]
    assert plan.headers == {0: "要办的事", 1: "单位", 2: "时间要求", 3: "说明"}
    assert plan.unmapped == ["说明"]
    assert [(i.row, i.title, i.lead_unit) for i in plan.items] == [
        (3, "公厕改造", "县城管局"),
        (4, "路灯维修", "县城管局"),
    ]
    assert [i.deadline.date for i in plan.items] == [dt.date(2026, 9, 30), dt.date(2026, 10, 31)]
    remapped = _plan(db, odd, header_rows=[2], columns={"title": 0, "remarks": 3})
    assert [(i.lead_unit, i.remarks) for i in remapped.items] == [(None, "甲"), (None, "乙")]
    with pytest.raises(ImportFileError, match="表头行"):
        _plan(db, odd, header_rows=[4], columns={"title": 0})


def test_confirmed_mapping_is_remembered_for_the_same_header(db, odd, tmp_path):
    columns = {"title": 0, "lead_unit": 1, "deadline": 2}
    plan = _plan(db, odd, header_rows=[2], columns=columns)
    assert not plan.remembered
    _apply(db, plan, create_units=True)
    with db.sessions.begin() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Setting).where(Setting.key.like("import_layout:%"))
            )
            == 1
        )
    # next month's workbook: same header, other rows; the clerk only corrects the header rows
    wb = load_workbook(odd)
    wb.active["A3"] = "公厕改造（二期）"
    wb.save(tmp_path / "next.xlsx")
    again = _plan(db, tmp_path / "next.xlsx", header_rows=[2])
    assert again.remembered and again.columns == columns
    assert again.items[0].lead_unit == "县城管局"
    # another header is another layout: nothing recalled
    wb.active["D2"] = "其他说明"
    wb.save(tmp_path / "other.xlsx")
    other = _plan(db, tmp_path / "other.xlsx", header_rows=[2], columns={"title": 0})
    assert not other.remembered and other.items[0].lead_unit is None


def test_damaged_remembered_mapping_is_ignored(db, messy):
    plain = _plan(db, messy)
    with db.sessions.begin() as s:
        s.add(Setting(key="import_layout:" + plain.signature, value="{not json"))
    again = _plan(db, messy)
    assert not again.remembered and again.columns == plain.columns


def test_unknown_unit_mapped_to_an_existing_one(db, messy):
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        admin = actor_by_login(s, "admin")
        for name in ("县教育局", "县财政局", "城关镇", "县卫生健康局", "县自然资源局"):
            registry.add_unit(s, admin, name)
    plan = _plan(db, messy)
    assert plan.unknown_units == ["县住房和城乡建设局", "各乡镇"]
    plan = _plan(db, messy, unit_aliases={"县住房和城乡建设局": "县财政局", "各乡镇": "城关镇"})
    assert plan.unknown_units == []
    assert plan.items[1].co_units == ["县财政局", "县自然资源局"]
    result = _apply(db, plan)
    assert result.created == 5 and result.units_created == []
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count(Unit.id))) == 5


def test_cancel_during_apply_leaves_the_ledger_as_it_was(db, db_path, messy):
    _apply(db, _plan(db, messy), create_units=True)
    edit(messy, {"I6": "新的进展", "B12": "改名后的新事项"})
    plan = _plan(db, messy)
    conn = sqlite3.connect(db_path)
    before = list(conn.iterdump())
    seen = []

    def stop(done, total):
        seen.append((done, total))
        raise Cancelled()

    with pytest.raises(Cancelled, match="已取消"):
        _apply(db, plan, progress=stop)
    assert seen == [(0, 5)]
    assert list(conn.iterdump()) == before
    conn.close()


def test_imported_items_filter_shows_exactly_what_the_import_wrote(db, messy):
    first = _apply(db, _plan(db, messy), create_units=True, at=dt.datetime(2026, 3, 2, 9))
    edit(messy, {"I6": "主体完工", "B12": "改名后的新事项"})
    second = _apply(db, _plan(db, messy), at=dt.datetime(2026, 3, 9, 9))
    assert (second.created, second.updated, second.unchanged) == (1, 1, 3)
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count(Item.id))) == 6

        def titles(at):
            rows = query.list_items(s, query.ItemFilter(imported_at=at))
            return sorted(r.title for r in rows)

        assert titles(second.at) == ["城关镇中心小学食堂提升改造", "改名后的新事项"]
        assert len(titles(first.at)) == 5
        assert audit.verify(s).ok


def test_excel_desk_backs_up_before_the_import(db, db_path, messy):
    desk = ExcelDesk(local_desk(db))
    assert desk.unit_directory_empty()
    plan = desk.plan_import(messy)
    applied = desk.apply_import(plan, create_units=True)
    assert applied.result.created == 5
    assert applied.backup is not None and applied.backup.parent.name == "backups"
    backup = sqlite3.connect(applied.backup)
    assert backup.execute("select count(*) from item").fetchone() == (0,)
    backup.close()
    assert not desk.unit_directory_empty()
