"""The desktop app makes the reports' font cut in the background after start-up."""

from __future__ import annotations

import threading

from tracker.reports import font_cut
from tracker.reports.fonts import bold_variant, find_cjk_font
from ui.app import cut_report_fonts_later


def test_the_font_cut_is_made_off_the_window_thread_and_then_used(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SHISHI_CACHE_DIR", str(tmp_path / "cache"))
    regular = find_cjk_font()
    faces = [regular, bold_variant(regular)]
    assert [font_cut.cached_cut(f) for f in faces] == [None, None]
    cut_report_fonts_later(delay_ms=0)
    assert not any(t.name == "font-cut" for t in threading.enumerate())  # waits for the loop
    qtbot.waitUntil(lambda: any(t.name == "font-cut" for t in threading.enumerate()), timeout=5000)
    qtbot.waitUntil(
        lambda: not any(t.name == "font-cut" for t in threading.enumerate()), timeout=120_000
    )
    cuts = [font_cut.cached_cut(f) for f in faces]
    assert all(c is not None for c in cuts)
    assert [p.name for p in (tmp_path / "cache" / "fonts").iterdir() if p.suffix == ".part"] == []
    assert all(
        c.path.stat().st_size < f.path.stat().st_size / 5 for c, f in zip(cuts, faces, strict=True)
    )
