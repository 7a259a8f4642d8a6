"""Report periods as clerks write them: ``2026-11`` (a month), ``2026-Q4``, ``2026``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.errors import ValidationError


@dataclass(frozen=True)
class Period:
    """A closed range of days with the name printed on the report."""

    start: dt.date
    end: dt.date
    label: str
    months: int = 1

    def previous(self) -> Period:
        """The period just before this one, of the same kind (for “比上期”)."""
        back = self.start
        for _ in range(self.months):
            back = (back - dt.timedelta(days=1)).replace(day=1)
        if self.months == 12:
            return year(back.year)
        if self.months == 3:
            return quarter(back.year, (back.month - 1) // 3 + 1)
        return month(back.year, back.month)


def month(y: int, number: int) -> Period:
    start = dt.date(y, number, 1)
    following = dt.date(y + number // 12, number % 12 + 1, 1)
    return Period(start, following - dt.timedelta(days=1), f"{y}年{number}月")


def quarter(y: int, q: int) -> Period:
    first, last = month(y, 3 * q - 2), month(y, 3 * q)
    return Period(first.start, last.end, f"{y}年第{'一二三四'[q - 1]}季度", 3)


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}年", 12)


#: How a clerk writes a period in Chinese (2026年11月, 2026年第4季度, 2026年四季度, 2026年度).
CHINESE_PERIOD = (
    (r"(\d{4})年(\d{1,2})月(份)?", "{0}-{1}"),
    (r"(\d{4})年第?([1-4一二三四])季度", "{0}-Q{1}"),
    (r"(\d{4})年(度)?", "{0}"),
)
QUARTER_WORDS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def _latin(text: str) -> str:
    """``2026年11月`` as ``2026-11`` (and the quarter and year spellings likewise)."""
    for pattern, shape in CHINESE_PERIOD:
        if m := re.fullmatch(pattern, text):
            second = m[2] or ""
            return shape.format(m[1], QUARTER_WORDS.get(second, second))
    return text


def parse_period(text: str) -> Period:
    """Parse ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``, or the same in Chinese (2026年11月…).

    Raises:
        ValidationError: the text is none of those, in Chinese with an example.
    """
    t = _latin(text.strip().replace(" ", "")).upper()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
            return month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", t):
            return quarter(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", t):
            return year(int(m[1]))
    except ValueError:
        pass
    raise ValidationError(
        "period",
        f"“{text}”不是可识别的统计期间，请写成 2026-11（月）、2026-Q4（季度）或 2026（年）。",
    )


def report_day(period: Period, as_of: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The as-of day of a report on ``period``: ``as_of`` when given, else the period's end
    or today, whichever comes first.

    Raises:
        ValidationError: the day is in the future (no ledger to count yet), or outside the
            period (a “November” bulletin with June's figures, or June's with November's).
    """
    today = today or dt.date.today()
    if period.start > today:
        raise ValidationError("period", f"统计期间“{period.label}”尚未开始，无法统计。")
    day = as_of or min(period.end, today)
    not_future(day, today)
    if not period.start <= day <= period.end:
        raise ValidationError(
            "as_of",
            f"数据截至日期 {day.isoformat()} 不在统计期间“{period.label}”"
            f"（{period.start.isoformat()} 至 {period.end.isoformat()}）之内。",
        )
    return day


def not_future(day: dt.date, today: dt.date | None = None) -> None:
    """Refuse an as-of day after today: the ledger of a day to come cannot be counted."""
    today = today or dt.date.today()
    if day > today:
        raise ValidationError(
            "as_of", f"数据截至日期 {day.isoformat()} 晚于今天（{today.isoformat()}），无法统计。"
        )


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """(label, period text) for the period box: this month, last month, quarter, year."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    quarter = (today.month - 1) // 3 + 1
    return [
        ("本月", f"{today.year}-{today.month:02d}"),
        ("上月", f"{last.year}-{last.month:02d}"),
        ("本季度", f"{today.year}-Q{quarter}"),
        ("本年", str(today.year)),
    ]
