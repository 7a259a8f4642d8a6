"""Reading what a unit clerk typed into a fill-in cell, the way the clerk meant it.

Spreadsheets change what was typed: “90%” in a cell becomes 0.9 with a percent format, a
date becomes a date serial or a datetime, a number becomes 85.0 after a LibreOffice re-save.
Each reader returns the value meant, or a refusal in the clerk's words; none of them guesses
a value the clerk did not type.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from tracker.excel.cells import clean

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
YES = frozenset({"是", "√", "✓", "y", "yes", "Y", "YES", "申请"})
NO = frozenset({"否", "×", "n", "no", "N", "NO"})


@dataclass(frozen=True)
class Read:
    """A value read from a cell: ``value`` when understood, else ``problem``; ``note`` when
    it was understood in a way the clerk should see (“0.9 读作 90%”)."""

    value: object = None
    problem: str | None = None
    note: str | None = None
    doubtful: bool = False  # the note needs the clerk's confirmation


def percent(raw: object, percent_cell: bool | None) -> Read:
    """A completion percent, 0–100 and whole.

    ``percent_cell`` is whether the cell was formatted as a percentage (None when the file
    format does not tell): 0.9 there means 90. A fraction typed as a plain number or text is
    read the same way (nobody reports 0.9 %), and a lone 1 where the format is unknown is
    read as 1 with a doubt the clerk must confirm, because it could be 100 %.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Read()
    shown = _shown(raw)
    if isinstance(raw, bool):
        return Read(problem=f"完成百分比“{shown}”不是数字")
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        number_text = text.removesuffix("%").rstrip()
        if not _NUMBER.match(number_text):
            return Read(problem=f"完成百分比“{shown}”不是数字，请填写 0 到 100 的整数")
        if number_text != text:  # “90%”: already a percent
            return _whole_percent(float(number_text), shown, None)
        raw, percent_cell = float(number_text), False
    number = float(raw)  # type: ignore[arg-type]  # int or float here
    if percent_cell:
        number *= 100
        shown = f"{_plain(number)}%"
    elif 0 < number < 1:
        number *= 100
        return _whole_percent(number, shown, f"完成百分比“{shown}”按 {_plain(number)}% 读取")
    elif percent_cell is None and number == 1:
        return Read(1, note="完成百分比按 1% 读取；如指 100%，请填写 100", doubtful=True)
    return _whole_percent(number, shown, None)


def _whole_percent(number: float, shown: str, note: str | None) -> Read:
    if math.isnan(number) or not -1e-9 <= number <= 100 + 1e-9:
        return Read(problem=f"完成百分比“{shown}”不在 0 到 100 之间")
    whole = round(number)
    if abs(number - whole) > 1e-6:
        low, high = math.floor(number), math.ceil(number)
        return Read(problem=f"完成百分比“{shown}”带小数，请填写整数（如 {low} 或 {high}）")
    return Read(whole, note=note)


def day(raw: object, what: str) -> Read:
    """A calendar day typed as a date, a date serial, or text like 2026-10-20 / 2026年10月20日."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Read()
    if isinstance(raw, dt.datetime):
        return Read(raw.date())
    if isinstance(raw, dt.date):
        return Read(raw)
    shown = _shown(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 36526 <= raw <= 73050 and float(raw).is_integer():  # 2000–2099 as a date serial
            return Read(EXCEL_EPOCH + dt.timedelta(days=int(raw)))
        return Read(problem=f"{what}“{shown}”不是日期，请填写如 2026-10-20")
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d\d-\d\d \d", text) else text
    m = _DAY.match(text)
    if m:
        try:
            return Read(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    return Read(problem=f"{what}“{shown}”不是日期，请填写如 2026-10-20")


def yes_no(raw: object, what: str) -> Read:
    """True for 是, False for 否 or empty."""
    text = clean(raw) or ""
    if not text or text in NO:
        return Read(False)
    if text in YES:
        return Read(True)
    return Read(problem=f"{what}只能填“是”或“否”，不能填“{text}”")


def text(raw: object) -> Read:
    """Free text, cleaned; a date or number typed into a text column reads as written."""
    if isinstance(raw, dt.datetime):
        return Read(raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" "))
    if isinstance(raw, dt.date):
        return Read(raw.isoformat())
    return Read(clean(raw))


def _shown(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _plain(number: float) -> str:
    return str(int(number)) if abs(number - round(number)) < 1e-6 else f"{number:g}"
