"""Collective unit names: “各乡镇人民政府”, “各乡镇卫生院”, “各街道”, “县直各单位”.

A list writes one phrase for a set of units the directory already holds one by one. Read as a
unit name it would become a new, empty unit that owns nothing; read here it is the directory's
matching units, which the import shows and the clerk confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.enums import UnitKind

#: Scopes that take in 街道 as well as 乡 and 镇; plain “乡镇” does not.
_WITH_STREETS = ("乡镇（街道）", "乡镇(街道)", "乡镇街道", "镇（街道）", "镇(街道)", "镇街")
_TOWNSHIP_SCOPES = (*_WITH_STREETS, "乡（镇）", "乡(镇)", "乡镇", "乡", "镇")
_SCOPES = (*_TOWNSHIP_SCOPES, "街道", "村（社区）", "村(社区)", "村", "社区")
#: The words after the scope that still mean the township (or village) itself.
_ITSELF = (
    "",
    "人民政府",
    "政府",
    "党委政府",
    "党委和政府",
    "办事处",
    "街道办事处",
    "党委",
    "党工委",
)
_COLLECTIVE = re.compile(
    r"^(?:全县)?各(?P<scope>" + "|".join(re.escape(s) for s in _SCOPES) + r")(?P<rest>.*)$"
)
_DEPARTMENTS = re.compile(
    r"^(?:县直各(?:单位|部门)|各县直(?:单位|部门)|县直(?:各)?有关(?:单位|部门))$"
)
#: Not 县直 units although the directory files them as departments.
_NOT_COUNTY_DIRECT = ("公司", "银行", "集团")


def is_collective(name: str) -> bool:
    """Whether ``name`` is written as a set of units rather than one."""
    return bool(_COLLECTIVE.match(name) or _DEPARTMENTS.match(name))


def members(name: str, directory: Iterable[tuple[str, str]]) -> list[str]:
    """The directory units (name, kind) that ``name`` stands for, in directory order; empty
    when it is not a collective name or the directory holds none of them."""
    units = [(n, kind) for n, kind in directory if not is_collective(n)]  # a unit kept as 各街道
    if _DEPARTMENTS.match(name):
        return [
            n
            for n, kind in units
            if kind == UnitKind.DEPARTMENT
            and n.startswith("县")
            and not n.endswith(_NOT_COUNTY_DIRECT)
        ]
    m = _COLLECTIVE.match(name)
    if not m:
        return []
    scope, rest = m["scope"], m["rest"]
    village = scope.startswith(("村", "社区"))
    if rest in _ITSELF:
        return [n for n, kind in units if _in_scope(n, kind, scope, village)]
    # “各乡镇卫生院”: units named after a township (or village) and ending in the same words.
    places = [_stem(n) for n, kind in units if _in_scope(n, kind, scope, village)]
    return [
        n
        for n, kind in units
        if n.endswith(rest) and kind != UnitKind.COUNTY and _named_after(n, rest, places, village)
    ]


def _in_scope(name: str, kind: str, scope: str, village: bool) -> bool:
    if village:
        wanted = {"村": ("村",), "社区": ("社区",)}.get(scope, ("村", "社区"))
        return kind == UnitKind.VILLAGE and name.endswith(wanted)
    if kind != UnitKind.TOWNSHIP:
        return False
    if scope == "街道":
        return "街道" in name
    if scope in _WITH_STREETS:
        return True
    stem = _stem(name)
    if scope == "乡":
        return stem.endswith("乡")
    if scope == "镇":
        return stem.endswith("镇")
    return stem.endswith(("乡", "镇"))  # 乡镇, 乡（镇）


def _stem(name: str) -> str:
    """“城关镇人民政府” → “城关镇”: the place a township unit is named after."""
    for word in sorted(_ITSELF, key=len, reverse=True):
        if word and name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    return name


def _named_after(name: str, rest: str, places: list[str], village: bool) -> bool:
    """Whether ``name`` (“青石镇卫生院”) is ``rest`` of a township or village place."""
    head = name[: -len(rest)]
    if head in places:
        return True
    return bool(head) and head.endswith(("村", "社区") if village else ("镇", "乡", "街道"))
