"""Editing basic information: validation, audit, and a stale save refused, not lost."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.tracker.org import new_item, working_item
from tracker import audit
from tracker.errors import PermissionDenied, ValidationError
from tracker.models import AuditEntry, Item
from tracker.services import editing, transitions
from tracker.services.common import StaleItem

AT = dt.datetime(2026, 11, 22, 10, 5)


def _edit(db, actor, item_id, version, **changes):
    with db.sessions.begin() as s:
        return editing.edit_item(s, actor, item_id, version, changes, at=AT)


def _item(db, item_id) -> Item:
    with db.sessions.begin() as s:
        return s.get(Item, item_id)


def test_edit_saves_converted_values_and_audits_only_the_changes(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "E1")
    state = _edit(
        db,
        org.supervisor,
        item_id,
        1,
        title=" 新建城关二小食堂 ",
        beneficiaries="1,200",
        funds="35.5",
        category=None,
    )
    item = _item(db, item_id)
    assert (item.title, item.beneficiaries, item.funds) == (
        "新建城关二小食堂",
        1200,
        Decimal("35.50"),
    )
    assert state.version == 2 == item.version
    with db.sessions.begin() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "edit"))
        assert json.loads(entry.after) == {
            "title": "新建城关二小食堂",
            "beneficiaries": 1200,
            "funds": "35.50",
        }
        assert json.loads(entry.before) == {"title": "事项E1", "beneficiaries": None, "funds": None}
        assert audit.verify(s).ok
    # Saving the same values again changes nothing and writes nothing.
    assert _edit(db, org.supervisor, item_id, 2, title="新建城关二小食堂").version == 2


def test_a_save_on_an_old_version_is_refused_and_says_who_changed_it(db, org):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "E2")
    _edit(db, org.supervisor, item_id, 1, title="督查室改的名称")
    with pytest.raises(StaleItem) as err:
        _edit(db, org.admin, item_id, 1, title="管理员改的名称")
    assert str(err.value).startswith(
        "该事项已被他人修改（E2：督查室于 11-22 10:05 修改了基本信息）"
    )
    assert err.value.version == 2
    assert _item(db, item_id).title == "督查室改的名称"
    # A workflow move is a change too: an edit made on the version before it is refused.
    with db.sessions.begin() as s:
        transitions.move(s, org.supervisor, item_id, "submit")
    with pytest.raises(StaleItem, match=r"督查室于 .* 执行了“提交立项”"):
        _edit(db, org.admin, item_id, 2, remarks="备注")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "事项名称不能为空"),
        ({"beneficiaries": "三百"}, "不是整数"),
        ({"beneficiaries": "-3"}, "不能为负数"),
        ({"funds": "abc"}, "不是数字"),
        ({"status": "closed"}, "不是可修改的基本信息"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(db, org, changes, message):
    with db.sessions.begin() as s:
        item_id = new_item(s, org, "E3")
    with pytest.raises(ValidationError, match=message):
        _edit(db, org.supervisor, item_id, 1, remarks="先改的备注", **changes)
    item = _item(db, item_id)
    assert (item.remarks, item.version) == (None, 1)


def test_clerks_cannot_edit_and_closed_items_are_frozen(db, org):
    with db.sessions.begin() as s:
        item_id = working_item(s, org, "E4")
        version = s.get(Item, item_id).version
    with pytest.raises(PermissionDenied, match="无权修改事项基本信息"):
        _edit(db, org.edu_clerk, item_id, version, title="x")
    with db.sessions.begin() as s:
        transitions.move(s, org.supervisor, item_id, "cancel", reason="重复登记")
        version = s.get(Item, item_id).version
    with pytest.raises(PermissionDenied, match="状态为“已终止”，不能修改基本信息"):
        _edit(db, org.supervisor, item_id, version, title="x")


def test_the_item_history_says_what_an_edit_changed(db, org):
    from tracker import query

    with db.sessions.begin() as s:
        item_id = new_item(s, org, "E5")
    _edit(db, org.supervisor, item_id, 1, title="新名称", remarks="补充说明")
    with db.sessions.begin() as s:
        texts = [e.text for e in query.item_detail(s, item_id).history if e.kind == "办理"]
    assert "修改基本信息：事项名称：事项E5 → 新名称；备注：（空） → 补充说明" in texts
