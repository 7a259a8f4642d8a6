"""Working days in China: Mon–Fri, minus public holidays, plus 调休 make-up working days.

Only the days that break the Mon–Fri rule are stored (table ``holiday``). They are seeded
from the State Council's published arrangements below; offices add each new year's notice
themselves. A year with no entries falls back to plain Mon–Fri and is reported as
uncovered, so a deadline counted in it can be flagged “待节假日安排确认”.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from tracker.models import Holiday

# day -> (is_workday, name); checked against the published 国务院办公厅 notices for 2025/2026.
PUBLISHED: dict[dt.date, tuple[bool, str]] = {
    **{
        dt.date(2025, m, d): (False, n)
        for m, d, n in [
            (1, 1, "元旦"),
            (1, 28, "春节"),
            (1, 29, "春节"),
            (1, 30, "春节"),
            (1, 31, "春节"),
            (2, 3, "春节"),
            (2, 4, "春节"),
            (4, 4, "清明节"),
            (5, 1, "劳动节"),
            (5, 2, "劳动节"),
            (5, 5, "劳动节"),
            (6, 2, "端午节"),
            (10, 1, "国庆节"),
            (10, 2, "国庆节"),
            (10, 3, "国庆节"),
            (10, 6, "中秋节"),
            (10, 7, "国庆节"),
            (10, 8, "国庆节"),
        ]
    },
    **{
        dt.date(2025, m, d): (True, n)
        for m, d, n in [
            (1, 26, "春节调休上班"),
            (2, 8, "春节调休上班"),
            (4, 27, "劳动节调休上班"),
            (9, 28, "国庆节调休上班"),
            (10, 11, "国庆节调休上班"),
        ]
    },
    **{
        dt.date(2026, m, d): (False, n)
        for m, d, n in [
            (1, 1, "元旦"),
            (1, 2, "元旦"),
            (2, 16, "春节"),
            (2, 17, "春节"),
            (2, 18, "春节"),
            (2, 19, "春节"),
            (2, 20, "春节"),
            (2, 23, "春节"),
            (4, 6, "清明节"),
            (5, 1, "劳动节"),
            (5, 4, "劳动节"),
            (5, 5, "劳动节"),
            (6, 19, "端午节"),
            (9, 25, "中秋节"),
            (10, 1, "国庆节"),
            (10, 2, "国庆节"),
            (10, 5, "国庆节"),
            (10, 6, "国庆节"),
            (10, 7, "国庆节"),
        ]
    },
    **{
        dt.date(2026, m, d): (True, n)
        for m, d, n in [
            (1, 4, "元旦调休上班"),
            (2, 14, "春节调休上班"),
            (2, 28, "春节调休上班"),
            (5, 9, "劳动节调休上班"),
            (9, 20, "国庆节调休上班"),
            (10, 10, "国庆节调休上班"),
        ]
    },
}


def seed_holidays(s: Session) -> int:
    """Add the published days the table does not have yet; returns how many were added."""
    have = set(s.scalars(select(Holiday.day)))
    new = [Holiday(day=d, is_workday=w, name=n) for d, (w, n) in PUBLISHED.items() if d not in have]
    s.add_all(new)
    s.flush()
    return len(new)


def load_overrides(s: Session) -> dict[dt.date, bool]:
    return dict(s.execute(select(Holiday.day, Holiday.is_workday)).tuples().all())


def covered_years(s: Session) -> set[int]:
    return {int(y) for y in s.scalars(select(extract("year", Holiday.day)).distinct())}


def is_workday(day: dt.date, overrides: Mapping[dt.date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    return day.weekday() < 5


def add_workdays(start: dt.date, n: int, overrides: Mapping[dt.date, bool]) -> dt.date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
    day, left = start, n
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday(day, overrides):
            left -= 1
    return day


def workdays_between(start: dt.date, end: dt.date, overrides: Mapping[dt.date, bool]) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -workdays_between(end, start, overrides)
    return sum(
        is_workday(start + dt.timedelta(days=k), overrides)
        for k in range(1, (end - start).days + 1)
    )
