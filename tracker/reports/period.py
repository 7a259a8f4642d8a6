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


def parse_period(text: str) -> Period:
    """Parse ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``.

    Raises:
        ValidationError: the text is none of those, in Chinese with an example.
    """
    t = text.strip().upper()
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
