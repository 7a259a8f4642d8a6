"""Every rate against a hand-computed table (fixture built through the services)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, new_item, working_item
from tracker import metrics
from tracker.enums import Rating
from tracker.services import extensions, progress, settings, surveys, transitions

AS_OF = dt.date(2026, 7, 31)


def _close(s, org, item_id, when, clerk=None):
    transitions.move(s, clerk or org.edu_clerk, item_id, "request_closure", reason="完成", at=when)
    transitions.move(s, org.supervisor, item_id, "approve", at=when)


@pytest.fixture
def ledger(db, org):
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


def _rates(db, as_of=AS_OF, group="all"):
    with db.sessions.begin() as s:
        return {r.label: r for r in metrics.compute(s, as_of, group)}


def test_overall_counts_and_rates(ledger):
    r = _rates(ledger)["全部"]
    assert (r.counted, r.done, r.due, r.on_time) == (8, 4, 5, 2)
    assert (r.due_original, r.on_time_original) == (6, 2)
    assert (r.overdue_open, r.overdue_done) == (2, 1)
    assert (r.surveyed, r.satisfied, r.basic, r.dissatisfied) == (2, 1, 1, 0)
    assert (r.urges, r.returns) == (2, 1)
    assert (r.progress_expected, r.progress_timely) == (4, 2)
    assert r.completion_rate == pytest.approx(0.5)
    assert r.on_time_rate == pytest.approx(0.4)
    assert r.on_time_rate_original == pytest.approx(1 / 3)
    assert r.satisfaction_rate == pytest.approx(1.0)
    assert r.progress_rate == pytest.approx(0.5)
    assert r.score == pytest.approx(66.0)  # 40×0.4 + 40×1.0 + 20×0.5


def test_per_unit_rates_and_scores(ledger):
    rows = _rates(ledger, group="unit")
    edu, civil = rows["县教育局"], rows["县民政局"]
    assert (edu.counted, edu.done, edu.due, edu.on_time) == (7, 3, 4, 1)
    assert edu.score == pytest.approx(60.0)  # 40×0.25 + 40×1.0 + 20×0.5
    assert (civil.counted, civil.done, civil.on_time_rate) == (1, 1, 1.0)
    assert civil.satisfaction_rate is None and civil.progress_rate is None
    assert civil.score == pytest.approx(100.0)  # only 按期办结率 is available; weights rescale


def test_basic_satisfied_weight_is_a_setting(ledger, org):
    with ledger.sessions.begin() as s:
        settings.put(s, org.admin, "basic_satisfied_weight", 0.9)
    assert _rates(ledger)["全部"].satisfaction_rate == pytest.approx(0.95)


def test_cancelled_item_counts_until_it_is_cancelled(ledger):
    assert _rates(ledger, dt.date(2026, 2, 28))["全部"].counted == 9
    assert _rates(ledger, dt.date(2026, 3, 1))["全部"].counted == 8


def test_earlier_as_of_date_sees_earlier_completions_only(ledger):
    r = _rates(ledger, dt.date(2026, 6, 30))["全部"]
    # A (6-20) and J (6-30) were done; B, G came later; I was reopened so its date is gone.
    assert (r.done, r.on_time) == (2, 2)
    assert r.overdue_open == 0  # deadlines of 6-30 are not yet passed on 6-30


def test_empty_and_all_cancelled_ledgers_give_no_rates(db, org):
    with db.sessions.begin() as s:
        assert metrics.compute(s, AS_OF) == []
        item_id = working_item(s, org, "Z")
        transitions.move(s, org.supervisor, item_id, "cancel", reason="取消", at=at(2, 1))
        assert metrics.compute(s, AS_OF) == []


def test_category_and_list_groupings_add_up(ledger):
    total = _rates(ledger)["全部"].counted
    assert sum(r.counted for r in _rates(ledger, group="list").values()) == total
    assert sum(r.counted for r in _rates(ledger, group="category").values()) == total


def test_monthly_trend_is_cumulative(ledger):
    with ledger.sessions.begin() as s:
        months = metrics.monthly(s, 2026, AS_OF)
    assert [m.label for m in months][-1] == "2026年7月"
    done = [m.done for m in months]
    assert done == sorted(done) and done[-1] == 4
