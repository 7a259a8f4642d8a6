"""Item codes: a new item's code follows the pattern its list already uses.

Lists number their items their own way (“2026-001”, “2026-MS-001”, “QS2026-12”); a code made
up as year-NNN beside “2026-MS-118” is a second numbering a clerk has to explain. The
pattern is the prefix most of the list's codes share before their number, and the width of
that number; a list without codes gets year-NNN.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")


class CodeMaker:
    """Hands out codes no item of the list has, and that no row about to be written asks for.

    Args:
        year: the list's year, for a list with no codes yet.
        taken: the codes the list's items have.
        reserved: codes rows of the same import bring with them: never handed to another row.
    """

    def __init__(self, year: int, taken: Iterable[str], reserved: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self.reserved = set(reserved) - self.taken
        self.prefix, self.width, self.number = _pattern(year, self.taken | self.reserved)

    def code(self, wanted: str | None = None) -> str:
        """``wanted`` when it is free, else the next free code of the pattern."""
        if wanted and wanted not in self.taken:
            self.taken.add(wanted)
            self.reserved.discard(wanted)
            return wanted
        while True:
            self.number += 1
            made = f"{self.prefix}{self.number:0{self.width}d}"
            if made not in self.taken and made not in self.reserved:
                self.taken.add(made)
                return made


def _pattern(year: int, codes: set[str]) -> tuple[str, int, int]:
    """(prefix, digits, highest number) of the prefix most codes share."""
    found = [m for m in map(_NUMBERED.match, codes) if m]
    if not found:
        return f"{year}-", 3, 0
    prefix, _count = Counter(m["prefix"] for m in found).most_common(1)[0]
    mine = [m["number"] for m in found if m["prefix"] == prefix]
    return prefix, max(len(n) for n in mine), max(int(n) for n in mine)


def next_code(year: int, taken: Iterable[str]) -> str:
    """The code a new item of a list with these codes would get."""
    return CodeMaker(year, taken).code()
