"""A cached cut of the Chinese font holding the characters reports normally print.

A PDF embeds the glyphs it uses, cut out of the font at output. With a whole CJK font
(Noto Sans CJK: 65,000 glyphs, 19 MB) every report paid for reading it twice — ≈ 0.4 s per
face to load its tables, ≈ 0.8 s per face to cut — whatever its length: most of a one-page
item card's time. A cut holding GB2312 (the 6,763 characters official documents are written
in), Latin, and the punctuation and full-width forms is 1.8 MB and ten times quicker to use.

It is made once per font file (≈ 6 s a face, in the background by the desktop app), kept in
the cache folder under a name that changes when the font file does, and written by rename so
a killed process leaves no half file. A report is drawn with it only when every character is
in it; a report naming a rarer character (堃, 喆, 𠮷) is drawn again with the whole font
(``pdf_doc.save_report``), so nothing ever prints as a box.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from tracker.paths import cache_dir
from tracker.reports.fonts import CjkFont, bold_variant, find_cjk_font

log = logging.getLogger(__name__)

VERSION = 1  # bump when COMMON or the cutting options change: old cuts are then not used


def _gb2312() -> set[int]:
    chars: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


#: Code points of the cut: printable ASCII and Latin-1 and Latin Extended-A, general
#: punctuation, CJK symbols, full-width forms, and GB2312.
COMMON: frozenset[int] = frozenset(
    set(range(0x20, 0x7F))
    | set(range(0xA0, 0x180))
    | set(range(0x2000, 0x2070))
    | set(range(0x2100, 0x2200))
    | set(range(0x2460, 0x2500))
    | set(range(0x3000, 0x3040))
    | set(range(0xFF00, 0xFFEF))
    | _gb2312()
)


def cut_path(font: CjkFont) -> Path:
    """Where the cut of ``font`` is kept: named by the file, face, size and change time."""
    stat = font.path.stat()
    name = f"{font.path.stem}-{font.index}-{stat.st_size}-{stat.st_mtime_ns}-v{VERSION}.otf"
    return cache_dir() / "fonts" / name


def cached_cut(font: CjkFont) -> CjkFont | None:
    """The cut of ``font`` when it has been made, else None (never makes it: that takes
    seconds, and a report must not wait for it)."""
    try:
        path = cut_path(font)
    except OSError:
        return None
    return CjkFont(path, 0, font.family) if path.is_file() else None


def make_cut(font: CjkFont, target: Path, chars: Iterable[int] = COMMON) -> Path:
    """Write a cut of ``font`` holding ``chars`` to ``target`` (atomically)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "VORG", "vhea", "vmtx"]
    with TTFont(str(font.path), fontNumber=font.index, lazy=True, recalcBBoxes=False) as whole:
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=set(chars))
        cutter.subset(whole)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                whole.save(fh)
            os.replace(part, target)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    return target


def _sweep_parts(folder: Path, age_s: float = 3600) -> None:
    """Remove half-written cuts an app closed mid-cut left behind (not a running one's)."""
    if not folder.is_dir():
        return
    for part in folder.glob("*.part"):
        if time.time() - part.stat().st_mtime > age_s:
            part.unlink(missing_ok=True)


def prepare() -> list[Path]:
    """Make the cuts of the report fonts (regular and bold) that are missing.

    Best effort, for a background thread: a machine without a Chinese font, a read-only cache
    folder or a font fontTools cannot cut leaves reports on the whole font, as before.
    """
    made: list[Path] = []
    try:
        regular = find_cjk_font()
        _sweep_parts(cut_path(regular).parent)
        for font in dict.fromkeys((regular, bold_variant(regular))):
            if cached_cut(font) is None:
                made.append(make_cut(font, cut_path(font)))
    except Exception:  # a cache only: never worth failing the app for
        log.warning("report font cut not made", exc_info=True)
    return made


if __name__ == "__main__":
    for made_path in prepare():
        print(made_path)
