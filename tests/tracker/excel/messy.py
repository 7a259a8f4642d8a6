"""A county list the way units really send it: title, 填报 line, two-row header, groups, footer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from tracker.actors import actor_by_login
from tracker.db import Database
from tracker.demo.workbook import HEADER_SUB, HEADER_TOP
from tracker.services import imports, registry

SHEET = "重点民生实事"
TITLE = "青山县2026年“我为群众办实事”重点民生实事项目清单"

# (序号, 项目名称, 主要内容, 牵头县领导, 牵头单位, 配合单位, 责任人, 完成\n时限, 推进情况, 备注)
GROUPS = [
    (
        "一、教育领域（3项）",
        [
            (
                "1",
                "城关镇中心小学食堂提升改造",
                "改造食堂800平方米",
                "张建华",
                "县教育局",
                "城关镇、县财政局",
                "刘洋（13907310011）",
                "2026年8月底前",
                "已完成招标",
                None,
            ),
            (
                "2",
                "新建青石镇幼儿园",
                "新增学位180个",
                "张建华",
                " 县教育局 ",
                "县住房和城乡建设局；县自然资源局",
                "周敏 13907310013",
                dt.datetime(2026, 9, 30),
                None,
                "续建",
            ),
            (
                "三",
                "课后服务全覆盖",
                "义务教育学校课后服务全覆盖",
                "张建华",
                "县教育局",
                None,
                "王芳",
                "长期坚持",
                "正在推进",
                None,
            ),
        ],
    ),
    (
        "二、医疗卫生（2项）",
        [
            (
                "1",
                "村卫生室设备更新",
                "更新设备120台（套）",
                "李卫东",
                "县卫生健康局\n各乡镇",
                "县财政局",
                "陈静",
                "2026.6",
                None,
                None,
            ),
            (
                "2",
                "65岁以上老年人免费体检",
                "体检2万人次",
                "李卫东",
                "县卫生健康局、城关镇",
                None,
                "赵磊（0731-8888666）",
                "11月底前",
                "完成60%",
                "注意：含新增人群",
            ),
        ],
    ),
]


def build(path: Path) -> Path:
    """Write the messy list to ``path`` (.xlsx) and return it."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "请按要求填写"
    ws.merge_cells("A1:J1")
    ws["A1"] = TITLE
    ws["A2"] = "填报单位：县委办（盖章）"
    ws["H2"] = "填报日期：2026年3月1日"
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    for col in "ABCDHIJ":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:G3")
    row = 5
    for group_title, items in GROUPS:
        ws.cell(row=row, column=1, value=group_title)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=10)
        row += 1
        for values in items:
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
            row += 1
        row += 1  # a blank row between groups
    ws.cell(row=row, column=1, value="合计")
    ws.cell(row=row, column=2, value="5项")
    ws.cell(row=row + 1, column=1, value="注：完成时限以县政府批复为准。")
    ws.cell(row=row + 2, column=1, value="填表人：王丽　　审核人：李强")
    wb.save(path)
    return path


def plan(db: Database, path: Path, **kw: Any) -> imports.ImportPlan:
    """Plan an import of ``path`` in its own transaction (writes nothing)."""
    with db.sessions.begin() as s:
        return imports.plan_import(s, path, **kw)


def apply_as_admin(db: Database, planned: imports.ImportPlan, **kw: Any) -> imports.ImportResult:
    """Apply ``planned`` as the ledger's administrator in one transaction."""
    with db.sessions.begin() as s:
        registry.ensure_admin(s)
        return imports.apply_import(s, actor_by_login(s, "admin"), planned, **kw)


def edit(path: Path, cells: dict[str, Any]) -> Path:
    """Change cells of the list sheet, as a unit's next version of the file would."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)
    return path
