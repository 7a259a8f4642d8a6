"""Warning lights: each colour on a hand-made item, calendar and working-day horizons."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.tracker.org import at, new_item, request_closure, working_item
from tracker import lights, settings
from tracker.models import Item
from tracker.services import progress, transitions
from tracker.workdays import seed_holidays

AS_OF = dt.date(2026, 9, 25)  # a Friday, and 中秋节


def _lights(db, as_of=AS_OF):
    with db.sessions.begin() as s:
        rules = lights.WarningRules.load(s, as_of)
        stmt = rules.frame(select(Item.code, lights.light_expr(rules)))
        return dict(s.execute(stmt).tuples().all())


def test_each_colour(db, org):
    with db.sessions.begin() as s:
        working_item(s, org, "red", deadline=dt.date(2026, 9, 24))
        yellow = working_item(s, org, "yellow", deadline=dt.date(2026, 10, 10))
        progress.report_progress(s, org.edu_clerk, yellow, "收尾", percent=80, at=at(9, 20))
        green = working_item(s, org, "green", deadline=dt.date(2026, 12, 31), created=at(9, 1))
        progress.report_progress(s, org.edu_clerk, green, "顺利", percent=50, at=at(9, 20))
        # started 1-10, due 12-31, 73% of the time gone, 10% done (< 0.7 × 73%)
        behind = working_item(s, org, "orange", deadline=dt.date(2026, 12, 31))
        progress.report_progress(s, org.edu_clerk, behind, "刚开始", percent=10, at=at(9, 1))
        working_item(s, org, "ongoing", deadline=None)
        new_item(s, org, "draft", deadline=dt.date(2026, 1, 31))
        done = working_item(s, org, "done", deadline=dt.date(2026, 3, 1), list_id=org.promise_list)
        request_closure(s, org.edu_clerk, done, at(2, 20), "完成")
        transitions.move(s, org.supervisor, done, "approve", reason="同意办结", at=at(2, 25))
    assert _lights(db) == {
        "red": "red",
        "yellow": "yellow",
        "green": "green",
        "orange": "orange",
        "ongoing": "green",
        "draft": "grey",
        "done": "grey",
    }
    with db.sessions.begin() as s:
        counts = lights.light_counts(s, AS_OF)
    assert counts[lights.Light.GREY] == 2 and counts[lights.Light.ORANGE] == 1


def test_yellow_horizon_in_working_days_skips_the_national_day_holiday(db, org):
    with db.sessions.begin() as s:
        seed_holidays(s)
        on_track = working_item(s, org, "due-10-13", deadline=dt.date(2026, 10, 13))
        progress.report_progress(s, org.edu_clerk, on_track, "快完成了", percent=90, at=at(9, 20))
        settings.put(s, org.admin, "warning_days", 5)
    # 5 calendar days from 9-25 reach 9-30: not yet yellow
    assert _lights(db)["due-10-13"] == "green"
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "working_days", True)
    # working days after 9-25: 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (调休 Saturday), 10-12, 10-13
    with db.sessions.begin() as s:
        assert lights.WarningRules.load(s, AS_OF).horizon == dt.date(2026, 10, 9)
    assert _lights(db)["due-10-13"] == "green"
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "warning_days", 8)
        assert lights.WarningRules.load(s, AS_OF).horizon == dt.date(2026, 10, 13)
    assert _lights(db)["due-10-13"] == "yellow"
