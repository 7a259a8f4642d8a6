"""Turn a sheet's rows into planned items, skipped rows and problems — without a database.

Group rows (“一、教育领域（3项）”) give the category of the items below them; totals,
footnotes and signature lines are skipped with a reason; every cell that cannot be read is a
problem with its row and column. Matching against the ledger happens later
(``tracker.services.imports``).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from tracker.deadlines import Deadline, parse_deadline
from tracker.errors import ImportFileError
from tracker.excel.cells import clean, one_line, split_people, split_units
from tracker.excel.layout import Layout
from tracker.excel.reader import Cell, Grid

_GROUP = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、．])"
)
_COUNT = re.compile(r"[（(]\s*(?:共\s*)?\d+\s*[项个件]\s*[)）]$")
_TOTAL = ("合计", "共计", "总计", "小计")
_FOOTER = ("注", "说明", "填表人", "审核人", "制表人", "制表", "填报人", "负责人签字", "单位负责人")
_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass
class Problem:
    row: int
    column: str
    header: str
    message: str


@dataclass
class PlannedItem:
    """One item as read from the sheet (``row`` is the Excel row number)."""

    row: int
    title: str
    serial: str | None = None
    code: str | None = None
    content: str | None = None
    category: str | None = None
    source: str | None = None
    leader: str | None = None
    lead_unit: str | None = None
    co_units: list[str] = field(default_factory=list)
    assignee: str | None = None
    assignee_phone: str | None = None
    deadline: Deadline | None = None
    progress: str | None = None
    location: str | None = None
    remarks: str | None = None
    action: str = "create"
    item_id: int | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class SheetPlan:
    """What the sheet says, row by row."""

    items: list[PlannedItem]
    skipped: list[tuple[int, str]]
    problems: list[Problem]
    title_year: int | None


def title_year(grid: Grid, layout: Layout) -> int | None:
    """A year named in the rows above the header (“青山县2026年……清单”)."""
    for row in grid.rows[: layout.header_rows[0]]:
        for value in row:
            if isinstance(value, str) and (m := _YEAR.search(value)):
                return int(m[1])
    return None


#: Planning stops after this many seconds: a sheet that takes longer is not a county list.
TIME_LIMIT = 120.0


def plan_sheet(grid: Grid, layout: Layout, year: int | None) -> SheetPlan:
    """Read every data row below the header (within ``TIME_LIMIT`` seconds)."""
    started = time.monotonic()
    filled, down = grid.filled(), grid.filled_down()
    found_year = title_year(grid, layout)
    context_year = year or found_year
    out = SheetPlan([], [], [], found_year)
    category: str | None = None
    for r in range(layout.first_data_row, len(grid.rows)):
        if r % 500 == 0 and time.monotonic() - started > TIME_LIMIT:
            raise ImportFileError(
                f"表格过于复杂，解析超过 {TIME_LIMIT:.0f} 秒仍未完成，已停止。",
                path=grid.path,
                sheet=grid.sheet,
                row=r + 1,
            )
        raw, full = grid.rows[r], filled[r]
        kind, text = _classify(raw, full, layout)
        if kind == "item":
            out.items.append(_item(r, down[r], layout, category, context_year, out.problems))
        elif kind == "group":
            category = _category(text)
            out.skipped.append((r + 1, f"分组标题（{category}）"))
        elif kind == "missing-title":
            out.problems.append(_problem(r, layout, "title", "这一行有内容但没有项目名称，未导入"))
            out.skipped.append((r + 1, "缺少项目名称"))
        else:
            out.skipped.append((r + 1, kind))
    return out


def _cell(row: list[Cell], layout: Layout, name: str) -> Cell:
    col = layout.columns.get(name)
    return row[col] if col is not None and col < len(row) else None


def _classify(raw: list[Cell], full: list[Cell], layout: Layout) -> tuple[str, str]:
    values = [clean(v) for v in raw]
    present = [v for v in values if v]
    if not present:
        return "空行", ""
    first = present[0]
    head = first.replace(" ", "")
    if head.startswith(_TOTAL):
        return "合计行", first
    if head.startswith(("注：", "注:")) or any(
        head.startswith((w + "：", w + ":")) for w in _FOOTER
    ):
        return "注释或落款", first
    across = [c for c in map(clean, full) if c]
    merged_across = len(across) > 1 and len(set(across)) == 1
    if (len(present) == 1 or merged_across) and (_GROUP.match(head) or merged_across):
        title = one_line(_cell(raw, layout, "title"))
        if not title or title == one_line(first):
            return "group", first
    if not one_line(_cell(raw, layout, "title")):
        return "missing-title", first
    return "item", first


def _category(text: str) -> str:
    name = _GROUP.sub("", text.strip()).strip()
    name = _COUNT.sub("", name).strip()
    for suffix in ("领域", "方面", "类"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _problem(r: int, layout: Layout, name: str, message: str) -> Problem:
    col = layout.columns.get(name)
    letter = get_column_letter(col + 1) if col is not None else ""
    return Problem(r + 1, letter, layout.headers.get(col, "") if col is not None else "", message)


def _item(
    r: int,
    row: list[Cell],
    layout: Layout,
    category: str | None,
    year: int | None,
    problems: list[Problem],
) -> PlannedItem:
    def text(name: str) -> str | None:
        return clean(_cell(row, layout, name))

    units = split_units(_cell(row, layout, "lead_unit"))
    co_units = [
        u for u in split_units(_cell(row, layout, "co_units")) + units[1:] if u not in units[:1]
    ]
    people = split_people(_cell(row, layout, "assignee"))
    name, phone = people[0] if people else (None, None)
    item = PlannedItem(
        row=r + 1,
        title=one_line(_cell(row, layout, "title")) or "",
        serial=one_line(_cell(row, layout, "serial")),
        code=one_line(_cell(row, layout, "code")),
        content=text("content"),
        category=one_line(_cell(row, layout, "category")) or category,
        source=one_line(_cell(row, layout, "source")),
        leader=one_line(_cell(row, layout, "leader")),
        lead_unit=units[0] if units else None,
        co_units=list(dict.fromkeys(co_units)),
        assignee=name,
        assignee_phone=one_line(_cell(row, layout, "phone")) or phone,
        progress=text("progress"),
        location=one_line(_cell(row, layout, "location")),
        remarks=_with_others(text("remarks"), people[1:]),
    )
    if "deadline" in layout.columns:
        item.deadline = parse_deadline(_cell(row, layout, "deadline"), year)
        if item.deadline.problem:
            problems.append(_problem(r, layout, "deadline", item.deadline.problem))
    if "lead_unit" in layout.columns and not item.lead_unit:
        problems.append(_problem(r, layout, "lead_unit", "没有填写牵头单位"))
    return item


def _with_others(remarks: str | None, others: list[tuple[str | None, str | None]]) -> str | None:
    """The 备注 with the people a 责任人 cell names after the first (one 责任人 per item)."""
    if not others:
        return remarks
    named = "、".join(" ".join(x for x in person if x) for person in others)
    return "\n".join(x for x in (remarks, f"其他责任人：{named}") if x)
