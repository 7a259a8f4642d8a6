"""Find a Chinese font on this machine, for PDFs (embedded) and charts.

Reports must never print tofu boxes, and the offices' machines differ: Windows has
Microsoft YaHei or SimHei, Kylin/UOS and other Linux desktops have Noto/Source Han or
WenQuanYi. Collections (.ttc) hold several faces; the simplified-Chinese face is picked by
its name table, so a Noto collection does not print Japanese glyph forms.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker.errors import FontMissingError
from tracker.paths import resources_dirs

#: Preferred fonts, best first: (family shown to matplotlib, file names, face family wanted).
CANDIDATES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Microsoft YaHei", ("msyh.ttc", "msyh.ttf"), "Microsoft YaHei"),
    ("SimHei", ("simhei.ttf",), "SimHei"),
    (
        "Noto Sans CJK SC",
        ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf"),
        "Noto Sans CJK SC",
    ),
    (
        "Source Han Sans SC",
        ("SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc"),
        "Source Han Sans SC",
    ),
    ("WenQuanYi Micro Hei", ("wqy-microhei.ttc",), "WenQuanYi Micro Hei"),
    ("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",), "WenQuanYi Zen Hei"),
)

MISSING_MESSAGE = (
    "未找到可用的中文字体，报表无法生成。请安装以下任一字体后重试：微软雅黑、黑体、"
    "思源黑体（Noto Sans CJK SC）或文泉驿微米黑；麒麟/统信系统可执行 "
    "sudo apt install fonts-noto-cjk。"
)


@dataclass(frozen=True)
class CjkFont:
    """One font face: its file, the face index inside a collection, and its family name."""

    path: Path
    index: int
    family: str


def font_dirs() -> list[Path]:
    """System and user font folders, plus the bundle's own ``resources/fonts``."""
    dirs = [d / "fonts" for d in resources_dirs()]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


@cache
def find_cjk_font() -> CjkFont:
    """The best Chinese font installed.

    Raises:
        FontMissingError: none of the candidates is installed; the message says what to install.
    """
    files = _index_files(font_dirs())
    for family, names, face in CANDIDATES:
        for name in names:
            path = files.get(name.lower())
            if path is not None:
                return CjkFont(path, _face_index(path, face), family)
    raise FontMissingError(MISSING_MESSAGE)


def bold_variant(font: CjkFont) -> CjkFont:
    """The bold face of the same family when installed, else the regular one."""
    bold_name = font.path.name.replace("Regular", "Bold").replace("msyh.", "msyhbd.")
    candidate = font.path.with_name(bold_name)
    if candidate != font.path and candidate.is_file():
        return CjkFont(candidate, font.index, font.family)
    return font


def _index_files(dirs: list[Path]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for d in dirs:
        for root, _, names in os.walk(d):
            for name in names:
                files.setdefault(name.lower(), Path(root) / name)
    return files


def _face_index(path: Path, family: str) -> int:
    """Index of the face called ``family`` in a collection; 0 for single fonts."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        for i, face in enumerate(collection.fonts):
            names = {str(n) for n in face["name"].names if n.nameID in (1, 16)}
            if family in names:
                return i
    return 0
