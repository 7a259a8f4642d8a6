"""How wide Chinese text is on screen and paper: CJK characters take two columns."""

from __future__ import annotations

import unicodedata


class _Widths(dict[str, int]):
    """Columns per character, looked up once per distinct character: measuring every cell of
    a 100,000-row export character by character through ``unicodedata`` cost seconds."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when cut."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            return "".join(out[:-1]) + "…" if out else ""
        out.append(ch)
        used += w
    return "".join(out)
