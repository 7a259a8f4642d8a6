"""Collective unit names stand for the directory's matching units."""

from __future__ import annotations

import pytest

from tracker.excel.collectives import is_collective, members

DIRECTORY = [
    ("青山县人民政府", "county"),
    ("城关镇人民政府", "township"),
    ("白水乡人民政府", "township"),
    ("东城街道办事处", "township"),
    ("各街道", "other"),  # a collective name once kept as a unit
    ("县教育局", "department"),
    ("县供电公司", "department"),
    ("市生态环境局青山分局", "department"),
    ("城关镇卫生院", "department"),
    ("白水乡中心学校", "department"),
    ("城关镇东街社区", "village"),
    ("白水乡石桥村", "village"),
]


@pytest.mark.parametrize(
    ("name", "units"),
    [
        ("各乡镇人民政府", ["城关镇人民政府", "白水乡人民政府"]),
        ("各乡（镇）人民政府", ["城关镇人民政府", "白水乡人民政府"]),
        ("各乡镇（街道）", ["城关镇人民政府", "白水乡人民政府", "东城街道办事处"]),
        ("各镇", ["城关镇人民政府"]),
        ("各街道", ["东城街道办事处"]),
        ("各乡镇卫生院", ["城关镇卫生院"]),
        ("各乡镇中心学校", ["白水乡中心学校"]),
        ("各村", ["白水乡石桥村"]),
        ("各村（社区）", ["城关镇东街社区", "白水乡石桥村"]),
        ("县直各单位", ["县教育局"]),
        ("各乡镇派出所", []),
        ("县教育局", []),
    ],
)
def test_members(name, units):
    assert members(name, DIRECTORY) == units


def test_what_counts_as_collective():
    assert is_collective("各乡镇人民政府") and is_collective("县直各部门")
    assert not is_collective("县教育局") and not is_collective("各")
