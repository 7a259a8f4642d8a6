"""需协调事项 and 待核实: the lists the 预警 page, the 统计 page and the bulletin share."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tracker.org import at, evidence, working_item
from tracker import coordination, query
from tracker.errors import ReportInvariantError
from tracker.query import ItemFilter
from tracker.reports import bulletin_json, reconcile
from tracker.reports.bulletin_data import gather
from tracker.reports.period import parse_period
from tracker.services import progress, transitions


def _report(s, actor, item_id, day, needs=None, problems=None, percent=None):
    progress.report_progress(
        s,
        actor,
        item_id,
        f"{day}进展",
        percent=percent,
        needs=needs,
        problems=problems,
        reported_on=day,
        at=dt.datetime.combine(day, dt.time(10)),
    )


@pytest.fixture
def asked(db, org):
    """A (教育局, 民政局 co-organises): 教育局 asked 3-1, 民政局 asked 3-5 · B: asked 3-2,
    met on 3-20 (a later report clearing it) · C: asked 3-3, then closed 4-1."""
    with db.sessions.begin() as s:
        a = working_item(s, org, "A", co_units=("县民政局",))
        b = working_item(s, org, "B")
        c = working_item(s, org, "C", list_id=org.promise_list)
        _report(s, org.edu_clerk, a, dt.date(2026, 3, 1), needs="协调用地", problems="拆迁")
        _report(s, org.civil_clerk, a, dt.date(2026, 3, 5), needs="协调资金")
        _report(s, org.edu_clerk, b, dt.date(2026, 3, 2), needs="协调电力")
        _report(s, org.edu_clerk, b, dt.date(2026, 3, 20), needs="")  # met
        _report(s, org.edu_clerk, c, dt.date(2026, 3, 3), needs="协调水务", percent=100)
        evidence(s, org.edu_clerk, c, at(4, 1))
        transitions.move(s, org.edu_clerk, c, "request_closure", reason="完成", at=at(4, 1))
        transitions.move(s, org.supervisor, c, "approve", reason="同意", at=at(4, 1))
    return {"A": a, "B": b, "C": c}


def _lines(db, day):
    with db.sessions.begin() as s:
        found = coordination.open_needs(s, day)
    return found.total, [(n.code, n.unit, n.needs) for n in found.lines]


def test_each_units_latest_report_decides_and_closed_items_leave(db, asked):
    assert _lines(db, dt.date(2026, 3, 10)) == (
        4,
        [
            ("A", "县教育局", "协调用地"),
            ("B", "县教育局", "协调电力"),
            ("C", "县教育局", "协调水务"),
            ("A", "县民政局", "协调资金"),
        ],
    )
    assert _lines(db, dt.date(2026, 4, 30)) == (
        2,
        [("A", "县教育局", "协调用地"), ("A", "县民政局", "协调资金")],
    )
    assert _lines(db, dt.date(2026, 2, 28)) == (0, [])


def test_the_bulletin_prints_the_same_needs_and_checks_them(db, asked):
    with db.sessions.begin() as s:
        d = gather(s, parse_period("2026-03"), as_of=dt.date(2026, 3, 31))
    assert d.needs_total == 3 and [n.code for n in d.needs] == ["A", "C", "A"]
    doc = bulletin_json.document(d)
    assert doc["figures"]["needs"] == 3 and len(doc["needs"]) == 3
    d.needs_total = 2  # a list longer than its own count is refused before anything is written
    with pytest.raises(ReportInvariantError, match="需协调事项"):
        reconcile.check(d)


def test_doubtful_progress_is_listed_as_to_be_verified(db, org):
    today = dt.date(2026, 3, 1)
    with db.sessions.begin() as s:
        # 交办 1-10, due 12-31: on 3-1 about 14% of the time has passed
        ahead = working_item(s, org, "H1", deadline=dt.date(2026, 12, 31))
        honest = working_item(s, org, "H2", deadline=dt.date(2026, 12, 31))
        idle = working_item(s, org, "H3", deadline=dt.date(2026, 12, 31))
        fresh = working_item(s, org, "H4", deadline=dt.date(2026, 12, 31))
        _report(s, org.edu_clerk, ahead, dt.date(2026, 2, 1), percent=90)
        _report(s, org.edu_clerk, honest, dt.date(2026, 2, 1), percent=20)
        _report(s, org.edu_clerk, idle, dt.date(2026, 1, 20), percent=100)
        _report(s, org.edu_clerk, fresh, dt.date(2026, 2, 25), percent=100)
        f = ItemFilter(doubtful=True, as_of=today)
        found = query.list_items(s, f)
        assert query.count_items(s, f) == 2
        assert [r.code for r in query.page_rows(s, f, "deadline")] == ["H1", "H3"]
    # H4 reached 100% four days ago: not yet 15 days without a closure request
    assert sorted(r.code for r in found) == ["H1", "H3"]
