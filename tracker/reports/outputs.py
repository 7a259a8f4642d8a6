"""The files a bulletin or unit report is written as, named the same from the CLI and the
window: ``督办通报-<清单>-<期间>-截至<日期>.pdf`` and its .xlsx / .json beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from tracker.errors import ValidationError
from tracker.reports.bulletin_data import BulletinData, Scope, gather
from tracker.reports.period import Period

FORMATS = ("pdf", "xlsx", "json")


def formats(text: str) -> list[str]:
    """``"pdf,xlsx"`` as the formats to write; an unknown one is refused by name."""
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise ValidationError(
            "format", f"不支持的输出格式“{'、'.join(bad)}”，可用：pdf、xlsx、json。"
        )
    return wanted


def stem(kind: str, d: BulletinData) -> str:
    scope = "" if d.scope_label == "全部清单" else f"-{d.scope_label}"
    return f"{kind}{scope}-{d.period.label}-截至{d.as_of.isoformat()}"


def write(d: BulletinData, chosen: Sequence[str], folder: Path, name: str) -> list[Path]:
    """Write ``d`` in each chosen format into ``folder`` (made when missing)."""
    from tracker.reports.bulletin_json import write_json
    from tracker.reports.bulletin_pdf import write_pdf
    from tracker.reports.bulletin_xlsx import write_xlsx

    writers = {"pdf": write_pdf, "xlsx": write_xlsx, "json": write_json}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in chosen:
        path = folder / f"{name}.{fmt}"
        writers[fmt](d, path)
        written.append(path)
    return written


def unit_report(s: Session, period: Period, unit: str, as_of: dt.date | None) -> BulletinData:
    """The figures of one lead unit's 单位办理情况报告, with its items listed."""
    return gather(s, period, Scope(unit=unit), as_of, "单位办理情况报告", with_items=True)
