"""Bordered report tables drawn line by line: Chinese wrapped by character, rows split at pages.

fpdf2's own table lays every cell out twice through its general line breaker (once to
measure the row, once to draw it): 0.8 s for a bulletin's 250 listed items, a third of
the whole PDF. These tables only ever hold plain text, so a cell is wrapped once with the
font's character widths and each line placed with ``text()``.

A row taller than a page (a long progress report on an item card) is continued on the next
page under the repeated headings instead of running off the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import TTFFont

PAD_X, PAD_Y = 1.2, 0.8
HEAD_FILL = (234, 238, 243)
ROW_FILL = (248, 249, 250)
NO_LINE_START = "，。、；：？！）》」』”’%"


@dataclass(frozen=True)
class Layout:
    """Where the columns are and how tall a line is, in mm."""

    widths: tuple[float, ...]
    aligns: str
    size: float
    font: str

    @property
    def line_h(self) -> float:
        return self.size * 0.55


def draw_table(
    pdf: FPDF,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: str = "",
    size: float = 8,
    *,
    font: str,
) -> None:
    """Headings (bold, shaded, repeated on each page) and rows shaded every other one.

    ``widths`` are relative and scaled to the text width; ``aligns`` is one letter per
    column (L/C/R), left by default.
    """
    scale = pdf.epw / sum(widths)
    lay = Layout(tuple(w * scale for w in widths), aligns, size, font)
    head = _wrap_row(pdf, lay, headers, "B")
    bodies = [_wrap_row(pdf, lay, values, "") for values in rows]
    first = _height(lay, max(map(len, bodies[0]))) if bodies else 0
    if pdf.will_page_break(_height(lay, max(map(len, head))) + min(first, 30)):
        pdf.add_page()  # headings never alone at the foot of a page
    _draw_row(pdf, lay, head, "B", HEAD_FILL)
    for i, lines in enumerate(bodies):
        fill = ROW_FILL if i % 2 == 0 else None
        rest = _place(pdf, lay, lines, fill, fresh=False)
        while rest is not None:
            pdf.add_page()
            _draw_row(pdf, lay, head, "B", HEAD_FILL)
            rest = _place(pdf, lay, rest, fill, fresh=True)
    pdf.ln(2)


def _place(
    pdf: FPDF, lay: Layout, lines: list[list[str]], fill: tuple[int, int, int] | None, fresh: bool
) -> list[list[str]] | None:
    """Draw as much of a row as fits on this page; what is left for the next page, or None.

    A row that fits on a page is never split: it moves to the next page whole. Only a row
    taller than a page, or one starting at the top of a page, is cut between its lines.
    """
    tall = max(len(cell) for cell in lines)
    if not pdf.will_page_break(_height(lay, tall)):
        _draw_row(pdf, lay, lines, "", fill)
        return None
    room = int((pdf.page_break_trigger - pdf.get_y() - 2 * PAD_Y) // lay.line_h)
    if not fresh and (room < 1 or _height(lay, tall) <= _page_room(pdf)):
        return lines
    room = max(room, 1)  # a page always takes at least a line: no endless page breaks
    _draw_row(pdf, lay, [cell[:room] for cell in lines], "", fill)
    return [cell[room:] for cell in lines]


def _page_room(pdf: FPDF) -> float:
    """Height a row may take on an empty page below the repeated headings (generously)."""
    return pdf.page_break_trigger - pdf.t_margin - 20


def _height(lay: Layout, n_lines: int) -> float:
    return max(n_lines, 1) * lay.line_h + 2 * PAD_Y


def _wrap_row(pdf: FPDF, lay: Layout, values: Sequence[str], style: str) -> list[list[str]]:
    pdf.set_font(lay.font, style, lay.size)
    return [wrap_mm(pdf, str(v), w - 2 * PAD_X) for v, w in zip(values, lay.widths, strict=False)]


def wrap_mm(pdf: FPDF, text: str, width: float) -> list[str]:
    """``wrap`` in the current font, ``width`` in mm."""
    font_units_per_mm = pdf.k / (pdf.font_size_pt * 0.001)
    font = pdf.current_font
    assert isinstance(font, TTFFont), "reports draw in an embedded TrueType font"
    return wrap(text, width * font_units_per_mm, font.cw)


def wrap(text: str, room: float, widths: dict[int, float]) -> list[str]:
    """``text`` broken into lines no wider than ``room`` font units, by character.

    Line breaks in the text are kept; a closing mark that would open a line stays at the
    end of the previous one (禁则), slightly past the edge, as Chinese typesetting does.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        start, used = 0, 0.0
        for i, ch in enumerate(para):
            w = widths[ord(ch)]
            if used + w > room and i > start and ch not in NO_LINE_START:
                lines.append(para[start:i])
                start, used = i, 0.0
            used += w
        lines.append(para[start:])
    return lines


def _draw_row(
    pdf: FPDF,
    lay: Layout,
    lines: list[list[str]],
    style: str,
    fill: tuple[int, int, int] | None,
) -> None:
    """One row at the current position: shading, borders, each cell's lines centred."""
    y, x = pdf.get_y(), pdf.l_margin
    h = _height(lay, max(len(cell) for cell in lines))
    pdf.set_font(lay.font, style, lay.size)
    if fill:
        pdf.set_fill_color(*fill)
    for j, (cell, w) in enumerate(zip(lines, lay.widths, strict=False)):
        pdf.rect(x, y, w, h, style="DF" if fill else "D")
        top = y + (h - len(cell) * lay.line_h) / 2
        align = lay.aligns[j] if j < len(lay.aligns) else "L"
        for k, text in enumerate(cell):
            if text:
                _line(pdf, lay, text, align, x, w, top + k * lay.line_h)
        x += w
    pdf.set_xy(pdf.l_margin, y + h)


def _line(pdf: FPDF, lay: Layout, text: str, align: str, x: float, w: float, top: float) -> None:
    baseline = top + 0.5 * lay.line_h + 0.3 * pdf.font_size
    if align == "L":
        pdf.text(x + PAD_X, baseline, text)
        return
    tw = pdf.get_string_width(text)
    left = x + (w - tw) / 2 if align == "C" else x + w - PAD_X - tw
    pdf.text(left, baseline, text)
