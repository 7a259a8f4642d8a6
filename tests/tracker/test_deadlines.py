"""完成时限 as offices write it: each form parsed to a date with its precision."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.deadlines import parse_deadline

D = dt.date


@pytest.mark.parametrize(
    ("raw", "date", "precision"),
    [
        ("2026年8月底前", D(2026, 8, 31), "month"),
        ("2026.6", D(2026, 6, 30), "month"),
        ("2026-09-30", D(2026, 9, 30), "day"),
        ("2026/11/15", D(2026, 11, 15), "day"),
        ("2026年11月15日前", D(2026, 11, 15), "day"),
        ("6月底前", D(2026, 6, 30), "month"),
        ("11月底前", D(2026, 11, 30), "month"),
        ("年底前", D(2026, 12, 31), "year"),
        ("2026年底前", D(2026, 12, 31), "year"),
        ("2026年第三季度", D(2026, 9, 30), "quarter"),
        ("第一季度", D(2026, 3, 31), "quarter"),
        ("2026年10月", D(2026, 10, 31), "month"),
        ("２０２６年２月底前", D(2026, 2, 28), "month"),  # full-width digits
        (" 2026年 12 月 ", D(2026, 12, 31), "month"),
        ("上半年", D(2026, 6, 30), "month"),
        (D(2026, 9, 30), D(2026, 9, 30), "day"),
        (dt.datetime(2026, 9, 30, 0, 0), D(2026, 9, 30), "day"),
    ],
)
def test_dates(raw, date, precision):
    d = parse_deadline(raw, 2026)
    assert (d.date, d.precision.value, d.ongoing, d.problem) == (date, precision, False, None)


@pytest.mark.parametrize("raw", ["长期坚持", "持续推进", "常态化开展", "长期"])
def test_ongoing_has_no_date(raw):
    d = parse_deadline(raw, 2026)
    assert d.ongoing and d.date is None and d.problem is None and d.raw == raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [("尽快", "无法识别"), ("2026年13月", "无法识别"), ("", "为空"), (None, "为空")],
)
def test_unreadable_keeps_raw_text_and_says_why(raw, message):
    d = parse_deadline(raw, 2026)
    assert d.date is None and message in d.problem


def test_year_less_forms_need_a_year():
    assert "没有年份" in parse_deadline("6月底前", None).problem
