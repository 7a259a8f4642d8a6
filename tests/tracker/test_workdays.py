"""Working-day arithmetic over the published 2026 arrangement."""

from __future__ import annotations

import datetime as dt

from tracker.workdays import (
    PUBLISHED,
    add_workdays,
    covered_years,
    is_workday,
    seed_holidays,
    workdays_between,
)

OVERRIDES = {d: w for d, (w, _n) in PUBLISHED.items()}


def test_holidays_and_make_up_days():
    assert not is_workday(dt.date(2026, 10, 1), OVERRIDES)  # 国庆节, a Thursday
    assert is_workday(dt.date(2026, 10, 10), OVERRIDES)  # 调休 Saturday
    assert not is_workday(dt.date(2027, 1, 2), OVERRIDES)  # uncovered year: plain weekend
    assert is_workday(dt.date(2027, 1, 4), OVERRIDES)


def test_add_and_count_working_days_across_national_day():
    # 9-30 (Wed) + 1 working day skips 10-1..10-7 → 10-8
    assert add_workdays(dt.date(2026, 9, 30), 1, OVERRIDES) == dt.date(2026, 10, 8)
    assert add_workdays(dt.date(2026, 9, 25), 6, OVERRIDES) == dt.date(2026, 10, 10)
    assert workdays_between(dt.date(2026, 9, 25), dt.date(2026, 10, 10), OVERRIDES) == 6
    assert workdays_between(dt.date(2026, 10, 10), dt.date(2026, 9, 25), OVERRIDES) == -6


def test_seed_is_idempotent_and_reports_covered_years(db):
    with db.sessions.begin() as s:
        assert seed_holidays(s) == len(PUBLISHED)
        assert seed_holidays(s) == 0
        assert covered_years(s) == {2025, 2026}
