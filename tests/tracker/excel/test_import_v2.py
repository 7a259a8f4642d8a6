"""Lists typed the way other offices type them: other header words, unit and people cells,
deadlines in words, CSV and WPS files, and re-imports that change nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import event, func, select

from tests.tracker.excel.messy import apply_as_admin as _apply
from tests.tracker.excel.messy import plan as _plan
from tracker import query
from tracker.actors import SYSTEM
from tracker.demo.workbook import write_list_workbook
from tracker.enums import UnitKind
from tracker.errors import ImportFileError
from tracker.models import Item, Person, Unit
from tracker.services import registry

DATA = Path(__file__).resolve().parents[2] / "data"

TOWNSHIP_HEADER = [
    "序号",
    "工作任务",
    "主要内容及目标",
    "责任单位",
    "县级包联领导",
    "联系人及电话",
    "完成时间",
    "填报说明",
]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _units(db, *names: tuple[str, UnitKind]) -> None:
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        for name, kind in names:
            registry.add_unit(s, SYSTEM, name, kind)


def test_a_township_list_with_other_header_words_maps_every_column(db, tmp_path):
    path = _sheet(
        tmp_path / "乡镇清单.xlsx",
        [
            ["青石镇2026年为民办实事工作任务表"],
            TOWNSHIP_HEADER,
            [
                1,
                "农村道路硬化",
                "硬化道路3公里",
                "县交通运输局（牵头）、青石镇",
                "李卫东",
                "刘洋（电话：0571-88886666）",
                "9月中旬",
                None,
            ],
        ],
    )
    plan = _plan(db, path)
    assert plan.mapping == {
        "serial": "序号",
        "title": "工作任务",
        "content": "主要内容及目标",
        "lead_unit": "责任单位",
        "leader": "县级包联领导",
        "assignee": "联系人及电话",
        "deadline": "完成时间",
    }
    assert plan.unmapped == ["填报说明"]  # the header that names nothing useful is listed
    item = plan.items[0]
    assert (item.title, item.content, item.leader) == ("农村道路硬化", "硬化道路3公里", "李卫东")
    assert (item.lead_unit, item.co_units) == ("县交通运输局", ["青石镇"])
    assert (item.assignee, item.assignee_phone) == ("刘洋", "0571-88886666")
    assert item.deadline.date == dt.date(2026, 9, 20)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("重点任务", "title"),
        ("实事项目", "title"),
        ("承办单位", "lead_unit"),
        ("牵头部门", "lead_unit"),
        ("时间节点", "deadline"),
        ("办结时限", "deadline"),
        ("责任人及电话", "assignee"),
        ("分管领导", "leader"),
        ("包联县领导", "leader"),
        ("工作措施", "content"),
        ("目标任务", "content"),
        ("2026年度完成时限", "deadline"),  # a word holding a synonym
        ("责任单位联系人", "assignee"),  # the synonym it ends with names it
    ],
)
def test_header_synonyms(db, tmp_path, header, field):
    title = "任务名称" if field != "title" else header
    cols = [title] if field == "title" else [title, header]
    plan = _plan(db, _sheet(tmp_path / "h.xlsx", [cols, ["事项", "县教育局"][: len(cols)]]))
    assert plan.mapping[field] == header


def test_an_exact_synonym_wins_over_a_word_holding_one(db, tmp_path):
    rows = [["项目名称", "包联县级领导", "牵头领导"], ["事项甲", "甲", "乙"]]
    plan = _plan(db, _sheet(tmp_path / "h.xlsx", rows))
    assert plan.mapping["leader"] == "牵头领导" and "包联县级领导" in plan.unmapped


def test_unit_cells_are_matched_to_the_directory(db, tmp_path):
    _units(db, ("县教育局", UnitKind.DEPARTMENT), ("县民政局", UnitKind.DEPARTMENT))
    rows = [
        ["项目名称", "牵头单位", "配合单位"],
        ["甲", "县\u200b教育局", "县 民政局"],
        ["乙", "县民政局（牵头）、县教育局（配合）", None],
        ["丙", "县教育局、县民政局(牵头)", None],
    ]
    plan = _plan(db, _sheet(tmp_path / "u.xlsx", rows))
    assert [(i.lead_unit, i.co_units) for i in plan.items] == [
        ("县教育局", ["县民政局"]),
        ("县民政局", ["县教育局"]),
        ("县民政局", ["县教育局"]),
    ]
    assert plan.unknown_units == []


TOWNSHIPS = [
    ("城关镇人民政府", UnitKind.TOWNSHIP),
    ("青石镇人民政府", UnitKind.TOWNSHIP),
    ("白水乡人民政府", UnitKind.TOWNSHIP),
    ("东城街道办事处", UnitKind.TOWNSHIP),
    ("县卫生健康局", UnitKind.DEPARTMENT),
    ("城关镇卫生院", UnitKind.DEPARTMENT),
    ("青石镇卫生院", UnitKind.DEPARTMENT),
    ("县人民医院", UnitKind.DEPARTMENT),
]


def test_collective_names_expand_into_the_directory_units(db, tmp_path):
    _units(db, *TOWNSHIPS)
    rows = [
        ["项目名称", "牵头单位", "配合单位"],
        ["家庭医生签约", "县卫生健康局", "各乡镇卫生院"],
        ["人居环境整治", "各乡镇人民政府", None],
        ["背街小巷", "县卫生健康局", "各街道"],
    ]
    plan = _plan(db, _sheet(tmp_path / "c.xlsx", rows))
    first, second, third = plan.items
    assert first.co_units == ["城关镇卫生院", "青石镇卫生院"]
    assert second.lead_unit is None
    assert second.co_units == [
        "城关镇人民政府",
        "青石镇人民政府",
        "白水乡人民政府",
    ]  # 各乡镇 does not take in the 街道
    assert third.co_units == ["东城街道办事处"]
    assert plan.unknown_units == []
    assert plan.collectives["各乡镇卫生院"] == ["城关镇卫生院", "青石镇卫生院"]
    assert plan.to_dict()["collective_units"] == plan.collectives
    [problem] = plan.errors
    assert (problem.row, problem.column) == (3, "B")
    assert "“各乡镇人民政府”是 3 个单位的统称" in problem.message
    kept = _plan(db, tmp_path / "c.xlsx", keep_collectives={"各乡镇卫生院"})
    assert kept.items[0].co_units == ["各乡镇卫生院"] and kept.unknown_units == ["各乡镇卫生院"]


def test_a_collective_name_with_no_directory_units_stays_as_written(db, tmp_path):
    rows = [["项目名称", "牵头单位", "配合单位"], ["甲", "县教育局", "各乡镇"]]
    plan = _plan(db, _sheet(tmp_path / "c.xlsx", rows))
    assert plan.items[0].co_units == ["各乡镇"] and "各乡镇" in plan.unknown_units
    assert plan.collectives == {}


@pytest.mark.parametrize(
    ("cell", "name", "phone"),
    [
        ("刘洋（电话：0571-88886666）", "刘洋", "0571-88886666"),
        ("张三/13800001111", "张三", "13800001111"),
        ("李四 138 0000 1111", "李四", "13800001111"),
        ("王芳(手机13912345678)", "王芳", "13912345678"),
        ("赵磊 0731-2345678", "赵磊", "0731-2345678"),
        ("钱敏：13600001111", "钱敏", "13600001111"),
    ],
)
def test_people_cells_split_into_name_and_phone(db, tmp_path, cell, name, phone):
    rows = [["项目名称", "责任人"], ["甲", cell]]
    item = _plan(db, _sheet(tmp_path / "p.xlsx", rows)).items[0]
    assert (item.assignee, item.assignee_phone) == (name, phone)


def test_two_people_in_a_cell_the_first_is_responsible_the_others_kept(db, tmp_path):
    rows = [["项目名称", "责任人", "备注"], ["甲", "张三 13800001111、李四 13900002222", "续建"]]
    item = _plan(db, _sheet(tmp_path / "p.xlsx", rows)).items[0]
    assert (item.assignee, item.assignee_phone) == ("张三", "13800001111")
    assert item.remarks == "续建\n其他责任人：李四 13900002222"


def test_undated_deadlines_are_flagged_and_listed_as_to_be_confirmed(db, tmp_path):
    rows = [
        ["项目名称", "牵头单位", "完成时限"],
        ["甲", "县水利局", "汛期前"],
        ["乙", "县水利局", "尽快"],
        ["丙", "县水利局", "2027年春节前"],
        ["丁", "县水利局", "长期坚持"],
    ]
    plan = _plan(db, _sheet(tmp_path / "d.xlsx", rows), year=2026)
    assert [p.message for p in plan.errors] == [
        "完成时限“汛期前”各地日期不同，请确认具体日期",
        "完成时限“尽快”没有具体日期，请确认",
    ]
    assert plan.items[2].deadline.date == dt.date(2027, 2, 5)
    _apply(db, plan, create_units=True)
    with db.sessions.begin() as s:
        undated = query.ItemFilter(undated=True)
        assert query.count_items(s, undated) == 2
        titles = s.scalars(
            select(Item.title).where(Item.deadline_date.is_(None), Item.deadline_kind == "fixed")
        ).all()
        assert sorted(titles) == ["乙", "甲"]


CSV_TEXT = "序号,项目名称,牵头单位,责任人,完成时限\n1,路灯维修,县城管局,刘洋 13907310011,10月上旬\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", CSV_TEXT),
        ("utf-8-sig", CSV_TEXT),
        ("gb18030", CSV_TEXT),
        ("gbk", CSV_TEXT),
        ("utf-16", CSV_TEXT.replace(",", "\t")),  # Excel's “Unicode 文本”
    ],
)
def test_csv_in_every_encoding_offices_send(db, tmp_path, encoding, text):
    path = tmp_path / "12345导出.csv"
    path.write_bytes(text.encode(encoding))
    plan = _plan(db, path, year=2026)
    [item] = plan.items
    assert (item.title, item.lead_unit, item.assignee, item.assignee_phone) == (
        "路灯维修",
        "县城管局",
        "刘洋",
        "13907310011",
    )
    assert item.deadline.date == dt.date(2026, 10, 10)


def test_a_semicolon_csv_with_a_title_line_and_quoted_cells(db, tmp_path):
    path = tmp_path / "清单.csv"
    text = '青山县2026年清单\n项目名称;牵头单位;配合单位\n"改造食堂;二期";县教育局;"县财政局、城关镇"\n'
    path.write_text(text, encoding="gb18030")
    plan = _plan(db, path)
    assert plan.header_rows == [2] and plan.year == 2026
    assert (plan.items[0].title, plan.items[0].co_units) == (
        "改造食堂;二期",
        ["县财政局", "城关镇"],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02 binary", "二进制内容"),
        (b"\xef\xbb\xbf\xff\xfe broken", "UTF-8-SIG 编码"),
        (bytes(range(0x80, 0x100)) * 4, "无法识别文件的文字编码"),
    ],
)
def test_unreadable_csv_says_why(db, tmp_path, data, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError, match=message):
        _plan(db, path)


@pytest.mark.parametrize("suffix", [".et", ".ett"])
def test_wps_files_are_read_like_xls(db, tmp_path, suffix):
    path = tmp_path / f"清单{suffix}"
    shutil.copyfile(DATA / "messy-list.xls", path)
    plan = _plan(db, path)
    assert len(plan.items) == 5 and plan.items[0].title == "城关镇中心小学食堂提升改造"


def test_a_wps_file_that_cannot_be_read_asks_for_xlsx(db, tmp_path):
    path = tmp_path / "旧版.et"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFileError, match=r"另存为” \.xlsx"):
        _plan(db, path)


def test_other_files_are_still_refused(db, tmp_path):
    path = tmp_path / "说明.pdf"
    path.write_bytes(b"%PDF-1.4 not a list")
    with pytest.raises(ImportFileError, match="不是 Excel、WPS、ODS 表格或 CSV 文件"):
        _plan(db, path)


def _count_statements(db) -> list[str]:
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_reimporting_a_generated_list_changes_nothing_in_a_fixed_number_of_queries(db, tmp_path):
    path = write_list_workbook(tmp_path / "list.xlsx", 2000)
    first = _plan(db, path, list_name="新清单")
    _apply(db, first, create_units=True)
    with db.sessions.begin() as s:
        people = s.scalar(select(func.count()).select_from(Person))
        units = s.scalar(select(func.count()).select_from(Unit))
        shared = s.execute(
            select(Item.assignee_id).group_by(Item.assignee_id).having(func.count() > 1)
        ).all()
    assert shared  # people in charge of several items, with a different phone on each row
    statements = _count_statements(db)
    again = _plan(db, path, list_name="新清单")
    assert len(statements) <= 20, statements
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 2000}
    assert again.unknown_units == []
    result = _apply(db, again)
    assert (result.created, result.updated, result.units_created) == (0, 0, [])
    with db.sessions.begin() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == people
        assert s.scalar(select(func.count()).select_from(Unit)) == units


def test_each_item_keeps_the_phone_its_row_gives(db, tmp_path):
    rows = [
        ["项目名称", "牵头单位", "责任人"],
        ["甲", "县教育局", "刘洋 13900000001"],
        ["乙", "县教育局", "刘洋（0731-2345678）"],
    ]
    _apply(db, _plan(db, _sheet(tmp_path / "p.xlsx", rows)), create_units=True)
    with db.sessions.begin() as s:
        phones = s.execute(select(Item.title, Item.assignee_phone).order_by(Item.id)).all()
        assert [tuple(r) for r in phones] == [("甲", "13900000001"), ("乙", "0731-2345678")]
        assert s.scalar(select(Person.phone).where(Person.name == "刘洋")) == "13900000001"
        views = [query.item_detail(s, i) for i in s.scalars(select(Item.id).order_by(Item.id))]
        assert [v.assignee_phone for v in views] == ["13900000001", "0731-2345678"]


def test_new_codes_follow_the_list_s_own_pattern(db, tmp_path):
    rows = [["编号", "项目名称"], ["2026-MS-007", "甲"], [None, "乙"], ["2026-MS-008", "丙"]]
    result = _apply(db, _plan(db, _sheet(tmp_path / "c.xlsx", rows), list_name="民生清单"))
    with db.sessions.begin() as s:
        codes = s.scalars(select(Item.code).where(Item.list_id == result.list_id).order_by(Item.id))
        assert list(codes) == ["2026-MS-007", "2026-MS-009", "2026-MS-008"]


def test_cli_shows_expanded_collectives_and_keeps_one_on_request(cli, db_path, tmp_path):
    assert cli("init")[0] == 0
    for name in ("城关镇卫生院", "青石镇卫生院"):
        assert cli("admin", "add-unit", name, "--kind", "县直部门", "--as", "admin")[0] == 0
    rows = [["项目名称", "牵头单位", "配合单位"], ["家庭医生签约", "县卫生健康局", "各乡镇卫生院"]]
    path = _sheet(tmp_path / "c.xlsx", rows)
    code, out, _ = cli("import", str(path), "--dry-run")
    assert code == 0
    assert "单位统称“各乡镇卫生院”按名录展开为 2 个单位：城关镇卫生院、青石镇卫生院" in out
    code, out, _ = cli("import", str(path), "--dry-run", "--keep-collective", "各乡镇卫生院")
    assert "按名录展开" not in out and "名录中没有的单位：县卫生健康局、各乡镇卫生院" in out


def test_a_csv_export_named_xls_is_read_as_csv(db, tmp_path):
    path = tmp_path / "12345工单导出.xls"
    path.write_bytes(CSV_TEXT.encode("gb18030"))
    [item] = _plan(db, path, year=2026).items
    assert (item.title, item.assignee) == ("路灯维修", "刘洋")


@pytest.mark.parametrize(
    ("source", "named"), [("messy-list.xls", "清单.xlsx"), ("messy-list.ods", "清单.xls")]
)
def test_a_workbook_with_the_wrong_extension_is_read_by_its_content(db, tmp_path, source, named):
    path = tmp_path / named
    shutil.copyfile(DATA / source, path)
    assert len(_plan(db, path).items) == 5


def test_a_unit_merged_over_several_items_belongs_to_each(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (
        ["项目名称", "主要内容", "牵头单位", "牵头领导"],
        ["甲", "内容甲", "县教育局", "张建华"],
        ["乙", "内容乙", None, None],
        ["丙", "内容丙", None, None],
    ):
        ws.append(row)
    ws.merge_cells("C2:C4")
    ws.merge_cells("D2:D4")
    wb.save(tmp_path / "m.xlsx")
    plan = _plan(db, tmp_path / "m.xlsx")
    assert [(i.title, i.lead_unit, i.leader, i.content) for i in plan.items] == [
        ("甲", "县教育局", "张建华", "内容甲"),
        ("乙", "县教育局", "张建华", "内容乙"),
        ("丙", "县教育局", "张建华", "内容丙"),
    ]


@pytest.mark.parametrize(
    ("above", "name"),
    [
        ([["附件1"], ["2026年青山县重点民生实事项目"]], "2026年青山县重点民生实事项目"),
        ([["青山县为民办实事工作任务表"], ["填报单位：县委办"]], "青山县为民办实事工作任务表"),
        ([["填报单位：县委办"]], "t"),  # nothing that is a title: the file's name
    ],
)
def test_the_list_is_named_after_the_title_line(db, tmp_path, above, name):
    path = _sheet(tmp_path / "t.xlsx", [*above, ["项目名称", "牵头单位"], ["甲", "县教育局"]])
    assert _plan(db, path).list_name == name


def test_a_csv_title_line_names_the_list(db, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("白水乡2026年微实事\n项目名称,牵头单位\n路灯,白水乡\n", encoding="utf-8")
    assert _plan(db, path).list_name == "白水乡2026年微实事"


def test_cli_lists_unmapped_columns_and_names_a_wrong_field(cli, db_path, tmp_path):
    assert cli("init")[0] == 0
    path = _sheet(tmp_path / "u.xlsx", [["项目名称", "单位", "填报说明"], ["甲", "县教育局", None]])
    code, out, _ = cli("import", str(path), "--dry-run")
    assert code == 0 and "未导入的列：“单位”、“填报说明”（可用 --map 指定）" in out
    code, _out, err = cli("import", str(path), "--dry-run", "--map", "foo=单位")
    assert code != 0 and "没有“foo”这个字段" in err


def test_a_collective_kept_as_a_unit_joins_no_other_and_reimports_change_nothing(db, tmp_path):
    _units(db, *TOWNSHIPS)
    rows = [
        ["项目名称", "牵头单位", "配合单位"],
        ["人居环境整治", "县卫生健康局", "各乡镇（街道）"],
        ["背街小巷", "县卫生健康局", "各街道"],
        ["县直机关", "县卫生健康局", "县直各单位"],
    ]
    path = _sheet(tmp_path / "k.xlsx", rows)
    first = _plan(db, path, keep_collectives={"各街道"}, list_name="甲")
    _apply(db, first, create_units=True)
    with db.sessions.begin() as s:
        assert s.scalar(select(Unit.kind).where(Unit.name == "各街道")) == "other"
    again = _plan(db, path, keep_collectives={"各街道"}, list_name="甲")
    assert "各街道" not in again.items[0].co_units
    assert "各街道" not in again.items[2].co_units
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 3}


def test_a_unicode_text_export_named_xls_is_read_as_csv(db, tmp_path):
    path = tmp_path / "导出.xls"
    path.write_bytes(CSV_TEXT.replace(",", "\t").encode("utf-16"))
    [item] = _plan(db, path, year=2026).items
    assert (item.title, item.lead_unit) == ("路灯维修", "县城管局")


def test_to_be_confirmed_is_one_test_for_the_list_the_row_and_the_detail(db, tmp_path):
    from tracker.actors import actor_by_login
    from tracker.services import transitions

    rows = [
        ["项目名称", "牵头单位", "完成时限"],
        ["甲", "县水利局", "汛期前"],
        ["乙", "县水利局", "尽快"],
    ]
    _apply(db, _plan(db, _sheet(tmp_path / "d.xlsx", rows)), create_units=True)
    with db.sessions.begin() as s:
        first, second = s.scalars(select(Item.id).order_by(Item.id))
        transitions.move(s, actor_by_login(s, "admin"), second, "cancel", reason="并入其他事项")
    with db.sessions.begin() as s:
        undated = query.ItemFilter(undated=True)
        assert query.item_ids(s, undated) == [first]  # a 终止 item waits for nothing
        assert [query.item_detail(s, i).undated for i in (first, second)] == [True, False]
        rows_by_id = {r.id: r.undated for r in query.list_items(s, query.ItemFilter())}
        assert rows_by_id == {first: True, second: False}


def test_control_characters_from_an_export_are_dropped(db, tmp_path):
    path = tmp_path / "导出.csv"
    path.write_text("项目名称,牵头单位\n路灯\x07维修\x1b,县城管局\x00\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="二进制内容"):  # a NUL: not a text file
        _plan(db, path)
    path.write_text("项目名称,牵头单位\n路灯\x07维修\x1b,县城管局\x0b\n", encoding="utf-8")
    [item] = _plan(db, path).items
    assert (item.title, item.lead_unit) == ("路灯维修", "县城管局")


def test_a_csv_too_wide_is_refused_like_a_sheet(db, tmp_path):
    path = tmp_path / "宽.csv"
    path.write_text(",".join(["项目名称", *(f"列{i}" for i in range(400))]) + "\n甲\n", "utf-8")
    with pytest.raises(ImportFileError, match="超过上限（200000 行、300 列）"):
        _plan(db, path)


def test_cli_dry_run_says_what_each_row_does_in_chinese(cli, db_path, tmp_path):
    assert cli("init")[0] == 0
    path = _sheet(tmp_path / "a.xlsx", [["项目名称", "牵头单位"], ["甲", "县教育局"]])
    code, out, _ = cli("import", str(path), "--dry-run")
    assert code == 0 and "第2行 [新增] 甲｜县教育局｜" in out
