"""Rename, merge and retire units, people and lists; delete a draft. Each is audited, keeps
the chain verifiable, and leaves every figure where it was except as the change means."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from tests.tracker.org import at, new_item, working_item
from tracker import audit
from tracker.errors import Conflict, DuplicateError, PermissionDenied, ValidationError
from tracker.metrics import compute
from tracker.models import AuditEntry, Item, ItemHistory, Person, Unit, Urge
from tracker.services import progress, registry, transitions
from tracker.services.admin_desk import AdminDesk
from tracker.services.desk import Desk


def _sql(db, sql, **values):
    with db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql), values)]


def _actions(db) -> list[str]:
    with db.sessions.begin() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_renamed_unit_keeps_its_items_and_refuses_a_taken_name(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "U1")
    admin = AdminDesk(Desk(db))
    with pytest.raises(DuplicateError, match="单位“县民政局”已存在。如是同一个单位，请用“合并”"):
        admin.rename_unit("县教育局", "县民政局")
    admin.rename_unit("县教育局", " 县教育体育局 ")
    assert Desk(db).detail(item_id).lead_unit == "县教育体育局"
    assert _actions(db)[-1] == "unit_renamed"
    with pytest.raises(PermissionDenied):
        AdminDesk(Desk(db, "dc")).rename_unit("县教育体育局", "别的名字")


def test_merging_units_moves_items_history_people_accounts_and_removes_the_source(db, org):
    with db.sessions.begin() as s:
        led = working_item(s, org, "M1", clerk=org.civil_clerk, unit="县民政局")
        co = working_item(s, org, "M2", co_units=("县民政局", "城关镇"))
        both = working_item(s, org, "M3", clerk=org.admin, unit="城关镇", co_units=("县民政局",))
        progress.urge(s, org.supervisor, led)
        registry.add_person(s, org.admin, "赵敏", "139", "县民政局")
        registry.add_unit(s, org.admin, "民政局救助站", parent="县民政局")
    with db.sessions.begin() as s:
        before = compute(s, dt.date(2026, 7, 31))[0]
    moved = AdminDesk(Desk(db)).merge_units("县民政局", "城关镇")
    assert moved == 3  # M1 as lead, M2 and M3 as co-unit
    with db.sessions.begin() as s:
        assert s.scalar(select(Unit.id).where(Unit.name == "县民政局")) is None
        town = s.scalar(select(Unit.id).where(Unit.name == "城关镇"))
        assert s.get_one(Item, led).lead_unit_id == town
        assert [u.name for u in s.get_one(Item, co).co_units] == ["城关镇"]  # not twice
        assert s.get_one(Item, both).co_units == []  # its own lead is not its co-unit
        assert set(
            s.scalars(select(ItemHistory.lead_unit_id).where(ItemHistory.item_id == led))
        ) == {town}
        assert s.scalar(select(Urge.unit_id).where(Urge.item_id == led)) == town
        assert s.scalar(select(Person.unit_id).where(Person.name == "赵敏")) == town
        assert s.scalar(select(Unit.parent_id).where(Unit.name == "民政局救助站")) == town
        clerk = _sql(db, "SELECT unit_id FROM app_user WHERE login='mz'")
        assert clerk == [(town,)]
        assert compute(s, dt.date(2026, 7, 31))[0].counted == before.counted
        assert audit.verify(s).ok
    with pytest.raises(ValidationError, match="另一个单位"):
        AdminDesk(Desk(db)).merge_units("城关镇", "城关镇")


def test_a_retired_unit_stays_on_its_items_and_is_not_offered(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "R1", unit="县民政局")
    admin = AdminDesk(Desk(db))
    admin.set_unit_active("县民政局", False)
    desk = Desk(db)
    assert "县民政局" in desk.unit_names() and "县民政局" not in desk.unit_names(active_only=True)
    assert desk.detail(item_id).lead_unit == "县民政局"
    admin.set_unit_active("县民政局", True)
    assert "县民政局" in desk.unit_names(active_only=True)
    assert _actions(db)[-2:] == ["unit_retired", "unit_restored"]


def test_people_renamed_merged_and_retired(db, org):
    with db.sessions.begin() as s:
        registry.add_person(s, org.admin, "王五", None, "县教育局")
        registry.add_person(s, org.admin, "王伍", "13800000000", "县教育局")
        item_id = new_item(s, org, "P1")
        s.get_one(Item, item_id).assignee = s.scalar(select(Person).where(Person.name == "王五"))
    admin = AdminDesk(Desk(db, "dc"))
    with pytest.raises(DuplicateError, match="已有责任人“王伍”"):
        admin.rename_person("县教育局", "王五", "王伍", None)
    assert admin.merge_people("县教育局", "王五", "王伍") == 1
    assert Desk(db).detail(item_id).assignee == "王伍"
    admin.rename_person("县教育局", "王伍", "王武", "0571-1")
    assert Desk(db).detail(item_id).assignee == "王武"
    admin.set_person_active("县教育局", "王武", False)
    assert Desk(db).people_of("县教育局") == []
    assert admin.people("县教育局") == [("王武", "0571-1")]  # the page still lists them
    assert Desk(db).detail(item_id).assignee == "王武"


def test_lists_renamed_and_retired(db, org):
    admin = AdminDesk(Desk(db, "dc"))
    admin.rename_list("2026年承诺事项", "2026年公开承诺事项")
    admin.set_list_active("2026年公开承诺事项", False)
    desk = Desk(db)
    assert "2026年公开承诺事项" in desk.list_names()
    assert "2026年公开承诺事项" not in desk.list_names(active_only=True)
    with pytest.raises(PermissionDenied):
        AdminDesk(Desk(db, "jy")).rename_list("2026年公开承诺事项", "x")


def test_only_a_draft_is_deleted_with_its_reason_and_the_audit_keeps_it(db, org):
    with db.sessions.begin() as s:
        draft = new_item(s, org, "D1", co_units=("县民政局",))
        working = working_item(s, org, "D2")
        transitions.move(s, org.supervisor, working, "suspend", reason="暂缓", at=at(2, 1))
    desk = Desk(db, "dc")
    with pytest.raises(ValidationError, match="请写明删除原因"):
        desk.delete_draft(draft, "  ")
    with pytest.raises(Conflict, match="只有草稿可以删除"):
        desk.delete_draft(working, "错了")
    with pytest.raises(PermissionDenied):
        Desk(db, "jy").delete_draft(draft, "错了")
    assert "delete_draft" in desk.allowed_actions(draft)
    assert desk.delete_draft(draft, "重复登记") == "D1"
    assert _sql(db, "SELECT count(*) FROM item WHERE id=:i", i=draft) == [(0,)]
    assert _sql(db, "SELECT count(*) FROM item_co_unit WHERE item_id=:i", i=draft) == [(0,)]
    with db.sessions.begin() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.item_id == draft)).all()
        assert [e.action for e in entries] == ["create", "draft_deleted"]
        assert "重复登记" in (entries[-1].after or "") and "D1" in (entries[-1].before or "")
        assert audit.verify(s).ok


def test_a_unit_is_never_merged_into_its_own_sub_unit(db, org):
    """A user test merged 双河镇 into 双河镇光明村: the town vanished and its villages hung
    under a village."""
    with db.sessions.begin() as s:
        registry.add_unit(s, org.admin, "城关镇光明村", parent="城关镇")
        registry.add_unit(s, org.admin, "光明村第一组", parent="城关镇光明村")
    admin = AdminDesk(Desk(db))
    for below in ("城关镇光明村", "光明村第一组"):
        with pytest.raises(ValidationError, match=f"“{below}”是“城关镇”的下级单位"):
            admin.merge_units("城关镇", below)
    assert "城关镇" in Desk(db).unit_names()
    assert admin.merge_units("光明村第一组", "城关镇光明村") == 0  # upwards is fine


def test_a_retired_unit_typed_into_a_form_is_refused_for_new_work(db, org):
    """Not offered in the lists, but typed by hand it was accepted for 登记 and 交办."""
    from tracker.services.responsibility import Responsibility

    with db.sessions.begin() as s:
        waiting = new_item(s, org, "T1", co_units=("城关镇",))
        transitions.move(s, org.supervisor, waiting, "submit")
    admin = AdminDesk(Desk(db))
    admin.set_unit_active("城关镇", False)
    desk = Desk(db, "dc")
    list_name = desk.list_names()[0]
    with pytest.raises(ValidationError, match="单位“城关镇”已停用，不能用于新的事项"):
        desk.add_item(list_name, "T2", "新事项", lead_unit="城关镇", deadline=None)
    with pytest.raises(ValidationError, match="已停用") as caught:
        desk.assign_with(waiting, Responsibility("城关镇"), None)
    assert caught.value.field == "lead_unit"
    # the co-unit it already had may stay while the item is handed to a serving unit
    desk.assign_with(waiting, Responsibility("县民政局", ("城关镇",)), None)
    assert Desk(db).detail(waiting).co_units == ["城关镇"]
