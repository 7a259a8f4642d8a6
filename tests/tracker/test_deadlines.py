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
        # 上旬/中旬/下旬: the day a supervisor reads
        ("9月中旬", D(2026, 9, 20), "day"),
        ("10月上旬", D(2026, 10, 10), "day"),
        ("2026年11月下旬", D(2026, 11, 30), "month"),
        # ranges: the end counts, with the start's year
        ("即日起至2026年10月", D(2026, 10, 31), "month"),
        ("2026年5月至10月", D(2026, 10, 31), "month"),
        ("2025年5月-10月底", D(2025, 10, 31), "month"),
        ("5月至10月", D(2026, 10, 31), "month"),
        # festivals: the day before; 元旦 and 春节 without a year are the next ones
        ("2027年春节前", D(2027, 2, 5), "day"),
        ("2026年春节前", D(2026, 2, 16), "day"),
        ("春节前", D(2027, 2, 5), "day"),
        ("元旦前", D(2026, 12, 31), "day"),
        ("国庆节前", D(2026, 9, 30), "day"),
        ("2026年五一前", D(2026, 4, 30), "day"),
        # a trailing verb, an exported midnight
        ("10月底前完成", D(2026, 10, 31), "month"),
        ("2026/9/30 0:00:00", D(2026, 9, 30), "day"),
        ("2026年7-9月", D(2026, 9, 30), "month"),
        ("9月中下旬", D(2026, 9, 30), "month"),
        ("次年3月底前", D(2027, 3, 31), "month"),
        ("今年内", D(2026, 12, 31), "year"),
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
    [
        ("尽快", "没有具体日期"),
        ("另行通知", "没有具体日期"),
        ("汛期前", "各地日期不同"),
        ("主汛期到来前", "各地日期不同"),
        ("供暖季前", "各地日期不同"),
        ("2040年春节前", "无法识别"),  # beyond the 春节 table: not guessed
        ("2026年3月起", "无法识别"),  # a start with no end
        ("2026年13月", "无法识别"),
        ("", "为空"),
        (None, "为空"),
    ],
)
def test_unreadable_keeps_raw_text_and_says_why(raw, message):
    d = parse_deadline(raw, 2026)
    assert d.date is None and message in d.problem


def test_year_less_forms_need_a_year():
    assert "没有年份" in parse_deadline("6月底前", None).problem
    assert "没有年份" in parse_deadline("春节前", None).problem
    assert "没有年份" in parse_deadline("次年3月", None).problem
