"""Clean and split cell text: whitespace, unit lists, “name（phone）”, serial numbers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u3000\xa0]+")
#: Characters a copy from a web page or a chat leaves in cells without anyone seeing them.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_UNIT_SEP = re.compile(r"[、，,；;/／\n]+")
#: “县民政局（牵头）”, “（配合）”, “牵头：县民政局”: what a unit does, not its name.
_LEAD_ROLE = "牵头|主办|主责"
_ROLE = rf"(?:(?:{_LEAD_ROLE}|配合|协办|责任|负责|参与|协助)(?:单位|部门)?)"
_BRACKETED = r"[（(【\[]\s*{}\s*[)）】\]]"
_ROLE_MARK = re.compile(_BRACKETED.format(_ROLE))
_ROLE_PREFIX = re.compile(rf"^{_ROLE}\s*[:：]\s*")
_LEADS = re.compile(_BRACKETED.format(rf"(?:{_LEAD_ROLE})(?:单位|部门)?") + rf"|^(?:{_LEAD_ROLE})")
_ROLE_INSIDE = re.compile(rf"[（(]\s*({_ROLE})\s*[:：]\s*([^)）]+)[)）]")
_BEFORE_ROLE = re.compile(rf"\s+(?={_ROLE}\s*[:：])")
_AND_OTHERS = re.compile(r"等(?:有关|相关)?(?:单位|部门)?$")
#: How unit names end: a space between two such names separates them.
_UNIT_ENDINGS = (
    "局",
    "委",
    "办",
    "院",
    "所",
    "站",
    "中心",
    "镇",
    "乡",
    "街道",
    "政府",
    "公司",
    "队",
    "会",
    "部",
    "处",
    "社区",
    "村",
    "室",
    "馆",
    "校",
    "学",
    "行",
    "厅",
    "社",
    "联",
    "团",
    "厂",
    "场",
)
_PLAIN_UNITS = re.compile(r"^[^\s（()）【】\[\]:：等\u200b-\u200f\u2060\ufeff\u00ad]+$")
#: Words that end a unit's name but are no unit by themselves (“城关镇 人民政府”).
_TAILS = ("人民政府", "办事处", "街道办事处", "党委", "党工委", "委员会", "管委会")
#: A space between two Chinese characters of a name (“县 教育局”) is a typing slip.
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_UNIT_AFFIXES = ("人民政府", "政府")


#: Control characters (but tab, CR and LF) that a CSV or another system's export carries into
#: cells: no clerk typed them, and they would only show as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEEDS_WORK = re.compile(r"[\r\n\t\u3000\xa0\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|  ")


def clean(value: object) -> str | None:
    """Text of a cell with odd spaces collapsed, control characters dropped, each line trimmed;
    ``None`` when empty.

    Most cells are one line with plain spaces: those are only trimmed (planning a 10k-row
    list cleans ≈ 400k cells).
    """
    if value is None:
        return None
    if isinstance(value, str) and not _NEEDS_WORK.search(value):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
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
    if _PLAIN_UNITS.match(text):  # most cells: names and separators only
        return list(dict.fromkeys(n for n in (p.strip(".。") for p in _UNIT_SEP.split(text)) if n))
    text = _INVISIBLE.sub("", text)
    text = _ROLE_INSIDE.sub(r"、\1：\2", text)  # “县教育局（配合：县财政局）”
    text = _BEFORE_ROLE.sub("、", text)  # “牵头：县民政局 配合：县财政局”
    leads: list[str] = []
    others: list[str] = []
    for part in _UNIT_SEP.split(text):
        part = part.strip(" 　.。")
        bare = _ROLE_MARK.sub("", _ROLE_PREFIX.sub("", part)).strip(" 　.。")
        for name in _names_in(_AND_OTHERS.sub("", bare)):
            if name not in leads + others:
                (leads if _LEADS.search(part) else others).append(name)
    return leads + others


def _names_in(part: str) -> list[str]:
    """One name with a typing slip (“县 教育局”), or names a space separates (“县民政局 县财政局”):
    split where every piece is a whole unit name, else close the gaps."""
    pieces = part.split()
    whole = [len(p) >= 3 and p.endswith(_UNIT_ENDINGS) and p not in _TAILS for p in pieces]
    if len(pieces) > 1 and all(whole):
        return pieces
    return [_CJK_GAP.sub("", part)] if part else []


_PHONE_LABEL = re.compile(
    r"(?:联系电话|办公电话|电话号码|手机号码|手机号|联系方式|手机|电话|座机|tel|TEL|Tel)\s*[:：]?"
)
_PHONE = re.compile(
    r"(?<![\d])(?:\+?86[\s\-]?)?\d(?:[\s\-－—]?\d){6,11}(?:\s*转\s*\d{1,6})?(?![\d])"
)
#: “刘洋（0571）88886666”: an area code in brackets before the number.
_AREA_IN_BRACKETS = re.compile(r"[（(]\s*(0\d{2,3})\s*[)）]\s*(?=\d{7,8})")
_SIMPLE = re.compile(r"^([\u4e00-\u9fff·]{2,8})\s*[（(]?\s*(1\d{10}|0\d{2,3}-\d{7,8})?\s*[）)]?$")
#: What a 责任人 cell says when it names nobody.
NOBODY = frozenset({"无", "暂无", "待定", "未定", "空", "无人", "待明确", ""})
#: The width of the phone columns (``Person.phone``, ``Item.assignee_phone``).
PHONE_WIDTH = 32
_NAME = re.compile(r"[^\d\s、，,；;/／（）()：:\-－—+【】\[\]]+")
_POST = re.compile(
    r"(?:局长|科长|主任|股长|站长|所长|书记|镇长|乡长|队长|院长|校长|部长|处长|经理|干事|科员"
    r"|委员|组长|主席|馆长|社长|专干|负责人|联络员|网格员)$"
)


def split_people(value: object) -> list[tuple[str | None, str | None]]:
    """Every (name, phone) a 责任人 cell names, in order.

    Offices write “刘洋（电话：0571-88886666）”, “张三/13800001111”, “李四 138 0000 1111”,
    “王芳(手机13912345678)”, “钱敏：13600001111”, “局长：王五”, and two people as
    “张三 138…、李四”. A phone belongs to the name before it (a second phone joins the first);
    a post (科长, 办公室主任) beside a name is no person; a cell with only a phone gives a
    person without a name, and “无” or “待定” nobody.
    """
    text = one_line(value)
    if not text or text.strip(" /-—") in NOBODY:
        return []
    simple = _SIMPLE.match(text)  # most cells: a name, perhaps with one phone in brackets
    if simple and not _POST.search(simple[1]) and simple[1] not in NOBODY:
        return [(simple[1], simple[2])]
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    text = _PHONE_LABEL.sub(" ", _AREA_IN_BRACKETS.sub(r"\1-", text))
    names = [n for n in _NAME.findall(_PHONE.sub(" ", text)) if n not in NOBODY]
    posts_only = all(_POST.search(n) for n in names)
    people: list[tuple[str | None, str | None]] = []
    pos = 0
    for m in [*_PHONE.finditer(text), None]:
        end = m.start() if m else len(text)
        for name in _NAME.findall(text[pos:end]):
            if name not in NOBODY and (posts_only or not _POST.search(name)):
                people.append((name, None))
        if m is None:
            break
        if not people:
            people.append((None, None))
        name, phone = people[-1]
        people[-1] = (name, _phone(m[0]) if phone is None else _more(phone, _phone(m[0])))
        pos = m.end()
    return people


def _more(phone: str, other: str) -> str:
    """Two numbers for one person (office and mobile), as long as the column holds them."""
    both = f"{phone}、{other}"
    return both if len(both) <= PHONE_WIDTH else phone


def _phone(raw: str) -> str:
    """Digits as dialled: spaces go, a dash stays only after an area code (“0731-2345678”),
    an extension stays (“0571-88886666转801”)."""
    raw = raw.strip()
    number, sep, extension = raw.partition("转")
    m = re.match(r"^(0\d{2,3})[\s\-－—]+(\d{7,8})$", number.strip())
    dialled = f"{m[1]}-{m[2]}" if m else re.sub(r"[\s\-－—]", "", number)
    return f"{dialled}转{extension.strip()}" if sep else dialled


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
