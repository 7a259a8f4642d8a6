"""Clean and split cell text: whitespace, unit lists, “name（phone）”, serial numbers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u3000\xa0]+")
#: Characters a copy from a web page or a chat leaves in cells without anyone seeing them.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_UNIT_SEP = re.compile(r"[、，,；;/／\n]+")
#: “县民政局（牵头）”, “（配合）”, “牵头：县民政局”: what a unit does, not its name.
_ROLE = "牵头|配合|协办|主办|责任|负责|参与|协助|主责"
_ROLE_MARK = re.compile(rf"[（(【\[]\s*(?:{_ROLE})(?:单位|部门)?\s*[)）】\]]")
_ROLE_PREFIX = re.compile(rf"^(?:{_ROLE})(?:单位|部门)?\s*[:：]\s*")
_LEADS = re.compile(r"[（(【\[]\s*(?:牵头|主办|主责)(?:单位|部门)?\s*[)）】\]]|^(?:牵头|主办|主责)")
#: A space between two Chinese characters of a name (“县 教育局”) is a typing slip.
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
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
    """“县教育局、城关镇；县财政局” → the three names, in order, without repeats.

    Role marks go (“县民政局（牵头）” is 县民政局), and a unit marked as leading comes first
    whatever its place in the cell.
    """
    text = clean(value)
    if not text:
        return []
    leads: list[str] = []
    others: list[str] = []
    for part in _UNIT_SEP.split(_INVISIBLE.sub("", text)):
        part = part.strip(" 　.。")
        name = _ROLE_MARK.sub("", _ROLE_PREFIX.sub("", part)).strip(" 　.。")
        name = _CJK_GAP.sub("", name)
        if name and name not in leads + others:
            (leads if _LEADS.search(part) else others).append(name)
    return leads + others


_PHONE_LABEL = re.compile(
    r"(?:联系电话|办公电话|电话号码|手机号码|手机号|联系方式|手机|电话|座机|tel|TEL|Tel)\s*[:：]?"
)
_PHONE = re.compile(r"(?<![\d])(?:\+?86[\s\-]?)?\d(?:[\s\-－—]?\d){6,11}(?![\d])")
_NAME = re.compile(r"[^\d\s、，,；;/／（）()：:\-－—+【】\[\]]+")
_POST = re.compile(
    r"(?:局长|科长|主任|股长|站长|所长|书记|镇长|乡长|队长|院长|校长|部长|处长|经理|干事|科员"
    r"|委员|组长|主席|馆长|社长|专干|负责人|联络员|网格员)$"
)


def split_people(value: object) -> list[tuple[str, str | None]]:
    """Every (name, phone) a 责任人 cell names, in order.

    Offices write “刘洋（电话：0571-88886666）”, “张三/13800001111”, “李四 138 0000 1111”,
    “王芳(手机13912345678)”, “钱敏：13600001111”, and two people as “张三 138…、李四”; a phone
    belongs to the name before it.
    """
    text = one_line(value)
    if not text:
        return []
    text = _PHONE_LABEL.sub(" ", unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)))
    people: list[tuple[str, str | None]] = []

    def add_names(part: str) -> None:
        for name in _NAME.findall(part):
            if not (people and _POST.search(name)):  # “刘洋（科长）”: a post, not a person
                people.append((name, None))

    pos = 0
    for m in _PHONE.finditer(text):
        add_names(text[pos : m.start()])
        if people and people[-1][1] is None:
            people[-1] = (people[-1][0], _phone(m[0]))
        pos = m.end()
    add_names(text[pos:])
    return people


def _phone(raw: str) -> str:
    """Digits as dialled: spaces go, a dash stays only after an area code (“0731-2345678”)."""
    m = re.match(r"^(0\d{2,3})[\s\-－—]+(\d{7,8})$", raw.strip())
    return f"{m[1]}-{m[2]}" if m else re.sub(r"[\s\-－—]", "", raw)


def split_person(value: object) -> tuple[str | None, str | None]:
    """The first person a cell names, as (name, phone); the whole text when it names none."""
    people = split_people(value)
    if not people:
        return one_line(value), None
    return people[0]


def normalise_unit(name: str) -> str:
    """A key for matching unit names written slightly differently.

    Full-width letters and digits become half-width, spaces go, and a leading county name
    is not needed: “青山县教育局” and “县教育局” and “教育局” all give “教育局”.
    """
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", name))
    text = re.sub(r"\s+", "", text)
    for affix in _UNIT_AFFIXES:
        if text.endswith(affix) and len(text) > len(affix):
            text = text[: -len(affix)]
    return re.sub(r"^.{0,6}?县(?!城)", "", text) or text


def normalise_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[(（][^)）]*[)）]$", "", text).rstrip(":：*")
