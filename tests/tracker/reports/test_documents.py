"""Item cards, the font search, and the ``report`` commands end to end."""

from __future__ import annotations

import subprocess

import pytest

from tracker import query
from tracker.errors import FontMissingError
from tracker.reports import fonts
from tracker.reports.item_card import write_item_card


def _text(path):
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.replace(" ", "")


def test_item_card_prints_the_whole_record(ten_items, tmp_path):
    with ten_items.sessions.begin() as s:
        item_id = query.find_item_id(s, "B")
        path = write_item_card(s, item_id, tmp_path / "card.pdf")
    text = _text(path)
    for words in ("事项卡片", "基本信息", "县教育局", "办理过程", "申请销号", "审核", "操作日志"):
        assert words in text, words


def test_missing_font_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    fonts.find_cjk_font.cache_clear()
    try:
        with pytest.raises(FontMissingError, match="fonts-noto-cjk"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_simplified_chinese_face_is_picked_from_a_collection():
    font = fonts.find_cjk_font()
    if font.path.suffix.lower() == ".ttc" and "Noto" in font.family:
        assert font.index == 2  # JP, KR, SC, TC, HK: the SC face, not the Japanese forms


@pytest.fixture
def on_disk(ten_items):
    """The ten-item ledger closed, so the command line can open it for writing."""
    ten_items.close()
    return ten_items


def test_report_commands_write_files(on_disk, cli, tmp_path):
    tmp_path = tmp_path / "out"
    code, out, _ = cli(
        "report", "bulletin", "--period", "2026-07", "--as-of", "2026-07-31", "--out", str(tmp_path)
    )
    assert code == 0 and out.count("已生成") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "督办通报-2026年7月-截至2026-07-31.pdf",
        "督办通报-2026年7月-截至2026-07-31.xlsx",
    ]
    code, _, _ = cli(
        "report",
        "unit",
        "--unit",
        "县教育局",
        "--period",
        "2026-07",
        "--as-of",
        "2026-07-31",
        "--format",
        "pdf",
        "--out",
        str(tmp_path),
    )
    assert code == 0
    assert "在办事项一览" in _text(tmp_path / "单位报告-县教育局-2026年7月-截至2026-07-31.pdf")
    assert cli("report", "item", "C", "--out", str(tmp_path))[0] == 0
    assert (tmp_path / "事项卡片-C.pdf").exists()


def test_report_commands_explain_bad_input(on_disk, cli, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    code, _, err = cli("report", "bulletin", "--period", "2026-13", "--out", str(tmp_path))
    assert code == 2 and "不是可识别的统计期间" in err
    code, _, err = cli("report", "bulletin", "--format", "doc", "--out", str(tmp_path))
    assert code == 2 and "不支持的输出格式“doc”" in err
    code, _, err = cli("report", "publish", "--period", "2026-07", "--as", "ld")
    assert code == 2 and "无权发布督办通报" in err
    assert list(tmp_path.iterdir()) == []


def test_publish_then_reprint_and_trace(on_disk, cli, tmp_path):
    code, out, _ = cli(
        "report", "publish", "--period", "2026-07", "--as-of", "2026-07-31", "--as", "dc"
    )
    assert code == 0 and "第 1 号" in out
    code, out, _ = cli("report", "trace", "1", "overdue_open")
    head, *lines = out.splitlines()
    assert head == "逾期未办结：2 项"
    # code, title, lead unit and deadline of each item behind the figure
    assert [line.split("\t") for line in lines] == [
        ["C", "事项C", "县教育局", "2026年6月30日"],
        ["I", "事项I", "县教育局", "2026年6月30日"],
    ]
    assert cli("report", "trace", "1", "red")[1] == out.replace("逾期未办结", "红灯（逾期）")
    code, out, _ = cli(
        "report", "bulletin", "--snapshot", "1", "--format", "xlsx", "--out", str(tmp_path)
    )
    assert code == 0 and (tmp_path / "督办通报-第1号-2026年7月.xlsx").exists()
    assert "2026年7月" in cli("report", "published")[1]


def test_item_card_says_so_when_an_item_has_no_log(demo_db, tmp_path):
    """An item without audit entries of its own (a ledger older than per-item logs): the
    section says 无 instead of ending. Demo items carry their log."""
    from sqlalchemy import delete

    from tracker.models import AuditEntry

    with demo_db.sessions.begin() as s:
        logged = query.find_item_id(s, "2026-MS-000002")
        write_item_card(s, logged, tmp_path / "logged.pdf")
        item_id = query.find_item_id(s, "2026-MS-000001")
        s.execute(delete(AuditEntry).where(AuditEntry.item_id == item_id))
        path = write_item_card(s, item_id, tmp_path / "card.pdf")
    text = _text(path)
    assert "操作日志\n无。" in text.replace("\n\n", "\n")
    assert "登记" in _text(tmp_path / "logged.pdf")
