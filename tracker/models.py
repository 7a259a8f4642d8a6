"""Typed SQLAlchemy 2.0 ORM for the ledger.

Enumerated columns hold the English values of ``tracker.enums``; their Chinese labels are
for display only. Times are naive local time: a county office works in one time zone and its
reports speak local time. Every constraint is named (see ``NAMING``) so that Alembic's batch
mode on SQLite can alter tables safely.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import cast

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.enums import (
    DeadlineKind,
    DeadlinePrecision,
    Decision,
    Escalation,
    ListKind,
    ReviewOutcome,
    Role,
    Status,
    UnitKind,
    Urgency,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    @classmethod
    def table(cls) -> Table:
        """The Core table, for bulk inserts (``__table__`` is typed as any FromClause)."""
        return cast(Table, cls.__table__)


class Unit(Base):
    """An office: the county, a department, a township, a village or community."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=UnitKind.DEPARTMENT)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")
    people: Mapped[list[Person]] = relationship(back_populates="unit")


class Person(Base):
    """A responsible person (责任人) inside a unit."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    #: a person who left stays on their items but is not offered for new ones
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    unit: Mapped[Unit | None] = relationship(back_populates="people")


class ItemList(Base):
    """One published list, e.g. “2026年县重点民生实事清单”."""

    __tablename__ = "item_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default=ListKind.KEY_LIVELIHOOD)
    year: Mapped[int]
    remarks: Mapped[str | None] = mapped_column(Text)
    #: How often 长期坚持 items are judged: "monthly" or "quarterly".
    checkpoint_period: Mapped[str] = mapped_column(
        String(16), default="quarterly", server_default="quarterly"
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    #: last year's list: kept with its items and reports, not offered for new items
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    items: Mapped[list[Item]] = relationship(back_populates="item_list")


item_co_unit = Table(
    "item_co_unit",
    Base.metadata,
    Column("item_id", ForeignKey("item.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True, index=True),
)


class Item(Base):
    """One promised practical matter (事项) and its current state.

    The deadline keeps the text as written (“2026年6月底前”, “长期坚持”) beside the parsed
    date and its precision; ``original_deadline_date`` keeps the first promised date once an
    extension moves ``deadline_date``. ``latest_progress``/``progress_percent``/``urge_count``
    are copies kept by the services so that the ledger can sort a million rows without joins.
    """

    __tablename__ = "item"
    __table_args__ = (
        UniqueConstraint("list_id", "code"),
        Index("ix_item_status_lead_unit", "status", "lead_unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("item_list.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    serial: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(500))
    content: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    source: Mapped[str | None] = mapped_column(String(64))
    leader: Mapped[str | None] = mapped_column(String(64))
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    #: the phone the list gives beside the 责任人 on this item (None: the person's own)
    assignee_phone: Mapped[str | None] = mapped_column(String(32))

    deadline_text: Mapped[str | None] = mapped_column(String(100))
    deadline_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    deadline_precision: Mapped[str] = mapped_column(String(16), default=DeadlinePrecision.DAY)
    deadline_kind: Mapped[str] = mapped_column(String(16), default=DeadlineKind.FIXED)
    original_deadline_date: Mapped[dt.date | None] = mapped_column(Date)

    status: Mapped[str] = mapped_column(String(32), default=Status.DRAFT, index=True)
    escalation: Mapped[str] = mapped_column(String(16), default=Escalation.NORMAL)
    urgency: Mapped[str] = mapped_column(String(16), default=Urgency.NORMAL)
    progress_percent: Mapped[int] = mapped_column(default=0)
    latest_progress: Mapped[str | None] = mapped_column(Text)
    latest_progress_on: Mapped[dt.date | None] = mapped_column(Date)
    rework_count: Mapped[int] = mapped_column(default=0)
    urge_count: Mapped[int] = mapped_column(default=0)
    reopen_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: The state a 暂缓 item returns to when work resumes.
    suspended_from: Mapped[str | None] = mapped_column(String(32))

    # 微心愿: who asked (居民点单) and which party member took it on (党员领单).
    resident_name: Mapped[str | None] = mapped_column(String(64))
    resident_phone: Mapped[str | None] = mapped_column(String(32))
    claimant_name: Mapped[str | None] = mapped_column(String(64))
    claimant_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    #: The item of last year's list this one was carried over from.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))

    beneficiaries: Mapped[int | None]
    funds: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    location: Mapped[str | None] = mapped_column(String(200))
    remarks: Mapped[str | None] = mapped_column(Text)

    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: The day the latest closure request was made (申请销号); with the fair clock an item
    #: asked to be closed by its deadline is judged on this day, not on the review's.
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    item_list: Mapped[ItemList] = relationship(back_populates="items")
    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    claimant_unit: Mapped[Unit | None] = relationship(foreign_keys=[claimant_unit_id])
    co_units: Mapped[list[Unit]] = relationship(secondary=item_co_unit, order_by=Unit.id)
    assignee: Mapped[Person | None] = relationship()
    progress_reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="item", order_by="ProgressReport.id", cascade="all, delete-orphan"
    )


class ItemHistory(Base):
    """The state of an item from ``at`` on: one row per change of any state field.

    Reports for a past date read the latest row before that date's end, so a bulletin
    regenerated later prints what the ledger was, not what it became. Rows are only ever
    appended (``tracker.history``).
    """

    __tablename__ = "item_history"
    __table_args__ = (
        Index("ix_item_history_item_at", "item_id", "at", "id"),
        Index("ix_item_history_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(32))
    escalation: Mapped[str] = mapped_column(String(16))
    deadline_date: Mapped[dt.date | None] = mapped_column(Date)
    deadline_text: Mapped[str | None] = mapped_column(String(100))
    progress_percent: Mapped[int] = mapped_column(default=0)
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    #: the unit answerable and the 领域 then: reports group by them
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    category: Mapped[str | None] = mapped_column(String(64))
    #: when it was 交办 (the orange light measures time from then)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Checkpoint(Base):
    """One period's verdict on a 长期坚持 item, which has no final deadline."""

    __tablename__ = "checkpoint"
    __table_args__ = (UniqueConstraint("item_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(16))  # "2026-03" or "2026Q1"
    due_date: Mapped[dt.date] = mapped_column(Date)
    achieved: Mapped[bool]
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ProgressReport(Base):
    """A dated progress report (进展); never overwritten, the newest is shown in the ledger."""

    __tablename__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    percent: Mapped[int | None]
    problems: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    #: why the percent went down, when it did (required by the 销号 gate)
    drop_reason: Mapped[str | None] = mapped_column(Text)
    reporter: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    item: Mapped[Item] = relationship(back_populates="progress_reports")


class ClosureRequest(Base):
    """A unit's request to close an item (申请销号) and the supervisor's review of it."""

    __tablename__ = "closure_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16), default=ReviewOutcome.PENDING)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    review_comment: Mapped[str | None] = mapped_column(Text)


class Urge(Base):
    """A dated reminder (催办) sent to the unit answerable for an item."""

    __tablename__ = "urge"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    urged_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Extension(Base):
    """A request to move the deadline (延期) and its decision; the old date is kept."""

    __tablename__ = "extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str] = mapped_column(Text)
    old_date: Mapped[dt.date | None] = mapped_column(Date)
    new_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=Decision.PENDING)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decision_comment: Mapped[str | None] = mapped_column(Text)


class SatisfactionSurvey(Base):
    """A follow-up visit (回访) with the public's verdict on an item."""

    __tablename__ = "satisfaction_survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[dt.date] = mapped_column(Date)
    contacted: Mapped[bool | None]
    solved: Mapped[bool | None]
    rating: Mapped[str | None] = mapped_column(String(16))
    method: Mapped[str | None] = mapped_column(String(32))
    respondent: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Attachment(Base):
    """Evidence (佐证材料): metadata here, bytes stored by SHA-256 under the data folder."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    closure_request_id: Mapped[int | None] = mapped_column(ForeignKey("closure_request.id"))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class User(Base):
    """Someone who acts in the ledger: a role, and for unit clerks the unit they speak for."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default=Role.VIEWER)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    #: consecutive failed logins, and until when further attempts are refused
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: the PostgreSQL role this unit clerk connects as; row-level security keys on it
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    unit: Mapped[Unit | None] = relationship()


class AuditEntry(Base):
    """One append-only, hash-chained record of something that changed.

    ``item_id`` and ``actor`` are plain values rather than foreign keys so that the log
    never blocks, and is never changed by, edits elsewhere.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Setting(Base):
    """A shared setting (warning days, weights...) stored as JSON text."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Holiday(Base):
    """A day that breaks the Mon–Fri rule: a public holiday or a 调休 make-up working day."""

    __tablename__ = "holiday"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str | None] = mapped_column(String(64))


class ReportSnapshot(Base):
    """A published bulletin: its figures frozen as JSON so they never change afterwards."""

    __tablename__ = "report_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    scope_label: Mapped[str] = mapped_column(String(200))
    period_label: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[dt.date] = mapped_column(Date)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    published_by: Mapped[str] = mapped_column(String(64))
    audit_head: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)

    figures: Mapped[list[SnapshotFigure]] = relationship(
        cascade="all, delete-orphan", order_by="SnapshotFigure.key"
    )


class SnapshotFigure(Base):
    """One published figure and the ids of the items behind it (comma-separated)."""

    __tablename__ = "snapshot_figure"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("report_snapshot.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int]
    item_ids: Mapped[str] = mapped_column(Text)
