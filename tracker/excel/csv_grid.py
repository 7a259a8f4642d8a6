"""Read a CSV list into the same grid a workbook gives, so one planner and one preview serve
both.

Lists arrive as CSV from other systems: the 12345 platform's exports and WPS's “另存为 CSV”
are GB18030 (GBK), newer tools write UTF-8 with or without a BOM, and Excel's “Unicode 文本”
is tab-separated UTF-16. The encoding is found by trying the strict decoders in that order;
the separator as the one of comma, tab, semicolon and bar that splits most lines alike.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from tracker.errors import ImportFileError

_SEPARATORS = ",\t;|"


_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16", b"\xef\xbb\xbf": "utf-8-sig"}


def _declared(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start names."""
    return next((enc for bom, enc in _BOMS.items() if data.startswith(bom)), None)


def text_of(data: bytes, *, partial: bool = False) -> str | None:
    """``data`` in the first encoding it is valid in (the one its byte-order mark names, else
    UTF-8, else GB18030); ``None`` when none fits. ``partial``: ``data`` is the start of a
    file, whose last character may be cut."""
    declared = _declared(data)
    for encoding in (declared,) if declared else ("utf-8", "gb18030"):
        try:
            return codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)
        except UnicodeDecodeError:
            continue
    return None


def starts_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16: not a text file."""
    return b"\x00" in data and _declared(data) != "utf-16"


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``, in the first encoding it is valid in."""
    declared = _declared(data)
    if declared:
        return _strict(data, declared, path)
    if starts_binary(data):
        raise ImportFileError("文件里有二进制内容，不是文本格式的 CSV，无法导入。", path=path)
    text = text_of(data)
    if text is None:
        raise ImportFileError(
            "无法识别文件的文字编码（不是 UTF-8，也不是 GB18030/GBK），"
            "请在 WPS 或 Excel 中另存为 .xlsx 后再导入。",
            path=path,
        )
    return text


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"文件开头标明是 {encoding.upper()} 编码，但内容有误（第 {exc.start} 字节），"
            "文件可能已损坏。",
            path=path,
        ) from exc


def separator(text: str) -> str:
    """The separator most of the first lines split alike by, into the most columns (quoted
    cells are parsed, so a ';' inside quotes does not count)."""
    head = "\n".join(text.splitlines()[:30])

    def score(sep: str) -> tuple[int, int]:
        widths = [len(r) for r in csv.reader(io.StringIO(head), delimiter=sep) if len(r) > 1]
        if not widths:
            return (0, 0)
        common = max(set(widths), key=widths.count)
        return (widths.count(common), common)

    return max(_SEPARATORS, key=score)


def read_rows(path: Path) -> list[list[str | None]]:
    """The file's rows, empty cells as ``None`` (the reader checks their number)."""
    text = decode(path.read_bytes(), path)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator(text)))
    except csv.Error as exc:
        raise ImportFileError(f"CSV 格式有误：{exc}", path=path) from exc
    return [[cell.strip() or None for cell in row] for row in rows]
