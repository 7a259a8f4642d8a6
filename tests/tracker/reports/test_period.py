import datetime as dt

import pytest

from tracker.errors import ValidationError
from tracker.reports.period import parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "previous_label"),
    [
        ("2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30), "2026年11月", "2026年10月"),
        ("2026-1", dt.date(2026, 1, 1), dt.date(2026, 1, 31), "2026年1月", "2025年12月"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024年2月", "2024年1月"),
        ("2026-q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026年第一季度", "2025年第四季度"),
        ("2026Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026年第四季度", "2026年第三季度"),
        ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年", "2025年"),
        # as a clerk types them (a user test: “2026年11月” was refused)
        ("2026年11月", dt.date(2026, 11, 1), dt.date(2026, 11, 30), "2026年11月", "2026年10月"),
        ("2026年 3月份", dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026年3月", "2026年2月"),
        (
            "2026年第4季度",
            dt.date(2026, 10, 1),
            dt.date(2026, 12, 31),
            "2026年第四季度",
            "2026年第三季度",
        ),
        (
            "2026年二季度",
            dt.date(2026, 4, 1),
            dt.date(2026, 6, 30),
            "2026年第二季度",
            "2026年第一季度",
        ),
        ("2026年度", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年", "2025年"),
    ],
)
def test_periods_and_their_previous(text, start, end, label, previous_label):
    p = parse_period(text)
    assert (p.start, p.end, p.label) == (start, end, label)
    assert p.previous().label == previous_label
    assert p.previous().end == start - dt.timedelta(days=1)


@pytest.mark.parametrize("text", ["2026-13", "11月", "2026-Q5", "", "2026年13月", "2026年第5季度"])
def test_unreadable_period_is_explained_in_chinese(text):
    with pytest.raises(ValidationError, match="2026-Q4（季度）"):
        parse_period(text)
