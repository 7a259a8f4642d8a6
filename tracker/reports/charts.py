"""The bulletin's charts as PNG bytes, drawn with matplotlib's object API.

No pyplot: figures are created and dropped explicitly, so drawing in a worker thread or a
long-running GUI never leaks global state. The Chinese font is the one the PDF embeds, and
``axes.unicode_minus`` is off because CJK fonts lack the Unicode minus glyph.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from tracker.metrics import Rates
from tracker.reports.fonts import find_cjk_font
from tracker.textwidth import display_width

DPI = 200
WIDTH_IN = 6.3
PALETTE = ("#c0392b", "#2e86c1", "#27ae60", "#f39c12", "#8e44ad", "#7f8c8d", "#16a085", "#d35400")
#: Bars per unit chart: 30 (7.4 in tall) fit an A4 page with the chart's title and margins.
UNITS_PER_CHART = 30


def rc_settings() -> dict[str, object]:
    """matplotlib settings for Chinese charts: the PDF's CJK font, no Unicode minus."""
    font = find_cjk_font()
    known = {f.name for f in font_manager.fontManager.ttflist}
    if font.family not in known:
        font_manager.fontManager.addfont(str(font.path))
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [font.family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


@contextmanager
def style() -> Iterator[None]:
    """The settings for one drawing only, so a report leaves no global state behind.

    Interactive canvases redraw later (resize, hover), outside any context: the GUI
    applies ``rc_settings()`` to its own process instead.
    """
    with matplotlib.rc_context(cast(Any, rc_settings())):
        yield


@dataclass(frozen=True)
class Margins:
    """Inches kept around a report chart's plot for its tick labels, axis labels and title.

    Report charts are laid out from their own labels instead of by constrained layout,
    which measures every text in a layout pass before the drawing pass: 40 % of the
    charts' time in a bulletin. The dashboard's live canvases keep constrained layout.
    """

    left: float = 0.45
    right: float = 0.12
    top: float = 0.34
    bottom: float = 0.34


def text_inches(text: str, points: float) -> float:
    """Approximate width of ``text`` at ``points``: CJK characters one em, others ≈ 0.6.

    From the display width in columns (two per CJK character, one for others): ``wide``
    characters are ``columns − len``, the others ``2·len − columns``.
    """
    columns = display_width(text)
    return (0.4 * columns + 0.2 * len(text)) * points / 72


def _number_axis(largest: float) -> float:
    """Inches for a numeric axis: its longest tick label and its rotated axis label."""
    return text_inches(f"{max(largest, 0) * 1.2:.0f}", 9) + 0.12 + 0.25


def _render(height_in: float, draw: Callable[[Figure], None], margins: Margins) -> bytes:
    with style():
        fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
        fig.subplots_adjust(
            left=margins.left / WIDTH_IN,
            right=1 - margins.right / WIDTH_IN,
            top=1 - margins.top / height_in,
            bottom=margins.bottom / height_in,
        )
        FigureCanvasAgg(fig)
        draw(fig)
        return _png(fig)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def unit_completion(units: Sequence[Rates], title: str = "各单位办结率") -> bytes:
    """Horizontal bars: 办结率 of ``units``, top to bottom in the order given."""
    longest = max((text_inches(u.label, 7) for u in units), default=0.5)
    return _render(
        unit_chart_height(units),
        lambda fig: draw_unit_completion(fig, units, title),
        Margins(left=min(longest + 0.15, WIDTH_IN * 0.45), right=0.1, bottom=0.3),
    )


def unit_chart_height(units: Sequence[Rates]) -> float:
    """Inches: enough for one readable bar per unit."""
    return max(2.2, 0.22 * len(units) + 0.8)


def unit_pages(units: Sequence[Rates]) -> list[tuple[str, list[Rates]]]:
    """Every unit, in ranking order, cut into charts that fit a page, each with its title:
    no unit is left out of the chart (a long list continues on the next chart)."""
    chunks = [list(units[i : i + UNITS_PER_CHART]) for i in range(0, len(units), UNITS_PER_CHART)]
    if len(chunks) <= 1:
        return [("各单位办结率（按考核排名）", chunks[0])] if chunks else []
    out, first = [], 1
    for chunk in chunks:
        out.append((f"各单位办结率（按考核排名第{first}–{first + len(chunk) - 1}名）", chunk))
        first += len(chunk)
    return out


def draw_unit_completion(fig: Figure, units: Sequence[Rates], title: str = "各单位办结率") -> None:
    """Each bar carries its unit's name as gid, so a click on it can name the unit."""
    ax = fig.add_subplot()
    values = [(u.completion_rate or 0) * 100 for u in units]
    bars = ax.barh([u.label for u in units], values, color=PALETTE[1])
    for bar, u in zip(bars, units, strict=True):
        bar.set_gid(u.label)
    ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=2, fontsize=7)
    ax.xaxis.set_major_formatter(PercentFormatter())
    ax.set_xlim(0, 110)
    ax.invert_yaxis()  # the first unit of the ranking at the top, as in the table
    ax.set_title(title)
    ax.tick_params(axis="y", labelsize=7)


def status_share(counts: Sequence[tuple[str, int]]) -> bytes:
    """Donut of items per status."""
    total = sum(n for _, n in counts) or 1
    legend = max(
        (text_inches(f"{name}  {n}（{n / total:.1%}）", 9) for name, n in counts), default=1.0
    )
    return _render(
        3.0,
        lambda fig: draw_status_share(fig, counts),
        Margins(left=0.1, right=legend + 0.55, top=0.3, bottom=0.05),
    )


def draw_status_share(fig: Figure, counts: Sequence[tuple[str, int]]) -> None:
    ax = fig.add_subplot()
    if not any(n for _, n in counts):  # an empty ledger or a unit without items
        ax.text(0.5, 0.5, "暂无事项", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("事项状态分布")
        ax.set_axis_off()
        return
    total = sum(n for _, n in counts) or 1
    labels = [f"{name}  {n}（{n / total:.1%}）" for name, n in counts]
    wedges, _ = ax.pie(
        [n for _, n in counts],
        colors=PALETTE[: len(counts)],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.4, "edgecolor": "white"},
    )
    ax.legend(wedges, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_title("事项状态分布")
    ax.set_aspect("equal")


def closures_by_month(series: Sequence[tuple[str, int]]) -> bytes:
    """Bars of items done per month with the cumulative total as a line."""
    values = [n for _, n in series]
    return _render(
        2.8,
        lambda fig: draw_closures_by_month(fig, series),
        Margins(left=_number_axis(max(values, default=0)), right=_number_axis(sum(values))),
    )


def draw_closures_by_month(fig: Figure, series: Sequence[tuple[str, int]]) -> None:
    ax = fig.add_subplot()
    months = [m for m, _ in series]
    values = [n for _, n in series]
    ax.bar(months, values, color=PALETTE[1], label="当月办结")
    ax.set_ylabel("当月办结（项）")
    total = ax.twinx()
    cumulative = [sum(values[: i + 1]) for i in range(len(values))]
    total.plot(months, cumulative, color=PALETTE[0], marker="o", label="累计办结")
    total.set_ylabel("累计办结（项）")
    total.set_ylim(bottom=0)
    for axis in (ax, total):
        _count_axis(axis, max(values + cumulative, default=0))
    _legend(ax, total)
    ax.set_title("逐月办结情况")


def _count_axis(ax: Axes, largest: int) -> None:
    """Whole numbers from 0: an empty ledger's axis ran from −0.05 to 0.05."""
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if largest == 0:
        ax.set_ylim(0, 1)
    else:
        ax.set_ylim(bottom=0)


def _legend(*axes: Axes) -> None:
    handles, labels = [], []
    for ax in axes:
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    axes[0].legend(handles, labels, loc="upper left", fontsize=8, frameon=False)


def counts_bar(title: str, counts: Sequence[tuple[str, int]], colour: str = PALETTE[1]) -> bytes:
    """Vertical bars with their numbers on top (满意度分布, 逾期天数分布)."""
    return _render(
        2.4,
        lambda fig: draw_counts_bar(fig, title, counts, colour),
        Margins(left=_number_axis(max((n for _, n in counts), default=0))),
    )


def draw_counts_bar(
    fig: Figure, title: str, counts: Sequence[tuple[str, int]], colour: str = PALETTE[1]
) -> None:
    ax = fig.add_subplot()
    bars = ax.bar([c for c, _ in counts], [n for _, n in counts], color=colour)
    ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_title(title)
    ax.set_ylabel("事项（项）")
    ax.margins(y=0.15)
    _count_axis(ax, max((n for _, n in counts), default=0))
