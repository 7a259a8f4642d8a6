"""Profiles behind the targets RESULTS.md reports as missed, written as text files.

    python -m benchmarks.profiles [OUT_DIR]     (default benchmarks/profiles)

Uses the same cached demo ledgers as the benchmarks (generated if missing).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.scenarios import TODAY, demo_ledger
from tracker import metrics, query
from tracker.db import open_database
from tracker.demo.workbook import write_list_workbook
from tracker.services import imports

CACHE = Path(__file__).resolve().parent / ".cache"


def _profiled(fn: Callable[[], object], top: int = 30) -> str:
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.runcall(fn)
    wall = time.perf_counter() - start
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return f"wall time under the profiler: {wall:.2f} s\n" + out.getvalue()


def stats_1m() -> str:
    """Each query of metrics.compute(group='unit') timed apart at 1M items."""
    path = demo_ledger(CACHE, 1_000_000)
    parts = ("_add_visits", "_add_urges_and_returns", "_add_progress")
    times: dict[str, float] = {}
    originals = {name: getattr(metrics, name) for name in parts}

    def timed(name: str) -> Callable[..., object]:
        def run(*args: object, **kw: object) -> object:
            start = time.perf_counter()
            result = originals[name](*args, **kw)
            times[name] = time.perf_counter() - start
            return result

        return run

    with open_database(str(path), read_only=True) as db, db.sessions.begin() as s:
        for name in parts:
            setattr(metrics, name, timed(name))
        try:
            start = time.perf_counter()
            metrics.compute(s, TODAY, "unit")
            total = time.perf_counter() - start
        finally:
            for name, fn in originals.items():
                setattr(metrics, name, fn)
    lines = [f"metrics.compute(group='unit') at 1,000,000 items: {total:.2f} s"]
    lines.append(
        f"  main aggregate (counted, done, due, on time, overdue): {total - sum(times.values()):.2f} s"
    )
    lines += [f"  {name}: {seconds:.2f} s" for name, seconds in times.items()]
    return "\n".join(lines) + "\n"


def bulletin_100k() -> str:
    from tracker.reports.bulletin_data import gather
    from tracker.reports.bulletin_pdf import write_pdf
    from tracker.reports.bulletin_xlsx import write_xlsx
    from tracker.reports.period import parse_period

    path = demo_ledger(CACHE, 100_000)
    out = Path(tempfile.mkdtemp(prefix="bulletin-"))
    phases: dict[str, float] = {}
    with open_database(str(path), read_only=True) as db:
        with db.sessions.begin() as s:
            start = time.perf_counter()
            data = gather(s, parse_period("2026-11"), as_of=TODAY)
            phases["gather"] = time.perf_counter() - start
        start = time.perf_counter()
        write_pdf(data, out / "b.pdf")
        phases["pdf"] = time.perf_counter() - start
        start = time.perf_counter()
        write_xlsx(data, out / "b.xlsx")
        phases["xlsx"] = time.perf_counter() - start

        def everything() -> object:
            with db.sessions.begin() as s:
                d = gather(s, parse_period("2026-11"), as_of=TODAY)
            return write_pdf(d, out / "b.pdf"), write_xlsx(d, out / "b.xlsx")

        head = "phases without the profiler: " + ", ".join(
            f"{k} {v:.2f} s" for k, v in phases.items()
        )
        return head + "\n" + _profiled(everything)


def import_10k() -> str:
    from tracker.actors import SYSTEM

    source = demo_ledger(CACHE, 10_000)
    sheet = CACHE / "list-10000.xlsx"
    if not sheet.exists():
        write_list_workbook(sheet, 10_000)
    work = Path(tempfile.mkdtemp(prefix="import-"))
    shutil.copyfile(source, work / "query.db")
    with open_database(str(work / "query.db")) as db:

        def plan_and_apply() -> object:
            with db.sessions.begin() as s:
                plan = imports.plan_import(s, sheet, list_name="新清单")
            with db.sessions.begin() as s:
                return imports.apply_import(s, SYSTEM, plan, create_units=True)

        return _profiled(plan_and_apply)


def export_10k() -> str:
    from tracker.excel import ledger_export

    path = demo_ledger(CACHE, 10_000)
    out = Path(tempfile.mkdtemp(prefix="export-")) / "台账.xlsx"
    with open_database(str(path), read_only=True) as db:

        def export() -> object:
            with db.sessions.begin() as s:
                return ledger_export.export_xlsx(s, query.ItemFilter(as_of=TODAY), out, "台账")

        return _profiled(export)


def search_1m() -> str:
    from sqlalchemy import func, select
    from sqlalchemy.dialects import sqlite

    from tracker.models import Item

    path = demo_ledger(CACHE, 1_000_000)
    lines = []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with open_database(str(path), read_only=True) as db, db.sessions.begin() as s:
        for word in ("污水治理", "白杨乡日间照", "食堂"):
            f = query.ItemFilter(text=word)
            start = time.perf_counter()
            n = query.count_items(s, f)
            counted = time.perf_counter() - start
            query.page_rows(s, f, "ledger", False, 0, 200)
            paged = time.perf_counter() - start - counted
            lines.append(f"“{word}”: {n} items; count {counted:.3f} s, first page {paged:.3f} s")
        stmt = query.apply_filter(
            s, select(func.count()).select_from(Item), query.ItemFilter(text="污水治理")
        )
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    start = time.perf_counter()
    conn.execute("SELECT count(*) FROM item_fts WHERE item_fts MATCH '\"污水治理\"'").fetchone()
    lines.append(f"trigram index lookup alone: {time.perf_counter() - start:.4f} s")
    lines.append("EXPLAIN QUERY PLAN of the count:")
    lines += [f"  {row}" for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    conn.close()
    return "\n".join(lines) + "\n"


PROFILES = {
    "stats-1m": stats_1m,
    "bulletin-100k": bulletin_100k,
    "import-10k": import_10k,
    "export-10k": export_10k,
    "search-1m": search_1m,
}


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    for name, fn in PROFILES.items():
        (out / f"{name}.txt").write_text(fn(), "utf-8")
        print(f"wrote {out / name}.txt", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
