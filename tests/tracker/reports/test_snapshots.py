"""Published bulletins keep their numbers, and each number leads back to its items."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, request_closure
from tracker import audit, query
from tracker.errors import NotFoundError, PermissionDenied
from tracker.reports import snapshots
from tracker.reports.bulletin_data import gather
from tracker.reports.period import parse_period
from tracker.services import transitions

JULY = parse_period("2026-07")
AS_OF = dt.date(2026, 7, 31)


def _publish(db, actor):
    with db.sessions.begin() as s:
        return snapshots.publish(s, actor, JULY, as_of=AS_OF)


def test_published_figures_stay_fixed_after_later_edits(ten_items, org):
    number = _publish(ten_items, org.supervisor)
    with ten_items.sessions.begin() as s:
        c = query.find_item_id(s, "C")
        request_closure(s, org.edu_clerk, c, at(7, 30), "完成")
        transitions.move(s, org.supervisor, c, "approve", reason="同意办结", at=at(7, 30))
    with ten_items.sessions.begin() as s:
        live = gather(s, JULY, as_of=AS_OF)
        frozen = snapshots.load(s, number)
    assert (live.kpi.done, live.kpi.overdue_open) == (5, 1)
    assert (frozen.kpi.done, frozen.kpi.overdue_open) == (4, 2)
    assert [x.code for x in frozen.warnings["red"]] == ["C", "I"]
    assert frozen.period == JULY and frozen.as_of == AS_OF


def test_each_figure_traces_to_its_items(ten_items, org):
    number = _publish(ten_items, org.supervisor)
    with ten_items.sessions.begin() as s:

        def codes(key):
            lines = snapshots.lines_of(s, snapshots.trace(s, number, key), AS_OF)
            return sorted(code for code, *_rest in lines)

        assert codes("overdue_open") == ["C", "I"]
        assert codes("done") == ["A", "B", "G", "J"]
        assert codes("counted") == ["A", "B", "C", "D", "E", "G", "I", "J"]
        with pytest.raises(NotFoundError, match="可追溯的有"):
            snapshots.trace(s, number, "nonsense")


def test_publishing_is_audited_and_for_supervisors_only(ten_items, org):
    with ten_items.sessions.begin() as s:
        before = audit.head_hash(s)
    with pytest.raises(PermissionDenied, match="无权发布督办通报"):
        _publish(ten_items, org.viewer)
    number = _publish(ten_items, org.supervisor)
    with ten_items.sessions.begin() as s:
        assert audit.head_hash(s) != before
        assert audit.verify(s).ok
        assert [x.id for x in snapshots.published(s)] == [number]
        with pytest.raises(NotFoundError, match="没有第 99 号"):
            snapshots.load(s, 99)
