"""The administration pages' services: lists with their counts, 责任人, accounts, settings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.tracker.org import at, new_item, request_closure, working_item
from tracker.enums import ListKind, Role, UnitKind
from tracker.errors import PermissionDenied, ValidationError
from tracker.models import AuditEntry, User
from tracker.services import accounts, lists_overview, transitions
from tracker.services.admin_desk import AdminDesk
from tracker.services.desk import Desk


def test_lists_overview_counts_items_closed_and_overdue(db, org):
    with db.sessions.begin() as s:
        late = working_item(s, org, "L1", deadline=dt.date(2026, 3, 1))
        working_item(s, org, "L2", deadline=dt.date(2026, 12, 1))
        done = new_item(s, org, "L3")
        for day, action in enumerate(("submit", "assign", "sign"), start=1):
            who = org.edu_clerk if action == "sign" else org.supervisor
            transitions.move(s, who, done, action, at=at(2, day))
        request_closure(s, org.edu_clerk, done, at(3, 1), "完工")
        transitions.move(s, org.supervisor, done, "approve", reason="同意办结", at=at(3, 2))
        new_item(s, org, "L4", created=at(7, 1))  # registered after the date: not yet there
        rows = lists_overview.lists_overview(s, as_of=dt.date(2026, 6, 1))
    # L1 is past its deadline and still open; L3 was approved (已办结, awaiting 销号)
    assert [(r.kind, r.items, r.closed, r.overdue, r.drafts) for r in rows] == [
        ("重点民生实事", 3, 0, 1, 0),
        ("承诺事项", 0, 0, 0, 0),
        ("微心愿", 0, 0, 0, 0),
    ]
    assert late


def test_people_units_and_accounts_through_the_admin_desk(db, org):
    admin = AdminDesk(Desk(db, "admin"))
    admin.add_unit("城关镇东村", UnitKind.VILLAGE, "城关镇")
    admin.add_person("李村长", "13800000001", "城关镇东村")
    assert admin.people("城关镇东村") == [("李村长", "13800000001")]
    admin.add_user("dc2", "督查二", Role.SUPERVISOR, None, "dc2-secret-1")
    assert accounts.log_in(db.sessions, "dc2", "dc2-secret-1").login == "dc2"
    with pytest.raises(ValidationError, match="密码至少需要 8 个字符"):
        admin.add_user("dc3", "督查三", Role.SUPERVISOR, None, "short")
    with db.sessions.begin() as s:  # the account was not created without its password
        assert s.scalar(select(User.id).where(User.login == "dc3")) is None
    clerk = AdminDesk(Desk(db, "jy"))
    assert not clerk.is_admin and not clerk.supervises
    with pytest.raises(PermissionDenied):
        clerk.add_unit("某单位", UnitKind.OTHER, None)


def test_settings_save_together_or_not_at_all(db, org):
    admin = AdminDesk(Desk(db, "admin"))
    with pytest.raises(ValidationError, match="请先为您自己的账号“admin”设置密码"):
        admin.put_settings({"warning_days": 10, "login_required": True})
    assert admin.settings()["warning_days"] == 15  # nothing saved
    admin.set_password("admin", "correct-horse")
    assert admin.put_settings({"warning_days": 10, "login_required": True}) == [
        "warning_days",
        "login_required",
    ]
    with pytest.raises(ValidationError, match="合计必须为 100%"):
        admin.put_settings(
            {
                "warning_days": 20,
                "score_weights": {"on_time": 50, "satisfaction": 40, "progress": 20},
            }
        )
    assert admin.settings()["warning_days"] == 10  # the refused batch changed nothing
    admin.add_list("2027年承诺事项", ListKind.COMMITMENT, 2027, "quarterly")
    assert admin.lists()[0].name == "2027年承诺事项"
    with db.sessions.begin() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(3)))
    assert actions[0] == "list_added" and actions.count("setting_changed") == 2
