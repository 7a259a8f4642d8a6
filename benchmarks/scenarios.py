"""The measured scenarios. Each yields rows: scenario, size, seconds, baseline, baseline_seconds."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import python_calamine as pc

from benchmarks.timing import Timing, timed_after
from tracker import metrics, query
from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.demo.workbook import write_list_workbook
from tracker.enums import Status
from tracker.services import imports
from tracker.services.ledger_files import local_desk

TODAY = dt.date(2026, 11, 22)
Measure = Callable[[Callable[[], object]], Timing]
#: Repeats of scenarios that take many seconds each (import, GUI start).
REPEAT_SLOW = 3
Row = dict[str, Any]


def versions() -> dict[str, str]:
    return {
        p: version(p) for p in ("SQLAlchemy", "openpyxl", "python-calamine", "PySide6-Essentials")
    }


def demo_ledger(cache: Path, size: int) -> Path:
    """The demo ledger of ``size`` items, generated once and kept."""
    path = cache / f"demo-{size}.db"
    if not path.exists():
        start = time.perf_counter()
        with open_database(str(path)) as db, db.sessions.begin() as s:
            generate_demo(s, size, seed=1, today=TODAY)
        print(f"  (generated {size} items in {time.perf_counter() - start:.1f}s)", flush=True)
    else:
        open_database(str(path)).close()  # brings a cached ledger to the current schema
    return path


def import_plan(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """Planning and applying a 10,000-row messy list (into a fresh copy of the 10k ledger)
    vs merely reading the same file with python-calamine."""
    import shutil
    import tempfile

    from tracker.actors import SYSTEM

    path = cache / "list-10000.xlsx"
    if not path.exists():
        write_list_workbook(path, 10_000)
    source = demo_ledger(cache, 10_000)
    work = Path(tempfile.mkdtemp(prefix="import-"))

    def fresh_copy() -> object:
        target = work / "query.db"
        for old in work.glob("query.db*"):
            old.unlink()
        shutil.copyfile(source, target)
        return open_database(str(target))

    def plan_and_apply(db: Any) -> object:
        with db.sessions.begin() as s:
            plan = imports.plan_import(s, path, list_name="新清单")
        with db.sessions.begin() as s:
            result = imports.apply_import(s, SYSTEM, plan, create_units=True)
        db.close()
        return result

    def calamine_read() -> object:
        wb = pc.CalamineWorkbook.from_path(str(path))
        return wb.get_sheet_by_index(0).to_python()

    yield {
        "scenario": "import plan + apply (10k-row list)",
        "size": 10_000,
        "seconds": timed_after(fresh_copy, plan_and_apply, REPEAT_SLOW),
        "baseline": "calamine read",
        "baseline_seconds": measure(calamine_read),
    }
    db = fresh_copy()
    plan_and_apply(db)
    db = open_database(str(work / "query.db"))
    changed: list[dict[str, int]] = []

    def replan() -> object:
        with db.sessions.begin() as s:
            plan = imports.plan_import(s, path, list_name="新清单")
        counts = plan.counts()
        changed.append({"update": counts["update"], "units": len(plan.unknown_units)})
        return plan

    seconds = measure(replan)
    db.close()
    if any(c["update"] or c["units"] for c in changed):
        raise AssertionError(f"re-importing the same list changed something: {changed[-1]}")
    yield {
        "scenario": "import re-plan, same list again (0 updates)",
        "size": 10_000,
        "seconds": seconds,
        "baseline": "calamine read",
        "baseline_seconds": measure(calamine_read),
    }
    shutil.rmtree(work, ignore_errors=True)


def ledger_filter(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """First 50 rows of status+unit filter (ledger page) vs the raw SQL of the same query."""
    for size in sizes:
        path = demo_ledger(cache, size)
        f = query.ItemFilter(statuses=(Status.IN_PROGRESS,), unit="县教育局", as_of=TODAY)
        with open_database(str(path), read_only=True) as db:

            def ours(db: Any = db, f: query.ItemFilter = f) -> object:
                with db.sessions.begin() as s:
                    return query.list_items(s, f, limit=50), query.count_items(s, f)

            seconds = measure(ours)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        sql = (
            "SELECT i.* FROM item i WHERE i.status='in_progress' AND (i.lead_unit_id IN "
            "(SELECT id FROM unit WHERE name='县教育局') OR i.id IN (SELECT item_id FROM "
            "item_co_unit c JOIN unit u ON u.id=c.unit_id WHERE u.name='县教育局')) "
            "ORDER BY i.list_id, i.code LIMIT 50"
        )
        count = sql.replace("SELECT i.*", "SELECT count(*)").split(" ORDER BY")[0]

        def raw(conn: Any = conn, sql: str = sql, count: str = count) -> object:
            return conn.execute(sql).fetchall(), conn.execute(count).fetchone()

        yield {
            "scenario": "ledger filter status+unit, 50 rows",
            "size": size,
            "seconds": seconds,
            "baseline": "raw SQL",
            "baseline_seconds": measure(raw),
        }
        conn.close()


def stats(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """All rates per unit vs a raw GROUP BY over the item table."""
    for size in sizes:
        path = demo_ledger(cache, size)
        with open_database(str(path), read_only=True) as db:

            def ours(db: Any = db) -> object:
                with db.sessions.begin() as s:
                    return metrics.compute(s, TODAY, "unit")

            seconds = measure(ours)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

        def raw(conn: Any = conn) -> object:
            return conn.execute(
                "SELECT lead_unit_id, status, count(*) FROM item GROUP BY lead_unit_id, status"
            ).fetchall()

        yield {
            "scenario": "stats per unit (all rates)",
            "size": size,
            "seconds": seconds,
            "baseline": "raw GROUP BY status",
            "baseline_seconds": measure(raw),
        }
        conn.close()


ALL = [import_plan, ledger_filter, stats]


def export_ledger(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """Printable ledger export vs openpyxl write-only dumping the same rows without styles."""
    from openpyxl import Workbook

    from tracker.excel import ledger_export

    for size in [n for n in sizes if n <= 100_000]:
        path = demo_ledger(cache, size)
        out = cache / f"export-{size}.xlsx"
        with open_database(str(path), read_only=True) as db:

            def ours(db: Any = db, out: Path = out) -> object:
                with db.sessions.begin() as s:
                    return ledger_export.export_xlsx(s, query.ItemFilter(as_of=TODAY), out, "台账")

            seconds = measure(ours)
            with db.sessions.begin() as s:
                rows = list(ledger_export.export_rows(s, query.ItemFilter(as_of=TODAY)))

        def raw(rows: list[list[Any]] = rows, out: Path = out) -> object:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("raw")
            for r in rows:
                ws.append(r)
            wb.save(out.with_suffix(".raw.xlsx"))
            return None

        yield {
            "scenario": "export ledger xlsx (styled)",
            "size": size,
            "seconds": seconds,
            "baseline": "openpyxl write-only, plain",
            "baseline_seconds": measure(raw),
        }


ALL.append(export_ledger)


GUI_PROBE = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t0 = time.perf_counter()
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
if sys.argv[1] == "bare":
    w = QMainWindow(); w.show(); app.processEvents()
    print(time.perf_counter() - t0); sys.exit(0)
from tracker.db import open_database
from tracker.services.ledger_files import local_desk
from ui.main_window import MainWindow
db = open_database(sys.argv[2], read_only=True)
w = MainWindow(local_desk(db)); w.resize(1200, 700); w.show()
while w.ledger.model.rowCount() == 0:
    QThreadPool.globalInstance().waitForDone(50); app.processEvents()
w.ledger.table.viewport().repaint(); app.processEvents()
print(time.perf_counter() - t0)
"""


def gui(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """App start to first painted ledger (fresh process) vs a bare QApplication + window."""
    import subprocess
    import sys

    def run(*args: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", GUI_PROBE, *args], capture_output=True, text=True, check=True
        )
        return float(out.stdout.strip().splitlines()[-1])

    def median(args: tuple[str, ...], n: int = REPEAT_SLOW) -> Timing:
        return Timing.of([run(*args) for _ in range(n)])

    bare = median(("bare",))
    for size in [n for n in sizes if n <= 100_000]:
        path = demo_ledger(cache, size)
        yield {
            "scenario": "start to first painted ledger",
            "size": size,
            "seconds": median(("app", str(path))),
            "baseline": "bare QApplication + window",
            "baseline_seconds": bare,
        }
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from tracker.services.desk import Desk
    from ui.models.ledger_model import LedgerTableModel

    QApplication.instance() or QApplication([])
    for size in sizes:
        path = demo_ledger(cache, size)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        with open_database(str(path), read_only=True) as db:
            desk = local_desk(db)
            f = query.ItemFilter(as_of=TODAY)

            def first_rows(desk: Desk = desk, f: query.ItemFilter = f) -> object:
                model = LedgerTableModel()
                model.set_query(lambda o, n: desk.page(f, "ledger", False, o, n), desk.count(f))
                return [model.index(r, 3).data() for r in range(50)]

            def last_rows(desk: Desk = desk) -> object:
                g = query.ItemFilter(as_of=TODAY)
                model = LedgerTableModel()
                model.set_query(lambda o, n: desk.page(g, "deadline", True, o, n), desk.count(g))
                n = model.rowCount()
                return [model.index(r, 3).data() for r in range(n - 50, n)]

            def search(desk: Desk = desk) -> object:
                g = query.ItemFilter(text="食堂")
                model = LedgerTableModel()
                model.set_query(lambda o, n: desk.page(g, "ledger", False, o, n), desk.count(g))
                return [model.index(r, 3).data() for r in range(min(50, model.rowCount()))]

            def search4(desk: Desk = desk) -> object:
                g = query.ItemFilter(text="污水治理")
                model = LedgerTableModel()
                model.set_query(lambda o, n: desk.page(g, "ledger", False, o, n), desk.count(g))
                return [model.index(r, 3).data() for r in range(min(50, model.rowCount()))]

            count = desk.count(f)

            def new_view(desk: Desk = desk, f: query.ItemFilter = f, count: int = count) -> Any:
                model = LedgerTableModel()
                model.set_query(lambda o, n: desk.page(f, "ledger", False, o, n), count)
                view = QTableView()
                view.setModel(model)
                view.resize(1200, 700)
                view.show()
                QApplication.processEvents()
                return view

            def scroll_to_end(view: Any) -> object:
                view.scrollToBottom()
                view.viewport().repaint()
                QApplication.processEvents()
                return view.close()

            def raw_first(conn: Any = conn) -> object:
                return conn.execute("SELECT * FROM item ORDER BY list_id, code LIMIT 50").fetchall()

            def raw_sort(conn: Any = conn) -> object:
                return conn.execute(
                    "SELECT id FROM item ORDER BY deadline_date DESC, id DESC"
                ).fetchall()

            def raw_like(conn: Any = conn, word: str = "食堂") -> object:
                return conn.execute(
                    f"SELECT id FROM item WHERE title LIKE '%{word}%' OR content LIKE '%{word}%'"
                ).fetchall()

            yield {
                "scenario": "ledger model, first 50 rows",
                "size": size,
                "seconds": measure(first_rows),
                "baseline": "raw SELECT … LIMIT 50",
                "baseline_seconds": measure(raw_first),
            }
            yield {
                "scenario": "sort by deadline, last 50 rows",
                "size": size,
                "seconds": measure(last_rows),
                "baseline": "raw SQL ORDER BY",
                "baseline_seconds": measure(raw_sort),
            }
            yield {
                "scenario": "search “食堂” (2 chars)",
                "size": size,
                "seconds": measure(search),
                "baseline": "raw SQL LIKE scan",
                "baseline_seconds": measure(raw_like),
            }
            yield {
                "scenario": "search “污水治理” (4 chars)",
                "size": size,
                "seconds": measure(search4),
                "baseline": "raw SQL LIKE scan",
                "baseline_seconds": measure(lambda: raw_like(word="污水治理")),
            }
            yield {
                "scenario": "scroll to last row and paint",
                "size": size,
                "seconds": timed_after(new_view, scroll_to_end, REPEAT_SLOW),
            }
        conn.close()


ALL.append(gui)


def bulletin(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """Bulletin PDF + XLSX (gather, charts, both files) vs the per-unit metrics SQL alone.

    The report font cut is made first in an empty cache folder, as the desktop app does once
    after its first start, and that one-time cost is its own row (no target).
    """
    import tempfile

    from tracker.reports import font_cut
    from tracker.reports.bulletin_data import gather
    from tracker.reports.bulletin_pdf import write_pdf
    from tracker.reports.bulletin_xlsx import write_xlsx
    from tracker.reports.period import parse_period

    out = Path(tempfile.mkdtemp(prefix="bulletin-"))
    os.environ["SHISHI_CACHE_DIR"] = str(out / "cache")
    start = time.perf_counter()
    made = font_cut.prepare()
    once = time.perf_counter() - start
    yield {
        "scenario": f"report font cut, made once ({len(made)} faces)",
        "size": min(sizes),
        "seconds": Timing.of([once]),
    }
    for size in [n for n in sizes if n <= 100_000]:
        path = demo_ledger(cache, size)
        with open_database(str(path), read_only=True) as db:

            def ours(db: Any = db) -> object:
                with db.sessions.begin() as s:
                    d = gather(s, parse_period("2026-11"), as_of=TODAY)
                return write_pdf(d, out / "b.pdf"), write_xlsx(d, out / "b.xlsx")

            def raw(db: Any = db) -> object:
                with db.sessions.begin() as s:
                    return metrics.compute(s, TODAY, "unit")

            yield {
                "scenario": "bulletin report PDF+XLSX",
                "size": size,
                "seconds": measure(ours),
                "baseline": "metrics SQL alone (per unit)",
                "baseline_seconds": measure(raw),
            }


ALL.append(bulletin)


def dashboard(cache: Path, sizes: list[int], measure: Measure) -> Iterator[Row]:
    """统计 page: its figures (gathered in a worker), and a click on 逾期未办结 → ledger rows."""
    from sqlalchemy import func, select
    from sqlalchemy.dialects import sqlite

    from tracker.models import Item
    from tracker.reports.bulletin_data import gather
    from tracker.reports.period import parse_period

    for size in sizes:
        path = demo_ledger(cache, size)
        f = query.ItemFilter(figure="overdue_open", as_of=TODAY)
        with open_database(str(path), read_only=True) as db:

            def figures(db: Any = db) -> object:
                with db.sessions.begin() as s:
                    return gather(s, parse_period("2026-11"), as_of=TODAY)

            def per_unit(db: Any = db) -> object:
                with db.sessions.begin() as s:
                    return metrics.compute(s, TODAY, "unit")

            def click(db: Any = db, f: query.ItemFilter = f) -> object:
                with db.sessions.begin() as s:
                    return query.count_items(s, f), query.page_rows(s, f, "ledger", False, 0, 50)

            with db.sessions.begin() as s:
                stmt = query.apply_filter(s, select(func.count()).select_from(Item), f)
            sql = str(
                stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
            )
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

            def raw(conn: Any = conn, sql: str = sql) -> object:
                return conn.execute(sql).fetchone()

            yield {
                "scenario": "dashboard figures (worker)",
                "size": size,
                "seconds": measure(figures),
                "baseline": "metrics SQL alone (per unit)",
                "baseline_seconds": measure(per_unit),
            }
            yield {
                "scenario": "KPI click → ledger count + 50 rows",
                "size": size,
                "seconds": measure(click),
                "baseline": "raw SQL count of the same condition",
                "baseline_seconds": measure(raw),
            }
            conn.close()


ALL.append(dashboard)
