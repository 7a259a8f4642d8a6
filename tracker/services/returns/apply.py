"""Writing a returned pack: each row as the unit's clerk, through the ordinary services.

Every row is written in its own savepoint: a row the services refuse at the last moment
(the item moved on while the preview was open) is rolled back alone and reported, and the
other rows still land. Everything is role-checked and audited like work typed in the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.actors import Actor, actor_by_login
from tracker.enums import Role, Status
from tracker.errors import TrackerError, ValidationError
from tracker.models import Item, User
from tracker.services import extensions, progress, transitions
from tracker.services.common import now
from tracker.services.returns.lines import TAKEN_ONLY, ReturnLine, ReturnPlan


@dataclass(frozen=True)
class ReturnResult:
    applied: int
    unchanged: int
    not_written: int  # problems, and conflicts or warnings not taken
    failed: list[tuple[str, str]] = field(default_factory=list)  # (code, why)

    def summary(self) -> str:
        text = f"已写入 {self.applied} 项；无变化 {self.unchanged} 行"
        if self.not_written:
            text += f"；未写入 {self.not_written} 行（有问题，或冲突、需确认的行未选择采用）"
        return text + "。"


def unit_clerk(s: Session, unit_id: int, login: str | None) -> Actor:
    """The clerk the returned pack speaks for (``login`` or the unit's first clerk): a pack
    is the unit's word, so only that unit's own clerk may write it."""
    if login:
        actor = actor_by_login(s, login)
        if actor.role != Role.CLERK or actor.unit_id != unit_id:
            raise ValidationError(
                "as", f"“{login}”不是该单位的承办单位账号，填报包只能以发回它的单位的账号写入。"
            )
        return actor
    user = s.scalar(
        select(User.login)
        .where(User.unit_id == unit_id, User.role == Role.CLERK, User.active.is_(True))
        .order_by(User.id)
    )
    if user is None:
        raise ValidationError(
            "as",
            "该单位还没有承办单位账号，填报包要以该单位的账号写入。"
            "请先在“单位与人员”中为它添加承办单位账号（命令行：admin add-user），再导入。",
        )
    return actor_by_login(s, user)


def apply_return(
    s: Session,
    actor: Actor,
    plan: ReturnPlan,
    take: frozenset[str] | set[str] = frozenset(),
    at: dt.datetime | None = None,
) -> ReturnResult:
    """Write the rows that update, and the conflicts and warnings whose code is in ``take``."""
    stamp = now(at)
    applied = 0
    failed: list[tuple[str, str]] = []
    for line in plan.lines:
        if not line.changes:
            continue
        if line.action in TAKEN_ONLY and line.code not in take:
            continue
        try:
            with s.begin_nested():
                _apply_line(s, actor, line, stamp)
        except TrackerError as exc:
            failed.append((line.code or "", str(exc)))
        else:
            applied += 1
    unchanged = plan.count("unchanged")
    return ReturnResult(applied, unchanged, len(plan.lines) - applied - unchanged, failed)


def _apply_line(s: Session, actor: Actor, line: ReturnLine, at: dt.datetime) -> None:
    assert line.item_id is not None
    item = s.get_one(Item, line.item_id)
    v = line.values
    if item.status == Status.ASSIGNED:
        transitions.move(s, actor, item.id, "sign", at=at)
    text = v.get("progress") or ""
    if text or any(k in v for k in ("percent", "problems", "needs")):
        progress.report_progress(
            s,
            actor,
            item.id,
            text,
            percent=v.get("percent"),
            problems=v.get("problems"),
            needs=v.get("needs"),
            drop_reason=text if v.get("percent", 100) < item.progress_percent else None,
            at=at,
        )
    if "closure" in v:
        transitions.move(s, actor, item.id, "request_closure", reason=v["closure"], at=at)
    if "extension" in v:
        new_date, reason = v["extension"]
        extensions.request_extension(s, actor, item.id, new_date, reason, at=at)
