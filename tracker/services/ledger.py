"""Read side of the ledger: filtered item rows and one item's full record.

Filtering and ordering happen in SQL so that the same functions serve a ten-item county list
and a million-item hotline ledger.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from tracker import metric_series, search_index
from tracker.diff_text import diff_text
from tracker.enums import (
    DeadlineKind,
    DeadlinePrecision,
    Decision,
    Escalation,
    Rating,
    ReviewOutcome,
    Status,
    Urgency,
)
from tracker.errors import NotFoundError, ValidationError
from tracker.lights import WarningRules, light_expr
from tracker.models import (
    AuditEntry,
    ClosureRequest,
    Extension,
    Item,
    ItemList,
    Person,
    ProgressReport,
    SatisfactionSurvey,
    Unit,
    Urge,
    User,
    item_co_unit,
)
from tracker.services import extensions, item_record, unit_tree
from tracker.services.editing import EDITABLE
from tracker.services.extensions import PendingExtension
from tracker.services.item_record import AttachmentInfo, AuditLine
from tracker.workflow import label_for


@dataclass(frozen=True)
class ItemFilter:
    """What the user asked to see. Empty fields do not filter."""

    statuses: Sequence[Status] = ()
    unit: str | None = None
    #: exactly these items (a selection in the ledger; see ``batch.MAX_ITEMS``)
    ids: Sequence[int] = ()
    #: ``unit`` includes the units under it (a town's villages): the filter bar's tree
    with_subunits: bool = False
    list_name: str | None = None
    overdue_only: bool = False
    as_of: dt.date | None = None
    lights: Sequence[str] = ()  # red / orange / yellow / green / grey
    text: str | None = None  # substring of code, title, content, lead unit or assignee
    category: str | None = None
    escalations: Sequence[str] = ()
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    #: Only the items behind a headline figure (``metric_series.TRACED``) as of ``as_of`` —
    #: what a click on a dashboard number shows.
    figure: str | None = None
    #: Figures count an item for its lead unit only; ``unit`` also matches co-organisers.
    lead_unit: str | None = None
    #: Only the items an import created or changed (its ``ImportResult.at``).
    imported_at: dt.datetime | None = None


@dataclass(frozen=True)
class ItemRow:
    """One ledger line as the user sees it."""

    id: int
    code: str
    list_name: str
    title: str
    category: str | None
    lead_unit: str | None
    status: str
    status_label: str
    deadline_text: str | None
    deadline_date: dt.date | None
    overdue_days: int
    progress_percent: int
    latest_progress: str | None
    urge_count: int
    light: str


def _as_of(f: ItemFilter) -> dt.date:
    return f.as_of or dt.date.today()


def apply_filter(s: Session, stmt: Select, f: ItemFilter, *, walk: bool = False) -> Select:
    """Add the conditions of ``f`` to ``stmt`` (a select over ``Item``).

    ``walk``: keep SQLite from answering the text condition through its indexes, so that it
    walks the display order instead (see ``page_rows``); the rows found are the same.
    """
    if f.ids:
        stmt = stmt.where(Item.id.in_(list(f.ids)))
    if f.statuses:
        stmt = stmt.where(Item.status.in_([str(x) for x in f.statuses]))
    if f.unit:
        units = (
            unit_tree.subtree_ids(s, f.unit)
            if f.with_subunits
            else select(Unit.id).where(Unit.name == f.unit)
        )
        co = select(item_co_unit.c.item_id).where(item_co_unit.c.unit_id.in_(units))
        stmt = stmt.where(or_(Item.lead_unit_id.in_(units), Item.id.in_(co)))
    if f.list_name:
        stmt = stmt.where(Item.list_id.in_(select(ItemList.id).where(ItemList.name == f.list_name)))
    rules = WarningRules.load(s, _as_of(f)) if f.overdue_only or f.lights or f.figure else None
    if rules and f.overdue_only:
        stmt = stmt.where(rules.terms.overdue_open)
    if rules and f.lights:
        stmt = stmt.where(light_expr(rules).in_(list(f.lights)))
    if f.category:
        stmt = stmt.where(Item.category == f.category)
    if f.escalations:
        stmt = stmt.where(Item.escalation.in_([str(e) for e in f.escalations]))
    if f.text and f.text.strip():
        stmt = stmt.where(_text_condition(s, f.text.strip(), walk))
    if f.deadline_from:
        stmt = stmt.where(Item.deadline_date >= f.deadline_from)
    if f.deadline_to:
        stmt = stmt.where(Item.deadline_date <= f.deadline_to)
    if f.lead_unit:
        # with a figure, the unit that led the item on the figure's day (as reports count)
        lead = rules.terms.state.lead_unit if rules and f.figure else Item.lead_unit_id
        stmt = stmt.where(lead.in_(select(Unit.id).where(Unit.name == f.lead_unit)))
    if rules and f.figure:
        metric_series.check_figure(f.figure)
        stmt = stmt.where(metric_series.figure_condition(s, rules.terms, f.figure))
    if f.imported_at:
        stmt = stmt.where(Item.id.in_(_imported(f.imported_at)))
    return rules.frame(stmt) if rules else stmt


IMPORT_ACTIONS = ("import_create", "import_update")


def _imported(at: dt.datetime) -> Select:
    """Ids the import stamped ``at`` wrote: its audit entries name them."""
    return select(AuditEntry.item_id).where(
        AuditEntry.at == at, AuditEntry.action.in_(IMPORT_ACTIONS)
    )


def _text_condition(s: Session, text: str, walk: bool = False) -> ColumnElement[bool]:
    """Substring search over code, title, content, lead unit and assignee.

    On SQLite a word of three or more characters is looked up in the trigram index
    (``search_index``) instead of scanning every row; the same LIKE then confirms each
    candidate, so both paths find exactly the same items.
    """
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def like(column: Any) -> ColumnElement[bool]:
        return column.like(pattern, escape="\\")

    def key(column: Any) -> Any:
        return column + 0 if walk else column  # an expression: no index lookup on it

    units = select(Unit.id).where(like(Unit.name))
    people = select(Person.id).where(like(Person.name))
    own_text = or_(like(Item.code), like(Item.title), like(Item.content))
    if search_index.usable(s, text):
        own_text = and_(key(Item.id).in_(search_index.matching_ids(text)), own_text)
    return or_(own_text, key(Item.lead_unit_id).in_(units), key(Item.assignee_id).in_(people))


#: Columns the ledger can be sorted by (SQL does the ordering).
SORT_KEYS: dict[str, Any] = {
    "code": Item.code,
    "title": Item.title,
    "status": Item.status,
    "deadline": Item.deadline_date,
    "progress": Item.progress_percent,
    "urges": Item.urge_count,
    "updated": Item.updated_at,
    "lead_unit": Item.lead_unit_id,
}


def item_ids(
    s: Session, f: ItemFilter, sort: str = "ledger", descending: bool = False
) -> list[int]:
    """The ids of the matching items in display order; rows are fetched later by block.

    Ties are broken by id only, so that an index on the sort column (which carries the
    rowid) can deliver the order without a sort step on a million rows. Empty values (a
    长期坚持 item has no deadline) sort the same on SQLite and PostgreSQL (see ``_order``).
    """
    stmt = apply_filter(s, select(Item.id), f).order_by(*_order(sort, descending))
    return list(s.scalars(stmt))


def _row_select(s: Session, as_of: dt.date) -> Select:
    """Item, list name, lead unit name and warning light: what an ``ItemRow`` is built from."""
    lead = aliased(Unit)
    rules = WarningRules.load(s, as_of)
    return rules.frame(
        select(Item, ItemList.name, lead.name, light_expr(rules))
        .join(ItemList, ItemList.id == Item.list_id)
        .outerjoin(lead, lead.id == Item.lead_unit_id)
    )


def page_rows(
    s: Session,
    f: ItemFilter,
    sort: str = "ledger",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[ItemRow]:
    """One block of the ledger in display order (same order as ``item_ids``).

    The GUI asks for the blocks in view instead of holding every id. The offset is walked
    over ids alone (an index-only scan), and only the block's rows are then built with
    their joins and warning lights: the last block of a million items costs what the first
    one does plus one pass over an index.
    """
    walk = sort == "ledger" and _walk_for_text(s, f, offset + limit)
    ids = list(
        s.scalars(
            apply_filter(s, select(Item.id), f, walk=walk)
            .order_by(*_order(sort, descending))
            .offset(offset)
            .limit(limit)
        )
    )
    rows = rows_by_ids(s, ids, _as_of(f))
    return [rows[i] for i in ids]


#: Measured at a million items: reading one item in a walk of the ledger order costs
#: ≈ 1.4 µs, collecting and sorting one match ≈ 3.8 µs (relative costs, 3 : 8).
WALK_COST, SORT_COST = 3, 8


def _walk_for_text(s: Session, f: ItemFilter, rows: int) -> bool:
    """Whether the first ``rows`` matches of a text search are found sooner by walking the
    ledger order and testing each item than by collecting every match and sorting them.

    A common word (“污水治理” in 25,000 of a million items) fills a page within a few
    thousand items of the walk (0.02 s); sorting all its matches took 0.1 s. For a rarer
    word the walk reads ``rows × items / matches`` items, the sort ``matches``: the trigram
    index's count of the word decides. Only a search with no other condition is judged, as
    the density of other conditions is unknown.
    """
    text = (f.text or "").strip()
    # ``as_of`` and ``with_subunits`` only qualify other conditions (the filter bar always
    # sets the latter); any field that filters by itself makes the density unknown.
    if not text or replace(f, text=None, as_of=None, with_subunits=False) != ItemFilter():
        return False
    if not search_index.usable(s, text):
        return False
    matches = s.scalar(select(func.count()).select_from(search_index.matching_ids(text).subquery()))
    items = s.scalar(select(func.max(Item.id))) or 0
    return rows * items * WALK_COST < matches * matches * SORT_COST


def _order(sort: str, descending: bool) -> list[Any]:
    """ORDER BY terms. Empty values sort as SQLite sorts them natively (first ascending, last
    descending), spelled out so PostgreSQL agrees — and so SQLite can still walk an index."""
    columns = [Item.list_id, Item.code] if sort == "ledger" else [SORT_KEYS[sort], Item.id]
    terms = []
    for c in columns:
        term = c.desc() if descending else c.asc()
        if c.expression.nullable:
            term = term.nulls_last() if descending else term.nulls_first()
        terms.append(term)
    return terms


def rows_by_ids(s: Session, ids: Sequence[int], as_of: dt.date | None = None) -> dict[int, ItemRow]:
    """The ledger rows for ``ids`` (one query), keyed by id."""
    if not ids:
        return {}
    day = as_of or dt.date.today()
    stmt = _row_select(s, day).where(Item.id.in_(list(ids)))
    return {
        item.id: _row(item, name, unit, day, colour) for item, name, unit, colour in s.execute(stmt)
    }


def check_filter(s: Session, f: ItemFilter) -> None:
    """Reject names that do not exist, so a typo is not mistaken for an empty result."""
    if f.unit and s.scalar(select(Unit.id).where(Unit.name == f.unit)) is None:
        raise NotFoundError(f"没有名为“{f.unit}”的单位。")
    if f.list_name and s.scalar(select(ItemList.id).where(ItemList.name == f.list_name)) is None:
        raise NotFoundError(f"没有名为“{f.list_name}”的清单。")


def count_items(s: Session, f: ItemFilter) -> int:
    return s.scalar(apply_filter(s, select(func.count(Item.id)), f)) or 0


def list_items(
    s: Session, f: ItemFilter, limit: int | None = None, offset: int = 0
) -> list[ItemRow]:
    """Rows matching ``f`` in ledger order (list, then code)."""
    as_of = _as_of(f)
    stmt = _row_select(s, as_of).order_by(Item.list_id, Item.code).offset(offset).limit(limit)
    return [
        _row(item, list_name, unit, as_of, colour)
        for item, list_name, unit, colour in s.execute(apply_filter(s, stmt, f))
    ]


def _row(item: Item, list_name: str, unit: str | None, as_of: dt.date, light: str) -> ItemRow:
    return ItemRow(
        id=item.id,
        code=item.code,
        list_name=list_name,
        title=item.title,
        category=item.category,
        lead_unit=unit,
        status=item.status,
        status_label=Status(item.status).label,
        deadline_text=item.deadline_text,
        deadline_date=item.deadline_date,
        overdue_days=overdue_days(item.deadline_date, as_of, light == "red"),
        progress_percent=item.progress_percent,
        latest_progress=item.latest_progress,
        urge_count=item.urge_count,
        light=light,
    )


def overdue_days(deadline: dt.date | None, as_of: dt.date, overdue: bool) -> int:
    """Days past the deadline of an item that is 逾期未办结 (its red light); 0 otherwise."""
    if not overdue or deadline is None or deadline >= as_of:
        return 0
    return (as_of - deadline).days


#: Audit actions whose details already appear from their own tables in the history.
SHOWN_IN_DETAIL = frozenset(
    {
        "progress",
        "request_closure",
        "approve",
        "supplement",
        "rectify",
        "reject",
        "urge",
        "extension_requested",
        "extension_approved",
        "extension_rejected",
        "visit",
    }
)


@dataclass(frozen=True)
class HistoryEvent:
    """One dated thing that happened to an item."""

    at: dt.datetime
    kind: str
    text: str
    actor: str | None = None


@dataclass(frozen=True)
class ItemDetail:
    """Everything recorded about one item, for ``show`` and the item card."""

    id: int
    code: str
    list_name: str
    serial: str | None
    title: str
    content: str | None
    category: str | None
    source: str | None
    leader: str | None
    lead_unit: str | None
    co_units: list[str]
    assignee: str | None
    assignee_phone: str | None
    deadline_text: str | None
    deadline_date: dt.date | None
    deadline_precision: str
    deadline_kind: str
    original_deadline_date: dt.date | None
    status: str
    status_label: str
    escalation_label: str
    urgency_label: str
    progress_percent: int
    latest_progress: str | None
    rework_count: int
    urge_count: int
    beneficiaries: int | None
    funds: Decimal | None
    location: str | None
    remarks: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    history: list[HistoryEvent] = field(default_factory=list)
    #: the extension request waiting for a supervisor, if any (审批延期 is offered then)
    pending_extension: PendingExtension | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)
    audit: list[AuditLine] = field(default_factory=list)


def find_item_id(s: Session, code: str, list_name: str | None = None) -> int:
    """The id of the item with ``code`` (in ``list_name`` when codes repeat across lists)."""
    stmt = select(Item.id).where(Item.code == code.strip())
    if list_name:
        stmt = stmt.join(ItemList, ItemList.id == Item.list_id).where(ItemList.name == list_name)
    ids = s.scalars(stmt.limit(2)).all()
    if not ids:
        raise NotFoundError(f"没有编号为“{code}”的事项。")
    if len(ids) > 1:
        raise ValidationError("code", f"编号“{code}”在多个清单中都有，请用 --list 指定清单。")
    return ids[0]


def item_detail(s: Session, item_id: int) -> ItemDetail:
    item = s.get(Item, item_id)
    if item is None:
        raise NotFoundError(f"事项（内部编号 {item_id}）不存在，可能已被删除。")
    assignee: Person | None = item.assignee
    return ItemDetail(
        id=item.id,
        code=item.code,
        list_name=item.item_list.name,
        serial=item.serial,
        title=item.title,
        content=item.content,
        category=item.category,
        source=item.source,
        leader=item.leader,
        lead_unit=item.lead_unit.name if item.lead_unit else None,
        co_units=[u.name for u in item.co_units],
        assignee=assignee.name if assignee else None,
        assignee_phone=assignee.phone if assignee else None,
        deadline_text=item.deadline_text,
        deadline_date=item.deadline_date,
        deadline_precision=DeadlinePrecision(item.deadline_precision).label,
        deadline_kind=DeadlineKind(item.deadline_kind).label,
        original_deadline_date=item.original_deadline_date,
        status=item.status,
        status_label=Status(item.status).label,
        escalation_label=Escalation(item.escalation).label,
        urgency_label=Urgency(item.urgency).label,
        progress_percent=item.progress_percent,
        latest_progress=item.latest_progress,
        rework_count=item.rework_count,
        urge_count=item.urge_count,
        beneficiaries=item.beneficiaries,
        funds=item.funds,
        location=item.location,
        remarks=item.remarks,
        created_at=item.created_at,
        updated_at=item.updated_at,
        version=item.version,
        history=item_history(s, item.id),
        pending_extension=extensions.pending(s, item.id),
        attachments=item_record.attachments_of(s, item.id),
        audit=item_record.audit_of(s, item.id),
    )


def item_history(s: Session, item_id: int) -> list[HistoryEvent]:
    """Progress, reviews, urges, extensions, visits and audit entries, oldest first."""
    users = s.execute(select(User.id, User.login, User.display_name)).tuples().all()
    names = {uid: name for uid, _login, name in users}
    by_login = {login: name for _uid, login, name in users}
    events: list[HistoryEvent] = []
    for p in s.scalars(select(ProgressReport).where(ProgressReport.item_id == item_id)):
        pct = f"（{p.percent}%）" if p.percent is not None else ""
        events.append(
            HistoryEvent(
                p.created_at,
                "进展",
                f"{p.reported_on} {p.text}{pct}",
                names.get(p.user_id) or p.reporter,
            )
        )
    for c in s.scalars(select(ClosureRequest).where(ClosureRequest.item_id == item_id)):
        events.append(
            HistoryEvent(c.requested_at, "申请销号", c.summary, names.get(c.requested_by_id))
        )
        if c.reviewed_at is not None:
            verdict = ReviewOutcome(c.outcome).label
            text = verdict + (f"：{c.review_comment}" if c.review_comment else "")
            events.append(HistoryEvent(c.reviewed_at, "审核", text, names.get(c.reviewer_id)))
    for u in s.scalars(select(Urge).where(Urge.item_id == item_id)):
        events.append(
            HistoryEvent(
                u.created_at, "催办", f"{u.urged_on} {u.note or ''}".strip(), names.get(u.user_id)
            )
        )
    for e in s.scalars(select(Extension).where(Extension.item_id == item_id)):
        events.append(
            HistoryEvent(
                e.requested_at,
                "申请延期",
                f"{e.old_date or '无'} → {e.new_date}：{e.reason}",
                names.get(e.requested_by_id),
            )
        )
        if e.decided_at is not None:
            events.append(
                HistoryEvent(
                    e.decided_at, "延期审批", Decision(e.status).label, names.get(e.decided_by_id)
                )
            )
    for v in s.scalars(select(SatisfactionSurvey).where(SatisfactionSurvey.item_id == item_id)):
        rating = Rating(v.rating).label if v.rating else "未评价"
        events.append(
            HistoryEvent(
                v.created_at,
                "回访",
                f"{v.visited_on} {rating} {v.comment or ''}".strip(),
                names.get(v.user_id),
            )
        )
    for a in s.scalars(select(AuditEntry).where(AuditEntry.item_id == item_id)):
        if a.action in SHOWN_IN_DETAIL:
            continue
        after = json.loads(a.after or "{}")
        if a.action == "edit":  # which fields, from what to what
            before = json.loads(a.before or "{}")
            changes = {k: (before.get(k), after[k]) for k in EDITABLE if k in after}
            text = label_for(a.action) + "：" + diff_text(changes, EDITABLE)
        else:
            reason = after.get("reason")
            text = label_for(a.action) + (f"：{reason}" if reason else "")
        kind = "督办" if a.action == "escalate" else "办理"
        events.append(HistoryEvent(a.at, kind, text, by_login.get(a.actor, a.actor)))
    events.sort(key=lambda ev: ev.at)
    return events
