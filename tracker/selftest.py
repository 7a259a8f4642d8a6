"""The installed program checks itself: every part a frozen bundle can lose, exercised once.

PyInstaller only packs what it sees imported; data files (migration scripts, synonym
tables, fonts found at run time) and lazily imported modules are the usual casualties.
Each step here touches one of them for real, so a bundle that passes can open a ledger,
read a county workbook and print a Chinese report.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import tracker

Step = tuple[str, Callable[[Path], str]]


def _import_everything(_: Path) -> str:
    names = [m.name for m in pkgutil.walk_packages(tracker.__path__, "tracker.")]
    # Alembic loads migrations by file path; __main__ would run the command line.
    names = [n for n in names if ".migrations" not in n and not n.endswith("__main__")]
    for name in names:
        importlib.import_module(name)
    return f"{len(names)} 个模块"


def _defusedxml_active(_: Path) -> str:
    """openpyxl parses workbooks with defusedxml only when it can import it."""
    import openpyxl.xml
    from defusedxml import ElementTree  # noqa: F401  (the ODS merge reader needs it too)

    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError("openpyxl 未启用 defusedxml，读取外来表格不安全")
    return "openpyxl 使用 defusedxml"


def _ledger(folder: Path) -> str:
    from sqlalchemy import text

    from tracker.db import open_database

    with open_database(str(folder / "selftest.db")) as db, db.sessions.begin() as s:
        revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return f"新建并迁移到 {revision}"


def _import_workbook(folder: Path) -> str:
    from tracker.actors import actor_by_login
    from tracker.db import open_database
    from tracker.demo.workbook import write_list_workbook
    from tracker.services import imports
    from tracker.services.registry import ensure_admin

    book = write_list_workbook(folder / "清单.xlsx", 30)
    with open_database(str(folder / "selftest.db")) as db, db.sessions.begin() as s:
        ensure_admin(s)
        plan = imports.plan_import(s, book, list_name="自检清单", year=2026)
        imports.require_plan_ok(plan)
        result = imports.apply_import(s, actor_by_login(s, "admin"), plan, create_units=True)
    if result.created != 30:
        raise RuntimeError(f"应导入 30 项，实际 {result.created} 项")
    return f"导入 {result.created} 项"


def _pdf_report(folder: Path) -> str:
    from tracker.db import open_database
    from tracker.reports.bulletin_data import gather
    from tracker.reports.bulletin_pdf import write_pdf
    from tracker.reports.period import parse_period

    with open_database(str(folder / "selftest.db"), read_only=True) as db, db.sessions.begin() as s:
        d = gather(s, parse_period(str(dt.date.today().year)))  # this year, as of today
    pdf = write_pdf(d, folder / "督办通报.pdf")
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile" not in data:
        raise RuntimeError("PDF 未嵌入中文字体")
    return f"{len(data) // 1024} KB，已嵌入中文字体"


CORE_STEPS: list[Step] = [
    ("导入全部模块", _import_everything),
    ("安全解析 XML", _defusedxml_active),
    ("新建台账", _ledger),
    ("导入表格", _import_workbook),
    ("生成 PDF 报表", _pdf_report),
]


def run(steps: list[Step]) -> Iterator[tuple[str, bool, str]]:
    """Run each step in one scratch folder; a failing step is reported, the rest still run."""
    with tempfile.TemporaryDirectory(prefix="shishi-selftest-") as tmp:
        for name, step in steps:
            try:
                yield name, True, step(Path(tmp))
            except Exception as exc:  # the report must name every broken part
                yield name, False, f"{type(exc).__name__}: {exc}"
