"""Fixtures shared by the core's tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, new_item, working_item
from tracker.enums import Rating
from tracker.services import extensions, progress, surveys, transitions


def _close(s, org, item_id, when, clerk=None):
    transitions.move(s, clerk or org.edu_clerk, item_id, "request_closure", reason="完成", at=when)
    transitions.move(s, org.supervisor, item_id, "approve", at=when)


@pytest.fixture
def ten_items(db, org):
    """Ten items, hand-tallied as of 2026-07-31 (deadline 6-30 unless noted, all 县教育局 but J):

    A done 6-20 on time, 满意 · B returned once, done 7-10 late, 基本满意 · C open, overdue,
    urged twice · D 5-31 extended to 8-31, open · E due 9-30, open · F cancelled 3-1 ·
    G 长期坚持, done 7-1 · H draft · I done 6-25 then reopened 7-20 · J 县民政局, done 6-30.
    """
    sup = org.supervisor
    with db.sessions.begin() as s:
        a = working_item(s, org, "A")
        _close(s, org, a, at(6, 20))
        surveys.record_visit(
            s, sup, a, rating=Rating.SATISFIED, visited_on=dt.date(2026, 7, 1), at=at(7, 1)
        )
        b = working_item(s, org, "B")
        transitions.move(s, org.edu_clerk, b, "request_closure", reason="完成", at=at(6, 25))
        transitions.move(s, sup, b, "rectify", reason="补材料", at=at(6, 26))
        _close(s, org, b, at(7, 10))
        surveys.record_visit(
            s, sup, b, rating=Rating.BASIC, visited_on=dt.date(2026, 7, 20), at=at(7, 20)
        )
        c = working_item(s, org, "C")
        progress.urge(s, sup, c, at=at(7, 3))
        progress.urge(s, sup, c, at=at(7, 10))
        progress.report_progress(
            s, org.edu_clerk, c, "推进中", reported_on=dt.date(2026, 7, 15), at=at(7, 15)
        )
        d = working_item(s, org, "D", deadline=dt.date(2026, 5, 31))
        extensions.request_extension(
            s, org.edu_clerk, d, dt.date(2026, 8, 31), "雨季", at=at(5, 20)
        )
        extensions.decide_extension(s, sup, d, True, at=at(5, 25))
        progress.report_progress(
            s, org.edu_clerk, d, "推进中", reported_on=dt.date(2026, 6, 1), at=at(6, 1)
        )
        e = working_item(s, org, "E", deadline=dt.date(2026, 9, 30))
        progress.report_progress(
            s, org.edu_clerk, e, "推进中", reported_on=dt.date(2026, 7, 30), at=at(7, 30)
        )
        f = working_item(s, org, "F")
        transitions.move(s, sup, f, "cancel", reason="取消", at=at(3, 1))
        g = working_item(s, org, "G", deadline=None)
        _close(s, org, g, at(7, 1))
        new_item(s, org, "H")  # a draft: not yet on the official ledger
        i = working_item(s, org, "I")
        _close(s, org, i, at(6, 25))
        transitions.move(s, sup, i, "reopen", reason="群众反映", at=at(7, 20))
        j = working_item(s, org, "J", unit="县民政局", clerk=org.civil_clerk)
        _close(s, org, j, at(6, 30), clerk=org.civil_clerk)
    return db
