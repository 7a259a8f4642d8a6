"""An A4 report page layout on fpdf2: headings, paragraphs, KPI boxes, tables, images.

One place decides fonts, margins and the footer every report carries (as-of time, audit
chain head, page x/y), so bulletins, unit reports and item cards look like one family.
Chinese has no spaces, so tables and paragraphs wrap by character. Every ``multi_cell``
returns to the left margin: fpdf2's default leaves x at the right edge, and the next
full-width cell then has no width and loops forever.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import partialmethod
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos
from fpdf.fonts import TTFFont

from tracker.reports.font_cut import cached_cut
from tracker.reports.fonts import bold_variant, find_cjk_font
from tracker.reports.pdf_table import HEAD_FILL, draw_table, wrap_mm

FONT = "cjk"
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (192, 57, 43)


class ReportPDF(FPDF):
    """A4 portrait with the embedded Chinese font and the standard footer."""

    def __init__(
        self, title: str, footer: str, landscape: bool = False, *, common: bool = True
    ) -> None:
        """``common``: use the cached common-character cut of the font when there is one."""
        super().__init__(orientation="L" if landscape else "P", format="A4")
        self.report_title, self.footer_text = title, footer
        regular = find_cjk_font()
        bold = bold_variant(regular)
        if common:
            regular, bold = cached_cut(regular) or regular, cached_cut(bold) or bold
        self.add_font(FONT, "", str(regular.path), collection_font_number=regular.index)
        self.add_font(FONT, "B", str(bold.path), collection_font_number=bold.index)
        for font in self.fonts.values():
            # The subset embedded at output keeps the whole font's bounding box instead of
            # drawing every glyph to measure a tighter one (twice, ~2 s for a bulletin's
            # 2,000 distinct characters); a box that is larger than needed is still valid.
            if isinstance(font, TTFFont):
                font.ttfont.recalcBBoxes = False
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_creator("实事台账")
        self.set_text_color(*INK)
        self.add_page()

    def lacks_glyphs(self) -> bool:
        """Whether some character drawn so far is not in the embedded fonts."""
        return any(getattr(f, "missing_glyphs", None) for f in self.fonts.values())

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.report_title, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text, align=Align.L)
        self.set_x(self.l_margin)
        self.cell(0, 4, f"第 {self.page_no()} / {{nb}} 页", align=Align.R)
        self.set_text_color(*INK)

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_font(FONT, "B", 18)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 10, title, align=Align.C, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
        self.set_text_color(*INK)
        self.set_font(FONT, "", 10)
        self.multi_cell(0, 6, subtitle, align=Align.C, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
        self.ln(3)

    def heading(self, text: str) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def paragraph(self, text: str, size: float = 10.5) -> None:
        """Body text, first line indented two characters, no line starting with ，。）."""
        self.set_font(FONT, "", size)
        for line in self.wrap_cjk("　　" + text, self.epw):
            self.cell(0, size * 0.62, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def wrap_cjk(self, text: str, width: float) -> list[str]:
        """Break ``text`` into lines by character, hanging closing punctuation (禁则).

        A closing mark that would open a line is kept at the end of the previous one,
        slightly past the margin, as Chinese typesetting does.
        """
        if not text:
            return []
        return wrap_mm(self, text, width)

    def note(self, text: str) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4.5, text, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
        self.set_text_color(*INK)
        self.ln(1)

    def kpis(self, boxes: Sequence[tuple[str, str, str]], per_row: int = 4) -> None:
        """Boxes of (label, big value, small note) in rows."""
        gap = 3
        width = (self.epw - gap * (per_row - 1)) / per_row
        for start in range(0, len(boxes), per_row):
            if self.will_page_break(22):
                self.add_page()
            y, x = self.get_y(), self.l_margin
            for label, value, small in boxes[start : start + per_row]:
                self.set_fill_color(*HEAD_FILL)
                self.rect(x, y, width, 19, style="F")
                self.set_xy(x, y + 1.5)
                self.set_font(FONT, "", 8)
                self.cell(width, 4, label, align=Align.C)
                self.set_xy(x, y + 6)
                self.set_font(FONT, "B", 14)
                self.cell(width, 7, value, align=Align.C)
                self.set_xy(x, y + 13.5)
                self.set_font(FONT, "", 7)
                self.set_text_color(*MUTED)
                self.cell(width, 4, small, align=Align.C)
                self.set_text_color(*INK)
                x += width + gap
            self.set_xy(self.l_margin, y + 19 + gap)

    #: A bordered table in the report font (``pdf_table.draw_table``).
    table = partialmethod(draw_table, font=FONT)  # type: ignore[assignment]  # replaces FPDF.table

    def picture(self, png: bytes, width_mm: float | None = None) -> None:
        """A chart at print resolution, scaled to the text width and kept on one page."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            ratio = im.height / im.width
        w = width_mm or self.epw
        if self.will_page_break(w * ratio + 2):
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin + (self.epw - w) / 2, w=w)
        self.ln(2)


def save_report(path: Path, draw: Callable[[bool], ReportPDF]) -> Path:
    """Draw the report with the common-character font cut and write it to ``path``.

    ``draw(common)`` builds the whole document. When it printed a character the cut lacks, it
    is drawn again with the whole font: slower, never a box in place of a name.
    """
    pdf = draw(True)
    if pdf.lacks_glyphs():
        for font in pdf.fonts.values():
            if isinstance(font, TTFFont):
                font.close()  # the discarded draft's font files, which output would have closed
        pdf = draw(False)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path
