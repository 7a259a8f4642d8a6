"""Report charts: laid out from their own labels, no text cut off at the figure's edges."""

from __future__ import annotations

from matplotlib.figure import Figure

from tracker.metrics import Rates
from tracker.reports import charts


def test_text_width_counts_chinese_as_one_em_and_digits_as_less():
    assert charts.text_inches("县教育局", 9) == 4 * 9 / 72
    assert abs(charts.text_inches("2026", 9) - 2.4 * 9 / 72) < 1e-9


def _units() -> list[Rates]:
    units = []
    for i, name in enumerate(
        ["县人力资源和社会保障局农村劳动力转移就业服务中心", "城关镇", "县教育局"]
    ):
        r = Rates(str(i), name, counted=100_000 * (i + 1), done=99_000 * (i + 1))
        r.completion_rate = r.done / r.counted
        units.append(r)
    return units


def test_long_unit_names_and_big_numbers_stay_inside_the_charts(monkeypatch):
    cut: list[str] = []

    def check(fig: Figure) -> bytes:
        """Instead of saving: everything drawn (ticks, labels, legend) lies within the figure."""
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        ink = fig.get_tightbbox(renderer)  # inches, as bbox_inches="tight" would crop
        width, height = fig.get_size_inches()
        if ink.x0 < 0 or ink.y0 < 0 or ink.x1 > width or ink.y1 > height:
            cut.append(fig.axes[0].get_title())
        return b""

    monkeypatch.setattr(charts, "_png", check)
    charts.unit_completion(_units())
    charts.closures_by_month([("1月", 120_000), ("2月", 980_000), ("3月", 4_000)])
    charts.counts_bar("回访满意度分布", [("满意", 2_500_000), ("不满意", 3)])
    charts.status_share([("办理中", 123_456), ("已销号", 654_321), ("已终止", 7)])
    assert cut == []


def test_an_empty_ledgers_count_charts_start_at_zero_in_whole_numbers():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    for draw in (
        lambda fig: charts.draw_counts_bar(fig, "回访满意度分布", [("满意", 0), ("不满意", 0)]),
        lambda fig: charts.draw_closures_by_month(fig, [("1月", 0), ("2月", 0)]),
    ):
        fig = Figure()
        FigureCanvasAgg(fig)
        draw(fig)
        for ax in fig.axes:
            low, high = ax.get_ylim()
            assert low == 0 and high >= 1
            assert all(float(t).is_integer() for t in ax.get_yticks())
