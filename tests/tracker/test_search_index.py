"""Search through the trigram index finds exactly what a LIKE scan finds, and follows edits."""

from __future__ import annotations

import pytest
from sqlalchemy import or_, select, text

from tests.conftest import TODAY
from tracker import search_index
from tracker.models import Item
from tracker.services import editing, ledger
from tracker.services.actors import SYSTEM


def _scan(s, word):
    pattern = f"%{word}%"
    cond = or_(Item.code.like(pattern), Item.title.like(pattern), Item.content.like(pattern))
    return set(s.scalars(select(Item.id).where(cond)))


def _search(s, word):
    return set(ledger.item_ids(s, ledger.ItemFilter(text=word, as_of=TODAY)))


@pytest.mark.parametrize(
    "word", ["污水治理", "食堂改造", "ms-0001", "2026-MS-00002", "不存在的词语"]
)
def test_index_and_scan_agree(demo_db, word):
    with demo_db.sessions.begin() as s:
        assert search_index.usable(s, word) is demo_db.is_sqlite
        # Items whose unit or assignee matches are found too; none of these words name one.
        assert _search(s, word) == _scan(s, word)


def test_short_words_and_wildcards_scan(demo_db):
    with demo_db.sessions.begin() as s:
        assert not search_index.usable(s, "食堂") and not search_index.usable(s, "50%改造")
        assert _search(s, "食堂") == _scan(s, "食堂") != set()


def test_index_follows_edits_and_deletes(demo_db):
    with demo_db.sessions.begin() as s:
        item = s.scalar(select(Item).where(Item.status == "in_progress").limit(1))
        item_id, version = item.id, item.version
    with demo_db.sessions.begin() as s:
        editing.edit_item(s, SYSTEM, item_id, version, {"title": "青山县光伏路灯安装"})
    with demo_db.sessions.begin() as s:
        assert _search(s, "光伏路灯") == {item_id}
        s.execute(text("DELETE FROM item WHERE id = :i"), {"i": item_id})
    with demo_db.sessions.begin() as s:
        assert _search(s, "光伏路灯") == set()
        if demo_db.is_sqlite:
            check = "INSERT INTO item_fts(item_fts, rank) VALUES('integrity-check', 1)"
            s.execute(text(check))  # raises if the index and the table disagree
