"""The 销号 gate: what a closure request, its review and the 销号 must carry.

销号式推进 only means something when an item is crossed off because it is done and checked:
a written completion statement, evidence, progress at 100%, a reviewer's written opinion,
the public's verdict where the list asks for one, and a second pair of eyes on shared
ledgers. Each rule is a shared setting (``tracker.settings``) and is checked here, inside
the move, so the GUI, the CLI and returned unit packs obey the same gate. Every check runs
before anything is written, so a refusal leaves the item, its version and the audit as
they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import settings
from tracker.actors import Actor
from tracker.enums import Rating, ReviewOutcome
from tracker.errors import ValidationError
from tracker.models import Attachment, ClosureRequest, Item, ItemList, SatisfactionSurvey, User

FULL = 100


@dataclass(frozen=True)
class RequestCheck:
    """What a closure request will record besides the move: whether it sets 100%."""

    sets_full: bool


def check_request(
    s: Session, item: Item, summary: str | None, percent: int | None = None
) -> RequestCheck:
    """Refuse a 申请销号 that lacks its statement, its evidence or 100% progress — naming
    every missing piece at once, so the unit does not find them one refusal at a time
    (``percent``: the one the request comes with, when it brings its own, as a pack row)."""
    percent = item.progress_percent if percent is None else percent
    if settings.get(s, "closure_needs_summary") and not (summary or "").strip():
        raise ValidationError("reason", "执行“申请销号”必须填写完成情况。")  # typed right there
    missing: list[tuple[str, str]] = []
    if settings.get(s, "closure_needs_evidence") and not evidence_count(s, item.id, fresh=True):
        missing.append(("evidence", _evidence_missing(s, item)))
    sets_full = percent < FULL and settings.get(s, "closure_percent") == "set"
    if percent < FULL and not sets_full:
        missing.append(("percent", f"完成百分比为 {percent}%，达到 100% 才能申请销号"))
    if missing:
        field = missing[0][0]
        raise ValidationError(
            field, f"事项“{item.code}”不能申请销号：" + "；".join(m for _, m in missing) + "。"
        )
    return RequestCheck(sets_full=sets_full)


def _evidence_missing(s: Session, item: Item) -> str:
    if evidence_count(s, item.id):
        return (
            "现有的佐证材料已随上次销号申请提交，退回后再次申请须上传新的佐证材料"
            "（整改、补充后的照片、验收单等）"
        )
    return "还没有佐证材料，请先上传佐证材料（照片、验收单、文件等）"


def check_checkpoint(s: Session, item: Item, achieved: bool) -> None:
    """A 长期坚持 period judged 阶段完成 needs evidence as a closure does."""
    if achieved and settings.get(s, "closure_needs_evidence") and not evidence_count(s, item.id):
        raise ValidationError(
            "evidence", f"事项“{item.code}”还没有佐证材料，不能判定阶段完成。请先上传佐证材料。"
        )


def check_review(
    s: Session, actor: Actor, item: Item, request: ClosureRequest, opinion: str | None
) -> None:
    """Every review outcome needs a written opinion; on shared ledgers the requester may
    not review their own request."""
    if settings.get(s, "review_needs_opinion") and not (opinion or "").strip():
        raise ValidationError("reason", "执行“同意办结”必须填写审核意见。")  # the others: workflow
    if duties_separated(s) and request.requested_by_id == actor.user_id:
        raise ValidationError(
            "reviewer",
            f"事项“{item.code}”的销号申请是您本人提出的，须由其他督查人员审核（岗位分离）。",
        )


def check_close(s: Session, actor: Actor, item: Item) -> None:
    """销号 needs a visit made after completion where the list asks for one, no 不满意
    verdict, and (on shared ledgers) someone other than the requester."""
    kind = s.scalar(select(ItemList.kind).where(ItemList.id == item.list_id)) or ""
    visit = latest_visit(s, item)
    if kind in settings.get(s, "visit_before_close") and visit is None:
        raise ValidationError(
            "visit",
            f"事项“{item.code}”办结后还没有回访群众（须记录满意度），不能销号。请先登记回访。",
        )
    if (
        visit is not None
        and visit.rating == Rating.DISSATISFIED
        and settings.get(s, "dissatisfied_blocks_close")
    ):
        raise ValidationError(
            "dissatisfied",
            f"事项“{item.code}”最近一次回访群众不满意，不能销号。"
            "请用“回头看”退回承办单位重新办理（需要整改），整改后再回访。",
        )
    request = last_request(s, item.id)
    if duties_separated(s) and request is not None and request.requested_by_id == actor.user_id:
        raise ValidationError(
            "reviewer",
            f"事项“{item.code}”的销号申请是您本人提出的，须由其他督查人员销号（岗位分离）。",
        )


def duties_separated(s: Session) -> bool:
    """Separation of duties: the setting, with "auto" on for a shared PostgreSQL ledger."""
    value = settings.get(s, "separate_duties")
    if value == "auto":
        return s.get_bind().dialect.name != "sqlite"
    return bool(value == "on")


def evidence_count(s: Session, item_id: int, fresh: bool = False) -> int:
    """The item's evidence files; ``fresh``: only those no earlier closure request carried
    (a request sent back for 补充/整改, or reopened by 回头看, needs new evidence)."""
    stmt = select(func.count(Attachment.id)).where(Attachment.item_id == item_id)
    if fresh:
        stmt = stmt.where(Attachment.closure_request_id.is_(None))
    return s.scalar(stmt) or 0


def latest_visit(s: Session, item: Item) -> SatisfactionSurvey | None:
    """The newest visit with a verdict made after the item's latest completion, both by
    its date and by when it was recorded (a visit before a 回头看 and the new 办结 judged
    work that has since been redone)."""
    if item.completed_at is None:
        return None
    since: dt.date = item.completed_at.date()
    return s.scalar(
        select(SatisfactionSurvey)
        .where(
            SatisfactionSurvey.item_id == item.id,
            SatisfactionSurvey.rating.is_not(None),
            SatisfactionSurvey.visited_on >= since,
            SatisfactionSurvey.created_at >= item.completed_at,
        )
        .order_by(SatisfactionSurvey.visited_on.desc(), SatisfactionSurvey.id.desc())
        .limit(1)
    )


def last_request(s: Session, item_id: int) -> ClosureRequest | None:
    return s.scalar(
        select(ClosureRequest)
        .where(ClosureRequest.item_id == item_id)
        .order_by(ClosureRequest.id.desc())
        .limit(1)
    )


def pending_request(s: Session, item_id: int) -> ClosureRequest | None:
    return s.scalar(
        select(ClosureRequest)
        .where(ClosureRequest.item_id == item_id, ClosureRequest.outcome == ReviewOutcome.PENDING)
        .order_by(ClosureRequest.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class ClosureFacts:
    """What the gate looks at, for the dialog that confirms a request, review or 销号:
    the supervisor sees exactly what will be recorded before it is."""

    percent: int
    evidence: list[str]
    summary: str | None = None  # the request's 完成情况
    requested_by: str | None = None
    requested_at: dt.datetime | None = None
    opinion: str | None = None  # the approving review's 审核意见
    visit: str | None = None  # the latest verdict since completion, in words


def facts(s: Session, item_id: int) -> ClosureFacts:
    item = s.get_one(Item, item_id)
    files = s.scalars(
        select(Attachment.filename).where(Attachment.item_id == item_id).order_by(Attachment.id)
    ).all()
    request = last_request(s, item_id)
    requester = (
        s.get(User, request.requested_by_id) if request and request.requested_by_id else None
    )
    visit = latest_visit(s, item)
    return ClosureFacts(
        percent=item.progress_percent,
        evidence=list(files),
        summary=request.summary if request else None,
        requested_by=requester.display_name if requester else None,
        requested_at=request.requested_at if request else None,
        opinion=request.review_comment if request else None,
        visit=_visit_words(visit) if visit else None,
    )


def _visit_words(v: SatisfactionSurvey) -> str:
    rating = Rating(v.rating).label if v.rating else "未评价"
    return f"{v.visited_on} {rating}" + (f"：{v.comment}" if v.comment else "")
