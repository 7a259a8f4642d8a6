"""The bulletin against the hand-tallied ten-item ledger (see tests/tracker/conftest.py)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from tracker import metrics
from tracker.reports.bulletin_data import Scope, gather
from tracker.reports.bulletin_pdf import write_pdf
from tracker.reports.bulletin_xlsx import write_xlsx
from tracker.reports.period import parse_period
from tracker.reports.summary import paragraphs

AS_OF = dt.date(2026, 7, 31)


@pytest.fixture
def bulletin(ten_items):
    with ten_items.sessions.begin() as s:
        return gather(s, parse_period("2026-07"), as_of=AS_OF)


def test_figures_equal_the_metrics_and_the_hand_tally(bulletin, ten_items):
    k = bulletin.kpi
    assert (k.counted, k.done, k.overdue_open, k.surveyed) == (8, 4, 2, 2)
    assert k.completion_rate == pytest.approx(0.5) and k.on_time_rate == pytest.approx(0.4)
    with ten_items.sessions.begin() as s:
        assert metrics.as_dict(k) == metrics.as_dict(metrics.compute(s, AS_OF)[0])
    # As of 6-30: A, I and J were done (I's reopening on 7-20 came later).
    assert bulletin.previous.done == 3
    assert bulletin.done_in_period == 2  # B on 7-10 and G on 7-1
    assert bulletin.done_by_month == [
        ("1月", 0),
        ("2月", 0),
        ("3月", 0),
        ("4月", 0),
        ("5月", 0),
        ("6月", 2),
        ("7月", 2),
    ]
    # C and I are open with the 6-30 deadline: 31 days overdue on 7-31.
    assert dict(bulletin.overdue_buckets)["31–90天"] == 2
    assert sum(n for _, n in bulletin.overdue_buckets) == 2
    assert bulletin.warning_totals["red"] == 2
    assert sorted(x.code for x in bulletin.warnings["red"]) == ["C", "I"]
    assert {x.overdue_days for x in bulletin.warnings["red"]} == {31}
    assert bulletin.satisfaction == [("满意", 1), ("基本满意", 1), ("不满意", 0)]


def test_warning_lists_are_the_ledgers_light_filter_cut_at_the_limit(ten_items):
    """The lists come from one windowed query; they must be what the ledger shows for each
    light (earliest deadline first), cut at the limit while the totals stay whole."""
    from sqlalchemy import select

    from tracker.models import Item
    from tracker.query import ItemFilter, apply_filter

    with ten_items.sessions.begin() as s:
        whole = gather(s, parse_period("2026-07"), as_of=AS_OF)
        cut = gather(s, parse_period("2026-07"), as_of=AS_OF, list_limit=1)
        for light in ("red", "orange", "yellow"):
            f = ItemFilter(lights=[light], as_of=AS_OF)
            stmt = apply_filter(s, select(Item.code), f).order_by(Item.deadline_date, Item.id)
            codes = list(s.scalars(stmt))
            assert [x.code for x in whole.warnings[light]] == codes
            assert [x.code for x in cut.warnings[light]] == codes[:1]
            assert whole.warning_totals[light] == cut.warning_totals[light] == len(codes)
    assert cut.warning_totals["red"] == 2 and len(cut.warnings["red"]) == 1


def test_units_are_ranked_by_score(bulletin):
    assert [(u.label, round(u.score, 1)) for u in bulletin.units] == [
        ("县民政局", 100.0),
        ("县教育局", 60.0),
    ]


def test_summary_states_figures_and_change(bulletin):
    text = "\n".join(paragraphs(bulletin))
    assert "共有“我为群众办实事”事项8项，已办结4项，办结率50.0%" in text
    # As of 6-30: 3 of 8 counted items done (F left the count on 3-1; I was still done,
    # its reopening came on 7-20): 37.5% → 50.0%.
    assert "比上期提高12.5个百分点" in text
    assert "逾期未办结2项" in text
    assert "2026年7月新增事项" in text


def test_scope_narrows_every_figure(ten_items):
    with ten_items.sessions.begin() as s:
        civil = gather(s, parse_period("2026-07"), Scope(unit="县民政局"), AS_OF)
    assert (civil.kpi.counted, civil.kpi.done, civil.kpi.overdue_open) == (1, 1, 0)
    assert civil.scope_label == "县民政局"
    assert civil.warning_totals == {"red": 0, "orange": 0, "yellow": 0}


def test_unknown_scope_is_refused(ten_items):
    from tracker.errors import NotFoundError

    with ten_items.sessions.begin() as s, pytest.raises(NotFoundError, match="没有名为“无此局”"):
        gather(s, parse_period("2026-07"), Scope(unit="无此局"), AS_OF)


def _pdftext(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_holds_the_chinese_text_and_embeds_a_cjk_font(bulletin, tmp_path):
    path = write_pdf(bulletin, tmp_path / "通报.pdf")
    text = _pdftext(path)
    for words in (
        "督办通报",
        "总体情况",
        "办结率50.0%",
        "单位排名",
        "县民政局",
        "红灯事项",
        "审计链头",
        bulletin.audit_head[:16],  # the footer names the head by its first 16 digits
    ):
        assert words in text.replace(" ", ""), words
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "Hei" in line]
    assert cjk and all(" yes yes " in line for line in cjk)  # embedded, subset


def test_xlsx_has_the_same_figures_as_numbers(bulletin, tmp_path):
    path = write_xlsx(bulletin, tmp_path / "通报.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "概况",
        "单位排名",
        "红灯事项",
        "橙灯事项",
        "黄灯事项",
        "督办事项",
        "分领域",
        "口径说明",
    ]
    rows = {r[0]: r[1:3] for r in wb["概况"].iter_rows(min_row=6, max_row=15, values_only=True)}
    assert rows["事项总数"] == (8, 8)
    assert rows["办结率"][0] == pytest.approx(0.5)
    units = list(wb["单位排名"].iter_rows(min_row=7, values_only=True))
    assert [u[1] for u in units] == ["县民政局", "县教育局"]
    assert units[1][-1] == 60.0
    red = list(wb["红灯事项"].iter_rows(min_row=7, values_only=True))
    assert sorted(r[1] for r in red) == ["C", "I"] and {r[6] for r in red} == {31}
    assert len(wb["概况"]._charts) == 2


def test_xlsx_opens_in_libreoffice(bulletin, tmp_path):
    path = write_xlsx(bulletin, tmp_path / "bulletin.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        check=True,
        timeout=180,
    )
    assert "督办通报" in _pdftext(tmp_path / "bulletin.pdf")


def test_every_xlsx_sheet_prints_one_page_wide_with_page_numbers(bulletin, tmp_path):
    wb = load_workbook(write_xlsx(bulletin, tmp_path / "通报.xlsx"))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.fitToWidth, setup.fitToHeight, setup.orientation) == (1, 0, "landscape")
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
