"""Open, show in its folder, or print a document the program wrote.

Printing hands the file to the desktop: Windows prints a PDF through its registered viewer
(``os.startfile(..., "print")``); Kylin/UOS and other Linux desktops through CUPS (``lp``).
Where neither is available the user is told to print from the viewer instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def print_file(path: Path) -> str | None:
    """Send ``path`` to the default printer; ``None`` when sent, else why not (Chinese)."""
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # Windows only
        except OSError as exc:
            return f"没有能打印此文件的程序（{exc.strerror}）。请打开文件后从查看程序打印。"
        return None
    lp = shutil.which("lp")
    if lp is None:
        return "本机没有打印服务（CUPS）。请打开文件后从查看程序打印。"
    done = subprocess.run([lp, str(path)], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        return f"打印失败：{(done.stderr or done.stdout).strip() or '打印服务没有接受此文件'}"
    return None
