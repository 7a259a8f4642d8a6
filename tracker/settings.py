"""Shared settings kept in the database, with the defaults the county office starts from."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit
from tracker.actors import Actor, require_role
from tracker.enums import ListKind, Role
from tracker.errors import ValidationError
from tracker.models import Setting, User

DEFAULTS: dict[str, Any] = {
    # yellow light: due within this many days
    "warning_days": 15,
    # orange light: actual progress below this share of the elapsed time
    "behind_ratio": 0.7,
    # count deadlines' remaining days in working days (Holiday table) instead of calendar days
    "working_days": False,
    # 满意率 = (满意 + w·基本满意) / surveyed; Beijing-style offices use 0.9
    "basic_satisfied_weight": 1.0,
    # a unit reports on time when its active items have a report within this many days
    "progress_interval_days": 30,
    # assessment score weights (percentages)
    "score_weights": {"on_time": 40, "satisfaction": 40, "progress": 20},
    # the fair clock: an item asked to be closed by its deadline is not overdue while it
    # waits for review and is judged on the request day; items waiting past their deadline
    # for review or for 交办 are the supervisors' backlog, not charged to the unit
    "fair_clock": True,
    # a local (SQLite) ledger asks for a login at start too; shared ledgers always do
    "login_required": False,
    # the 销号 gate (``services.closure_rules``): what a closure request, a review and the
    # 销号 itself must carry before the service lets them through
    "closure_needs_summary": True,
    "closure_needs_evidence": True,
    # "require": 申请销号 only at 100%; "set": the request sets 100% and says so in the audit
    "closure_percent": "require",
    "review_needs_opinion": True,
    # list kinds whose 销号 needs a follow-up visit made after the item was completed
    "visit_before_close": ["key_livelihood", "micro_wish"],
    "dissatisfied_blocks_close": True,
    # a percent lower than the last one needs a written reason
    "drop_needs_reason": True,
    # 待核实: percent ahead of the share of time elapsed by more than this many points…
    "doubt_margin": 50,
    # …or at 100% for this many days without a closure request
    "full_idle_days": 15,
    # the reviewer of a closure request may not be its requester (nor may the 销号 be
    # theirs): "auto" is on for shared (PostgreSQL) ledgers, off for a one-person desk file
    "separate_duties": "auto",
}

#: Settings that take one of a few words, with what each means (the refusal lists them).
CHOICES: dict[str, dict[str, str]] = {
    "closure_percent": {"require": "须达到 100%", "set": "申请时自动记为 100%"},
    "separate_duties": {"auto": "共享台账开启", "on": "开启", "off": "关闭"},
}


def get(s: Session, key: str) -> Any:
    if key not in DEFAULTS:
        raise ValidationError("key", f"没有“{key}”这个设置。")
    row = s.get(Setting, key)
    return json.loads(row.value) if row else DEFAULTS[key]


def put(s: Session, actor: Actor, key: str, value: Any) -> None:
    """Change a shared setting (administrators only; audited)."""
    require_role(actor, {Role.ADMIN}, "修改设置")
    old = get(s, key)
    if key == "visit_before_close" and isinstance(value, list):
        # in the kinds' own order, once each: the 设置 page saving the same kinds is no change
        named = {_list_kind(v) for v in value}
        value = [k.value for k in ListKind if k.value in named]
    if not isinstance(value, type(DEFAULTS[key])) and not (
        isinstance(DEFAULTS[key], float) and isinstance(value, int)
    ):
        words = f"，可用：{'、'.join(CHOICES[key])}" if key in CHOICES else ""
        raise ValidationError(key, f"设置“{key}”的取值类型不对{words}。")
    _check_value(key, value)
    if key == "login_required" and value and not old:
        _check_can_log_in(s, actor)
    text = json.dumps(value, ensure_ascii=False)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text
    audit.append(
        s,
        actor=actor.login,
        action="setting_changed",
        before={"key": key, "value": old},
        after={"key": key, "value": value},
    )


def _list_kind(word: Any) -> str:
    """A list kind named by its code or its Chinese label (重点民生实事 or key_livelihood)."""
    try:
        return ListKind.parse(str(word)).value
    except ValueError as exc:
        raise ValidationError("visit_before_close", f"清单类型{exc}。") from None


def _check_value(key: str, value: Any) -> None:
    """Refuse a value of the right type that still makes no sense for ``key``."""
    if key == "score_weights" and sum(value.values()) != 100:
        raise ValidationError(key, "考核权重（按时办结、满意度、进展报送）合计必须为 100%。")
    if key in CHOICES and value not in CHOICES[key]:
        words = "、".join(f"{k}（{v}）" for k, v in CHOICES[key].items())
        raise ValidationError(key, f"设置“{key}”只能取：{words}。")
    if key in ("doubt_margin", "full_idle_days") and not 1 <= value <= 100:
        raise ValidationError(key, f"设置“{key}”应在 1 到 100 之间。")


def _check_can_log_in(s: Session, actor: Actor) -> None:
    """Asking for a login at start while the one switching it on has no password would
    lock everyone out of a local ledger at the next start: refuse, and say what to do."""
    user = s.scalar(select(User).where(User.login == actor.login))
    if user is None or user.password_hash is None or not user.active:
        raise ValidationError(
            "login_required",
            f"开启“启动时要求登录”前，请先为您自己的账号“{actor.login}”设置密码"
            "（单位与人员 → 账号 → 设置密码），否则下次启动将无法进入台账。",
        )


def all_settings(s: Session) -> dict[str, Any]:
    return {key: get(s, key) for key in DEFAULTS}
