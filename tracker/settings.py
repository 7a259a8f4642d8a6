"""Shared settings kept in the database, with the defaults the county office starts from."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from tracker import audit
from tracker.actors import Actor, require_role
from tracker.enums import Role
from tracker.errors import ValidationError
from tracker.models import Setting

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
    if not isinstance(value, type(DEFAULTS[key])) and not (
        isinstance(DEFAULTS[key], float) and isinstance(value, int)
    ):
        raise ValidationError(key, f"设置“{key}”的取值类型不对。")
    if key == "score_weights" and sum(value.values()) != 100:
        raise ValidationError(key, "考核权重（按时办结、满意度、进展报送）合计必须为 100%。")
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


def all_settings(s: Session) -> dict[str, Any]:
    return {key: get(s, key) for key in DEFAULTS}
