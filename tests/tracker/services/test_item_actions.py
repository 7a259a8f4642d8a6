"""What the menus offer (``item_actions.allowed``) is exactly what the services accept:
every action, for a supervisor, a unit clerk and a viewer, on items in every state."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, evidence, new_item, request_closure, working_item
from tracker import item_actions, query
from tracker.enums import Escalation, Rating, Status
from tracker.errors import Conflict, PermissionDenied, TrackerError
from tracker.models import Item
from tracker.services import (
    attachments,
    editing,
    extensions,
    progress,
    removal,
    responsibility,
    surveys,
    transitions,
)

#: The moves that take a fresh item to each state (after ``new_item``).
ROUTES = {
    Status.DRAFT: [],
    Status.REGISTERED: ["submit"],
    Status.ASSIGNED: ["submit", "assign"],
    Status.IN_PROGRESS: ["submit", "assign", "sign"],
    Status.CLOSURE_REQUESTED: ["submit", "assign", "sign", "request_closure"],
    Status.COMPLETED: ["submit", "assign", "sign", "request_closure", "approve"],
    Status.CLOSED: ["submit", "assign", "sign", "request_closure", "approve", "close"],
    Status.SUSPENDED: ["submit", "suspend"],
    Status.CANCELLED: ["submit", "cancel"],
}


def _call(s, actor, item_id, name, tmp_path):
    """Run action ``name`` with ordinary arguments."""
    calls = {
        "edit": lambda: editing.edit_item(
            s, actor, item_id, s.get(Item, item_id).version, {"remarks": "改"}
        ),
        "progress": lambda: progress.report_progress(s, actor, item_id, "已完成一半", percent=50),
        "urge": lambda: progress.urge(s, actor, item_id),
        "delete_draft": lambda: removal.delete_draft(s, actor, item_id, "重复登记"),
        "responsibility": lambda: responsibility.set_responsibility(
            s, actor, item_id, responsibility.Responsibility("县民政局")
        ),
        "attach": lambda: attachments.add_attachment(
            s, actor, item_id, tmp_path / "佐证.txt", tmp_path / "store"
        ),
        "extend": lambda: extensions.request_extension(
            s, actor, item_id, dt.date(2026, 12, 31), "汛期影响施工"
        ),
        "decide_extension": lambda: extensions.decide_extension(s, actor, item_id, True),
        "escalate": lambda: progress.escalate(s, actor, item_id, Escalation.LISTED, "进度滞后"),
        "visit": lambda: surveys.record_visit(s, actor, item_id, rating=Rating.SATISFIED),
    }
    calls[name]()


def _refused_by_the_gate(exc: TrackerError) -> bool:
    """A refusal for who the actor is or what state the item is in (not for the input)."""
    return isinstance(exc, PermissionDenied) or (
        isinstance(exc, Conflict) and str(exc).startswith("事项当前为")
    )


@pytest.mark.parametrize("status", list(ROUTES))
def test_menus_offer_what_the_services_accept(db, org, status, tmp_path):
    (tmp_path / "佐证.txt").write_text("验收照片说明", encoding="utf-8")
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "2026-T-001")
        for move in ROUTES[status]:
            who = org.edu_clerk if move in ("sign", "request_closure") else org.supervisor
            reason = "群众反映" if move in ("suspend", "cancel") else None
            reason = "已按期完工" if move == "request_closure" else reason
            reason = "材料齐全" if move == "approve" else reason
            if move == "request_closure":  # what the 销号 gate asks first
                progress.report_progress(s, org.edu_clerk, item_id, "已完工", percent=100)
                evidence(s, org.edu_clerk, item_id, at(2, 1))
            if move == "close":
                surveys.record_visit(s, org.supervisor, item_id, rating=Rating.SATISFIED)
            transitions.move(s, who, item_id, move, reason=reason, at=at(2, 1))
        assert s.get(Item, item_id).status == status
    for actor in (org.supervisor, org.edu_clerk, org.viewer):
        offered = item_actions.allowed(actor.role, status, pending_extension=True)
        for name in item_actions.ITEM_ACTIONS:
            with db.sessions() as s, s.begin():
                try:
                    _call(s, actor, item_id, name, tmp_path)
                    accepted = True
                except TrackerError as exc:
                    accepted = not _refused_by_the_gate(exc)
                s.rollback()
            assert accepted == (name in offered), (actor.login, status, name)


def test_evidence_is_refused_on_a_draft_item(db, org, tmp_path):
    """The menu never offered it; now the service says so too (CLI and packs alike)."""
    source = tmp_path / "照片.txt"
    source.write_text("现场照片", encoding="utf-8")
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "2026-T-002")
        with pytest.raises(Conflict, match="事项当前为“草稿”，不能上传佐证材料"):
            attachments.add_attachment(s, org.supervisor, item_id, source, tmp_path / "store")


def test_an_edit_is_taken_back_unless_someone_changed_its_field_since(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "2026-T-003")
        version = s.get(Item, item_id).version
        editing.edit_item(s, org.supervisor, item_id, version, {"remarks": "第一次"})
    with db.sessions.begin() as s:  # undo: back to empty, as the field still holds 第一次
        editing.take_back(
            s, org.supervisor, item_id, {"remarks": ""}, {"remarks": "第一次"}, "撤销"
        )
        assert s.get(Item, item_id).remarks is None
    with db.sessions.begin() as s:  # someone else writes; a redo of 第一次 is refused
        version = s.get(Item, item_id).version
        editing.edit_item(s, org.admin, item_id, version, {"remarks": "他人改过"})
    with (
        db.sessions.begin() as s,
        pytest.raises(Conflict, match="备注（现为“他人改过”）已被他人改过"),
    ):
        editing.take_back(
            s, org.supervisor, item_id, {"remarks": "第一次"}, {"remarks": ""}, "重做"
        )
    with db.sessions.begin() as s:
        assert s.get(Item, item_id).remarks == "他人改过"


def test_a_clerk_is_offered_only_what_its_unit_may_do_on_each_item(db, org):
    """县教育局's clerk: its own item, one it cooperates on, another unit's — the desk asks
    the service's scope rule too, so nothing is offered that would be refused with 无权."""
    from tracker.services.desk import Desk

    with db.sessions.begin() as s:
        own = working_item(s, org, "2026-T-010")
        helping = working_item(s, org, "2026-T-011", unit="县民政局", clerk=org.civil_clerk)
        helping_co = working_item(
            s, org, "2026-T-012", unit="县民政局", clerk=org.civil_clerk, co_units=("县教育局",)
        )
    clerk, supervisor = Desk(db, "jy"), Desk(db, "dc")
    assert {"progress", "attach", "extend", "request_closure"} <= clerk.allowed_actions(own)
    assert clerk.allowed_actions(helping) == set()
    co = clerk.allowed_actions(helping_co)
    assert {"progress", "attach"} <= co and not co & {"extend", "request_closure", "hand_back"}
    assert {"urge", "escalate", "edit"} <= supervisor.allowed_actions(helping)
    assert clerk.allowed_actions(999_999) == set()  # deleted meanwhile: nothing offered


def test_an_extension_request_waiting_at_approval_can_still_be_decided(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "2026-T-013")
        extensions.request_extension(
            s, org.edu_clerk, item_id, dt.date(2026, 9, 30), "汛期影响施工", at=at(5, 1)
        )
        progress.report_progress(s, org.edu_clerk, item_id, "已完工", percent=100, at=at(5, 2))
        request_closure(s, org.edu_clerk, item_id, at(5, 3), "完成")
        transitions.move(s, org.supervisor, item_id, "approve", reason="同意办结", at=at(5, 4))
        assert "decide_extension" in item_actions.allowed(
            org.supervisor.role, Status.COMPLETED, pending_extension=True
        )
        extensions.decide_extension(s, org.supervisor, item_id, False, "已办结，无需延期")
        assert query.pending(s, item_id) is None
