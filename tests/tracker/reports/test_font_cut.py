"""The cached cut of the report font: what it holds, where it lives, when it is not used."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from tracker.reports import font_cut
from tracker.reports.fonts import CjkFont, bold_variant, find_cjk_font
from tracker.reports.pdf_doc import ReportPDF, save_report

# Enough for the test page and its footer (第 1 / 1 页), nothing more.
SMALL = frozenset(map(ord, "".join(map(chr, range(0x20, 0x7F))) + "实事台账第页简报　"))


def _cmap(path) -> set[int]:
    with TTFont(str(path), lazy=True) as font:
        return set(font.getBestCmap())


def _text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SHISHI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def small_cuts(cache):
    """Cuts of the regular and bold report faces holding only SMALL, where reports look."""
    regular = find_cjk_font()
    for font in dict.fromkeys((regular, bold_variant(regular))):
        font_cut.make_cut(font, font_cut.cut_path(font), SMALL)
    return regular


def test_a_cut_holds_exactly_the_asked_characters_and_is_written_whole(cache):
    regular = find_cjk_font()
    target = cache / "fonts" / "small.otf"
    assert font_cut.make_cut(regular, target, SMALL) == target
    assert _cmap(target) == set(SMALL)
    assert target.stat().st_size < regular.path.stat().st_size / 20
    assert [p.name for p in target.parent.iterdir()] == ["small.otf"]  # no .part left


def test_the_common_set_covers_official_text_and_not_rare_names():
    assert all(
        ord(ch) in font_cut.COMMON for ch in "关于做好我为群众办实事台账销号工作的通知（２０２６）①"
    )
    assert len([c for c in font_cut.COMMON if 0x4E00 <= c <= 0x9FFF]) == 6763
    assert not {ord("堃"), ord("喆"), ord("𠮷")} & font_cut.COMMON


def test_a_cut_is_found_only_once_made_and_not_after_the_font_changes(cache, tmp_path):
    whole = find_cjk_font()
    copy = tmp_path / whole.path.name
    shutil.copyfile(whole.path, copy)
    font = CjkFont(copy, whole.index, whole.family)
    assert font_cut.cached_cut(font) is None
    font_cut.make_cut(font, font_cut.cut_path(font), SMALL)
    found = font_cut.cached_cut(font)
    assert found is not None and found.index == 0
    assert found.path.parent == cache / "fonts"
    assert _cmap(found.path) == set(SMALL)
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # an updated font package
    assert font_cut.cached_cut(font) is None


def _font_files() -> set[str]:
    """The font files a new report embeds from."""
    pdf = ReportPDF("简报", "实事台账")
    files = {str(f.ttffile) for f in pdf.fonts.values()}
    for font in pdf.fonts.values():
        font.close()
    return files


def _page(text: str, calls: list[bool]):
    def draw(common: bool) -> ReportPDF:
        calls.append(common)
        pdf = ReportPDF("简报", "实事台账", common=common)
        pdf.title_block("简报", "实事台账")
        pdf.paragraph(text)
        return pdf

    return draw


def test_a_report_inside_the_cut_is_drawn_once_with_it(small_cuts, tmp_path):
    calls: list[bool] = []
    assert _font_files() == {
        str(font_cut.cut_path(small_cuts)),
        str(font_cut.cut_path(bold_variant(small_cuts))),
    }
    out = save_report(tmp_path / "a.pdf", _page("实事台账 2026", calls))
    assert calls == [True]
    assert "实事台账 2026" in _text(out)


def test_a_character_outside_the_cut_draws_the_report_again_with_the_whole_font(
    small_cuts, tmp_path
):
    calls: list[bool] = []
    out = save_report(tmp_path / "b.pdf", _page("经办人：王堃", calls))
    assert calls == [True, False]
    assert "经办人：王堃" in _text(out)


def test_without_a_cut_reports_use_the_whole_font(cache, tmp_path):
    calls: list[bool] = []
    assert _font_files() == {
        str(find_cjk_font().path),
        str(bold_variant(find_cjk_font()).path),
    }
    out = save_report(tmp_path / "c.pdf", _page("经办人：王堃", calls))
    assert calls == [True]
    assert "经办人：王堃" in _text(out)


def test_prepare_gives_up_quietly_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SHISHI_CACHE_DIR", str(blocker))
    assert font_cut.prepare() == []
    assert blocker.read_text() == "x"


def test_prepare_sweeps_only_stale_half_written_cuts(cache, monkeypatch):
    monkeypatch.setattr(font_cut, "make_cut", lambda font, target, chars=(): target)
    folder = cache / "fonts"
    folder.mkdir(parents=True)
    stale, running = folder / "a.part", folder / "b.part"
    stale.write_bytes(b"x")
    running.write_bytes(b"x")
    os.utime(stale, (1, 1))
    font_cut.prepare()
    assert sorted(p.name for p in folder.iterdir()) == ["b.part"]
