"""Report tables: wrapping by character, 禁则, and rows that meet the foot of a page."""

from __future__ import annotations

import subprocess
from collections import defaultdict

from tracker.reports.pdf_doc import ReportPDF
from tracker.reports.pdf_table import wrap

EM = defaultdict(lambda: 1000)  # every character one em wide


def test_text_is_wrapped_by_character_to_the_room():
    assert wrap("一二三四五六七", 3000, EM) == ["一二三", "四五六", "七"]
    assert wrap("一二三", 3000, EM) == ["一二三"]
    assert wrap("", 3000, EM) == [""]


def test_a_closing_mark_never_opens_a_line():
    assert wrap("一二三，四五", 3000, EM) == ["一二三，", "四五"]
    assert wrap("一二三）。四", 3000, EM) == ["一二三）。", "四"]


def test_line_breaks_in_the_text_are_kept():
    assert wrap("一二\n\n三四五六", 3000, EM) == ["一二", "", "三四五", "六"]


def test_narrow_room_still_takes_a_character_per_line():
    assert wrap("一二", 10, EM) == ["一", "二"]


def test_widths_come_from_the_font():
    widths = defaultdict(lambda: 1000, {ord("a"): 500})
    assert wrap("aaaa一a", 2000, widths) == ["aaaa", "一a"]


def _pages(path) -> list[str]:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


def _report(rows, tmp_path, name="t.pdf"):
    pdf = ReportPDF("测试", "实事台账", common=False)
    pdf.table(["时间", "内容"], rows, (30, 150))
    path = tmp_path / name
    pdf.output(str(path))
    return path


def test_a_row_taller_than_a_page_continues_under_repeated_headings(tmp_path):
    sentences = [f"第{n:03d}句进展情况。" for n in range(1, 400)]
    pages = _pages(_report([["11月1日", "".join(sentences)], ["11月2日", "完成"]], tmp_path))
    assert len(pages) >= 2
    assert all("时间" in p and "内容" in p for p in pages)
    text = "".join("".join(p.split()) for p in pages)
    positions = [text.index(f"第{n:03d}句") for n in range(1, 400)]
    assert positions == sorted(positions)  # every sentence printed, in order
    assert text.index("第399句") < text.index("11月2日")


def test_a_row_that_fits_a_page_is_moved_whole_not_cut(tmp_path):
    filler = [[f"{n}日", "短"] for n in range(1, 41)]  # the first page nearly full
    tall = "".join(f"长段落第{n:02d}行内容" for n in range(1, 60))
    pages = _pages(_report([*filler, ["末行", tall]], tmp_path))
    assert len(pages) == 2
    assert "40日" in pages[0] and "长段落" not in pages[0]
    assert "长段落第01行" in "".join(pages[1].split())
