"""Checks made before any parser touches a workbook someone sent in.

A workbook is untrusted input: it may be huge, a zip bomb, encrypted, or not a spreadsheet
at all. Each is refused here with a sentence the clerk understands, before parsing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tracker.errors import ImportFileError
from tracker.excel import csv_grid
from tracker.excel.suffixes import TEXT_SUFFIXES

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry larger than 1 MB

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def check_workbook(path: Path) -> str:
    """Refuse unsafe or unreadable files; return the format (xlsx, xlsm, xls, ods or csv).

    WPS's .et/.ett are the same BIFF container as .xls and read as one."""
    if not path.is_file():
        raise ImportFileError("找不到这个文件。", path=path)
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError("文件是空的。", path=path)
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"文件有 {size / 1048576:.0f} MB，超过 50 MB 的上限，请拆分后再导入。", path=path
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP):
        return _check_zip(path)
    if head == OLE2:
        if ENCRYPTED_MARK in path.read_bytes():
            raise ImportFileError(
                "文件设置了打开密码，请在 Excel/WPS 中取消密码后再导入。", path=path
            )
        return "xls"
    with path.open("rb") as fh:
        start = fh.read(SNIFF_BYTES)
    if _html(start):
        raise ImportFileError(
            "这是网页（HTML）格式的表格，只是扩展名像 Excel。"
            "请用 WPS 或 Excel 打开后“另存为” .xlsx 再导入。",
            path=path,
        )
    if path.suffix.lower() in TEXT_SUFFIXES or _text_list(start):
        return "csv"  # other systems' exports are often CSV named .xls
    raise ImportFileError("这不是 Excel、WPS、ODS 表格或 CSV 文件，无法导入。", path=path)


def _check_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ImportFileError("文件内部结构异常（条目过多），已拒绝导入。", path=path)
            total = sum(i.file_size for i in infos)
            bomb = any(
                i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
                for i in infos
            )
            if total > MAX_UNCOMPRESSED or bomb:
                raise ImportFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝导入。", path=path)
            names = {i.filename for i in infos}
            if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                return "ods"
            if "xl/workbook.xml" in names:
                return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            "文件已损坏（不是完整的压缩包），请让对方重新发送。", path=path
        ) from exc
    raise ImportFileError("这是一个压缩文件，但不是 Excel 或 ODS 表格。", path=path)


SNIFF_BYTES = 64 * 1024


def _html(start: bytes) -> bool:
    head = start.lstrip(b"\xef\xbb\xbf \r\n\t")[:1024].lower()
    return head.startswith(b"<") and (b"<html" in head or b"<table" in head)


def _text_list(start: bytes) -> bool:
    """Whether a file begins as separated text lines (a CSV whatever its name says)."""
    text = None if csv_grid.starts_binary(start) else csv_grid.text_of(start, partial=True)
    if text is None:
        return False
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    return len(lines) >= 2 and any(sep in text for sep in ",\t;")
