"""Every rate against a hand-computed table (fixture built through the services)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, working_item
from tracker import metrics, settings
from tracker.services import transitions

AS_OF = dt.date(2026, 7, 31)


@pytest.fixture
def ledger(ten_items):
    return ten_items


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
    # A (6-20), I (6-25) and J (6-30) were done; B, G came later. I was reopened on 7-20,
    # after this date: a report for 6-30 still sees it done, as it was then.
    assert (r.done, r.on_time) == (3, 3)
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


def test_combining_the_units_gives_the_whole_ledger(ledger):
    with ledger.sessions.begin() as s:
        whole = metrics.compute(s, AS_OF)[0]
        combined = metrics.combine(s, metrics.compute(s, AS_OF, "unit"))
    assert metrics.as_dict(combined) == metrics.as_dict(whole)


def test_several_groupings_at_once_equal_each_alone(ledger):
    """The bulletin asks units and categories in one pass; every count and rate must be what
    each grouping gives alone (the hand-checked figures above)."""
    with ledger.sessions.begin() as s:
        both = metrics.compute_by(s, AS_OF, ("unit", "category"))
        alone = {g: metrics.compute(s, AS_OF, g) for g in ("unit", "category")}
        with pytest.raises(ValueError):
            metrics.compute_by(s, AS_OF, ("unit", "区县"))
    assert both == alone
    assert {r.label: r.counted for r in both["unit"]} == {"县教育局": 7, "县民政局": 1}


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("counted", 8),
        ("done", 4),
        ("due", 5),
        ("on_time", 2),
        ("overdue_open", 2),
        ("overdue_done", 1),
    ],
)
def test_ledger_filter_by_figure_shows_exactly_the_items_counted(ledger, figure, expected):
    """A click on a dashboard number opens these rows: they must match the number."""
    from tracker.query import ItemFilter, count_items

    with ledger.sessions.begin() as s:
        assert count_items(s, ItemFilter(figure=figure, as_of=AS_OF)) == expected


def test_figure_filter_per_lead_unit_and_the_items_it_names(ledger):
    from tracker.query import ItemFilter, count_items, list_items

    f = ItemFilter(figure="counted", lead_unit="县教育局", as_of=AS_OF)
    with ledger.sessions.begin() as s:
        assert count_items(s, f) == 7  # J belongs to 县民政局
        assert count_items(s, ItemFilter(figure="done", lead_unit="县民政局", as_of=AS_OF)) == 1
        overdue = list_items(s, ItemFilter(figure="overdue_open", as_of=AS_OF))
    # C is past its 6-30 deadline; I was reopened after it; D was extended to 8-31.
    assert sorted(r.code.rsplit("-", 1)[-1] for r in overdue) == ["C", "I"]


def test_unknown_figure_is_refused_in_chinese(ledger):
    from tracker.errors import ValidationError
    from tracker.query import ItemFilter, count_items

    with ledger.sessions.begin() as s, pytest.raises(ValidationError, match="不是可追溯的统计数字"):
        count_items(s, ItemFilter(figure="everything", as_of=AS_OF))
