"""Build a realistic demo ledger fast enough for a million items.

Everything is derived from ``random.Random(seed)`` and the reference date ``today``, so the
same seed and date always give the same ledger (benchmarks rely on this). Items and their
history are written with Core ``INSERT`` executemany in chunks: the ORM unit of work would
take minutes at this size. One audit entry records the whole generation.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tracker import audit
from tracker.demo import vocab
from tracker.enums import (
    DeadlineKind,
    DeadlinePrecision,
    Decision,
    Escalation,
    ListKind,
    Rating,
    ReviewOutcome,
    Role,
    Status,
    UnitKind,
    Urgency,
)
from tracker.models import (
    Attachment,
    AuditEntry,
    ClosureRequest,
    Extension,
    Item,
    ItemHistory,
    ItemList,
    Person,
    ProgressReport,
    SatisfactionSurvey,
    Unit,
    Urge,
    User,
    item_co_unit,
)

CHUNK = 20_000
ProgressFn = Callable[[int, int], None]

# (list kind, code tag, share of items)
LIST_PLAN = [
    (ListKind.KEY_LIVELIHOOD, "MS", 0.70),
    (ListKind.COMMITMENT, "CN", 0.10),
    (ListKind.MICRO_WISH, "XY", 0.10),
    (ListKind.HOTLINE, "JS", 0.10),
]


@dataclass
class DemoSummary:
    """How many rows of each kind the generator wrote."""

    items: int = 0
    units: int = 0
    users: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Org:
    """The units, people and lists the items are spread over (ids only)."""

    departments: dict[str, int]
    townships: list[int]
    township_names: list[str]
    villages: list[tuple[str, int]]  # (village name, its township id)
    people_by_unit: dict[int, list[int]]
    supervisor_id: int
    clerk_by_unit: dict[int, int]
    login_by_unit: dict[int, str]
    lists: list[tuple[int, str, str]]  # (id, kind, code tag)


def generate_demo(
    s: Session,
    items: int,
    *,
    seed: int = 1,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
    store: Path | None = None,
) -> DemoSummary:
    """Write a demo ledger of ``items`` items into an empty database session.

    ``store``: the ledger's evidence folder; given, one small evidence file is stored there
    and every closure request carries it, as the 销号 gate asks (content-addressed, so a
    million items cost one file).
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    summary = DemoSummary(items=items)
    org = _build_org(s, rng, today.year, summary)
    first_id = (s.scalar(select(func.max(Item.id))) or 0) + 1
    writer = _ChunkWriter(s)
    evidence = _store_evidence(store) if store is not None else None
    batches = _item_batches(rng, org, items, first_id, today, evidence)
    for n, batch in enumerate(batches, start=1):
        writer.write(batch)
        if progress:
            progress(min(n * CHUNK, items), items)
    writer.flush()
    summary.counts = writer.counts
    audit.append(
        s,
        actor="system",
        action="demo_generated",
        after={"items": items, "seed": seed, "today": today.isoformat(), **writer.counts},
    )
    return summary


def _build_org(s: Session, rng: random.Random, year: int, summary: DemoSummary) -> _Org:
    county = Unit(name=vocab.COUNTY + "人民政府", kind=UnitKind.COUNTY)
    s.add(county)
    s.flush()
    departments = {}
    for order, name in enumerate(vocab.DEPARTMENTS):
        unit = Unit(name=name, kind=UnitKind.DEPARTMENT, parent_id=county.id, sort_order=order)
        s.add(unit)
        s.flush()
        departments[name] = unit.id
    townships, villages = [], []
    for order, name in enumerate(vocab.TOWNSHIPS):
        town = Unit(name=name, kind=UnitKind.TOWNSHIP, parent_id=county.id, sort_order=100 + order)
        s.add(town)
        s.flush()
        townships.append(town.id)
        for k, stem in enumerate(rng.sample(vocab.VILLAGE_STEMS, 4)):
            vname = f"{name}{stem}{vocab.VILLAGE_SUFFIXES[k % 2]}"
            village = Unit(name=vname, kind=UnitKind.VILLAGE, parent_id=town.id, sort_order=k)
            s.add(village)
            s.flush()
            villages.append((vname, town.id))
    people_by_unit: dict[int, list[int]] = {}
    for unit_id in [*departments.values(), *townships]:
        for _ in range(2):
            person = Person(name=_person_name(rng), phone=_phone(rng), unit_id=unit_id)
            s.add(person)
            s.flush()
            people_by_unit.setdefault(unit_id, []).append(person.id)
    users = [
        User(login="duchashi", display_name="县委督查室", role=Role.SUPERVISOR, unit_id=county.id),
        User(login="lingdao", display_name="县领导（只读）", role=Role.VIEWER),
    ]
    if s.scalar(select(User.id).where(User.login == "admin")) is None:
        users.append(User(login="admin", display_name="系统管理员", role=Role.ADMIN))
    s.add_all(users)
    clerk_by_unit, login_by_unit = {}, {}
    for i, unit_id in enumerate([*departments.values(), *townships], start=1):
        clerk = User(
            login=f"unit{i:02d}",
            display_name=f"承办单位录入员{i:02d}",
            role=Role.CLERK,
            unit_id=unit_id,
        )
        s.add(clerk)
        s.flush()
        clerk_by_unit[unit_id] = clerk.id
        login_by_unit[unit_id] = clerk.login
    lists = []
    for kind, tag, _share in LIST_PLAN:
        lst = ItemList(name=f"{year}年{vocab.COUNTY}{kind.label}清单", kind=kind, year=year)
        s.add(lst)
        s.flush()
        lists.append((lst.id, kind.value, tag))
    s.flush()
    summary.units = 1 + len(departments) + len(townships) + len(villages)
    summary.users = len(users) + len(clerk_by_unit)
    return _Org(
        departments,
        townships,
        list(vocab.TOWNSHIPS),
        villages,
        people_by_unit,
        users[0].id,
        clerk_by_unit,
        login_by_unit,
        lists,
    )


def _person_name(rng: random.Random) -> str:
    return rng.choice(vocab.SURNAMES) + "".join(rng.choices(vocab.GIVEN, k=rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


#: The demo's evidence file: a 1×1 white PNG (opens in any image viewer).
DEMO_EVIDENCE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d6a5f20000000049454e44ae426082"
)
DEMO_EVIDENCE_NAME = "验收照片（演示）.png"


def _store_evidence(store: Path) -> tuple[str, int]:
    digest = hashlib.sha256(DEMO_EVIDENCE).hexdigest()
    path = store / digest[:2] / digest  # the layout of ``services.attachments.stored_path``
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DEMO_EVIDENCE)
    return digest, len(DEMO_EVIDENCE)


class _ChunkWriter:
    """Collects rows per table and writes them with executemany."""

    TABLES: dict[str, Any] = {
        "item": Item.__table__,
        "item_co_unit": item_co_unit,
        "progress_report": ProgressReport.__table__,
        "closure_request": ClosureRequest.__table__,
        "urge": Urge.__table__,
        "extension": Extension.__table__,
        "satisfaction_survey": SatisfactionSurvey.__table__,
        "attachment": Attachment.__table__,
        "item_history": ItemHistory.__table__,
        "audit_entry": AuditEntry.__table__,
    }

    def __init__(self, s: Session) -> None:
        self.s = s
        self.counts: dict[str, int] = dict.fromkeys(self.TABLES, 0)
        self._compiled: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {}
        self._head: str | None = None

    def write(self, batch: dict[str, list[dict[str, Any]]]) -> None:
        conn = self.s.connection()
        events: list[Any] = batch.pop("audit", [])  # (at, actor, item, action, before, after)
        batch["audit_entry"] = self._audit(events)
        for name, rows in batch.items():
            if rows:
                sql, to_params = self._statement(name, conn.dialect)
                conn.exec_driver_sql(sql, [to_params(r) for r in rows])
                self.counts[name] += len(rows)

    def _statement(self, name: str, dialect: Any) -> tuple[str, Callable[[dict[str, Any]], Any]]:
        """Compile the INSERT once and convert rows with the column types' processors.

        Going through ``Session.execute`` per chunk spends most of its time rebuilding
        parameters; this keeps SQLAlchemy's own type conversions but skips that work. Only
        items carry their own ids; other tables leave ``id`` to the database (PostgreSQL
        does not turn an explicit NULL into the next serial value as SQLite does).
        """
        if name not in self._compiled:
            table = self.TABLES[name]
            columns = [
                c for c in table.columns if c.key != "id" or name in ("item", "item_co_unit")
            ]
            compiled = insert(table).compile(dialect=dialect, column_keys=[c.key for c in columns])
            keys = (
                list(compiled.positiontup or [])
                if compiled.positional
                else [c.key for c in columns]
            )
            procs = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns}
            if compiled.positional:

                def to_params(row: dict[str, Any]) -> Any:
                    return tuple(_bind(procs[k], row.get(k)) for k in keys)
            else:

                def to_params(row: dict[str, Any]) -> Any:
                    return {k: _bind(procs[k], row.get(k)) for k in keys}

            self._compiled[name] = (str(compiled), to_params)
        return self._compiled[name]

    def _audit(self, events: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """The items' audit entries, chained like the services' own (``audit.append_many``)."""
        if not events:
            return []
        if self._head is None:
            self._head = audit.head_hash(self.s)
        rows, self._head = audit.chained_rows(self._head, events)
        return rows

    def flush(self) -> None:
        self.s.flush()


#: The visit of a closed 重点民生实事 / 微心愿 item that the random draw did not make.
GATED_VISIT = {
    "rating": Rating.SATISFIED,
    "method": "电话回访",
    "respondent": "群众代表",
    "comment": "满意",
}


def _need(item_id: int) -> str | None:
    """One open item in nine asks for coordination in its latest report (chosen by id, so
    the random sequence, and every other demo figure, stays as it was)."""
    return vocab.NEEDS[item_id // 9 % len(vocab.NEEDS)] if item_id % 9 == 0 else None


def _stage_text(percent: int) -> str:
    text = next(t for reached, t in reversed(vocab.PROGRESS_STAGES) if percent >= reached)
    return text.format(p=percent)


#: The audit action a demo state change stands for, by the field that changed.
STATUS_ACTIONS = {
    Status.ASSIGNED: "assign",
    Status.IN_PROGRESS: "sign",
    Status.CLOSURE_REQUESTED: "request_closure",
    Status.COMPLETED: "approve",
    Status.CLOSED: "close",
    Status.SUSPENDED: "suspend",
    Status.CANCELLED: "cancel",
}
CLERK_ACTIONS = frozenset({"sign", "request_closure", "progress"})


def _action(before: dict[str, Any], change: dict[str, Any]) -> str:
    if "status" in change and change["status"] != before["status"]:
        return STATUS_ACTIONS[change["status"]]
    if "deadline_date" in change:
        return "extension_approved"
    if "escalation" in change:
        return "escalate"
    return "progress"


def _logged(state: dict[str, Any]) -> dict[str, Any]:
    """The state fields an audit snapshot records (as ``services.common.snapshot``)."""
    return {k: state[k] for k in ("status", "deadline_date", "escalation", "progress_percent")}


def _own(rows: list[dict[str, Any]], item_id: int) -> list[dict[str, Any]]:
    """The rows of one item at the end of a batch list (an item's rows are written last),
    in the order they were made (a stable sort by time keeps same-day reports in order)."""
    n = 0
    while n < len(rows) and rows[-1 - n]["item_id"] == item_id:
        n += 1
    return rows[len(rows) - n :]


def _bind(proc: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if proc is None or value is None else proc(value)


def _item_batches(
    rng: random.Random,
    org: _Org,
    total: int,
    first_id: int,
    today: dt.date,
    evidence: tuple[str, int] | None = None,
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    maker = _ItemMaker(rng, org, today, evidence)
    for start in range(0, total, CHUNK):
        batch: dict[str, list[Any]] = {name: [] for name in (*_ChunkWriter.TABLES, "audit")}
        for n in range(start, min(start + CHUNK, total)):
            maker.make(first_id + n, n, batch)
        yield batch


class _ItemMaker:
    """Makes one item and its history rows; all choices come from the shared ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        org: _Org,
        today: dt.date,
        evidence: tuple[str, int] | None = None,
    ) -> None:
        self.rng = rng
        #: (sha256, size) of the one stored demo evidence file every request carries
        self.evidence = evidence
        self.org = org
        self.today = today
        self.year = today.year
        self.start = dt.date(self.year, 1, 15)
        self.now = dt.datetime.combine(today, dt.time(9, 0))
        self.categories = list(vocab.CATEGORIES.items())
        self.list_weights = [share for _k, _t, share in LIST_PLAN]
        self.serials: dict[int, int] = {}
        self._at_cache: dict[dt.date, dt.datetime] = {}

    def make(self, item_id: int, n: int, batch: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng
        list_id, list_kind, tag = rng.choices(self.org.lists, weights=self.list_weights)[0]
        serial = self.serials[list_id] = self.serials.get(list_id, 0) + 1
        category, (dept_name, templates) = rng.choice(self.categories)
        place, place_unit = self._place()
        title = rng.choice(templates).format(place=place)
        lead_unit = self.org.departments[dept_name] if rng.random() < 0.6 else place_unit
        deadline, text, precision, kind = self._deadline()
        status = self._status(deadline)
        percent = self._percent(status, deadline)
        row = {
            "id": item_id,
            "list_id": list_id,
            "code": f"{self.year}-{tag}-{serial:06d}",
            "serial": str(serial),
            "title": title,
            "category": category,
            "content": rng.choice(vocab.CONTENT_TEMPLATES).format(
                title=title, n=rng.randrange(50, 20000), funds=rng.randrange(5, 3000)
            ),
            "source": rng.choice(vocab.SOURCES),
            "leader": rng.choice(vocab.LEADERS),
            "lead_unit_id": lead_unit,
            "assignee_id": rng.choice(self.org.people_by_unit[lead_unit]),
            "deadline_text": text,
            "deadline_date": deadline,
            "deadline_precision": precision,
            "deadline_kind": kind,
            "original_deadline_date": None,
            "status": status,
            "escalation": Escalation.NORMAL,
            "urgency": Urgency.NORMAL,
            "progress_percent": percent,
            "latest_progress": None,
            "latest_progress_on": None,
            "rework_count": 0,
            "urge_count": 0,
            "reopen_count": 0,
            "beneficiaries": rng.randrange(50, 20000),
            "funds": None,
            "location": place,
            "remarks": None,
            "created_at": self._at(self.start),
            "updated_at": self.now,
            "assigned_at": None,
            "signed_at": None,
            "completed_at": None,
            "closed_at": None,
            "version": 1,
        }
        if rng.random() < 0.5:
            row["funds"] = rng.randrange(5, 3000)
        if status == Status.SUSPENDED:
            row["suspended_from"] = Status.IN_PROGRESS
        if status == Status.CANCELLED:
            row["cancelled_at"] = self._at(self._day_between(self.start, self.today))
        if list_kind == ListKind.MICRO_WISH:
            self._wish(row, place_unit)
        self._co_units(item_id, lead_unit, batch)
        self._history(row, list_kind, batch)
        batch["item"].append(row)
        self._timeline(row, batch)

    def _wish(self, row: dict[str, Any], branch: int) -> None:
        """A wish names the resident who asked and, once claimed, the party member."""
        row["resident_name"] = _person_name(self.rng)
        row["resident_phone"] = _phone(self.rng)
        if row["status"] not in (Status.DRAFT, Status.REGISTERED, Status.CANCELLED):
            row["claimant_name"] = _person_name(self.rng)
            row["claimant_unit_id"] = branch
            row["claimed_at"] = self._at(self.start + dt.timedelta(days=10))

    def _place(self) -> tuple[str, int]:
        rng = self.rng
        if rng.random() < 0.5:
            idx = rng.randrange(len(self.org.townships))
            return self.org.township_names[idx], self.org.townships[idx]
        return rng.choice(self.org.villages)

    def _deadline(self) -> tuple[dt.date | None, str, DeadlinePrecision, DeadlineKind]:
        rng, y = self.rng, self.year
        r = rng.random()
        if r < 0.06:
            return None, "长期坚持", DeadlinePrecision.NONE, DeadlineKind.ONGOING
        if r < 0.16:
            return dt.date(y, 12, 31), f"{y}年底前", DeadlinePrecision.YEAR, DeadlineKind.FIXED
        month = rng.randrange(3, 13)
        if r < 0.36:
            day = rng.randrange(1, 29)
            return (
                dt.date(y, month, day),
                f"{y}年{month}月{day}日",
                DeadlinePrecision.DAY,
                DeadlineKind.FIXED,
            )
        last = calendar.monthrange(y, month)[1]
        return (
            dt.date(y, month, last),
            f"{y}年{month}月底前",
            DeadlinePrecision.MONTH,
            DeadlineKind.FIXED,
        )

    def _status(self, deadline: dt.date | None) -> str:
        rng = self.rng
        r = rng.random()
        side = [
            (0.02, Status.DRAFT),
            (0.04, Status.REGISTERED),
            (0.07, Status.ASSIGNED),
            (0.085, Status.SUSPENDED),
            (0.10, Status.CANCELLED),
        ]
        for bound, status in side:
            if r < bound:
                return status
        passed = deadline is not None and deadline < self.today
        done_chance = 0.85 if passed else self._elapsed(deadline) * 0.6
        if rng.random() >= done_chance:
            return Status.IN_PROGRESS
        r = rng.random()
        if r < 0.7:
            return Status.CLOSED
        return Status.COMPLETED if r < 0.9 else Status.CLOSURE_REQUESTED

    def _elapsed(self, deadline: dt.date | None) -> float:
        end = deadline or dt.date(self.year, 12, 31)
        total = max((end - self.start).days, 1)
        return min(max((self.today - self.start).days / total, 0.0), 1.0)

    def _percent(self, status: str, deadline: dt.date | None) -> int:
        if status in (Status.COMPLETED, Status.CLOSED, Status.CLOSURE_REQUESTED):
            return 100
        if status in (Status.IN_PROGRESS, Status.SUSPENDED):
            base = self._elapsed(deadline) * 100
            return int(min(95, max(5, self.rng.gauss(base, 20))))
        return 0

    def _co_units(self, item_id: int, lead: int, batch: dict[str, list[dict[str, Any]]]) -> None:
        if self.rng.random() >= 0.4:
            return
        pool = [u for u in self.org.departments.values() if u != lead]
        for unit_id in self.rng.sample(pool, self.rng.choice((1, 2))):
            batch["item_co_unit"].append({"item_id": item_id, "unit_id": unit_id})

    def _at(self, day: dt.date) -> dt.datetime:
        """Office hours on ``day``; cached because it is called millions of times."""
        at = self._at_cache.get(day)
        if at is None:
            at = self._at_cache[day] = dt.datetime.combine(day, dt.time(8 + day.day % 9, 30))
        return at

    def _day_between(self, a: dt.date, b: dt.date) -> dt.date:
        if b <= a:
            return a
        return a + dt.timedelta(days=int(self.rng.random() * ((b - a).days + 1)))

    def _history(self, row: dict[str, Any], list_kind: str, batch: dict[str, list[Any]]) -> None:
        status = row["status"]
        if status in (Status.DRAFT, Status.REGISTERED):
            return
        rng = self.rng
        assigned = self._day_between(self.start, self.start + dt.timedelta(days=20))
        row["assigned_at"] = self._at(assigned)
        if status == Status.ASSIGNED:
            return
        row["signed_at"] = self._at(assigned + dt.timedelta(days=rng.randrange(3)))
        self._extension(row, batch)
        deadline = row["deadline_date"]
        done_day = None
        if status in (Status.CLOSURE_REQUESTED, Status.COMPLETED, Status.CLOSED):
            latest = min(self.today, (row["deadline_date"] or self.today) + dt.timedelta(days=40))
            on_time = rng.random() < 0.85 and deadline is not None
            end = min(latest, row["deadline_date"]) if on_time else latest
            done_day = self._day_between(assigned + dt.timedelta(days=10), end)
        self._progress(row, assigned, done_day, batch)
        if done_day is not None:
            self._closure(row, done_day, list_kind, batch)
        elif deadline is not None and deadline < self.today and status == Status.IN_PROGRESS:
            self._urges(row, deadline, batch)

    def _timeline(self, row: dict[str, Any], batch: dict[str, list[Any]]) -> None:
        """The item's state history, replayed from the time stamps of what was generated
        for it, so that a report for a past date sees the ledger as it then was."""
        item_id, status = row["id"], row["status"]
        events: list[tuple[dt.datetime, dict[str, Any]]] = []
        if row["assigned_at"] is not None:
            assigned = {"status": Status.ASSIGNED, "assigned_at": row["assigned_at"]}
            events.append((row["assigned_at"], assigned))
        if row["signed_at"] is not None:
            events.append((row["signed_at"], {"status": Status.IN_PROGRESS}))
        for ext in _own(batch["extension"], item_id):
            extended = {"deadline_date": ext["new_date"], "deadline_text": row["deadline_text"]}
            events.append((ext["decided_at"], extended))
        for report in _own(batch["progress_report"], item_id):
            events.append((report["created_at"], {"progress_percent": report["percent"]}))
        for request in _own(batch["closure_request"], item_id):
            at = request["requested_at"]
            row["requested_on"] = at.date()
            events.append((at, {"status": Status.CLOSURE_REQUESTED, "requested_on": at.date()}))
        if row["completed_at"] is not None:
            done = {"status": Status.COMPLETED, "done_on": row["completed_at"].date()}
            events.append((row["completed_at"], {**done, "progress_percent": 100}))
        if status == Status.CLOSED:
            events.append((row["closed_at"], {"status": Status.CLOSED}))
        urges = sorted(_own(batch["urge"], item_id), key=lambda u: u["created_at"])
        if row["escalation"] != Escalation.NORMAL:
            events.append((urges[2]["created_at"], {"escalation": row["escalation"]}))
        events.sort(key=lambda e: e[0])
        self._pause_or_end(row, events)
        state = {
            "status": Status.DRAFT if status == Status.DRAFT else Status.REGISTERED,
            "escalation": Escalation.NORMAL,
            "deadline_date": row["original_deadline_date"] or row["deadline_date"],
            "deadline_text": row.get("first_deadline_text", row["deadline_text"]),
            "progress_percent": 0,
            "requested_on": None,
            "done_on": None,
            "lead_unit_id": row["lead_unit_id"],
            "category": row["category"],
            "assigned_at": None,
        }
        history, log = batch["item_history"], batch["audit"]
        history.append({"item_id": item_id, "at": row["created_at"], **state})
        created = {"code": row["code"], "title": row["title"]}
        log.append((row["created_at"], "duchashi", item_id, "create", None, created))
        clerk = self.org.login_by_unit.get(row["lead_unit_id"], "duchashi")
        for at, change in events:
            before, state = state, {**state, **change}
            history.append({"item_id": item_id, "at": at, **state})
            action = _action(before, change)
            actor = clerk if action in CLERK_ACTIONS else "duchashi"
            log.append((at, actor, item_id, action, _logged(before), _logged(state)))

    def _pause_or_end(self, row: dict[str, Any], events: list[Any]) -> None:
        """暂缓 and 终止 come after everything else the item went through."""
        status = row["status"]
        if status not in (Status.SUSPENDED, Status.CANCELLED):
            return
        last = events[-1][0].date() if events else self.start
        day = min(self.today, last + (self.today - last) // 2 + dt.timedelta(days=1))
        at = max(self._at(day), events[-1][0] if events else row["created_at"])
        if status == Status.CANCELLED:
            row["cancelled_at"] = at
        events.append((at, {"status": status}))

    def _extension(self, row: dict[str, Any], batch: dict[str, list[Any]]) -> None:
        old = row["deadline_date"]
        if old is None or self.rng.random() >= 0.05:
            return
        new = old + dt.timedelta(days=self.rng.choice((30, 61, 92)))
        if new.year != self.year:
            return
        requested = max(self.start, old - dt.timedelta(days=10))
        batch["extension"].append(
            {
                "item_id": row["id"],
                "requested_at": self._at(requested),
                "requested_by_id": self.org.clerk_by_unit.get(row["lead_unit_id"]),
                "reason": "受施工条件影响，申请延期",
                "old_date": old,
                "new_date": new,
                "status": Decision.APPROVED,
                "decided_at": self._at(requested + dt.timedelta(days=2)),
                "decided_by_id": self.org.supervisor_id,
                "decision_comment": "同意延期",
            }
        )
        row["original_deadline_date"] = old
        row["first_deadline_text"] = row["deadline_text"]  # not a column: for the history
        row["deadline_date"] = new
        row["deadline_text"] = f"{new.year}年{new.month}月{new.day}日（延期）"

    def _progress(
        self,
        row: dict[str, Any],
        assigned: dt.date,
        done: dt.date | None,
        batch: dict[str, list[Any]],
    ) -> None:
        rng = self.rng
        last_day = done or self.today
        days = sorted(self._day_between(assigned, last_day) for _ in range(rng.choice((1, 2, 3))))
        for k, day in enumerate(days, start=1):
            pct = row["progress_percent"] * k // len(days)
            text = _stage_text(pct)
            batch["progress_report"].append(
                {
                    "item_id": row["id"],
                    "reported_on": day,
                    "text": text,
                    "percent": pct,
                    "problems": rng.choice(vocab.PROBLEMS) if rng.random() < 0.2 else None,
                    "needs": _need(row["id"]) if done is None and k == len(days) else None,
                    "reporter": "承办单位",
                    "user_id": self.org.clerk_by_unit.get(row["lead_unit_id"]),
                    "created_at": self._at(day),
                }
            )
            row["latest_progress"], row["latest_progress_on"] = text, day

    def _closure(
        self, row: dict[str, Any], done: dt.date, list_kind: str, batch: dict[str, list[Any]]
    ) -> None:
        status = row["status"]
        reviewed = status != Status.CLOSURE_REQUESTED
        review_day = done + dt.timedelta(days=self.rng.randrange(1, 6))
        review_day = min(review_day, self.today)
        batch["closure_request"].append(
            {
                "item_id": row["id"],
                "requested_at": self._at(done),
                "requested_by_id": self.org.clerk_by_unit.get(row["lead_unit_id"]),
                "summary": "已按要求完成全部建设任务，佐证材料已上传。",
                "outcome": ReviewOutcome.APPROVED if reviewed else ReviewOutcome.PENDING,
                "reviewed_at": self._at(review_day) if reviewed else None,
                "reviewer_id": self.org.supervisor_id if reviewed else None,
                "review_comment": "同意办结" if reviewed else None,
            }
        )
        if reviewed:
            row["completed_at"] = self._at(review_day)
        if self.evidence is not None:  # what the 销号 gate asks of every request
            sha256, size = self.evidence
            batch["attachment"].append(
                {
                    "item_id": row["id"],
                    "closure_request_id": None,
                    "filename": DEMO_EVIDENCE_NAME,
                    "sha256": sha256,
                    "size": size,
                    "uploaded_at": self._at(done),
                    "user_id": self.org.clerk_by_unit.get(row["lead_unit_id"]),
                }
            )
        if status == Status.CLOSED:
            row["closed_at"] = self._at(min(self.today, review_day + dt.timedelta(days=3)))
            self._survey(row, review_day, list_kind, batch)

    def _survey(
        self, row: dict[str, Any], after: dt.date, list_kind: str, batch: dict[str, list[Any]]
    ) -> None:
        rng = self.rng
        # 销号 of these kinds needs a visit after completion with no 不满意 (the gate's
        # defaults): they are always visited, and a closed one was not judged 不满意. The
        # visits the random draw skips are made without drawing, so the random sequence,
        # and every other demo figure, stays as it was.
        gated = list_kind in (ListKind.KEY_LIVELIHOOD, ListKind.MICRO_WISH)
        visit = {
            "item_id": row["id"],
            # between 办结 and 销号 (three days later)
            "visited_on": min(self.today, after + dt.timedelta(days=1)),
            "user_id": self.org.supervisor_id,
            "created_at": self.now,
        }
        if rng.random() >= 0.7:
            if gated:
                batch["satisfaction_survey"].append(
                    {**visit, **GATED_VISIT, "contacted": None, "solved": None}
                )
            return
        r = rng.random()
        rating = Rating.SATISFIED if r < 0.8 else Rating.BASIC if r < 0.95 else Rating.DISSATISFIED
        if gated and rating == Rating.DISSATISFIED:
            rating = Rating.BASIC
        hotline = list_kind == ListKind.HOTLINE
        batch["satisfaction_survey"].append(
            {
                **visit,
                "contacted": True if hotline else None,
                "solved": (rng.random() < 0.9) if hotline else None,
                "rating": rating,
                "method": rng.choice(("电话回访", "上门回访", "问卷")),
                "respondent": _person_name(rng),
                "comment": rng.choice(vocab.SURVEY_COMMENTS),
            }
        )

    def _urges(self, row: dict[str, Any], deadline: dt.date, batch: dict[str, list[Any]]) -> None:
        count = self.rng.choice((1, 1, 2, 3))
        for k in range(count):
            day = min(self.today, deadline + dt.timedelta(days=3 + 7 * k))
            batch["urge"].append(
                {
                    "item_id": row["id"],
                    "unit_id": row["lead_unit_id"],
                    "urged_on": day,
                    "method": "督办通知",
                    "note": "请加快推进，尽快办结。",
                    "user_id": self.org.supervisor_id,
                    "created_at": self._at(day),
                }
            )
        row["urge_count"] = count
        if count >= 3:
            row["escalation"] = Escalation.KEY
