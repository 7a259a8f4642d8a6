"""Import a list from a workbook: plan it against the ledger, then apply it in one go.

``plan_import`` reads, detects the layout, parses every cell, resolves unit names and matches
existing items (by code, else by title within the list); it writes nothing. ``apply_import``
writes the whole plan in the caller's transaction — all of it or, on any error, none.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker import audit, history
from tracker.actors import Actor, require_role
from tracker.deadlines import Deadline
from tracker.enums import SUPERVISORS, DeadlineKind, DeadlinePrecision, ListKind, Status, UnitKind
from tracker.errors import ImportFileError, ValidationError
from tracker.excel import layout as layouts
from tracker.excel.cells import normalise_unit
from tracker.excel.plan import PlannedItem, Problem, plan_sheet
from tracker.excel.reader import Grid, read_grid
from tracker.models import Item, ItemList, Person, ProgressReport, Unit, item_co_unit
from tracker.services import import_layouts
from tracker.services.common import now
from tracker.tasks import Progress, ticking

log = logging.getLogger(__name__)

COMPARED = (
    "content",
    "category",
    "source",
    "leader",
    "lead_unit",
    "co_units",
    "assignee",
    "assignee_phone",
    "deadline",
    "progress",
    "location",
    "remarks",
)


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
            "items": [_item_dict(i) for i in self.items],
            "skipped_rows": [{"row": r, "reason": why} for r, why in self.skipped],
            "errors": [
                {"row": p.row, "column": p.column, "header": p.header, "message": p.message}
                for p in self.errors
            ],
        }


def _item_dict(i: PlannedItem) -> dict[str, Any]:
    d = i.deadline
    return {
        "row": i.row,
        "serial": i.serial,
        "code": i.code,
        "title": i.title,
        "content": i.content,
        "category": i.category,
        "source": i.source,
        "leader": i.leader,
        "lead_unit": i.lead_unit,
        "co_units": i.co_units,
        "assignee": i.assignee,
        "assignee_phone": i.assignee_phone,
        "deadline": d.date.isoformat() if d and d.date else None,
        "deadline_raw": d.raw if d else None,
        "deadline_precision": (d.precision.value if d else DeadlinePrecision.NONE.value),
        "ongoing": bool(d and d.ongoing),
        "progress": i.progress,
        "location": i.location,
        "remarks": i.remarks,
        "action": i.action,
        "changes": {
            k: {"old": _plain(old), "new": _plain(new)} for k, (old, new) in i.changes.items()
        },
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


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
    _resolve_units(s, plan, unit_aliases or {})
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
    for row in grid.rows[: layout.header_rows[0]]:
        for value in row:
            if isinstance(value, str) and "清单" in value and len(value) <= 80:
                return value.strip()
    return None


def _resolve_units(s: Session, plan: ImportPlan, aliases: dict[str, str]) -> None:
    names = list(s.scalars(select(Unit.name)))
    exact = set(names)
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[normalise_unit(name)].append(name)
    unknown: list[str] = []

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

    for item in plan.items:
        if item.lead_unit:
            item.lead_unit = resolve(item.lead_unit)
        item.co_units = list(dict.fromkeys(resolve(u) for u in item.co_units))
    plan.unknown_units = unknown


def _current(s: Session, item: Item) -> dict[str, Any]:
    person = s.get(Person, item.assignee_id) if item.assignee_id else None
    return {
        "content": item.content,
        "category": item.category,
        "source": item.source,
        "leader": item.leader,
        "lead_unit": item.lead_unit.name if item.lead_unit else None,
        "co_units": sorted(u.name for u in item.co_units),
        "assignee": person.name if person else None,
        "assignee_phone": person.phone if person else None,
        "deadline": item.deadline_text,
        "progress": item.latest_progress,
        "location": item.location,
        "remarks": item.remarks,
    }


def _planned(p: PlannedItem) -> dict[str, Any]:
    return {
        "content": p.content,
        "category": p.category,
        "source": p.source,
        "leader": p.leader,
        "lead_unit": p.lead_unit,
        "co_units": sorted(p.co_units),
        "assignee": p.assignee,
        "assignee_phone": p.assignee_phone,
        "deadline": p.deadline.raw if p.deadline else None,
        "progress": p.progress,
        "location": p.location,
        "remarks": p.remarks,
    }


def _match_existing(s: Session, plan: ImportPlan) -> None:
    items = s.scalars(select(Item).where(Item.list_id == plan.list_id)).all()
    by_code = {i.code: i for i in items}
    by_title: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        by_title[i.title].append(i)
    for p in plan.items:
        match = by_code.get(p.code) if p.code else None
        if match is None:
            same = by_title.get(p.title, [])
            match = next((i for i in same if i.serial == p.serial), same[0] if same else None)
        if match is None:
            continue
        p.item_id = match.id
        old, new = _current(s, match), _planned(p)
        p.changes = {
            k: (old[k], new[k]) for k in COMPARED if new[k] not in (None, []) and new[k] != old[k]
        }
        p.action = "update" if p.changes else "unchanged"


@dataclass(frozen=True)
class ImportResult:
    list_id: int
    created: int
    updated: int
    unchanged: int
    units_created: list[str]
    #: the import's time stamp: ``ItemFilter(imported_at=…)`` shows the items it wrote
    at: dt.datetime | None = None


def apply_import(
    s: Session,
    actor: Actor,
    plan: ImportPlan,
    *,
    create_units: bool = False,
    kind: ListKind = ListKind.KEY_LIVELIHOOD,
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plan: new list and units if needed, new items as 待交办, updates in place.

    ``progress`` is called every few hundred items; if it raises (``Cancelled``), the
    caller's transaction rolls everything back. The column mapping is remembered for the
    next workbook with the same header.
    """
    require_role(actor, SUPERVISORS, "导入清单")
    if plan.unknown_units and not create_units:
        raise ValidationError(
            "units",
            f"以下单位在单位名录中没有：{'、'.join(plan.unknown_units)}。"
            "请先在名录中添加或改正表格，或确认后加 --create-units 一并新建。",
        )
    stamp = now(at)
    list_id = plan.list_id or _new_list(s, actor, plan, kind, stamp)
    units = _ensure_units(s, actor, plan.unknown_units if create_units else [], stamp)
    writer = _Writer(s, actor, list_id, plan.year, units, stamp)
    counts = {"create": 0, "update": 0, "unchanged": 0}
    for p in ticking(plan.items, progress, len(plan.items), PROGRESS_EVERY):
        counts[p.action] += 1
        if p.action == "create":
            writer.create(p)
        elif p.action == "update":
            writer.update(p)
    writer.finish()
    if plan.signature and plan.columns:
        import_layouts.remember(s, plan.signature, plan.columns)
    if progress is not None:
        # The bulk writes after the last item take most of the time: a 取消 clicked meanwhile
        # must still roll back, not be ignored by an import about to be committed.
        progress(len(plan.items), len(plan.items))
    return ImportResult(
        list_id,
        counts["create"],
        counts["update"],
        counts["unchanged"],
        plan.unknown_units if create_units else [],
        stamp,
    )


PROGRESS_EVERY = 250


def _new_list(s: Session, actor: Actor, plan: ImportPlan, kind: ListKind, at: dt.datetime) -> int:
    lst = ItemList(name=plan.list_name, kind=kind, year=plan.year, created_at=at)
    s.add(lst)
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="list_added",
        at=at,
        after={"list": plan.list_name, "kind": kind, "year": plan.year, "file": plan.file.name},
    )
    return lst.id


def _unit_kind(name: str) -> UnitKind:
    if name.endswith(("镇", "乡", "街道")):
        return UnitKind.TOWNSHIP
    if name.endswith(("村", "社区")):
        return UnitKind.VILLAGE
    return UnitKind.DEPARTMENT


def _ensure_units(s: Session, actor: Actor, new: list[str], at: dt.datetime) -> dict[str, int]:
    for name in new:
        s.add(Unit(name=name, kind=_unit_kind(name)))
        audit.append(s, actor=actor.login, action="unit_added", at=at, after={"unit": name})
    s.flush()
    return dict(s.execute(select(Unit.name, Unit.id)).tuples().all())


#: Text columns an import copies from the sheet as they are.
TEXT_FIELDS = ("content", "category", "source", "leader", "location", "remarks")


@dataclass
class NewPerson:
    """A responsible person the sheet names for the first time: a plain row, inserted with
    the others in ``finish`` (thousands of ORM objects cost a second of bookkeeping)."""

    name: str
    phone: str | None
    unit_id: int | None
    id: int | None = None


Assignee = Person | NewPerson


@dataclass
class NewRow:
    """A new item's column values and its assignee (whose id is known in ``finish``)."""

    row: dict[str, Any]
    person: Assignee | None
    planned: PlannedItem


class _Writer:
    """Creates and updates items for one import, reusing people and codes it has seen."""

    def __init__(
        self,
        s: Session,
        actor: Actor,
        list_id: int,
        year: int,
        units: dict[str, int],
        at: dt.datetime,
    ) -> None:
        self.s, self.actor, self.list_id, self.year, self.units, self.at = (
            s,
            actor,
            list_id,
            year,
            units,
            at,
        )
        self.codes = set(s.scalars(select(Item.code).where(Item.list_id == list_id)))
        self.people: dict[tuple[str, int | None], Assignee] = {
            (p.name, p.unit_id): p for p in s.scalars(select(Person))
        }
        self.assign_later: list[tuple[Item, NewPerson]] = []
        self.next_code = len(self.codes) + 1
        self.new_rows: list[NewRow] = []
        self.updated: list[tuple[Item, PlannedItem]] = []
        self.unit_rows = {u.id: u for u in s.scalars(select(Unit))}

    def _code(self, wanted: str | None) -> str:
        if wanted and wanted not in self.codes:
            self.codes.add(wanted)
            return wanted
        while f"{self.year}-{self.next_code:03d}" in self.codes:
            self.next_code += 1
        code = f"{self.year}-{self.next_code:03d}"
        self.codes.add(code)
        return code

    def _person(self, name: str | None, phone: str | None, unit_id: int | None) -> Assignee | None:
        if not name:
            return None
        person = self.people.get((name, unit_id))
        if person is None:
            person = self.people[(name, unit_id)] = NewPerson(name, phone, unit_id)
        elif phone and person.phone != phone:
            person.phone = phone
        return person

    def _insert_people(self) -> None:
        """The new people in one insert, their ids handed back by RETURNING."""
        new_people = [p for p in self.people.values() if isinstance(p, NewPerson)]
        if not new_people:
            return
        rows = [{"name": p.name, "phone": p.phone, "unit_id": p.unit_id} for p in new_people]
        stmt = insert(Person.table()).returning(Person.id, Person.name, Person.unit_id)
        for person_id, name, unit_id in self.s.connection().execute(stmt, rows):
            new = self.people[(name, unit_id)]
            assert isinstance(new, NewPerson)
            new.id = person_id
        for item, new in self.assign_later:
            item.assignee_id = new.id

    def _deadline(self, item: Item, d: Deadline | None) -> None:
        for name, value in _deadline_fields(d).items():
            setattr(item, name, value)

    def _fields(self, item: Item, p: PlannedItem) -> None:
        for name in TEXT_FIELDS:
            value = getattr(p, name)
            if value is not None:
                setattr(item, name, value)
        if p.lead_unit:
            item.lead_unit_id = self.units[p.lead_unit]
        if p.co_units:
            item.co_units = [self.unit_rows[self.units[u]] for u in p.co_units]
        person = self._person(p.assignee, p.assignee_phone, item.lead_unit_id)
        if isinstance(person, NewPerson):
            self.assign_later.append((item, person))
        elif person is not None:
            item.assignee = person
        self._deadline(item, p.deadline)

    def _progress(self, item: Item, text: str | None) -> None:
        if not text or text == item.latest_progress:
            return
        self.s.add(ProgressReport(item=item, **self._report(text)))
        item.latest_progress, item.latest_progress_on = text, self.at.date()

    def _report(self, text: str) -> dict[str, Any]:
        """A progress report the sheet's 进展 column stands for (new or changed text)."""
        return {
            "reported_on": self.at.date(),
            "text": text,
            "reporter": "表格导入",
            "user_id": self.actor.user_id,
            "created_at": self.at,
        }

    def create(self, p: PlannedItem) -> None:
        """Queue a new item as a plain row: thousands are inserted at once in ``finish``."""
        row = {
            **ITEM_DEFAULTS,
            "list_id": self.list_id,
            "code": self._code(p.code),
            "serial": p.serial,
            "title": p.title,
            "status": Status.REGISTERED,
            "created_at": self.at,
            "updated_at": self.at,
            "deadline_text": None,
            "deadline_date": None,
            "latest_progress": None,
            "latest_progress_on": None,
        }
        for name in TEXT_FIELDS:
            row[name] = getattr(p, name)
        row["lead_unit_id"] = self.units[p.lead_unit] if p.lead_unit else None
        person = self._person(p.assignee, p.assignee_phone, row["lead_unit_id"])
        row.update(_deadline_fields(p.deadline))
        if p.progress:
            row["latest_progress"], row["latest_progress_on"] = p.progress, self.at.date()
        self.new_rows.append(NewRow(row, person, p))

    def update(self, p: PlannedItem) -> None:
        item = self.s.get_one(Item, p.item_id)
        self._fields(item, p)
        self._progress(item, p.progress)
        self.updated.append((item, p))

    def finish(self) -> None:
        """Flush the updates, insert the new items in bulk, then one audit entry per item."""
        self._insert_people()  # the new rows and updated items need their ids
        self.s.flush()
        created = self._insert_new()
        entries: list[tuple[str, int | None, Any, Any]] = [
            ("import_create", item_id, None, {"row": p.row, "code": code, "title": p.title})
            for item_id, code, p in created
        ]
        entries += [
            (
                "import_update",
                item.id,
                {k: old for k, (old, _n) in p.changes.items()},
                {k: new for k, (_o, new) in p.changes.items()},
            )
            for item, p in self.updated
        ]
        audit.append_many(self.s, actor=self.actor.login, entries=entries, at=self.at)
        self._note_history(created)

    def _note_history(self, created: list[tuple[int, str, PlannedItem]]) -> None:
        """New items' first state, and updated items' state when a deadline moved."""
        by_id = {row["code"]: row for row in (n.row for n in self.new_rows)}
        rows = [(i, self.at, history.state_of(by_id[code])) for i, code, _p in created]
        self.s.flush()
        for item, p in self.updated:
            if "deadline" in p.changes:
                history.note(self.s, item, self.at)
        history.note_many(self.s, rows)

    def _insert_new(self) -> list[tuple[int, str, PlannedItem]]:
        """A Core executemany of plain rows: the ORM's per-object bookkeeping cost 6 s per
        10,000 items, and its bulk mode split the rows into thousands of batches."""
        if not self.new_rows:
            return []
        # New people were inserted in ``finish``: their ids exist now.
        rows = [{**n.row, "assignee_id": n.person.id if n.person else None} for n in self.new_rows]
        conn = self.s.connection()
        conn.execute(insert(Item.table()), rows)
        # Codes are unique within a list: look the new ids up by code (RETURNING in input
        # order would make SQLite insert one row per statement).
        by_code: dict[str, int] = dict(
            conn.execute(select(Item.code, Item.id).where(Item.list_id == self.list_id))
            .tuples()
            .all()
        )
        ids = [by_code[row["code"]] for row in rows]
        planned = [n.planned for n in self.new_rows]
        co_units = [
            {"item_id": item_id, "unit_id": self.units[u]}
            for item_id, p in zip(ids, planned, strict=True)
            for u in p.co_units
        ]
        if co_units:
            conn.execute(insert(item_co_unit), co_units)
        reports = [
            {"item_id": item_id, **self._report(p.progress)}
            for item_id, p in zip(ids, planned, strict=True)
            if p.progress
        ]
        if reports:
            conn.execute(insert(ProgressReport.table()), reports)
        return [(i, row["code"], p) for i, row, p in zip(ids, rows, planned, strict=True)]


def _deadline_fields(d: Deadline | None) -> dict[str, Any]:
    """The item columns a parsed deadline sets (none when the sheet gave none)."""
    if d is None:
        return {}
    return {
        "deadline_text": d.raw or None,
        "deadline_date": d.date,
        "deadline_precision": d.precision,
        "deadline_kind": DeadlineKind.ONGOING if d.ongoing else DeadlineKind.FIXED,
    }


#: Column defaults of an item, so that every bulk row carries the same keys.
ITEM_DEFAULTS = {
    c.key: c.default.arg
    for c in Item.__table__.columns
    if c.default is not None and c.default.is_scalar
}


def require_plan_ok(plan: ImportPlan) -> None:
    """Refuse to apply a plan that would import nothing."""
    if not plan.items:
        raise ImportFileError("没有读到任何事项行。", path=plan.file, sheet=plan.sheet)
