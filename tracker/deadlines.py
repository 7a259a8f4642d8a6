"""Read a 完成时限 the way offices write it, keeping the words beside the date.

“2026年8月底前” is 2026-08-31 with month precision; “6月底前” takes its year from the list;
“长期坚持” has no date at all (ongoing, judged per period). Anything else is kept as raw text
with no date, and the caller reports it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from tracker.enums import DeadlineKind, DeadlinePrecision

ONGOING_WORDS = ("长期坚持", "持续推进", "常态化", "长期", "持续", "常年")
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DAY = re.compile(r"^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?(?:前|之前)?$")
_QUARTER = re.compile(r"^(\d{4})?年?第?([一二三四1-4])季度(?:末|底)?(?:前|之前)?$")
_MONTH = re.compile(r"^(\d{4})[年\-/.](\d{1,2})月?(?:份)?(?:底|末|中旬|上旬|下旬)?(?:前|之前)?$")
_YEAR = re.compile(r"^(\d{4})年?(?:底|末|内|年底)?(?:前|之前)?$")
_MD = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:前|之前)?$")
_M = re.compile(r"^(\d{1,2})月(?:份)?(?:底|末|中旬|上旬|下旬)?(?:前|之前)?$")
_YEAR_END = re.compile(r"^(?:年底|年末|年内|本年度|今年)(?:前|之前)?$")
_HALF = re.compile(r"^(\d{4})?年?(上|下)半年(?:前|之前)?$")


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline. ``problem`` is set when the text could not be understood."""

    raw: str
    date: dt.date | None
    precision: DeadlinePrecision
    kind: DeadlineKind
    problem: str | None = None

    @property
    def ongoing(self) -> bool:
        return self.kind == DeadlineKind.ONGOING


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(value: object, year: int | None = None) -> Deadline:
    """Parse a cell value (text, date or datetime) with ``year`` for year-less forms."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline(value.isoformat(), value, DeadlinePrecision.DAY, DeadlineKind.FIXED)
    raw = "" if value is None else str(value).strip()
    if isinstance(value, float) and value.is_integer():
        raw = str(int(value))
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if not text:
        return Deadline(raw, None, DeadlinePrecision.NONE, DeadlineKind.FIXED, "完成时限为空")
    if any(word in text for word in ONGOING_WORDS):
        return Deadline(raw, None, DeadlinePrecision.NONE, DeadlineKind.ONGOING)
    try:
        found = _match(text, year)
    except ValueError:
        found = None
    if found is None:
        return Deadline(
            raw,
            None,
            DeadlinePrecision.NONE,
            DeadlineKind.FIXED,
            f"无法识别的完成时限“{raw}”，已保留原文",
        )
    if found == "no-year":
        return Deadline(
            raw,
            None,
            DeadlinePrecision.NONE,
            DeadlineKind.FIXED,
            f"完成时限“{raw}”没有年份，请用 --year 指定清单年度",
        )
    assert not isinstance(found, str)
    date, precision = found
    return Deadline(raw, date, precision, DeadlineKind.FIXED)


_Found = tuple[dt.date, DeadlinePrecision]


def _match(text: str, year: int | None) -> _Found | str | None:
    """The date and precision of ``text``; "no-year" when a year is needed but unknown."""
    if m := _DAY.match(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])), DeadlinePrecision.DAY
    if m := _QUARTER.match(text):
        y = int(m[1]) if m[1] else year
        if y is None:
            return "no-year"
        return _month_end(y, _CN_QUARTER[m[2]] * 3), DeadlinePrecision.QUARTER
    if m := _MONTH.match(text):
        return _month_end(int(m[1]), int(m[2])), DeadlinePrecision.MONTH
    if m := _YEAR.match(text):
        return dt.date(int(m[1]), 12, 31), DeadlinePrecision.YEAR
    if m := _HALF.match(text):
        y = int(m[1]) if m[1] else year
        if y is None:
            return "no-year"
        return _month_end(y, 6 if m[2] == "上" else 12), DeadlinePrecision.MONTH
    relative: list[tuple[re.Pattern[str], Callable[[re.Match[str], int], _Found]]] = [
        (_MD, lambda m, y: (dt.date(y, int(m[1]), int(m[2])), DeadlinePrecision.DAY)),
        (_M, lambda m, y: (_month_end(y, int(m[1])), DeadlinePrecision.MONTH)),
        (_YEAR_END, lambda m, y: (dt.date(y, 12, 31), DeadlinePrecision.YEAR)),
    ]
    for pattern, build in relative:
        if m := pattern.match(text):
            return "no-year" if year is None else build(m, year)
    return None


def format_deadline(day: dt.date) -> str:
    """The Chinese spelling used when the program itself writes a date."""
    return f"{day.year}年{day.month}月{day.day}日"
