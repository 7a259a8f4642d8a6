"""Move an item through the workflow: one call per move, checked, stamped and audited.

``move`` looks the move up in ``tracker.workflow``, checks role, unit scope, state and
reason, applies the move's side effects (closure requests and their review, pause and
resume, claims of wishes), and writes one audit entry. The caller commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker import workflow
from tracker.actors import Actor, require_scope
from tracker.enums import ListKind, ReviewOutcome, Status
from tracker.errors import Conflict, ValidationError
from tracker.models import Attachment, ClosureRequest, Item, ItemList
from tracker.services import closure_rules
from tracker.services.common import ItemState, load_item, now, record, snapshot

REVIEW_OUTCOMES = {
    "approve": ReviewOutcome.APPROVED,
    "supplement": ReviewOutcome.SUPPLEMENT,
    "rectify": ReviewOutcome.RECTIFY,
    "reject": ReviewOutcome.REJECTED,
}

Effect = Callable[[Session, Actor, Item, "Move"], Status | None]


class Move:
    """The parameters of one move, passed to its side-effect function."""

    def __init__(
        self, t: workflow.Transition, at: dt.datetime, reason: str | None, claimant: str | None
    ) -> None:
        self.t = t
        self.at = at
        self.reason = reason.strip() if reason else None
        self.claimant = claimant.strip() if claimant else None
        #: facts the move's effect adds to its audit entry
        self.notes: dict[str, str] = {}


def move(
    s: Session,
    actor: Actor,
    item_id: int,
    action: str,
    *,
    reason: str | None = None,
    claimant: str | None = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> ItemState:
    """Apply the workflow move ``action`` to the item.

    Args:
        reason: why (required for returns, pauses, cancellations, reopening); for
            ``request_closure`` it is the completion summary (完成情况).
        claimant: for ``claim`` on a 微心愿, the party member taking the wish on.
        expected_version: the version the user saw; a newer one raises ``Conflict``.
        at: the time to stamp (defaults to now).
    """
    t = workflow.transition(action)
    item = load_item(s, item_id, expected_version)
    workflow.check(t, Status(item.status), actor.role, reason)
    list_kind = s.scalar(select(ItemList.kind).where(ItemList.id == item.list_id)) or ""
    what = f"执行“{workflow.label_for(t.action, list_kind)}”"
    require_scope(s, actor, item, t.scope, what)
    before = snapshot(item)
    m = Move(t, now(at), reason, claimant)
    effect = EFFECTS.get(t.action)
    target = effect(s, actor, item, m) if effect else None
    item.status = target or t.target or item.status
    record(s, actor, item, t.action, before, m.at, reason=m.reason, claimant=m.claimant, **m.notes)
    return ItemState.of(item)


def _assign(s: Session, actor: Actor, item: Item, m: Move) -> None:
    if item.lead_unit_id is None:
        raise ValidationError("lead_unit", f"事项“{item.code}”还没有牵头单位，不能交办。")
    item.assigned_at = m.at


def _sign(s: Session, actor: Actor, item: Item, m: Move) -> None:
    item.signed_at = m.at


def _claim(s: Session, actor: Actor, item: Item, m: Move) -> None:
    kind = s.scalar(select(ItemList.kind).where(ItemList.id == item.list_id))
    if kind != ListKind.MICRO_WISH:
        raise ValidationError("action", "只有微心愿可以认领；其他事项请走交办、签收。")
    if item.claimant_name:
        raise Conflict(f"微心愿“{item.code}”已由{item.claimant_name}认领，每个心愿只能一人认领。")
    if not m.claimant:
        raise ValidationError("claimant", "认领微心愿必须填写认领的党员姓名。")
    item.claimant_name = m.claimant
    item.claimant_unit_id = actor.unit_id
    item.claimed_at = m.at
    item.signed_at = m.at


def _hand_back(s: Session, actor: Actor, item: Item, m: Move) -> None:
    item.assigned_at = None
    item.signed_at = None


def _request_closure(s: Session, actor: Actor, item: Item, m: Move) -> None:
    check = closure_rules.check_request(s, item, m.reason)
    if check.sets_full:
        item.progress_percent = closure_rules.FULL
        m.notes["percent_note"] = "申请销号时完成百分比记为 100%"
    item.requested_on = m.at.date()
    request = ClosureRequest(
        item_id=item.id, requested_at=m.at, requested_by_id=actor.user_id, summary=m.reason or ""
    )
    s.add(request)
    s.flush()
    # the evidence uploaded since the last request is the evidence of this one
    s.execute(
        update(Attachment)
        .where(Attachment.item_id == item.id, Attachment.closure_request_id.is_(None))
        .values(closure_request_id=request.id)
    )


def _review(s: Session, actor: Actor, item: Item, m: Move) -> Status | None:
    request = closure_rules.pending_request(s, item.id)
    if request is None:
        raise Conflict(f"事项“{item.code}”没有待审核的销号申请。")
    closure_rules.check_review(s, actor, item, request, m.reason)
    request.outcome = REVIEW_OUTCOMES[m.t.action]
    request.reviewed_at = m.at
    request.reviewer_id = actor.user_id
    request.review_comment = m.reason
    if m.t.action in workflow.REWORK_ACTIONS:
        item.rework_count += 1
    if m.t.action != "approve":
        return None
    kind = s.scalar(select(ItemList.kind).where(ItemList.id == item.list_id)) or ""
    target = workflow.approval_target(kind)
    item.completed_at = m.at
    item.progress_percent = 100
    if target == Status.CLOSED:
        item.closed_at = m.at
    return target


def _close(s: Session, actor: Actor, item: Item, m: Move) -> None:
    closure_rules.check_close(s, actor, item)
    item.closed_at = m.at


def _suspend(s: Session, actor: Actor, item: Item, m: Move) -> None:
    item.suspended_from = item.status


def _resume(s: Session, actor: Actor, item: Item, m: Move) -> Status:
    target = Status(item.suspended_from or Status.IN_PROGRESS)
    item.suspended_from = None
    return target


def _cancel(s: Session, actor: Actor, item: Item, m: Move) -> None:
    item.cancelled_at = m.at
    item.suspended_from = None


def _reopen(s: Session, actor: Actor, item: Item, m: Move) -> None:
    item.reopen_count += 1
    item.completed_at = None
    item.closed_at = None


EFFECTS: dict[str, Effect] = {
    "assign": _assign,
    "sign": _sign,
    "claim": _claim,
    "hand_back": _hand_back,
    "request_closure": _request_closure,
    "approve": _review,
    "supplement": _review,
    "rectify": _review,
    "reject": _review,
    "close": _close,
    "suspend": _suspend,
    "resume": _resume,
    "cancel": _cancel,
    "reopen": _reopen,
}
