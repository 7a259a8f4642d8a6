"""Apply a planned import in the caller's transaction: all of it or, on any error, none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker import audit, history
from tracker.actors import Actor, require_role
from tracker.codes import CodeMaker
from tracker.deadlines import Deadline
from tracker.enums import SUPERVISORS, DeadlineKind, ListKind, Status, UnitKind
from tracker.errors import ValidationError
from tracker.excel import collectives
from tracker.excel.plan import PlannedItem
from tracker.models import Item, ItemList, Person, ProgressReport, Unit, item_co_unit
from tracker.services import import_layouts
from tracker.services.common import now
from tracker.services.imports import fields
from tracker.services.imports.plan import ImportPlan
from tracker.tasks import Progress, ticking


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
    writer = _Writer(s, actor, list_id, plan.year, units, stamp, plan.items)
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
    if collectives.is_collective(name):  # kept as written: one unit, of no kind
        return UnitKind.OTHER
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
        planned: list[PlannedItem],
    ) -> None:
        self.s, self.actor, self.list_id, self.year, self.units, self.at = (
            s,
            actor,
            list_id,
            year,
            units,
            at,
        )
        self.codes = CodeMaker(
            year,
            s.scalars(select(Item.code).where(Item.list_id == list_id)),
            (p.code for p in planned if p.code and p.action == "create"),
        )
        self.people: dict[tuple[str, int | None], Assignee] = {
            (p.name, p.unit_id): p for p in s.scalars(select(Person))
        }
        self.assign_later: list[tuple[Item, NewPerson]] = []
        self.new_rows: list[NewRow] = []
        self.updated: list[tuple[Item, PlannedItem]] = []
        self.unit_rows = {u.id: u for u in s.scalars(select(Unit))}

    def _person(self, name: str | None, phone: str | None, unit_id: int | None) -> Assignee | None:
        if not name:
            return None
        person = self.people.get((name, unit_id))
        if person is None:
            # the first phone a list gives becomes the directory's; the item keeps its own
            person = self.people[(name, unit_id)] = NewPerson(name, phone, unit_id)
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
        for name in fields.TEXT_FIELDS:
            value = getattr(p, name)
            if value is not None:
                setattr(item, name, value)
        if p.lead_unit:
            item.lead_unit_id = self.units[p.lead_unit]
        if p.co_units:
            item.co_units = [self.unit_rows[self.units[u]] for u in p.co_units]
        if p.assignee_phone is not None:
            item.assignee_phone = p.assignee_phone
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
            "code": self.codes.code(p.code),
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
        for name in fields.TEXT_FIELDS:
            row[name] = getattr(p, name)
        row["lead_unit_id"] = self.units[p.lead_unit] if p.lead_unit else None
        row["assignee_phone"] = p.assignee_phone
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
