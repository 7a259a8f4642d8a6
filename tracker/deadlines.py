"""Read a 完成时限 the way offices write it, keeping the words beside the date.

“2026年8月底前” is 2026-08-31 with month precision; “6月底前” takes its year from the list;
“长期坚持” has no date at all (ongoing, judged per period). “9月中旬” is the 20th (上旬 the
10th, 下旬 the month's end); a range (“2026年5月至10月”, “即日起至2026年10月”) counts by its
end; festivals (“2027年春节前”) come from ``tracker.festivals``. Anything else — “尽快”, a
regional season like “汛期前” — is kept as raw text with no date and a problem the import
shows; such an item lands 待确认时限 (no date on a fixed deadline), which 预警 lists.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from tracker import festivals
from tracker.enums import DeadlineKind, DeadlinePrecision

ONGOING_WORDS = ("长期坚持", "持续推进", "常态化", "长期", "持续", "常年")
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DAY = re.compile(r"^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?(?:前|之前)?$")
_QUARTER = re.compile(r"^(\d{4})?年?第?([一二三四1-4])季度(?:末|底)?(?:前|之前)?$")
_PART = r"(底|末|中下旬|上中旬|中旬|上旬|下旬)?"
_MONTH = re.compile(r"^(\d{4})[年\-/.](\d{1,2})月?(?:份)?" + _PART + r"(?:前|之前)?$")
_YEAR = re.compile(r"^(\d{4})年?(?:底|末|内|年底)?(?:前|之前)?$")
_MD = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:前|之前)?$")
_M = re.compile(r"^(\d{1,2})月(?:份)?" + _PART + r"(?:前|之前)?$")
_YEAR_END = re.compile(
    r"^(?:年底|年末|年内|本年度|本年度内|本年内|今年|今年内|今年底|全年|年度内)(?:前|之前)?$"
)
_HALF = re.compile(r"^(\d{4})?年?(上|下)半年(?:前|之前)?$")
_FESTIVAL = re.compile(r"^(?:(\d{4})年)?(" + "|".join(festivals.NAMES) + r")(前|之前|期间|当天)?$")
#: “A至B”: the end counts. A hyphen separates a range only after 月 (“2026-09-30” is a day).
_RANGE = re.compile(r"^(?P<start>.*?)起?(?:至|到|~|～|—+|–|(?<=月)[-－])(?P<end>[^至到~～—–]+)$")
_START_YEAR = re.compile(r"^(\d{4})(?:年|[.\-/]\d)")
#: A trailing verb says nothing about the date: “10月底前完成” is “10月底前”.
_DONE = re.compile(r"(?:全面完成|完成|办结|完工|建成|到位|落实)$")
VAGUE_WORDS = ("尽快", "尽早", "立即", "马上", "及时", "适时", "另行", "待定", "视情况", "根据")
_REGIONAL = re.compile("|".join(festivals.REGIONAL))
_VAGUE = re.compile("|".join(VAGUE_WORDS))
_TEN_DAYS = {"上旬": 10, "中旬": 20, "上中旬": 20}
#: “7-9月” is “7月至9月”; “次年3月” is the month in the year after the list's.
_MONTH_SPAN = re.compile(r"(?<!\d)(\d{1,2})[-－~～](\d{1,2})月")
_NEXT_YEAR = re.compile(r"^(?:次年|明年|翌年|下一年度?|下年)")
_MIDNIGHT = re.compile(r"(?<=\d)\s+0{1,2}:00(?::00)?$")


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
    # a date exported as text keeps its midnight: “2026/9/30 0:00:00”
    untimed = _MIDNIGHT.sub("", unicodedata.normalize("NFKC", raw))
    text = re.sub(r"\s+", "", untimed)
    if not text:
        return Deadline(raw, None, DeadlinePrecision.NONE, DeadlineKind.FIXED, "完成时限为空")
    if any(word in text for word in ONGOING_WORDS):
        return Deadline(raw, None, DeadlinePrecision.NONE, DeadlineKind.ONGOING)
    unsure = _unsure(text, raw)
    if unsure:
        return Deadline(raw, None, DeadlinePrecision.NONE, DeadlineKind.FIXED, unsure)
    try:
        found = _match(_DONE.sub("", text), year)
    except ValueError:
        found = None
    if found is None:
        return Deadline(
            raw,
            None,
            DeadlinePrecision.NONE,
            DeadlineKind.FIXED,
            f"无法识别的完成时限“{raw}”，已保留原文，请确认具体日期",
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


def _unsure(text: str, raw: str) -> str | None:
    """Why a deadline with no date in it cannot be dated here (“尽快”, “汛期前”)."""
    if _REGIONAL.search(text):
        return f"完成时限“{raw}”各地日期不同，请确认具体日期"
    if _VAGUE.search(text):
        return f"完成时限“{raw}”没有具体日期，请确认"
    return None


def _match(text: str, year: int | None) -> _Found | str | None:
    """The date and precision of ``text``; "no-year" when a year is needed but unknown."""
    if _NEXT_YEAR.match(text):
        return "no-year" if year is None else _match(_NEXT_YEAR.sub("", text), year + 1)
    text = _MONTH_SPAN.sub(r"\1月至\2月", text)
    if m := _RANGE.match(text):
        start = _START_YEAR.match(m["start"])
        return _match(m["end"], int(start[1]) if start else year)
    if m := _FESTIVAL.match(text):
        return _festival(m, year)
    if m := _DAY.match(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])), DeadlinePrecision.DAY
    if m := _QUARTER.match(text):
        y = int(m[1]) if m[1] else year
        if y is None:
            return "no-year"
        return _month_end(y, _CN_QUARTER[m[2]] * 3), DeadlinePrecision.QUARTER
    if m := _MONTH.match(text):
        return _in_month(int(m[1]), int(m[2]), m[3])
    if m := _YEAR.match(text):
        return dt.date(int(m[1]), 12, 31), DeadlinePrecision.YEAR
    if m := _HALF.match(text):
        y = int(m[1]) if m[1] else year
        if y is None:
            return "no-year"
        return _month_end(y, 6 if m[2] == "上" else 12), DeadlinePrecision.MONTH
    relative: list[tuple[re.Pattern[str], Callable[[re.Match[str], int], _Found]]] = [
        (_MD, lambda m, y: (dt.date(y, int(m[1]), int(m[2])), DeadlinePrecision.DAY)),
        (_M, lambda m, y: _in_month(y, int(m[1]), m[2])),
        (_YEAR_END, lambda m, y: (dt.date(y, 12, 31), DeadlinePrecision.YEAR)),
    ]
    for pattern, build in relative:
        if m := pattern.match(text):
            return "no-year" if year is None else build(m, year)
    return None


def _in_month(year: int, month: int, part: str | None) -> _Found:
    """上旬 the 10th, 中旬 the 20th (the day a supervisor reads), else the month's end."""
    if part in _TEN_DAYS:
        return dt.date(year, month, _TEN_DAYS[part]), DeadlinePrecision.DAY
    return _month_end(year, month), DeadlinePrecision.MONTH


def _festival(m: re.Match[str], year: int | None) -> _Found | str | None:
    """“2027年春节前” is the day before 春节 2027; “春节前” in a year's list is the next one."""
    name = m[2]
    if m[1]:
        y = int(m[1])
    elif year is None:
        return "no-year"
    else:
        y = year + 1 if name in festivals.YEAR_OPENING else year
    day = festivals.festival_day(name, y)
    if day is None:
        return None
    if m[3] in ("前", "之前"):
        day -= dt.timedelta(days=1)
    return day, DeadlinePrecision.DAY


def format_deadline(day: dt.date) -> str:
    """The Chinese spelling used when the program itself writes a date."""
    return f"{day.year}年{day.month}月{day.day}日"
