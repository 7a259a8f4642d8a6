"""What may be done to an item besides moving its state: who may, and in which states.

One table for the services (which refuse with these words) and for every menu that offers
the actions (which asks ``allowed`` instead of repeating the rules). State moves are in
``workflow.TRANSITIONS``; ``allowed`` answers for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.enums import ACTIVE_STATUSES, DONE_STATUSES, SUPERVISORS, Role, Status
from tracker.workflow import TRANSITIONS, UNIT, Relation, Scope, in_scope

#: States in which an item's basic information is no longer edited.
FINISHED = frozenset({Status.CLOSED, Status.CANCELLED})


@dataclass(frozen=True)
class ItemAction:
    """One action on an item that is not a state move.

    Attributes:
        name: stable English name (the audit log's, the menus').
        label: the Chinese words a menu and a refusal use.
        roles: roles that may take it.
        states: states the item must be in.
        when: the refusal's explanation, after “事项当前为“…”，”.
        scope: for unit clerks, whose items (as for state moves).
        needs_pending_extension: offered only while an extension request waits.
    """

    name: str
    label: str
    roles: frozenset[Role]
    states: frozenset[Status]
    when: str
    scope: Scope = Scope.ANY
    needs_pending_extension: bool = False


ITEM_ACTIONS: dict[str, ItemAction] = {
    a.name: a
    for a in (
        ItemAction(
            "edit", "修改基本信息", SUPERVISORS, frozenset(Status) - FINISHED, "不能修改基本信息"
        ),
        ItemAction(
            "progress",
            "报送进展",
            UNIT,
            frozenset({Status.IN_PROGRESS, Status.CLOSURE_REQUESTED}),
            "签收后、办结前才能报送进展",
            Scope.LEAD_OR_CO,
        ),
        ItemAction(
            "responsibility",
            "调整责任单位和时限",
            SUPERVISORS,
            frozenset(Status) - FINISHED,
            "不能调整责任单位和时限",
        ),
        ItemAction("urge", "催办", SUPERVISORS, ACTIVE_STATUSES, "不需要催办"),
        ItemAction(
            "delete_draft", "删除草稿", SUPERVISORS, frozenset({Status.DRAFT}), "只有草稿可以删除"
        ),
        ItemAction(
            "attach",
            "上传佐证材料",
            UNIT,
            frozenset(Status) - {Status.DRAFT, Status.CANCELLED},
            "不能上传佐证材料",
            Scope.LEAD_OR_CO,
        ),
        ItemAction("extend", "申请延期", UNIT, ACTIVE_STATUSES, "不能申请延期", Scope.LEAD),
        # A request still waiting when the item was approved must stay decidable.
        ItemAction(
            "decide_extension",
            "审批延期",
            SUPERVISORS,
            frozenset(Status),
            "不能审批延期",
            needs_pending_extension=True,
        ),
        ItemAction(
            "escalate",
            "调整督办级别",
            SUPERVISORS,
            ACTIVE_STATUSES | {Status.SUSPENDED},
            "不能调整督办级别",
        ),
        ItemAction("visit", "回访评价", SUPERVISORS, DONE_STATUSES, "办结后才能回访"),
    )
}


def allowed(
    role: Role,
    status: Status,
    pending_extension: bool = False,
    relation: Relation = Relation.LEAD,
) -> set[str]:
    """Names of the moves and actions ``role`` may take on an item in ``status``, its
    clerk's unit standing in ``relation`` to it."""
    moves = {
        t.action
        for t in TRANSITIONS.values()
        if status in t.sources and role in t.roles and in_scope(role, t.scope, relation)
    }
    actions = {
        a.name
        for a in ITEM_ACTIONS.values()
        if role in a.roles
        and status in a.states
        and in_scope(role, a.scope, relation)
        and (pending_extension or not a.needs_pending_extension)
    }
    return moves | actions
