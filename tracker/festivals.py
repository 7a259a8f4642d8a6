"""Festival deadlines: “春节前”, “国庆前”, “汛期前”.

Some festivals fall on a fixed solar day (元旦, 劳动节, 七一, 国庆); 春节 moves with the
lunar calendar, so its day is kept per year here. Others (汛期, 雨季, 供暖季) begin on a
date that differs from county to county: the import flags those for the clerk to date
instead of guessing one.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

#: 春节 (正月初一) by year.
SPRING_FESTIVAL = {
    2020: D(2020, 1, 25),
    2021: D(2021, 2, 12),
    2022: D(2022, 2, 1),
    2023: D(2023, 1, 22),
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
    2029: D(2029, 2, 13),
    2030: D(2030, 2, 3),
    2031: D(2031, 1, 23),
    2032: D(2032, 2, 11),
    2033: D(2033, 1, 31),
    2034: D(2034, 2, 19),
    2035: D(2035, 2, 8),
}

#: Festivals on a fixed day: name → (month, day).
FIXED = {
    "元旦": (1, 1),
    "五一": (5, 1),
    "劳动节": (5, 1),
    "七一": (7, 1),
    "建党节": (7, 1),
    "国庆": (10, 1),
    "国庆节": (10, 1),
}

#: Festivals that open a year's work: written without a year in a year's list, they mean the
#: next one (“春节前” in the 2026 list is before 春节 2027).
YEAR_OPENING = ("元旦", "春节")

#: Seasons whose first day is a local matter.
REGIONAL = (
    "汛期",
    "汛前",
    "主汛期",
    "雨季",
    "供暖季",
    "采暖季",
    "供暖",
    "农忙",
    "秋收",
    "开学",
    "冬季",
    "入冬",
)


def festival_day(name: str, year: int) -> dt.date | None:
    """The day ``name`` falls on in ``year``; ``None`` when not known for that year."""
    if name == "春节":
        return SPRING_FESTIVAL.get(year)
    if name in FIXED:
        month, day = FIXED[name]
        return D(year, month, day)
    return None


NAMES = ("春节", *FIXED)
