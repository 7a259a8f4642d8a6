"""交办 with units, 责任人 and deadline in one step, and corrections of them afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.tracker.org import new_item, working_item
from tracker import audit, query
from tracker.enums import DeadlineKind
from tracker.errors import PermissionDenied, ValidationError
from tracker.models import AuditEntry, Item, ItemHistory, Person
from tracker.services import transitions
from tracker.services.desk import Desk
from tracker.services.responsibility import Responsibility

ORDER = Responsibility(
    lead_unit="县民政局",
    co_units=("县教育局", "县民政局", "城关镇", "县教育局"),  # the lead and a repeat drop out
    assignee="王建国",
    assignee_phone="13800001111",
    deadline=dt.date(2026, 9, 30),
)


@pytest.fixture
def waiting(db, org) -> int:
    """A submitted item (待交办) led by 县教育局, due 2026-06-30."""
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "R1")
        transitions.move(s, org.supervisor, item_id, "submit")
    return item_id


def _item(db, item_id: int) -> dict[str, object]:
    with db.sessions.begin() as s:
        item = s.get_one(Item, item_id)
        return {
            "status": item.status,
            "lead": item.lead_unit.name if item.lead_unit else None,
            "co": [u.name for u in item.co_units],
            "assignee": item.assignee.name if item.assignee else None,
            "phone": item.assignee_phone,
            "deadline": item.deadline_date,
            "text": item.deadline_text,
        }


def _actions(db, item_id: int) -> list[str]:
    with db.sessions.begin() as s:
        rows = s.scalars(select(AuditEntry.action).where(AuditEntry.item_id == item_id))
        return list(rows)


def test_assign_with_sets_everything_and_the_opinion_in_one_step(db, waiting):
    desk = Desk(db, "dc")
    state = desk.assign_with(waiting, ORDER, "  请于9月底前完成并报送佐证材料  ")
    assert state.status_label == "待签收"
    assert _item(db, waiting) == {
        "status": "assigned",
        "lead": "县民政局",
        "co": ["县教育局", "城关镇"],
        "assignee": "王建国",
        "phone": "13800001111",
        "deadline": dt.date(2026, 9, 30),
        "text": "2026年9月30日",
    }
    with db.sessions.begin() as s:
        person = s.scalars(select(Person).where(Person.name == "王建国")).one()
        assert person.phone == "13800001111" and person.unit.name == "县民政局"
        assign = s.scalars(select(AuditEntry).where(AuditEntry.action == "assign")).one()
        assert "请于9月底前完成并报送佐证材料" in (assign.after or "")
        assert audit.verify(s).ok
        # the deadline change is part of the item's state history (figures as of a date)
        days = s.scalars(select(ItemHistory.deadline_date).where(ItemHistory.item_id == waiting))
        assert dt.date(2026, 9, 30) in list(days)
        lines = [e.text for e in query.item_detail(s, waiting).history]
    assert _actions(db, waiting)[-2:] == ["set_responsibility", "assign"]
    assert (
        "调整责任单位和时限：牵头单位：县教育局 → 县民政局；配合单位：（空） → 县教育局、城关镇；"
        "责任人：（空） → 王建国；联系电话：（空） → 13800001111；"
        "完成时限：2026年6月30日 → 2026年9月30日"
    ) in lines
    assert "交办：请于9月底前完成并报送佐证材料" in lines


def test_a_known_person_is_reused_and_the_same_order_changes_nothing(db, org, waiting):
    with db.sessions.begin() as s:
        s.add(Person(name="王建国", phone="0571-1", unit_id=org_unit(s, "县民政局")))
    desk = Desk(db, "dc")
    assert desk.set_responsibility(waiting, ORDER) is True
    assert desk.set_responsibility(waiting, ORDER) is False  # nothing differs: no entry
    assert _actions(db, waiting).count("set_responsibility") == 1
    with db.sessions.begin() as s:
        assert s.scalar(select(Person.phone).where(Person.name == "王建国")) == "0571-1"
    assert _item(db, waiting)["phone"] == "13800001111"  # the item keeps its own phone
    assert desk.responsibility(waiting) == Responsibility(
        "县民政局", ("县教育局", "城关镇"), "王建国", "13800001111", dt.date(2026, 9, 30)
    )


def org_unit(s, name: str) -> int:
    return query.unit_id(s, name)


def test_after_handover_the_deadline_moves_only_through_an_extension(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "R2")
    before = _item(db, item_id)
    desk = Desk(db, "dc")
    with pytest.raises(ValidationError, match="已交办，完成时限只能通过“申请延期”变更"):
        desk.set_responsibility(item_id, ORDER)
    assert _item(db, item_id) == before  # the units and person were not changed either
    same_day = Responsibility("县民政局", deadline=dt.date(2026, 6, 30))
    assert desk.set_responsibility(item_id, same_day) is True  # the unit alone may change
    assert _item(db, item_id)["lead"] == "县民政局"


def test_an_undated_item_gets_its_first_date_at_any_time(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "R3")
        item = s.get_one(Item, item_id)
        item.deadline_date, item.deadline_text = None, "汛期前"  # 待确认时限
    Desk(db, "dc").set_responsibility(
        item_id, Responsibility("县教育局", deadline=dt.date(2026, 7, 15))
    )
    assert _item(db, item_id)["deadline"] == dt.date(2026, 7, 15)
    ongoing = Responsibility("县教育局", ongoing=True)
    with pytest.raises(ValidationError, match="申请延期"):
        Desk(db, "dc").set_responsibility(item_id, ongoing)


def test_before_handover_an_item_may_become_ongoing(db, waiting):
    Desk(db, "dc").set_responsibility(waiting, Responsibility("县教育局", ongoing=True))
    with db.sessions.begin() as s:
        item = s.get_one(Item, waiting)
        assert (item.deadline_kind, item.deadline_date, item.deadline_text) == (
            DeadlineKind.ONGOING,
            None,
            "长期坚持",
        )


@pytest.mark.parametrize(
    ("order", "field", "words"),
    [
        (Responsibility(""), "lead_unit", "请选择牵头单位"),
        (Responsibility("火星局"), "lead_unit", "没有名为“火星局”的单位。请从下拉列表中选择"),
        (Responsibility("县民政局", ("水星局",)), "co_units", "没有名为“水星局”的单位"),
    ],
)
def test_a_refused_order_changes_nothing(db, waiting, order, field, words):
    before = _item(db, waiting)
    with pytest.raises(ValidationError, match=words) as caught:
        Desk(db, "dc").assign_with(waiting, order, "意见")
    assert caught.value.field == field
    assert _item(db, waiting) == before and _actions(db, waiting)[-1] == "submit"


def test_only_supervisors_assign_or_correct(db, waiting):
    with pytest.raises(PermissionDenied):
        Desk(db, "jy").set_responsibility(waiting, ORDER)
    with pytest.raises(ValidationError, match="最多 2000 个字"):
        Desk(db, "dc").assign_with(waiting, ORDER, "很" * 2001)
