"""How wide Chinese text is on screen and paper: CJK characters take two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when cut."""
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            return "".join(out[:-1]) + "…" if out else ""
        out.append(ch)
        used += w
    return "".join(out)
