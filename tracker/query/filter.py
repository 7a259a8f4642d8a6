"""What the user asked to see, as SQL conditions over ``Item``.

One filter type serves the ledger page, the exports, the CLI and the dashboards' click-throughs,
so a figure and the list behind it are always the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from tracker import metric_series, search_index
from tracker.doubts import doubtful_expr
from tracker.enums import ACTIVE_STATUSES, DeadlineKind, Status
from tracker.errors import NotFoundError
from tracker.lights import WarningRules, light_expr
from tracker.models import AuditEntry, Item, ItemList, Person, Unit, item_co_unit
from tracker.query.units import subtree_ids


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
    #: Only items whose progress is 待核实 (``tracker.doubts``) as of ``as_of``.
    doubtful: bool = False
    #: Only open items still waiting for a date: a fixed deadline the list wrote as “尽快” or
    #: “汛期前”, or not at all (待确认时限); no light can judge them until one is set.
    undated: bool = False


def undated_condition() -> ColumnElement[bool]:
    """待确认时限 in SQL: an open item whose fixed deadline has no date (``is_undated``)."""
    return and_(
        Item.status.in_([str(x) for x in ACTIVE_STATUSES]),
        Item.deadline_kind == DeadlineKind.FIXED,
        Item.deadline_date.is_(None),
    )


def is_undated(item: Item) -> bool:
    """待确认时限 for one loaded item: the same test as ``undated_condition``."""
    return (
        item.status in ACTIVE_STATUSES
        and item.deadline_kind == DeadlineKind.FIXED
        and item.deadline_date is None
    )


def as_of_day(f: ItemFilter) -> dt.date:
    """The day the filter judges lights and figures on (today unless asked)."""
    return f.as_of or dt.date.today()


def apply_filter(
    s: Session, stmt: Select[Any], f: ItemFilter, *, walk: bool = False
) -> Select[Any]:
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
            subtree_ids(s, f.unit)
            if f.with_subunits
            else select(Unit.id).where(Unit.name == f.unit)
        )
        co = select(item_co_unit.c.item_id).where(item_co_unit.c.unit_id.in_(units))
        stmt = stmt.where(or_(Item.lead_unit_id.in_(units), Item.id.in_(co)))
    if f.list_name:
        stmt = stmt.where(Item.list_id.in_(select(ItemList.id).where(ItemList.name == f.list_name)))
    judged = f.overdue_only or f.lights or f.figure or f.doubtful
    rules = WarningRules.load(s, as_of_day(f)) if judged else None
    if rules and f.doubtful:
        stmt = stmt.where(doubtful_expr(s, rules))
    if rules and f.overdue_only:
        stmt = stmt.where(rules.terms.overdue_open)
    if rules and f.lights:
        stmt = stmt.where(light_expr(rules).in_(list(f.lights)))
    if f.undated:
        stmt = stmt.where(undated_condition())
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


def _imported(at: dt.datetime) -> Select[Any]:
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
        found: ColumnElement[bool] = column.like(pattern, escape="\\")
        return found

    def key(column: Any) -> Any:
        return column + 0 if walk else column  # an expression: no index lookup on it

    units = select(Unit.id).where(like(Unit.name))
    people = select(Person.id).where(like(Person.name))
    own_text = or_(like(Item.code), like(Item.title), like(Item.content))
    if search_index.usable(s, text):
        own_text = and_(key(Item.id).in_(search_index.matching_ids(text)), own_text)
    return or_(own_text, key(Item.lead_unit_id).in_(units), key(Item.assignee_id).in_(people))


def check_filter(s: Session, f: ItemFilter) -> None:
    """Reject names that do not exist, so a typo is not mistaken for an empty result."""
    if f.unit and s.scalar(select(Unit.id).where(Unit.name == f.unit)) is None:
        raise NotFoundError(f"没有名为“{f.unit}”的单位。")
    if f.list_name and s.scalar(select(ItemList.id).where(ItemList.name == f.list_name)) is None:
        raise NotFoundError(f"没有名为“{f.list_name}”的清单。")


def count_items(s: Session, f: ItemFilter) -> int:
    return s.scalar(apply_filter(s, select(func.count(Item.id)), f)) or 0
