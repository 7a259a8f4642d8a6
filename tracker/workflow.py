"""The item state machine: one table of transitions, who may take them, and what they need.

Pure: no database, no I/O. Services look a move up here, then apply it. Overdue, warning
lights, urges, escalation and pending extensions are overlays kept beside the state, never
states themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.enums import SUPERVISORS, ListKind, Role, Status
from tracker.errors import Conflict, PermissionDenied, ValidationError

S = Status
OPEN_FOR_PAUSE = (S.DRAFT, S.REGISTERED, S.ASSIGNED, S.IN_PROGRESS, S.CLOSURE_REQUESTED)


class Scope(StrEnum):
    """Whose items a unit clerk may move with this action."""

    ANY = "any"  # supervisors/admins only; clerks are never allowed
    LEAD = "lead"  # the clerk's unit leads the item
    LEAD_OR_CO = "lead_or_co"  # the clerk's unit leads or cooperates
    OPEN = "open"  # any unit may take it (a party member claiming a wish)


class Relation(StrEnum):
    """How the acting clerk's unit stands to an item (``actors.relation_of``)."""

    LEAD = "lead"  # the unit leads it
    CO = "co"  # the unit cooperates on it
    OTHER = "other"  # another unit's item, or one not yet assigned


def in_scope(role: Role, scope: Scope, relation: Relation) -> bool:
    """Whether a ``role`` user in ``relation`` to the item may act with ``scope``; only unit
    clerks are limited by scope."""
    if role != Role.CLERK or scope == Scope.OPEN:
        return True
    if scope == Scope.LEAD:
        return relation == Relation.LEAD
    if scope == Scope.LEAD_OR_CO:
        return relation in (Relation.LEAD, Relation.CO)
    return False  # Scope.ANY: supervisors' moves


@dataclass(frozen=True)
class Transition:
    """One allowed move.

    Attributes:
        action: stable English name, used in the audit log and the CLI.
        label: the Chinese word for the move.
        sources: states the move starts from.
        target: the state it ends in; ``None`` means "decided by the service"
            (resume returns to the state before the pause; approval may close directly).
        roles: roles allowed to take it.
        scope: for unit clerks, which items they may move.
        needs_reason: the user must say why.
    """

    action: str
    label: str
    sources: tuple[Status, ...]
    target: Status | None
    roles: frozenset[Role]
    scope: Scope = Scope.ANY
    needs_reason: bool = False


UNIT = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CLERK})

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", "提交立项", (S.DRAFT,), S.REGISTERED, SUPERVISORS),
        Transition(
            "send_back", "驳回立项", (S.REGISTERED,), S.DRAFT, SUPERVISORS, needs_reason=True
        ),
        Transition("assign", "交办", (S.REGISTERED,), S.ASSIGNED, SUPERVISORS),
        Transition("sign", "签收", (S.ASSIGNED,), S.IN_PROGRESS, UNIT, Scope.LEAD),
        Transition("claim", "认领", (S.REGISTERED,), S.IN_PROGRESS, UNIT, Scope.OPEN),
        Transition(
            "hand_back",
            "退办",
            (S.ASSIGNED, S.IN_PROGRESS),
            S.REGISTERED,
            UNIT,
            Scope.LEAD,
            needs_reason=True,
        ),
        # its 完成情况 is the 销号 gate's rule (a setting), checked in ``closure_rules``
        Transition(
            "request_closure", "申请销号", (S.IN_PROGRESS,), S.CLOSURE_REQUESTED, UNIT, Scope.LEAD
        ),
        Transition("approve", "同意办结", (S.CLOSURE_REQUESTED,), None, SUPERVISORS),
        Transition(
            "supplement",
            "补充办理",
            (S.CLOSURE_REQUESTED,),
            S.IN_PROGRESS,
            SUPERVISORS,
            needs_reason=True,
        ),
        Transition(
            "rectify",
            "需要整改",
            (S.CLOSURE_REQUESTED,),
            S.IN_PROGRESS,
            SUPERVISORS,
            needs_reason=True,
        ),
        Transition(
            "reject",
            "不同意办结",
            (S.CLOSURE_REQUESTED,),
            S.IN_PROGRESS,
            SUPERVISORS,
            needs_reason=True,
        ),
        Transition("close", "销号", (S.COMPLETED,), S.CLOSED, SUPERVISORS),
        Transition("suspend", "暂缓", OPEN_FOR_PAUSE, S.SUSPENDED, SUPERVISORS, needs_reason=True),
        Transition("resume", "恢复办理", (S.SUSPENDED,), None, SUPERVISORS),
        Transition(
            "cancel",
            "终止",
            (*OPEN_FOR_PAUSE, S.SUSPENDED),
            S.CANCELLED,
            SUPERVISORS,
            needs_reason=True,
        ),
        Transition(
            "reopen",
            "回头看",
            (S.COMPLETED, S.CLOSED),
            S.IN_PROGRESS,
            SUPERVISORS,
            needs_reason=True,
        ),
    ]
}

#: Moves whose words are the 销号 gate's (``services.closure_rules``, each rule a setting),
#: and what the words are called: the dialog asks for them, the gate decides if they must be.
REASON_WORDS = {
    "request_closure": "完成情况",
    **{a: "审核意见" for a in ("approve", "supplement", "rectify", "reject")},
}

#: Review outcomes that send the work back and count as rework.
REWORK_ACTIONS = frozenset({"supplement", "rectify"})
#: Review outcomes that return a closure request to the unit.
RETURN_ACTIONS = frozenset({"supplement", "rectify", "reject"})

#: List kinds whose items are judged by the public before 销号 (approval stops at 已办结).
NEEDS_EVALUATION = frozenset({ListKind.KEY_LIVELIHOOD, ListKind.MICRO_WISH, ListKind.HOTLINE})

#: Words a 微心愿 list uses for the same moves (居民点单、支部审单、党员领单、圆梦).
WISH_LABELS = {"submit": "支部审单通过", "claim": "党员领单", "request_closure": "申请圆梦确认"}


def transition(action: str) -> Transition:
    """The move named ``action`` (its English name or Chinese label)."""
    found = TRANSITIONS.get(action) or next(
        (
            t
            for t in TRANSITIONS.values()
            if t.label == action or WISH_LABELS.get(t.action) == action
        ),
        None,
    )
    if found is None:
        known = "、".join(f"{t.action}（{t.label}）" for t in TRANSITIONS.values())
        raise ValidationError("action", f"没有“{action}”这个操作。可用的操作：{known}")
    return found


#: Chinese words for audit actions that are not state moves.
OTHER_LABELS = {
    "create": "登记",
    "set_lead_unit": "指定牵头单位",
    "set_responsibility": "调整责任单位和时限",
    "draft_deleted": "删除草稿",
    "unit_renamed": "单位改名",
    "unit_retired": "停用单位",
    "unit_restored": "启用单位",
    "units_merged": "合并单位",
    "person_renamed": "修改责任人",
    "person_retired": "停用责任人",
    "person_restored": "启用责任人",
    "people_merged": "合并责任人",
    "list_renamed": "清单改名",
    "list_retired": "停用清单",
    "list_restored": "启用清单",
    "progress": "报送进展",
    "urge": "催办",
    "escalate": "调整督办级别",
    "extension_requested": "申请延期",
    "extension_approved": "批准延期",
    "extension_rejected": "不批准延期",
    "visit": "回访",
    "checkpoint": "阶段考核",
    "attachment": "上传佐证材料",
    "carried_over": "结转",
    "demo_generated": "生成演示数据",
    "setting_changed": "修改设置",
    "unit_added": "新增单位",
    "person_added": "登记责任人",
    "user_added": "新增用户",
    "list_added": "新建清单",
    "import_create": "表格导入",
    "import_update": "表格导入更新",
    "edit": "修改基本信息",
    "login_locked": "多次输错密码被锁定",
    "password_set": "设置密码",
    "user_enabled": "启用用户",
    "user_disabled": "停用用户",
    "user_unlocked": "解除锁定",
    "user_role_set": "修改用户角色",
    "user_db_role_set": "设置数据库角色",
}


def label_for(action: str, list_kind: str | None = None) -> str:
    """The Chinese word for ``action`` on a list of ``list_kind``."""
    if list_kind == ListKind.MICRO_WISH and action in WISH_LABELS:
        return WISH_LABELS[action]
    t = TRANSITIONS.get(action)
    return t.label if t else OTHER_LABELS.get(action, action)


def check(t: Transition, status: Status, role: Role, reason: str | None) -> None:
    """Refuse a move that is out of order, not allowed for the role, or lacks a reason.

    Unit scope (which unit's items) needs the item's units and is checked by the service.
    """
    if role not in t.roles:
        raise PermissionDenied(f"{role.label}无权执行“{t.label}”。")
    if status not in t.sources:
        allowed = "、".join(s.label for s in t.sources)
        raise Conflict(
            f"事项当前为“{status.label}”，不能执行“{t.label}”（只能在{allowed}时执行）。"
        )
    if t.needs_reason and not (reason and reason.strip()):
        raise ValidationError(
            "reason", f"执行“{t.label}”必须填写{REASON_WORDS.get(t.action, '理由')}。"
        )


def approval_target(list_kind: str) -> Status:
    """同意办结 ends in 已办结 when the public still has to judge the item, else in 已销号."""
    return Status.COMPLETED if list_kind in NEEDS_EVALUATION else Status.CLOSED
