"""One item's full record: its facts, its story in the clerks' words, evidence and audit.

What ``show``, the item panel and the item card print; read only.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from tracker.item_fields import EDITABLE, RESPONSIBILITY
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
from tracker.query.filter import is_undated
from tracker.query.item_record import AttachmentInfo, AuditLine, attachments_of, audit_of
from tracker.workflow import label_for

#: Audit actions shown as the fields they changed, with those fields' labels.
CHANGED_FIELDS = {"edit": EDITABLE, "set_responsibility": RESPONSIBILITY}
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
    #: 待确认时限 (``filter.is_undated``)
    undated: bool
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
    #: the list's kind (``ListKind``): a 微心愿 list names the moves in its own words
    list_kind: str = ""


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
        assignee_phone=item.assignee_phone or (assignee.phone if assignee else None),
        deadline_text=item.deadline_text,
        deadline_date=item.deadline_date,
        deadline_precision=DeadlinePrecision(item.deadline_precision).label,
        deadline_kind=DeadlineKind(item.deadline_kind).label,
        undated=is_undated(item),
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
        pending_extension=pending(s, item.id),
        attachments=attachments_of(s, item.id),
        audit=audit_of(s, item.id),
        list_kind=item.item_list.kind,
    )


def item_history(s: Session, item_id: int) -> list[HistoryEvent]:
    """Progress, reviews, urges, extensions, visits and audit entries, oldest first."""
    users = s.execute(select(User.id, User.login, User.display_name, User.unit_id)).tuples().all()
    names: dict[int | None, str] = {uid: name for uid, _login, name, _unit in users}
    by_login = {login: name for _uid, login, name, _unit in users}
    unit_of: dict[int | None, int | None] = {uid: unit for uid, _login, _name, unit in users}
    co_units: dict[int | None, str] = dict(
        s.execute(
            select(Unit.id, Unit.name)
            .join(item_co_unit, item_co_unit.c.unit_id == Unit.id)
            .where(item_co_unit.c.item_id == item_id)
        )
        .tuples()
        .all()
    )
    events: list[HistoryEvent] = []
    for p in s.scalars(select(ProgressReport).where(ProgressReport.item_id == item_id)):
        co_unit = co_units.get(unit_of.get(p.user_id))
        text = _report_text(p)
        events.append(
            HistoryEvent(
                p.created_at,
                "配合单位进展" if co_unit else "进展",
                f"{co_unit}：{text}" if co_unit else text,
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
        events.append(HistoryEvent(v.created_at, "回访", _visit_text(v), names.get(v.user_id)))
    for a in s.scalars(select(AuditEntry).where(AuditEntry.item_id == item_id)):
        if a.action in SHOWN_IN_DETAIL:
            continue
        after = json.loads(a.after or "{}")
        if a.action in CHANGED_FIELDS:  # which fields, from what to what
            before, labels = json.loads(a.before or "{}"), CHANGED_FIELDS[a.action]
            changes = {
                k: (before.get(k), after[k])
                for k in labels
                if k in after and before.get(k) != after[k]
            }
            text = label_for(a.action) + "：" + diff_text(changes, labels)
        else:
            reason = after.get("reason")
            text = label_for(a.action) + (f"：{reason}" if reason else "")
        kind = "督办" if a.action == "escalate" else "办理"
        events.append(HistoryEvent(a.at, kind, text, by_login.get(a.actor, a.actor)))
    events.sort(key=lambda ev: ev.at)
    return events


def _visit_text(v: SatisfactionSurvey) -> str:
    """A visit as one line: date, verdict, how and whom, contact and solution, comment."""
    rating = Rating(v.rating).label if v.rating else "未评价"
    how = "，".join(
        x
        for x in (
            v.method and f"回访方式：{v.method}",
            v.respondent and f"受访群众：{v.respondent}",
            None if v.contacted is None else ("已联系上" if v.contacted else "未联系上"),
            None if v.solved is None else ("问题已解决" if v.solved else "问题未解决"),
        )
        if x
    )
    verdict = f"{v.visited_on} {rating}" + (f"（{how}）" if how else "")
    return f"{verdict} {v.comment}" if v.comment else verdict


def _report_text(p: ProgressReport) -> str:
    """A progress report as one line: date, text, percent, problems and needs."""
    parts = [f"{p.reported_on} {p.text or '（未填写进展情况）'}"]
    if p.percent is not None:
        parts[0] += f"（{p.percent}%）"
    if p.drop_reason:
        parts.append(f"进度调低原因：{p.drop_reason}")
    if p.problems:
        parts.append(f"存在问题：{p.problems}")
    if p.needs:
        parts.append(f"需协调事项：{p.needs}")
    return "；".join(parts)


@dataclass(frozen=True)
class PendingExtension:
    """A request waiting for a supervisor, as the approval dialog shows it."""

    old_date: dt.date | None
    new_date: dt.date
    reason: str
    requested_at: dt.datetime


def pending(s: Session, item_id: int) -> PendingExtension | None:
    ext = pending_row(s, item_id)
    if ext is None:
        return None
    return PendingExtension(ext.old_date, ext.new_date, ext.reason, ext.requested_at)


def pending_row(s: Session, item_id: int) -> Extension | None:
    return s.scalar(
        select(Extension).where(Extension.item_id == item_id, Extension.status == Decision.PENDING)
    )
