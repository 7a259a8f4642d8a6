"""Batch actions: each item on its own, refusals named, a stop honoured, and 交办 to a unit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.tracker.org import new_item, working_item
from tracker import audit, query
from tracker.errors import Cancelled, Conflict, ValidationError
from tracker.models import Item, Urge
from tracker.query import ItemFilter
from tracker.services import batch, transitions
from tracker.services.desk import Desk


def _registered(s, org, code, unit="县教育局"):
    item_id = new_item(s, org, code, unit=unit)
    transitions.move(s, org.supervisor, item_id, "submit")
    return item_id


def test_batch_urge_does_what_it_can_and_names_the_rest(db, org):
    with db.sessions.begin() as s:
        a = working_item(s, org, "B1")
        b = working_item(s, org, "B2")
        draft = new_item(s, org, "B3")  # a draft cannot be urged
    desk = Desk(db, "dc")
    outcome = desk.each("催办", [a, draft, b], lambda i: desk.urge(i, "请于本周内报送进展"))
    assert outcome.done == ["B1", "B2"]
    assert [code for code, _why in outcome.refused] == ["B3"]
    assert outcome.summary().startswith("已催办 2 项。\n1 项未催办：\nB3：")
    with db.sessions.begin() as s:
        urged = sorted(s.scalars(select(Urge.item_id)))
        assert urged == [a, b]
        assert audit.verify(s).ok


def test_a_stop_keeps_what_was_done_and_says_so(db, org):
    with db.sessions.begin() as s:
        ids = [working_item(s, org, f"C{n}") for n in range(4)]
    desk = Desk(db, "dc")

    def progress(done, total):
        if done == 2:
            raise Cancelled()

    outcome = desk.each("催办", ids, desk.urge, progress)
    assert outcome.done == ["C0", "C1"] and outcome.stopped
    assert "已按要求停止" in outcome.summary()
    with db.sessions.begin() as s:
        assert s.scalar(select(Item.urge_count).where(Item.id == ids[2])) == 0


def test_too_large_a_selection_is_refused_before_anything_happens(db, org, monkeypatch):
    monkeypatch.setattr(batch, "MAX_ITEMS", 2)
    desk = Desk(db, "dc")
    with pytest.raises(ValidationError, match="一次最多批量处理 2 项（选中了 3 项）"):
        desk.each("催办", [1, 2, 3], desk.urge)


def test_assign_to_a_unit_changes_the_lead_unit_and_hands_over(db, org):
    with db.sessions.begin() as s:
        item_id = _registered(s, org, "A1")
        signed = working_item(s, org, "A2")
    desk = Desk(db, "dc")
    state = desk.assign_to(item_id, "县民政局")
    assert state.status == "assigned"
    detail = desk.detail(item_id)
    assert detail.lead_unit == "县民政局"
    assert [a.action for a in detail.audit][-2:] == ["指定牵头单位", "交办"]
    assert "牵头单位：县民政局" in detail.audit[-2].detail
    with pytest.raises(Conflict, match="不能执行“交办”"):
        desk.assign_to(signed, "县民政局")
    assert desk.detail(signed).lead_unit == "县教育局"  # refused: nothing changed
    with pytest.raises(Exception, match="无权"):
        Desk(db, "jy").assign_to(item_id, "县教育局")


def test_a_selection_is_a_filter(db, org):
    with db.sessions.begin() as s:
        ids = [new_item(s, org, f"S{n}") for n in range(5)]
        assert query.item_ids(s, ItemFilter(ids=(ids[3], ids[1]))) == [ids[1], ids[3]]
        assert query.count_items(s, ItemFilter(ids=(ids[0],), unit="县民政局")) == 0
