"""Find the header of a hand-made list and map its columns to ledger fields.

Real lists put a merged title and a 填报 line above the header, spread the header over two
rows (a merged 责任单位 above 牵头单位 | 配合单位 | 责任人), and break header words over lines.
The header is the row (among the first twenty) whose words match most fields in the
synonym table, together with the rows above it that share merged cells with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from tracker.errors import ImportFileError
from tracker.excel.cells import normalise_header
from tracker.excel.reader import Cell, Grid

SCAN_ROWS = 20

#: Chinese names of the fields, for messages and the mapping step.
FIELD_LABELS = {
    "code": "编号",
    "serial": "序号",
    "title": "项目名称",
    "content": "主要内容",
    "category": "类别",
    "source": "来源",
    "leader": "牵头领导",
    "lead_unit": "牵头单位",
    "co_units": "配合单位",
    "assignee": "责任人",
    "phone": "联系电话",
    "deadline": "完成时限",
    "progress": "进展情况",
    "location": "地点",
    "remarks": "备注",
}


@cache
def synonyms() -> dict[str, list[str]]:
    """Field → header words, kept as data in ``synonyms.json``."""
    text = resources.files("tracker.excel").joinpath("synonyms.json").read_text("utf-8")
    found: dict[str, list[str]] = json.loads(text)
    return found


#: A header that only contains a synonym (“县级包联领导” holds “包联领导”) is matched by the
#: synonym inside it, below any exact match: one it ends with first (a Chinese noun phrase
#: ends with what it names: “责任单位联系人” is a person), then the longest. Synonyms shorter
#: than ``MIN_INSIDE`` (“项目”, “电话”) are too common to be looked for inside other words, and
#: cells longer than ``MAX_HEADER`` are titles or data, not column names.
MIN_INSIDE = 3
MAX_HEADER = 12
SUFFIX = 20
EXACT = 100


@cache
def _by_word() -> dict[str, str]:
    return {word: name for name, words in synonyms().items() for word in words}


@cache
def _inside_words() -> list[tuple[str, str]]:
    """(synonym, field) pairs worth looking for inside a longer header."""
    pairs = [(w, f) for w, f in _by_word().items() if len(w) >= MIN_INSIDE]
    return sorted(pairs, key=lambda t: -len(t[0]))  # the longest wins a tie


def match(header: Cell) -> tuple[str, int] | None:
    """The field a header word names and how surely: ``EXACT`` for a synonym, else the
    length of the longest synonym inside it; ``None`` when it names no field."""
    word = normalise_header(header)
    if not word or len(word) > MAX_HEADER:
        return None
    exact = _by_word().get(word)
    if exact:
        return exact, EXACT
    inside = [
        (len(synonym) + (SUFFIX if word.endswith(synonym) else 0), name)
        for synonym, name in _inside_words()
        if synonym in word
    ]
    if not inside:
        return None
    sureness, name = max(inside, key=lambda t: t[0])
    return name, sureness


def field_for(header: Cell) -> str | None:
    """The field a header word names, or ``None``."""
    found = match(header)
    return found[0] if found else None


@dataclass
class Layout:
    """Where the header is and which column holds which field (0-based)."""

    header_rows: list[int]
    columns: dict[str, int]
    headers: dict[int, str] = field(default_factory=dict)  # column → header text shown
    unmapped: list[str] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def detect(
    grid: Grid,
    overrides: dict[str, str] | None = None,
    *,
    header_rows: list[int] | None = None,
    columns: dict[str, int] | None = None,
) -> Layout:
    """Find the header and map columns.

    Args:
        overrides: field → header text chosen by hand (the CLI's ``--map``); other columns
            are still mapped by synonyms.
        header_rows: 0-based rows the clerk says form the header (the wizard's correction).
        columns: field → 0-based column, the whole mapping as the clerk confirmed it.
    """
    filled = grid.filled()
    if not filled:
        raise ImportFileError("工作表是空的。", path=grid.path, sheet=grid.sheet)
    _check_fields(grid, overrides or {})
    if header_rows is not None or columns is not None:
        return _given(grid, filled, header_rows, columns)
    wanted = {normalise_header(h) for h in (overrides or {}).values()}

    def score(row: list[Cell]) -> int:
        return len(fields_in(row)) + sum(1 for v in row if v and normalise_header(v) in wanted)

    scores = [(score(row), r) for r, row in enumerate(filled[:SCAN_ROWS])]
    best_score, best = max(scores, default=(0, 0), key=lambda t: (t[0], -t[1]))
    has_title = "title" in fields_in(filled[best]) or "title" in (overrides or {})
    if not best_score or not has_title:
        raise ImportFileError(
            "没有找到表头：表格前 20 行中应有“项目名称”“牵头单位”“完成时限”等列名。",
            path=grid.path,
            sheet=grid.sheet,
        )
    rows = _header_block(grid, best)
    columns, headers = _map_columns(filled, rows)
    if overrides:
        _apply_overrides(grid, filled, rows, columns, headers, overrides)
    unmapped = [text for col, text in headers.items() if col not in columns.values()]
    return Layout(rows, columns, headers, unmapped)


def _given(
    grid: Grid,
    filled: list[list[Cell]],
    header_rows: list[int] | None,
    columns: dict[str, int] | None,
) -> Layout:
    """The layout the clerk confirmed by hand, checked against the sheet."""
    rows = header_rows if header_rows is not None else detect(grid).header_rows
    if not rows or min(rows) < 0 or max(rows) >= len(filled) - 1:
        raise ImportFileError(
            f"表头行应在第 1 到第 {max(len(filled) - 1, 1)} 行之间，且下面还要有数据行。",
            path=grid.path,
            sheet=grid.sheet,
        )
    auto, headers = _map_columns(filled, rows)
    chosen = auto if columns is None else dict(columns)
    for name, col in chosen.items():
        if name not in FIELD_LABELS or not 0 <= col < grid.width:
            raise ImportFileError(
                f"列对应有误：{name} → 第 {col + 1} 列。", path=grid.path, sheet=grid.sheet
            )
    if "title" not in chosen:
        raise ImportFileError(
            "请指定哪一列是“项目名称”，没有它无法导入。", path=grid.path, sheet=grid.sheet
        )
    unmapped = [text for col, text in headers.items() if col not in chosen.values()]
    return Layout(sorted(rows), chosen, headers, unmapped)


def header_texts(grid: Grid, header_rows: list[int]) -> dict[int, str]:
    """Column → header text as the header rows (0-based) spell it."""
    return _map_columns(grid.filled(), header_rows)[1]


def fields_in(row: list[Cell]) -> set[str]:
    return {f for f in (field_for(v) for v in row) if f}


def _header_block(grid: Grid, best: int) -> list[int]:
    """``best`` plus the rows that belong to the same (two-row) header.

    Rows above merged into it join it; so does the row just below when it names fields
    the best row does not (a sub-header under a group word, written without merges).
    """
    top = best
    for r0, _c0, r1, _c1 in grid.merged:
        if r0 < best <= r1 and r1 - r0 <= 3:
            top = min(top, r0)
    bottom = best
    if best + 1 < len(grid.rows):
        below = fields_in(grid.rows[best + 1])
        if below - fields_in(grid.filled()[best]):
            bottom = best + 1
    return list(range(top, bottom + 1))


def _map_columns(
    filled: list[list[Cell]], rows: list[int]
) -> tuple[dict[str, int], dict[int, str]]:
    """Field → column and column → header text.

    Each column offers the field its lowest header text names (that row names the column
    most precisely); a field goes to the column that names it most surely (an exact synonym
    before a word merely holding one), the leftmost on a tie.
    """
    headers: dict[int, str] = {}
    offers: list[tuple[int, int, str]] = []  # (-sureness, column, field)
    width = max(len(filled[r]) for r in rows)
    for col in range(width):
        texts = [filled[r][col] for r in reversed(rows) if col < len(filled[r]) and filled[r][col]]
        if not texts:
            continue
        headers[col] = normalise_header(texts[0])
        for text in texts:
            found = match(text)
            if found:
                headers[col] = normalise_header(text)
                offers.append((-found[1], col, found[0]))
                break
    columns: dict[str, int] = {}
    for _sureness, col, name in sorted(offers):
        columns.setdefault(name, col)
    return columns, headers


def _check_fields(grid: Grid, overrides: dict[str, str]) -> None:
    """Refuse a hand mapping to a field that does not exist, before looking for the header
    (a wrong field name is not a missing header)."""
    for name in overrides:
        if name not in FIELD_LABELS:
            known = "、".join(f"{k}（{v}）" for k, v in FIELD_LABELS.items())
            raise ImportFileError(
                f"没有“{name}”这个字段，可用：{known}", path=grid.path, sheet=grid.sheet
            )


def _apply_overrides(
    grid: Grid,
    filled: list[list[Cell]],
    rows: list[int],
    columns: dict[str, int],
    headers: dict[int, str],
    overrides: dict[str, str],
) -> None:
    by_text = {text: col for col, text in headers.items()}
    for name, header in overrides.items():
        col = by_text.get(normalise_header(header))
        if col is None:
            raise ImportFileError(f"表头中没有“{header}”这一列。", path=grid.path, sheet=grid.sheet)
        for other, c in list(columns.items()):
            if c == col:
                del columns[other]
        columns[name] = col
