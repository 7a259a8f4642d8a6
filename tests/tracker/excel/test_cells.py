"""Cell text: units split and matched, people split from phones, odd spaces cleaned."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.excel.cells import clean, normalise_unit, one_line, split_people, split_units


@pytest.mark.parametrize(
    ("raw", "units"),
    [
        ("县教育局、城关镇，县财政局", ["县教育局", "城关镇", "县财政局"]),
        ("县住建局；县自然资源局;县水利局", ["县住建局", "县自然资源局", "县水利局"]),
        ("县卫生健康局\n各乡镇", ["县卫生健康局", "各乡镇"]),
        ("县民政局/县残联／县妇联", ["县民政局", "县残联", "县妇联"]),
        ("  县教育局　、县教育局 ", ["县教育局"]),
        ("县民政局（牵头）、县财政局（配合）", ["县民政局", "县财政局"]),
        ("县财政局、县民政局(牵头)", ["县民政局", "县财政局"]),
        ("牵头：县民政局；配合：县财政局", ["县民政局", "县财政局"]),
        ("县\u200b教育局、县 财政局", ["县教育局", "县财政局"]),
        ("县民政局 县财政局", ["县民政局", "县财政局"]),
        ("城关镇 人民政府", ["城关镇人民政府"]),
        ("县教育局（配合：县财政局）", ["县教育局", "县财政局"]),
        ("牵头：县民政局 配合：县财政局", ["县民政局", "县财政局"]),
        ("县教育局、县财政局等有关单位", ["县教育局", "县财政局"]),
        (None, []),
    ],
)
def test_split_units(raw, units):
    assert split_units(raw) == units


@pytest.mark.parametrize(
    ("raw", "person"),
    [
        ("刘洋（13907310011）", ("刘洋", "13907310011")),
        ("周敏 13907310013", ("周敏", "13907310013")),
        ("赵磊(0731-8888666)", ("赵磊", "0731-8888666")),
        ("王芳", ("王芳", None)),
        ("刘洋（电话：0571-88886666）", ("刘洋", "0571-88886666")),
        ("张三/13800001111", ("张三", "13800001111")),
        ("李四 138 0000 1111", ("李四", "13800001111")),
        ("王芳(手机13912345678)", ("王芳", "13912345678")),
        ("赵磊 0731-2345678", ("赵磊", "0731-2345678")),
        ("钱敏：13600001111", ("钱敏", "13600001111")),
        ("张三 13800001111、李四", ("张三", "13800001111")),
        ("13800001111", (None, "13800001111")),
        ("无", (None, None)),
        ("待定", (None, None)),
        ("局长：王五", ("王五", None)),
        ("刘洋 0571-88886666转801", ("刘洋", "0571-88886666转801")),
        ("刘洋（0571）88886666", ("刘洋", "0571-88886666")),
        ("刘洋 电话0571-88886666 手机13800001111", ("刘洋", "0571-88886666、13800001111")),
        ("", (None, None)),
    ],
)
def test_split_person(raw, person):
    assert (split_people(raw) or [(None, None)])[0] == person


def test_unit_name_variants_share_a_key():
    assert normalise_unit("青山县教育局") == normalise_unit("县教育局") == normalise_unit("教育局")
    assert normalise_unit("城关镇人民政府") == normalise_unit("城关镇")
    assert normalise_unit("县　卫生健康局") == normalise_unit("县卫生健康局")


def test_clean_and_one_line():
    assert clean("  第一行\u3000\u3000多余空格 \r\n  第二行  ") == "第一行 多余空格\n第二行"
    assert one_line("完成\n时限") == "完成时限"
    assert clean(3.0) == "3" and clean("   ") is None
    assert clean("路灯\x07维修\x0b") == "路灯维修" and clean("\x1b") is None


def _clean_line_by_line(text: str) -> str | None:
    """The full cleaning, control characters dropped, every line split, collapsed and trimmed
    (the reference)."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [" ".join(re.split(r"[ \t\u3000\xa0]+", line)).strip() for line in lines]
    return "\n".join(line for line in kept if line) or None


PIECES = [
    "县教育局",
    "a1",
    " ",
    "  ",
    "\t",
    "\u3000",
    "\xa0",
    "\r\n",
    "\r",
    "\n",
    "\x0b",
    "\u2003",
    "（",
]


@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_plain_cells_cleaned_quickly_equal_the_full_cleaning(text):
    assert clean(text) == _clean_line_by_line(text)


def test_split_people_names_everyone_in_order():
    assert split_people("张三 13800001111、李四 13900002222；王五") == [
        ("张三", "13800001111"),
        ("李四", "13900002222"),
        ("王五", None),
    ]
    assert split_people("") == []
    assert split_people("刘洋（办公室主任）13900000001、李四（副局长）") == [
        ("刘洋", "13900000001"),
        ("李四", None),
    ]
    assert split_people("王主任 13900000002") == [("王主任", "13900000002")]
