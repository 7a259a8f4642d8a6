"""Clean and split cell text: whitespace, unit lists, “name（phone）”, serial numbers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_UNIT_SEP = re.compile(r"[、，,；;/／\n]+")
_PERSON = re.compile(
    r"^(?P<name>[^\d（()）:：\s]{1,20})\s*[（(:：]?\s*(?P<phone>[0-9][0-9\-－—\s]{5,}[0-9])\s*[）)]?$"
)
_UNIT_AFFIXES = ("人民政府", "政府")


_NEEDS_WORK = re.compile(r"[\r\n\t\u3000\xa0]|  ")


def clean(value: object) -> str | None:
    """Text of a cell with odd spaces collapsed, each line trimmed; ``None`` when empty.

    Most cells are one line with plain spaces: those are only trimmed (planning a 10k-row
    list cleans ≈ 400k cells).
    """
    if value is None:
        return None
    if isinstance(value, str) and not _NEEDS_WORK.search(value):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined = "\n".join(line for line in lines if line)
    return joined or None


def one_line(value: object) -> str | None:
    """Like ``clean`` but a wrapped cell (Alt+Enter) becomes one line."""
    text = clean(value)
    return text.replace("\n", "") if text else None


def split_units(value: object) -> list[str]:
    """“县教育局、城关镇；县财政局” → the three names, in order, without repeats."""
    text = clean(value)
    if not text:
        return []
    seen: list[str] = []
    for part in _UNIT_SEP.split(text):
        name = part.strip(" 　.。")
        if name and name not in seen:
            seen.append(name)
    return seen


def split_person(value: object) -> tuple[str | None, str | None]:
    """“刘洋（13907310011）”, “周敏 13907310013” → (name, phone); otherwise (text, None)."""
    text = one_line(value)
    if not text:
        return None, None
    m = _PERSON.match(text)
    if not m:
        return text, None
    phone = re.sub(r"[\s－—]", "", m["phone"]).replace("－", "-")
    return m["name"].strip(), phone


def normalise_unit(name: str) -> str:
    """A key for matching unit names written slightly differently.

    Full-width letters and digits become half-width, spaces go, and a leading county name
    is not needed: “青山县教育局” and “县教育局” and “教育局” all give “教育局”.
    """
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    for affix in _UNIT_AFFIXES:
        if text.endswith(affix) and len(text) > len(affix):
            text = text[: -len(affix)]
    return re.sub(r"^.{0,6}?县(?!城)", "", text) or text


def normalise_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[(（][^)）]*[)）]$", "", text).rstrip(":：*")
