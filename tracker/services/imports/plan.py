"""Plan an import: read the sheet, detect its layout, parse every cell, resolve unit names
and match existing items (by code, else by title within the list). Writes nothing."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tracker.errors import ImportFileError
from tracker.excel import collectives
from tracker.excel import layout as layouts
from tracker.excel.cells import normalise_unit
from tracker.excel.plan import PlannedItem, Problem, plan_sheet
from tracker.excel.reader import Grid, read_grid
from tracker.models import Item, ItemList, Person, Unit, item_co_unit
from tracker.services import import_layouts
from tracker.services.imports import fields

log = logging.getLogger(__name__)


#: What a planned row will do, as the preview and the CLI say it.
ACTION_LABELS = {"create": "新增", "update": "更新", "unchanged": "不变"}


@dataclass
class ImportPlan:
    """Everything the clerk needs to see before confirming an import."""

    file: Path
    sheet: str
    sheets: list[str]
    header_rows: list[int]  # Excel row numbers
    mapping: dict[str, str]  # field → header text
    unmapped: list[str]
    items: list[PlannedItem]
    skipped: list[tuple[int, str]]
    errors: list[Problem]
    list_name: str
    list_id: int | None
    year: int
    unknown_units: list[str] = field(default_factory=list)
    #: collective name as written → the directory units it was expanded into
    collectives: dict[str, list[str]] = field(default_factory=dict)
    #: field → 0-based column and column → header text, for the wizard's mapping step
    columns: dict[str, int] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)
    #: the header's name in the remembered mappings, and whether one was applied
    signature: str = ""
    remembered: bool = False
    grid: Grid | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "unchanged": 0}
        for item in self.items:
            out[item.action] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape promised by ``shishi-cli import --dry-run --json``."""
        return {
            "file": str(self.file),
            "sheet": self.sheet,
            "sheets": self.sheets,
            "header_rows": self.header_rows,
            "mapping": self.mapping,
            "unmapped_columns": self.unmapped,
            "list": self.list_name,
            "year": self.year,
            "counts": self.counts(),
            "unknown_units": self.unknown_units,
            "collective_units": self.collectives,
            "items": [fields.preview(i) for i in self.items],
            "skipped_rows": [{"row": r, "reason": why} for r, why in self.skipped],
            "errors": [
                {"row": p.row, "column": p.column, "header": p.header, "message": p.message}
                for p in self.errors
            ],
        }


def best_sheet(grids: list[Grid]) -> Grid:
    """The sheet whose header matches most fields (the ledger, not the instructions)."""

    def score(g: Grid) -> int:
        return max(
            (len(layouts.fields_in(row)) for row in g.filled()[: layouts.SCAN_ROWS]), default=0
        )

    return max(grids, key=score)


def plan_import(
    s: Session,
    path: Path,
    *,
    list_name: str | None = None,
    year: int | None = None,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    header_rows: list[int] | None = None,
    columns: dict[str, int] | None = None,
    unit_aliases: dict[str, str] | None = None,
    keep_collectives: Collection[str] = (),
    grid: Grid | None = None,
) -> ImportPlan:
    """Read ``path`` and plan its import into ``list_name``; writes nothing.

    Args:
        mapping: field → header text (the CLI's ``--map``), on top of the synonyms.
        header_rows: Excel row numbers of the header, when the clerk corrected them.
        columns: field → 0-based column, the whole mapping as confirmed in the wizard.
            Without it (and without ``mapping``) the mapping last confirmed for the same
            header is used.
        unit_aliases: unit name as written → existing unit it means.
        keep_collectives: collective names (“各乡镇”) to keep as one unit, not expand.
        grid: the sheet already read (the wizard re-plans without re-reading the file).
    """
    if grid is None or grid.path != path or (sheet and grid.sheet != sheet):
        grid = read_grid(path, sheet, choose=best_sheet)
    existing = s.scalar(select(ItemList).where(ItemList.name == list_name)) if list_name else None
    year = year or (existing.year if existing else None)
    rows0 = [r - 1 for r in header_rows] if header_rows else None
    try:
        layout, remembered = _layout(s, grid, mapping, rows0, columns)
        sheet_plan = plan_sheet(grid, layout, year)
    except ImportFileError:
        raise
    except Exception as exc:  # a planner bug must not crash the app on somebody's file
        log.exception("planning %s failed", path)
        raise ImportFileError(
            "解析表格时出错（技术细节已记入日志），请把文件发给技术支持。",
            path=path,
            sheet=grid.sheet,
        ) from exc
    year = year or sheet_plan.title_year or dt.date.today().year
    name = list_name or _list_name_from(grid, layout) or path.stem
    if existing is None and list_name is None:
        existing = s.scalar(select(ItemList).where(ItemList.name == name))
    plan = ImportPlan(
        file=path,
        sheet=grid.sheet,
        sheets=grid.sheets,
        header_rows=[r + 1 for r in layout.header_rows],
        mapping={
            f: layout.headers[c] for f, c in sorted(layout.columns.items(), key=lambda t: t[1])
        },
        unmapped=layout.unmapped,
        items=sheet_plan.items,
        skipped=sheet_plan.skipped,
        errors=sheet_plan.problems,
        list_name=name,
        list_id=existing.id if existing else None,
        year=year,
        columns=dict(layout.columns),
        headers=dict(layout.headers),
        signature=import_layouts.signature(layout.headers),
        remembered=remembered,
        grid=grid,
    )
    _resolve_units(s, plan, unit_aliases or {}, keep_collectives)
    if plan.list_id is not None:
        _match_existing(s, plan)
    return plan


def _layout(
    s: Session,
    grid: Grid,
    mapping: dict[str, str] | None,
    header_rows: list[int] | None,
    columns: dict[str, int] | None,
) -> tuple[layouts.Layout, bool]:
    """The layout to plan with, and whether it is the one remembered for this header.

    A mapping the clerk confirmed for the same header text wins over the synonyms, unless
    this call names a mapping itself; one that no longer fits the sheet is ignored.
    """
    if columns is None and not mapping:
        rows = header_rows if header_rows is not None else layouts.detect(grid).header_rows
        sig = import_layouts.signature(layouts.header_texts(grid, rows))
        recalled = import_layouts.recall(s, sig)
        if recalled:
            try:
                return layouts.detect(grid, header_rows=rows, columns=recalled), True
            except ImportFileError:
                pass
    return layouts.detect(grid, mapping, header_rows=header_rows, columns=columns), False


def _list_name_from(grid: Grid, layout: layouts.Layout) -> str | None:
    """The list's title above the header: a line naming a 清单, else the first line that is
    a title alone (not “附件1”, not a “填报单位：…” line)."""
    above = grid.rows[: layout.header_rows[0]]
    for row in above:
        for value in row:
            if isinstance(value, str) and "清单" in value and len(value) <= 80:
                return value.strip()
    for row in above:
        texts = {v.strip() for v in row if isinstance(v, str) and v.strip()}
        if len(texts) == 1:
            text = texts.pop()
            if len(text) <= 80 and not _ANNEX.match(text) and not re.search(r"[:：]", text):
                return text
    return None


_ANNEX = re.compile(r"^附\s*[件表]\s*[0-9一二三四五六七八九十]*\s*$")


def _resolve_units(
    s: Session, plan: ImportPlan, aliases: dict[str, str], keep: Collection[str]
) -> None:
    """Write each unit as the directory spells it, expand collective names (“各乡镇人民政府”)
    into the directory's units unless the clerk kept one as written (``keep``), and list the
    names the directory does not know."""
    directory = (
        s.execute(select(Unit.name, Unit.kind).order_by(Unit.sort_order, Unit.id)).tuples().all()
    )
    exact = {name for name, _kind in directory}
    by_key: dict[str, list[str]] = defaultdict(list)
    for name, _kind in directory:
        by_key[normalise_unit(name)].append(name)
    unknown: list[str] = []
    groups: dict[str, list[str]] = {}

    def resolve(name: str) -> str:
        name = aliases.get(name, name)
        if name in exact:
            return name
        candidates = by_key.get(normalise_unit(name), [])
        if len(candidates) == 1:
            return candidates[0]
        if name not in unknown:
            unknown.append(name)
        return name

    def expand(name: str) -> list[str]:
        kept = name in aliases or name in keep or name in exact  # a unit of that very name
        if kept or not collectives.is_collective(name):
            return []
        if name not in groups:
            groups[name] = collectives.members(name, directory)
        return groups[name]

    for item in plan.items:
        group = expand(item.lead_unit) if item.lead_unit else []
        if group:
            plan.errors.append(_collective_lead(plan, item, len(group)))
            item.lead_unit = None
        elif item.lead_unit:
            item.lead_unit = resolve(item.lead_unit)
        named = [*group] + [m for u in item.co_units for m in (expand(u) or [resolve(u)])]
        item.co_units = [u for u in dict.fromkeys(named) if u != item.lead_unit]
    plan.unknown_units = unknown
    plan.collectives = {name: found for name, found in groups.items() if found}
    plan.errors.sort(key=lambda p: p.row)  # the collective-lead problems among the others


def _collective_lead(plan: ImportPlan, item: PlannedItem, count: int) -> Problem:
    col = plan.columns.get("lead_unit")
    return Problem(
        item.row,
        get_column_letter(col + 1) if col is not None else "",
        plan.headers.get(col, "") if col is not None else "",
        f"牵头单位“{item.lead_unit}”是 {count} 个单位的统称，已全部列为配合单位；"
        "请在台账中指定牵头单位",
    )


def _match_existing(s: Session, plan: ImportPlan) -> None:
    """Match rows to the list's items by code, else by title (and serial).

    The list's items, their units and their people come in two statements whatever the
    list's length: lazy loads per matched item cost 4,006 queries on a 2,000-row list, each a
    round trip on PostgreSQL, and every wizard choice plans again.
    """
    items = _ledger_items(s, plan.list_id)
    by_code = {i.values["code"]: i for i in items}
    by_title: dict[str, list[fields.Ledger]] = defaultdict(list)
    for i in items:
        by_title[i.values["title"]].append(i)
    for p in plan.items:
        match = by_code.get(p.code) if p.code else None
        if match is None:
            same = by_title.get(p.title, [])
            serial = next((i for i in same if i.values["serial"] == p.serial), None)
            match = serial or (same[0] if same else None)
        if match is None:
            continue
        p.item_id = match.values["id"]
        p.changes = fields.changes(match, p)
        p.action = "update" if p.changes else "unchanged"


def _ledger_items(s: Session, list_id: int | None) -> list[fields.Ledger]:
    lead, person = aliased(Unit), aliased(Person)
    rows = s.execute(
        select(
            *fields.MATCH_COLUMNS,
            lead.name.label("lead_unit_name"),
            person.name.label("assignee_name"),
            func.coalesce(Item.assignee_phone, person.phone).label("phone"),
        )
        .outerjoin(lead, lead.id == Item.lead_unit_id)
        .outerjoin(person, person.id == Item.assignee_id)
        .where(Item.list_id == list_id)
        .order_by(Item.id)
    ).mappings()
    co_units: dict[int, list[str]] = defaultdict(list)
    for item_id, name in s.execute(
        select(item_co_unit.c.item_id, Unit.name)
        .join(Unit, Unit.id == item_co_unit.c.unit_id)
        .join(Item, Item.id == item_co_unit.c.item_id)
        .where(Item.list_id == list_id)
    ):
        co_units[item_id].append(name)
    return [
        fields.Ledger(
            row, row["lead_unit_name"], co_units[row["id"]], row["assignee_name"], row["phone"]
        )
        for row in rows
    ]


def require_plan_ok(plan: ImportPlan) -> None:
    """Refuse to apply a plan that would import nothing."""
    if not plan.items:
        raise ImportFileError("没有读到任何事项行。", path=plan.file, sheet=plan.sheet)
