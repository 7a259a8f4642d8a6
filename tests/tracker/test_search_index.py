"""Search through the trigram index finds exactly what a LIKE scan finds, and follows edits."""

from __future__ import annotations

import pytest
from sqlalchemy import or_, select, text

from tests.conftest import TODAY
from tracker import query, search_index
from tracker.actors import SYSTEM
from tracker.enums import Status
from tracker.models import Item
from tracker.services import editing


def _scan(s, word):
    pattern = f"%{word}%"
    cond = or_(Item.code.like(pattern), Item.title.like(pattern), Item.content.like(pattern))
    return set(s.scalars(select(Item.id).where(cond)))


def _search(s, word):
    return set(query.item_ids(s, query.ItemFilter(text=word, as_of=TODAY)))


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


def _page_ids(s, word, offset, walk):
    f = query.ItemFilter(text=word, as_of=TODAY)
    order = query.rows._order("ledger", False)
    stmt = query.apply_filter(s, select(Item.id), f, walk=walk).order_by(*order)
    return list(s.scalars(stmt.offset(offset).limit(50)))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("word", ["2026-MS", "污水治理", "2026-MS-00002"])
def test_walking_the_ledger_order_finds_the_same_page(demo_db, word):
    with demo_db.sessions.begin() as s:
        for offset in (0, 30, 120):
            assert _page_ids(s, word, offset, walk=True) == _page_ids(s, word, offset, False)
        everything = [r.id for r in query.list_items(s, query.ItemFilter(text=word, as_of=TODAY))]
        assert query.item_ids(s, query.ItemFilter(text=word, as_of=TODAY)) == everything
        pages = [
            r.id
            for o in (0, 50, 100)
            for r in query.page_rows(s, query.ItemFilter(text=word), offset=o, limit=50)
        ]
        assert pages == everything[:150]


@pytest.mark.sqlite_only
def test_only_a_common_word_alone_walks(demo_db):
    with demo_db.sessions.begin() as s:
        common = len(_scan(s, "2026-MS"))
        assert common > 100
        assert query.rows._walk_for_text(s, query.ItemFilter(text="2026-MS"), 50)
        # as the ledger's filter bar asks: subunits included, no unit chosen
        bar = query.ItemFilter(text="2026-MS", with_subunits=True, as_of=TODAY)
        assert query.rows._walk_for_text(s, bar, 50)
        assert not query.rows._walk_for_text(
            s, query.ItemFilter(text="2026-MS"), 10_000
        )  # far down
        assert not query.rows._walk_for_text(s, query.ItemFilter(text="2026-MS-00002"), 50)  # rare
        busy = query.ItemFilter(text="2026-MS", statuses=[Status.IN_PROGRESS])
        assert not query.rows._walk_for_text(s, busy, 50)  # another condition: density unknown
        assert not query.rows._walk_for_text(s, query.ItemFilter(text="食堂"), 50)  # no index
