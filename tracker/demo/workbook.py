"""Write a county-style list workbook of any size (for benchmarks, demos and self-tests).

Same shape as what units send in: merged title, 填报 line, two-row header, a group row per
category, Chinese deadlines, “name（phone）” cells, totals and signature rows at the bottom.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook

from tracker.demo import vocab

HEADER_TOP = [
    "序号",
    "项目名称",
    "主要内容",
    "牵头县领导",
    "责任单位",
    None,
    None,
    "完成\n时限",
    "推进情况",
    "备注",
]
HEADER_SUB = [None, None, None, None, "牵头单位", "配合单位", "责任人", None, None, None]
CN_NUMBERS = "一二三四五六七八九十"


def write_list_workbook(path: Path, items: int, *, seed: int = 1, year: int = 2026) -> Path:
    """Write ``items`` items spread over the demo categories to ``path`` (.xlsx)."""
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("清单")
    ws.append([f"{vocab.COUNTY}{year}年“我为群众办实事”重点民生实事项目清单"])
    ws.append(["填报单位：县委办", None, None, None, None, None, None, f"填报日期：{year}年3月1日"])
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    categories = list(vocab.CATEGORIES.items())
    per_group = max(1, items // len(categories))
    written = 0
    for g, (category, (dept, templates)) in enumerate(categories):
        count = per_group if g < len(categories) - 1 else items - written
        if count <= 0:
            break
        ws.append([f"{CN_NUMBERS[g]}、{category}领域（{count}项）"])
        for n in range(1, count + 1):
            ws.append(_row(rng, n, dept, templates, year))
        written += count
    ws.append(["合计", f"{written}项"])
    ws.append(["注：完成时限以县政府批复为准。"])
    ws.append(["填表人：王丽　　审核人：李强"])
    merges = ["A1:J1", "E3:G3", *(f"{c}3:{c}4" for c in "ABCDHIJ")]
    wb.save(path)
    return _merge(path, merges)


def _merge(path: Path, ranges: list[str]) -> Path:
    """Write-only workbooks cannot merge; merge the header afterwards (small sheet header)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for cells in ranges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def _row(rng: random.Random, n: int, dept: str, templates: list[str], year: int) -> list[object]:
    town = rng.choice(vocab.TOWNSHIPS)
    title = rng.choice(templates).format(place=town) + f"（{n}）"
    month = rng.randrange(3, 13)
    deadline = rng.choice(
        [
            f"{year}年{month}月底前",
            f"{month}月底前",
            f"{year}.{month}",
            f"{year}-{month:02d}-15",
            "长期坚持",
            "年底前",
        ]
    )
    person = rng.choice(vocab.SURNAMES) + rng.choice(vocab.GIVEN)
    co = "、".join(rng.sample(vocab.DEPARTMENTS, rng.choice((0, 1, 2))))
    return [
        n,
        title,
        f"完成{title}",
        rng.choice(vocab.LEADERS),
        f"{dept}",
        co or None,
        f"{person}（139{rng.randrange(10**8):08d}）",
        deadline,
        "正在推进",
        None,
    ]
