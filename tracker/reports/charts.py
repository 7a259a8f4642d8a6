"""The bulletin's charts as PNG bytes, drawn with matplotlib's object API.

No pyplot: figures are created and dropped explicitly, so drawing in a worker thread or a
long-running GUI never leaks global state. The Chinese font is the one the PDF embeds, and
``axes.unicode_minus`` is off because CJK fonts lack the Unicode minus glyph.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from tracker.metrics import Rates
from tracker.reports.fonts import find_cjk_font

DPI = 200
WIDTH_IN = 6.3
PALETTE = ("#c0392b", "#2e86c1", "#27ae60", "#f39c12", "#8e44ad", "#7f8c8d", "#16a085", "#d35400")
MAX_UNITS = 20


@contextmanager
def _style() -> Iterator[None]:
    font = find_cjk_font()
    known = {f.name for f in font_manager.fontManager.ttflist}
    if font.family not in known:
        font_manager.fontManager.addfont(str(font.path))
    with matplotlib.rc_context(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [font.family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        yield


def _render(height_in: float, draw: Callable[[Figure], None]) -> bytes:
    with _style():
        fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        draw(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def unit_completion(units: Sequence[Rates]) -> bytes:
    """Horizontal bars: 办结率 of the units with the most items (at most 20)."""
    shown = sorted(units, key=lambda u: -u.counted)[:MAX_UNITS]
    shown.sort(key=lambda u: u.completion_rate or 0)

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        values = [(u.completion_rate or 0) * 100 for u in shown]
        bars = ax.barh([u.label for u in shown], values, color=PALETTE[1])
        ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=2, fontsize=7)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xlim(0, 110)
        ax.set_title("各单位办结率")
        ax.tick_params(axis="y", labelsize=7)

    return _render(max(2.2, 0.22 * len(shown) + 0.8), draw)


def status_share(counts: Sequence[tuple[str, int]]) -> bytes:
    """Donut of items per status."""

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
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

    return _render(3.0, draw)


def closures_by_month(series: Sequence[tuple[str, int]]) -> bytes:
    """Bars of items done per month with the cumulative total as a line."""

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        months = [m for m, _ in series]
        values = [n for _, n in series]
        ax.bar(months, values, color=PALETTE[1], label="当月办结")
        ax.set_ylabel("当月办结（项）")
        total = fig.axes[0].twinx()
        cumulative = [sum(values[: i + 1]) for i in range(len(values))]
        total.plot(months, cumulative, color=PALETTE[0], marker="o", label="累计办结")
        total.set_ylabel("累计办结（项）")
        total.set_ylim(bottom=0)
        _legend(ax, total)
        ax.set_title("逐月办结情况")

    return _render(2.8, draw)


def _legend(*axes: Axes) -> None:
    handles, labels = [], []
    for ax in axes:
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    axes[0].legend(handles, labels, loc="upper left", fontsize=8, frameon=False)


def counts_bar(title: str, counts: Sequence[tuple[str, int]], colour: str = PALETTE[1]) -> bytes:
    """Vertical bars with their numbers on top (满意度分布, 逾期天数分布)."""

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        bars = ax.bar([c for c, _ in counts], [n for _, n in counts], color=colour)
        ax.bar_label(bars, padding=2, fontsize=8)
        ax.set_title(title)
        ax.set_ylabel("事项（项）")
        ax.margins(y=0.15)

    return _render(2.4, draw)
