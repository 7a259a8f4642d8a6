"""A bulletin for a past date is the ledger as it then stood, and agrees with itself.

Issue “Figures a supervisor can sign”: later work never changes an earlier bulletin; every
invariant holds on demo ledgers of several seeds and dates; a broken figure is refused by
name; the fair clock keeps the supervisors' backlog off the units.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.tracker.org import at, new_item, request_closure, working_item
from tracker import metric_series, metrics, settings
from tracker.demo.generator import generate_demo
from tracker.enums import Escalation, Rating
from tracker.errors import ReportInvariantError
from tracker.models import Item, ItemHistory
from tracker.reports import reconcile, snapshots
from tracker.reports.bulletin_data import gather
from tracker.reports.bulletin_json import document, write_json
from tracker.reports.bulletin_pdf import write_pdf
from tracker.reports.bulletin_xlsx import write_xlsx
from tracker.reports.period import parse_period
from tracker.services import assignment, editing, extensions, progress, surveys, transitions
from tracker.services.ledger_files import local_desk

JUNE = parse_period("2026-06")
JUNE_END = dt.date(2026, 6, 30)


def _doc(db, period=JUNE, as_of=JUNE_END):
    with db.sessions.begin() as s:
        return document(gather(s, period, as_of=as_of))


def test_a_past_bulletin_is_unchanged_by_later_work(ten_items, org):
    before = _doc(ten_items)
    sup = org.supervisor
    with ten_items.sessions.begin() as s:
        ids = {code.rsplit("-", 1)[-1]: i for code, i in s.execute(select(Item.code, Item.id))}
        c, e, d = ids["C"], ids["E"], ids["D"]
        progress.escalate(s, sup, c, Escalation.LISTED, "长期逾期", at=at(8, 2))
        progress.urge(s, sup, e, at=at(8, 3))
        request_closure(s, org.edu_clerk, c, at(8, 5), "完成")
        transitions.move(s, sup, c, "approve", reason="同意", at=at(8, 6))
        surveys.record_visit(s, sup, c, rating=Rating.SATISFIED, at=at(8, 7, 9))
        transitions.move(s, sup, c, "close", at=at(8, 7))
        extensions.request_extension(
            s, org.edu_clerk, d, dt.date(2026, 10, 31), "雨季", at=at(8, 8)
        )
        extensions.decide_extension(s, sup, d, True, at=at(8, 9))
        transitions.move(s, sup, ids["A"], "reopen", reason="回头看", at=at(8, 10))
        working_item(s, org, "K", created=at(8, 11), deadline=dt.date(2026, 3, 1))
    after = _doc(ten_items)
    assert after == before
    assert before["figures"]["overdue_open"] == len(before["lists"]["red"])


def test_a_past_bulletin_keeps_its_units_fields_and_deadline_words(ten_items, org):
    """Found by trying it: a later 交办 to another unit, a corrected 领域 or a later
    extension moved items between the rows (and the wording) of a June bulletin."""
    before = _doc(ten_items)
    sup = org.supervisor
    with ten_items.sessions.begin() as s:
        ids = {code.rsplit("-", 1)[-1]: i for code, i in s.execute(select(Item.code, Item.id))}
        clerk = org.edu_clerk
        transitions.move(s, clerk, ids["C"], "hand_back", reason="不属本单位", at=at(8, 1))
        assignment.assign_to(s, sup, ids["C"], "县民政局")  # handed to another unit
        version = s.get(Item, ids["A"]).version
        editing.edit_item(s, sup, ids["A"], version, {"category": "教育"}, at=at(8, 2))
        extensions.request_extension(
            s, clerk, ids["E"], dt.date(2027, 3, 31), "冬季施工", at=at(9, 1)
        )
        extensions.decide_extension(s, sup, ids["E"], True, at=at(9, 3))
    after = _doc(ten_items)
    for key in before:
        assert json.dumps(after[key], ensure_ascii=False) == json.dumps(
            before[key], ensure_ascii=False
        )
    june = {x["code"][-1]: x for lines in before["list_items"].values() for x in lines}
    assert june["C"]["unit"] == "县教育局"
    with ten_items.sessions.begin() as s:
        today = dt.date.today()
        now = document(gather(s, parse_period(f"{today.year}-{today.month:02d}")))
    today = {x["code"][-1]: x for lines in now["list_items"].values() for x in lines}
    assert today["C"]["unit"] == "县民政局"  # and today it is the other unit's


def test_items_registered_after_the_date_are_in_no_list(db, org):
    with db.sessions.begin() as s:
        working_item(s, org, "EARLY", deadline=dt.date(2026, 5, 1))
        working_item(s, org, "LATE", created=at(7, 5), deadline=dt.date(2026, 5, 1))
    doc = _doc(db)
    assert doc["figures"]["total"] == 1 and doc["figures"]["overdue_open"] == 1
    assert [c.rsplit("-", 1)[-1] for c in doc["lists"]["red"]] == ["EARLY"]


def test_the_fair_clock_keeps_the_review_backlog_off_the_unit(db, org):
    """Asked on 02-25 for a 03-01 deadline, approved on 03-20: on time, never overdue; the
    same item still waiting is the supervisors' backlog, not the unit's red."""
    with db.sessions.begin() as s:
        waiting = working_item(s, org, "W", deadline=dt.date(2026, 3, 1))
        request_closure(s, org.edu_clerk, waiting, at(2, 25), "完成")
        late = working_item(s, org, "L", deadline=dt.date(2026, 3, 1))
        request_closure(s, org.edu_clerk, late, at(3, 5), "完成")
        new_item(s, org, "U", deadline=dt.date(2026, 3, 1))  # a draft …
        transitions.move(
            s,
            org.supervisor,
            new_item(s, org, "R", deadline=dt.date(2026, 3, 1)),
            "submit",
            at=at(1, 20),
        )  # … and one registered, never assigned
    doc = _doc(db, parse_period("2026-03"), dt.date(2026, 3, 15))
    f = doc["figures"]
    assert [c[-1] for c in doc["lists"]["red"]] == ["L"]  # asked after its deadline
    assert [c[-1] for c in doc["lists"]["review_backlog"]] == ["W"]
    assert [c[-1] for c in doc["lists"]["assign_backlog"]] == ["R"]
    assert (f["total"], f["overdue_open"], f["review_backlog"], f["assign_backlog"]) == (3, 1, 1, 1)
    assert f["due"] == 1  # only L is charged to the unit as passed its deadline
    with db.sessions.begin() as s:
        transitions.move(s, org.supervisor, waiting, "approve", reason="同意", at=at(3, 20))
        r = metrics.compute(s, dt.date(2026, 3, 31))[0]
    assert (r.done, r.on_time, r.overdue_done) == (1, 1, 0)  # judged on the request day
    with db.sessions.begin() as s:
        settings.put(s, org.admin, "fair_clock", False)
        r = metrics.compute(s, dt.date(2026, 3, 31))[0]
        waiting_then = document(gather(s, parse_period("2026-03"), as_of=dt.date(2026, 3, 15)))
    assert (r.done, r.on_time, r.overdue_done) == (1, 0, 1)
    assert waiting_then["figures"]["overdue_open"] == 3  # W, L and R charged again


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_invariant_holds_on_demo_ledgers(db, seed):
    today = dt.date(2026, 12, 1)
    with db.sessions.begin() as s:
        generate_demo(s, 1200, seed=seed, today=today)
    for day in (dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 11, 30), today):
        with db.sessions.begin() as s:
            d = gather(s, parse_period(f"{day.year}-{day.month:02d}"), as_of=day)
            reconcile.check(d)  # raises on any contradiction
            traced = metric_series.item_ids_behind(s, day)
        k = d.kpi
        assert sum(n for _, n in d.status_counts) == k.counted
        assert d.warning_totals["red"] == k.overdue_open == len(traced["red"])
        assert sorted(x.id for x in d.warnings["red"]) == traced["overdue_open"]
        assert sum(u.counted for u in d.units) == k.counted
        assert sum(u.overdue_open for u in d.units) == k.overdue_open
        assert sum(c.counted for c in d.categories) == k.counted
        assert d.review_backlog_total == len(traced["review_backlog"])
        assert d.escalated_total == len(traced["escalated"])


def test_the_demo_history_ends_in_each_items_current_state(db):
    with db.sessions.begin() as s:
        generate_demo(s, 800, seed=5, today=dt.date(2026, 12, 1))
        rows = s.execute(ItemHistory.__table__.select().order_by("at", "id")).mappings().all()
        last = {r["item_id"]: r for r in rows}
        items = s.execute(Item.__table__.select()).mappings().all()
    assert len(last) == len(items)
    for item in items:
        h = last[item["id"]]
        assert (h["status"], h["escalation"], h["deadline_date"]) == (
            item["status"],
            item["escalation"],
            item["deadline_date"],
        ), item["code"]
        assert h["progress_percent"] == item["progress_percent"]
        assert h["at"] >= item["created_at"]


def test_a_broken_figure_is_refused_by_name_and_nothing_is_written(ten_items, tmp_path):
    with ten_items.sessions.begin() as s:
        d = gather(s, parse_period("2026-07"), as_of=dt.date(2026, 7, 31))
    broken = dataclasses.replace(d, warning_totals={**d.warning_totals, "red": 99})
    for writer, name in ((write_pdf, "a.pdf"), (write_xlsx, "a.xlsx"), (write_json, "a.json")):
        with pytest.raises(ReportInvariantError, match="红灯（逾期）名单") as caught:
            writer(broken, tmp_path / name)
        assert caught.value.figure == "红灯（逾期）名单"
        assert not (tmp_path / name).exists()
    skewed = dataclasses.replace(d, status_counts=[*d.status_counts, ("已终止", 1)])
    with pytest.raises(ReportInvariantError, match="状态分布合计"):
        reconcile.check(skewed)
    units = [dataclasses.replace(u) for u in d.units]
    units[0].counted += 1
    with pytest.raises(ReportInvariantError, match="各单位事项总数合计"):
        reconcile.check(dataclasses.replace(d, units=units))


def test_published_snapshot_traces_every_printed_list(ten_items, org):
    with ten_items.sessions.begin() as s:
        number = snapshots.publish(
            s, org.supervisor, parse_period("2026-07"), as_of=dt.date(2026, 7, 31)
        )
    with ten_items.sessions.begin() as s:
        d = snapshots.load(s, number)
        red = snapshots.trace(s, number, "red")
        assert red == snapshots.trace(s, number, "overdue_open")
        assert sorted(x.id for x in d.warnings["red"]) == red
        assert len(red) == d.kpi.overdue_open
        lines = snapshots.lines_of(s, red, d.as_of)
    assert all(code and title and unit for code, title, unit, _deadline in lines)


def test_stats_page_export_footer_and_bulletin_agree(db, tmp_path):
    from openpyxl import load_workbook

    from tracker.excel.ledger_export import export_xlsx
    from tracker.query import ItemFilter

    today = dt.date.today()
    with db.sessions.begin() as s:
        generate_demo(s, 600, seed=7, today=today)
        d = gather(s, parse_period(f"{today.year}-{today.month:02d}"), as_of=today)
        stats = metrics.compute(s, today)[0]  # what `shishi-cli stats` prints
    page = local_desk(db).dashboard(f"{today.year}-{today.month:02d}", None, None, as_of=today)
    path = tmp_path / "台账.xlsx"
    with db.sessions.begin() as s:
        export_xlsx(s, ItemFilter(), path, "台账")
    wb = load_workbook(path, read_only=True)  # read-only keeps the file open until closed
    try:
        footer = [r[0] for r in wb.active.iter_rows(values_only=True) if r and r[0]][-1]
    finally:
        wb.close()
    k = d.kpi
    assert metrics.as_dict(page.kpi) == metrics.as_dict(k) == metrics.as_dict(stats)
    assert footer.startswith(
        f"合计 {k.counted} 项，其中已办结 {k.done} 项，逾期未办结 {k.overdue_open} 项"
    )
    assert "不计入统计" in footer  # the 已终止 rows are listed apart


def test_json_format_from_the_cli(cli, db_path, tmp_path):
    from tracker.db import open_database

    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        generate_demo(s, 300, seed=3, today=dt.date(2026, 12, 1))
    code, _out, _ = cli(
        "report",
        "bulletin",
        "--period",
        "2026-11",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
        "--out",
        str(tmp_path),
    )
    assert code == 0
    doc = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert doc["as_of"] == "2026-11-30" and doc["period"] == "2026年11月"
    assert sum(doc["status_counts"].values()) == doc["figures"]["total"]
    assert len(doc["lists"]["red"]) == doc["figures"]["overdue_open"]
    assert sum(u["total"] for u in doc["units"]) == doc["figures"]["total"]


def _break(d, name):
    """``d`` with one figure made to disagree with the figure it must match."""
    broken = {
        "状态分布合计": lambda: dataclasses.replace(
            d, status_counts=[*d.status_counts, ("暂缓", 1)]
        ),
        "状态分布中已办结、已销号": lambda: dataclasses.replace(
            d,
            status_counts=[
                (n, c + 1 if n == "已办结" else c - 1 if n == "办理中" else c)
                for n, c in d.status_counts
            ],
        ),
        "红灯（逾期）名单": lambda: dataclasses.replace(
            d, warning_totals={**d.warning_totals, "red": d.warning_totals["red"] + 1}
        ),
        "逾期天数分布合计": lambda: dataclasses.replace(
            d, overdue_buckets=[(label, n + 1) for label, n in d.overdue_buckets]
        ),
        "满意度分布合计": lambda: dataclasses.replace(
            d, satisfaction=[(label, n + 1) for label, n in d.satisfaction]
        ),
        "各单位逾期未办结合计": lambda: dataclasses.replace(
            d,
            units=[
                dataclasses.replace(d.units[0], overdue_open=d.units[0].overdue_open + 1),
                *d.units[1:],
            ],
        ),
        "分领域已办结合计": lambda: dataclasses.replace(
            d, categories=[dataclasses.replace(d.categories[0], done=99), *d.categories[1:]]
        ),
        "督办事项名单": lambda: dataclasses.replace(
            d, escalated_total=0, escalated=d.warnings["red"][:1]
        ),
        "逐月办结": lambda: dataclasses.replace(
            d, done_by_month=[(m, n + 100) for m, n in d.done_by_month]
        ),
    }
    return broken[name]()


@pytest.mark.parametrize(
    "name",
    [
        "状态分布合计",
        "状态分布中已办结、已销号",
        "红灯（逾期）名单",
        "逾期天数分布合计",
        "满意度分布合计",
        "各单位逾期未办结合计",
        "分领域已办结合计",
        "督办事项名单",
        "逐月办结",
    ],
)
def test_each_invariant_refuses_a_document_that_breaks_it(ten_items, name):
    with ten_items.sessions.begin() as s:
        d = gather(s, parse_period("2026-07"), as_of=dt.date(2026, 7, 31))
    reconcile.check(d)
    with pytest.raises(ReportInvariantError) as caught:
        reconcile.check(_break(d, name))
    assert caught.value.figure == name


def test_a_day_in_the_future_or_outside_the_period_is_refused(db, org):
    from tracker.errors import ValidationError

    today = dt.date.today()
    with db.sessions.begin() as s:
        with pytest.raises(ValidationError, match="晚于今天"):
            gather(
                s,
                parse_period(f"{today.year}-{today.month:02d}"),
                as_of=today.replace(day=28) + dt.timedelta(days=5),
            )
        with pytest.raises(ValidationError, match="不在统计期间“2026年11月”"):
            gather(s, parse_period("2026-11"), as_of=dt.date(2026, 6, 30))
        with pytest.raises(ValidationError, match="不在统计期间“2026年6月”"):
            gather(s, parse_period("2026-06"), as_of=dt.date(2026, 11, 30))
        with pytest.raises(ValidationError, match="“2099年”尚未开始"):
            gather(s, parse_period("2099"))
        assert gather(s, parse_period("2026-06")).as_of == dt.date(2026, 6, 30)
    # the 统计 page's 上月 while the page runs “today”: the month's last day
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    page = local_desk(db).dashboard(f"{last_month.year}-{last_month.month:02d}", as_of=today)
    assert page.as_of == last_month


def test_a_units_own_report_ranks_nothing_in_any_format(ten_items):
    from tracker.reports.bulletin_data import Scope

    with ten_items.sessions.begin() as s:
        d = gather(s, parse_period("2026-07"), Scope(unit="县教育局"), dt.date(2026, 7, 31))
    doc = document(d)
    assert [u["rank"] for u in doc["units"]] == [None]
    from tracker.reports.summary import paragraphs

    assert not any("较多的单位" in p or "居前" in p for p in paragraphs(d))
