"""One object the GUI talks to: each method is one user action in its own transaction.

Widgets hold a ``Desk`` instead of sessions: it opens ``db.sessions.begin()`` per call, acts
as the logged-in user, and returns DTOs. (In single-user mode that user is the ledger's
administrator; shared deployments will log in — see the PostgreSQL issue.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from tracker import coordination, item_actions, query
from tracker.actors import Actor, actor_by_login, relation_of
from tracker.codes import next_code
from tracker.db import Database
from tracker.enums import Escalation, Status
from tracker.errors import NotFoundError
from tracker.models import AuditEntry, Item, ItemList, Unit
from tracker.services import (
    assignment,
    attachments,
    batch,
    closure_rules,
    editing,
    extensions,
    progress,
    registry,
    removal,
    responsibility,
    surveys,
    transitions,
)
from tracker.services.common import ItemState
from tracker.services.responsibility import Responsibility
from tracker.tasks import Progress

if TYPE_CHECKING:  # reports load lazily: the window must start fast
    from tracker.reports.bulletin_data import BulletinData


class Desk:
    """The ledger as seen by one user at one desktop."""

    def __init__(self, db: Database, login: str = "admin", *, actor: Actor | None = None) -> None:
        """Only reads: a new ledger's first administrator is made by ``ledger_files.local_desk``."""
        self.db = db
        if actor is not None:
            self.actor: Actor = actor
            return
        with db.sessions.begin() as s:
            self.actor = actor_by_login(s, login)

    def item_ids(
        self, f: query.ItemFilter, sort: str = "ledger", descending: bool = False
    ) -> list[int]:
        with self.db.sessions.begin() as s:
            return query.item_ids(s, f, sort, descending)

    def page(
        self, f: query.ItemFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[query.ItemRow]:
        with self.db.sessions.begin() as s:
            return query.page_rows(s, f, sort, descending, offset, limit)

    def rows(self, ids: Sequence[int]) -> dict[int, query.ItemRow]:
        with self.db.sessions.begin() as s:
            return query.rows_by_ids(s, ids)

    def count(self, f: query.ItemFilter) -> int:
        with self.db.sessions.begin() as s:
            return query.count_items(s, f)

    def open_needs(self, as_of: dt.date, limit: int | None = None) -> coordination.OpenNeeds:
        """The units' open 需协调事项 as of the day (the 预警 page's 需协调 list)."""
        with self.db.sessions.begin() as s:
            return coordination.open_needs(s, as_of, limit=limit)

    def closure_facts(self, item_id: int) -> closure_rules.ClosureFacts:
        """What the 销号 gate will look at (shown by the dialog confirming a move)."""
        with self.db.sessions.begin() as s:
            return closure_rules.facts(s, item_id)

    def detail(self, item_id: int) -> query.ItemDetail:
        with self.db.sessions.begin() as s:
            return query.item_detail(s, item_id)

    def dashboard(
        self,
        period: str,
        list_name: str | None = None,
        unit: str | None = None,
        as_of: dt.date | None = None,
    ) -> BulletinData:
        """The bulletin's figures for the 统计 page: the same numbers the printed report shows."""
        from tracker.reports.bulletin_data import Scope, gather
        from tracker.reports.period import parse_period

        chosen = parse_period(period)
        # the page's “today” is the day of a period still running, else the period's end
        day = min(as_of, chosen.end) if as_of else None
        with self.db.sessions.begin() as s:
            return gather(s, chosen, Scope(list_name, unit), day)

    def change_marker(self) -> int | None:
        """The newest audit entry's id: it moves whenever anyone changes anything."""
        with self.db.sessions.begin() as s:
            return s.scalar(select(func.max(AuditEntry.id)))

    def list_names(self, active_only: bool = False) -> list[str]:
        """The lists, newest year first; ``active_only``: those offered for new items."""
        stmt = select(ItemList.name).order_by(ItemList.year.desc(), ItemList.id)
        if active_only:
            stmt = stmt.where(ItemList.active.is_(True))
        with self.db.sessions.begin() as s:
            return list(s.scalars(stmt))

    def unit_names(self, active_only: bool = False) -> list[str]:
        """The units in directory order; ``active_only``: those offered for new work."""
        stmt = select(Unit.name).order_by(Unit.sort_order, Unit.id)
        if active_only:
            stmt = stmt.where(Unit.active.is_(True))
        with self.db.sessions.begin() as s:
            return list(s.scalars(stmt))

    def unit_outline(self) -> list[query.UnitLine]:
        with self.db.sessions.begin() as s:
            return query.outline(s)

    def categories(self) -> list[str]:
        with self.db.sessions.begin() as s:
            return [
                c for c in s.scalars(select(Item.category).distinct().order_by(Item.category)) if c
            ]

    def add_item(
        self,
        list_name: str,
        code: str,
        title: str,
        *,
        lead_unit: str | None,
        deadline: dt.date | None,
        category: str | None = None,
    ) -> ItemState:
        """Register a new item as a draft in ``list_name``."""
        with self.db.sessions.begin() as s:
            return registry.add_item(
                s,
                self.actor,
                query.list_id(s, list_name),
                code,
                title,
                lead_unit=lead_unit,
                deadline=deadline,
                category=category,
            )

    def next_code(self, list_name: str) -> str:
        """A free code for a new item in ``list_name``, in the list's own pattern."""
        with self.db.sessions.begin() as s:
            lst = s.scalar(select(ItemList).where(ItemList.name == list_name))
            if lst is None:
                return ""
            return next_code(lst.year, s.scalars(select(Item.code).where(Item.list_id == lst.id)))

    def allowed_actions(self, item_id: int) -> set[str]:
        """Moves and actions this user may take on the item now (``item_actions``): its
        state, a waiting extension request and, for a unit clerk, whose item it is."""
        with self.db.sessions.begin() as s:
            item = s.get(Item, item_id)
            if item is None:
                return set()
            return item_actions.allowed(
                self.actor.role,
                Status(item.status),
                query.pending_row(s, item_id) is not None,
                relation_of(s, item_id, self.actor.unit_id),
            )

    def take_back_edit(
        self, item_id: int, values: Mapping[str, str], expected: Mapping[str, str], what: str
    ) -> ItemState:
        """撤销/重做 an edit, unless someone changed its fields since (``editing.take_back``)."""
        with self.db.sessions.begin() as s:
            return editing.take_back(s, self.actor, item_id, values, expected, what)

    def edit_item(self, item_id: int, version: int, changes: Mapping[str, object]) -> ItemState:
        """Save basic-information edits made on ``version``; a newer one raises ``StaleItem``."""
        with self.db.sessions.begin() as s:
            return editing.edit_item(s, self.actor, item_id, version, changes)

    def report_progress(
        self,
        item_id: int,
        text: str,
        percent: int | None,
        problems: str | None = None,
        needs: str | None = None,
        drop_reason: str | None = None,
    ) -> ItemState:
        with self.db.sessions.begin() as s:
            return progress.report_progress(
                s,
                self.actor,
                item_id,
                text,
                percent=percent,
                problems=problems,
                needs=needs,
                drop_reason=drop_reason,
            )

    def open_points(self, item_id: int) -> tuple[str | None, str | None]:
        """The 存在问题 and 需协调事项 this user's side last reported (to start from)."""
        with self.db.sessions.begin() as s:
            return progress.open_points(s, self.actor, item_id)

    def record_visit(self, item_id: int, visit: surveys.Visit) -> ItemState:
        with self.db.sessions.begin() as s:
            return surveys.record_visit(s, self.actor, item_id, **visit.__dict__)

    def request_extension(self, item_id: int, new_date: dt.date, reason: str) -> ItemState:
        with self.db.sessions.begin() as s:
            extensions.request_extension(s, self.actor, item_id, new_date, reason)
            return ItemState.of(s.get_one(Item, item_id))

    def decide_extension(self, item_id: int, approve: bool, comment: str | None) -> ItemState:
        with self.db.sessions.begin() as s:
            return extensions.decide_extension(s, self.actor, item_id, approve, comment)

    def escalate(self, item_id: int, level: Escalation, reason: str) -> ItemState:
        with self.db.sessions.begin() as s:
            return progress.escalate(s, self.actor, item_id, level, reason)

    def add_attachments(self, item_id: int, sources: Sequence[Path]) -> ItemState:
        """Copy files into the ledger's evidence store and record them on the item, all or none."""
        with self.db.sessions.begin() as s:
            for source in sources:
                attachments.add_attachment(s, self.actor, item_id, source, self.db.attachments_dir)
            return ItemState.of(s.get_one(Item, item_id))

    def open_attachment(self, attachment_id: int, folder: Path) -> Path:
        """A hash-checked copy of an evidence file under its own name, for the viewer."""
        with self.db.sessions.begin() as s:
            return attachments.open_copy(s, attachment_id, self.db.attachments_dir, folder)

    def responsibility(self, item_id: int) -> Responsibility:
        with self.db.sessions.begin() as s:
            return responsibility.current(s, item_id)

    def people_of(self, unit: str) -> list[tuple[str, str | None]]:
        """(name, phone) of a unit's serving 责任人; none for a name not in the directory."""
        with self.db.sessions.begin() as s:
            try:
                return registry.people_of(s, unit, active_only=True)
            except NotFoundError:
                return []

    def set_responsibility(self, item_id: int, r: Responsibility) -> bool:
        with self.db.sessions.begin() as s:
            return responsibility.set_responsibility(s, self.actor, item_id, r)

    def assign_with(self, item_id: int, r: Responsibility, opinion: str | None) -> ItemState:
        """交办 with the form's units, 责任人 and deadline, in one transaction."""
        with self.db.sessions.begin() as s:
            return responsibility.assign_with(s, self.actor, item_id, r, opinion)

    def delete_draft(self, item_id: int, reason: str) -> str:
        with self.db.sessions.begin() as s:
            return removal.delete_draft(s, self.actor, item_id, reason)

    def assign_to(self, item_id: int, unit: str | None) -> ItemState:
        """交办 to ``unit`` (changing the lead unit first when it differs)."""
        with self.db.sessions.begin() as s:
            return assignment.assign_to(s, self.actor, item_id, unit)

    def each(
        self,
        label: str,
        item_ids: Sequence[int],
        act: Callable[[int], object],
        progress: Progress | None = None,
    ) -> batch.BatchOutcome:
        """One action on many items, each in its own transaction (see ``batch``)."""
        batch.check_size(len(item_ids))
        codes = {i: row.code for i, row in self.rows(item_ids).items()}
        return batch.run_each(label, item_ids, codes, act, progress)

    def urge(self, item_id: int, note: str | None = None) -> ItemState:
        with self.db.sessions.begin() as s:
            return progress.urge(s, self.actor, item_id, note)

    def move(
        self,
        item_id: int,
        action: str,
        reason: str | None = None,
        claimant: str | None = None,
        at: dt.datetime | None = None,
    ) -> ItemState:
        with self.db.sessions.begin() as s:
            return transitions.move(
                s, self.actor, item_id, action, reason=reason, claimant=claimant, at=at
            )
