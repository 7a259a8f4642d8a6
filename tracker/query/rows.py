"""Ledger rows in display order, fetched by block.

Filtering and ordering happen in SQL so that the same functions serve a ten-item county list
and a million-item hotline ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from tracker import search_index
from tracker.enums import Escalation, Status
from tracker.lights import WarningRules, light_expr
from tracker.models import Item, ItemList, Person, Unit, item_co_unit
from tracker.query.filter import ItemFilter, apply_filter, as_of_day, is_undated


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
    #: an open item whose fixed deadline has no date yet (待确认时限, ``ItemFilter.undated``)
    undated: bool = False
    #: the fields the column chooser can add
    assignee: str | None = None
    co_units: tuple[str, ...] = ()
    leader: str | None = None
    escalation_label: str = ""


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
    "list": Item.list_id,
    "category": Item.category,
    "escalation": Item.escalation,
    "leader": Item.leader,
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


def _row_select(s: Session, as_of: dt.date) -> Select[Any]:
    """Item, list name, lead unit name and warning light: what an ``ItemRow`` is built from."""
    lead = aliased(Unit)
    rules = WarningRules.load(s, as_of)
    return rules.frame(
        select(Item, ItemList.name, lead.name, light_expr(rules), Person.name)
        .join(ItemList, ItemList.id == Item.list_id)
        .outerjoin(lead, lead.id == Item.lead_unit_id)
        .outerjoin(Person, Person.id == Item.assignee_id)
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
    rows = rows_by_ids(s, ids, as_of_day(f))
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
    found = select(func.count()).select_from(search_index.matching_ids(text).subquery())
    matches = s.scalar(found) or 0
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
    co = co_units_of(s, ids)
    return {
        item.id: _row(item, name, unit, day, colour, person, co.get(item.id, ()))
        for item, name, unit, colour, person in s.execute(stmt)
    }


def co_units_of(s: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The co-units of each item in ``ids`` (one query), in directory order."""
    link = item_co_unit.c
    rows = s.execute(
        select(link.item_id, Unit.name)
        .join(Unit, Unit.id == link.unit_id)
        .where(link.item_id.in_(list(ids)))
        .order_by(link.item_id, Unit.id)
    )
    found: dict[int, list[str]] = {}
    for item_id, name in rows:
        found.setdefault(item_id, []).append(name)
    return {i: tuple(names) for i, names in found.items()}


def list_items(
    s: Session, f: ItemFilter, limit: int | None = None, offset: int = 0
) -> list[ItemRow]:
    """Rows matching ``f`` in ledger order (list, then code)."""
    as_of = as_of_day(f)
    stmt = _row_select(s, as_of).order_by(Item.list_id, Item.code).offset(offset).limit(limit)
    return [
        _row(item, list_name, unit, as_of, colour, person)
        for item, list_name, unit, colour, person in s.execute(apply_filter(s, stmt, f))
    ]


def _row(
    item: Item,
    list_name: str,
    unit: str | None,
    as_of: dt.date,
    light: str,
    assignee: str | None = None,
    co_units: tuple[str, ...] = (),
) -> ItemRow:
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
        undated=is_undated(item),
        assignee=assignee,
        co_units=co_units,
        leader=item.leader,
        escalation_label=Escalation(item.escalation).label,
    )


def overdue_days(deadline: dt.date | None, as_of: dt.date, overdue: bool) -> int:
    """Days past the deadline of an item that is 逾期未办结 (its red light); 0 otherwise."""
    if not overdue or deadline is None or deadline >= as_of:
        return 0
    return (as_of - deadline).days
