"""New item codes follow the list's own numbering."""

from __future__ import annotations

from tracker.codes import CodeMaker, next_code


def test_a_list_without_codes_gets_year_numbers():
    assert next_code(2026, []) == "2026-001"


def test_the_pattern_most_codes_share_is_continued():
    codes = [f"2026-MS-{n:03d}" for n in range(1, 119)] + ["临时-1"]
    assert next_code(2026, codes) == "2026-MS-119"
    assert next_code(2026, ["QS2026-9", "QS2026-12"]) == "QS2026-13"


def test_codes_rows_bring_are_never_handed_to_other_rows():
    maker = CodeMaker(2026, ["2026-001"], reserved=["2026-002"])
    assert maker.code() == "2026-003"
    assert maker.code("2026-002") == "2026-002"
    assert maker.code("2026-001") == "2026-004"  # taken: the next free one instead
