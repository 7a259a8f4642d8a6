"""The ORM stores and reloads every kind of record with its relations intact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.enums import DeadlineKind, DeadlinePrecision, ListKind, Rating, Role, Status, UnitKind
from tracker.models import (
    Attachment,
    ClosureRequest,
    Extension,
    Holiday,
    Item,
    ItemList,
    Person,
    ProgressReport,
    SatisfactionSurvey,
    Setting,
    Unit,
    Urge,
    User,
)


def _seed(s):
    county = Unit(name="青山县", kind=UnitKind.COUNTY)
    edu = Unit(name="县教育局", kind=UnitKind.DEPARTMENT, parent=county)
    town = Unit(name="城关镇", kind=UnitKind.TOWNSHIP, parent=county)
    village = Unit(name="城关镇前进村", kind=UnitKind.VILLAGE, parent=town)
    person = Person(name="王伟", phone="13800000000", unit=edu)
    lst = ItemList(name="2026年重点民生实事清单", kind=ListKind.KEY_LIVELIHOOD, year=2026)
    item = Item(
        item_list=lst,
        code="2026-001",
        serial="一",
        title="城关镇中心小学食堂改造",
        lead_unit=edu,
        co_units=[town, village],
        assignee=person,
        deadline_text="2026年6月底前",
        deadline_date=dt.date(2026, 6, 30),
        deadline_precision=DeadlinePrecision.MONTH,
        funds=Decimal("123.45"),
        status=Status.IN_PROGRESS,
    )
    s.add_all([county, item])
    s.flush()
    return item


def test_item_round_trip_keeps_relations_and_values(db):
    with db.sessions.begin() as s:
        item_id = _seed(s).id
    with db.sessions.begin() as s:
        item = s.get(Item, item_id)
        assert item.item_list.name == "2026年重点民生实事清单"
        assert item.lead_unit.name == "县教育局"
        assert item.lead_unit.parent.name == "青山县"
        assert sorted(u.name for u in item.co_units) == ["城关镇", "城关镇前进村"]
        assert item.assignee.phone == "13800000000"
        assert item.deadline_date == dt.date(2026, 6, 30)
        assert item.deadline_precision == "month"
        assert item.deadline_kind == DeadlineKind.FIXED
        assert item.funds == Decimal("123.45")
        assert item.version == 1
        assert [c.name for c in item.lead_unit.parent.children] == ["县教育局", "城关镇"]


def test_history_records_round_trip(db):
    with db.sessions.begin() as s:
        item = _seed(s)
        user = User(login="clerk1", display_name="录入员", role=Role.CLERK, unit=item.lead_unit)
        s.add(user)
        s.flush()
        s.add_all(
            [
                ProgressReport(
                    item_id=item.id, reported_on=dt.date(2026, 3, 1), text="已开工", percent=30
                ),
                ClosureRequest(item_id=item.id, summary="已完成", requested_by_id=user.id),
                Urge(item_id=item.id, unit_id=item.lead_unit_id, urged_on=dt.date(2026, 7, 2)),
                Extension(
                    item_id=item.id,
                    reason="雨季",
                    old_date=dt.date(2026, 6, 30),
                    new_date=dt.date(2026, 8, 31),
                ),
                SatisfactionSurvey(
                    item_id=item.id,
                    visited_on=dt.date(2026, 9, 1),
                    rating=Rating.BASIC,
                    contacted=True,
                    solved=False,
                ),
                Attachment(item_id=item.id, filename="验收报告.pdf", sha256="ab" * 32, size=10),
                Setting(key="warning_days", value="15"),
                Holiday(day=dt.date(2026, 10, 1), name="国庆节"),
            ]
        )
    with db.sessions.begin() as s:
        item = s.scalar(select(Item))
        assert [p.text for p in item.progress_reports] == ["已开工"]
        survey = s.scalar(select(SatisfactionSurvey))
        assert (survey.rating, survey.contacted, survey.solved) == ("basic", True, False)
        assert s.scalar(select(Extension.new_date)) == dt.date(2026, 8, 31)
        assert s.get(Holiday, dt.date(2026, 10, 1)).is_workday is False
        assert s.get(Setting, "warning_days").value == "15"
        assert s.scalar(select(ClosureRequest.outcome)) == "pending"


def test_code_is_unique_within_a_list(db):
    with db.sessions.begin() as s:
        item = _seed(s)
        list_id = item.list_id
    with pytest.raises(IntegrityError), db.sessions.begin() as s:
        s.add(Item(list_id=list_id, code="2026-001", title="重复"))


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.sessions.begin() as s:
        s.add(ProgressReport(item_id=999, reported_on=dt.date(2026, 1, 1), text="孤儿"))


def test_version_column_refuses_a_stale_write(db):
    with db.sessions.begin() as s:
        item_id = _seed(s).id
    first, second = db.sessions(), db.sessions()
    try:
        a, b = first.get(Item, item_id), second.get(Item, item_id)
        second.commit()  # b was read in an earlier user action; its transaction is over
        a.title = "甲改的标题"
        first.commit()
        b.title = "乙改的标题"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with db.sessions.begin() as s:
        item = s.get(Item, item_id)
        assert (item.title, item.version) == ("甲改的标题", 2)
