"""Exporting one fill-in pack per unit: the items it leads and the items it co-organises.

One unit's failure (a disk full, a text no workbook can hold) never stops the others': it is
reported beside the packs written. Each pack appears complete or not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import query
from tracker.enums import ReviewOutcome, Status
from tracker.errors import NotFoundError
from tracker.excel import unit_pack
from tracker.models import (
    ClosureRequest,
    Item,
    ItemList,
    ProgressReport,
    Setting,
    Unit,
    User,
    item_co_unit,
)
from tracker.services.common import now
from tracker.tasks import Progress, ticking

log = logging.getLogger(__name__)
PACK_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)
SECRET_KEY = "pack_secret"
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def pack_secret(s: Session) -> str:
    """This ledger's key for signing packs, made on first use."""
    row = s.get(Setting, SECRET_KEY)
    if row is None:
        row = Setting(key=SECRET_KEY, value=secrets.token_hex(32))
        s.add(row)
        s.flush()
    return row.value


def existing_secret(s: Session) -> str | None:
    """This ledger's key, if it ever exported a pack (a pack can only come from one that did)."""
    row = s.get(Setting, SECRET_KEY)
    return row.value if row else None


@dataclass
class PackExport:
    """The packs written, and the units whose pack could not be written with why."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: units asked for by name that have nothing to fill in (no pack written)
    empty: list[str] = field(default_factory=list)


def pack_rows(
    s: Session, unit_id: int, list_id: int | None = None
) -> dict[str, list[unit_pack.PackRow]]:
    """The unit's open items by sheet: ``lead`` (it leads them) and ``co`` (it co-organises)."""
    lead = select(Item).where(Item.lead_unit_id == unit_id)
    co = (
        select(Item)
        .join(item_co_unit, item_co_unit.c.item_id == Item.id)
        .where(item_co_unit.c.unit_id == unit_id, Item.lead_unit_id.is_distinct_from(unit_id))
    )
    out = {}
    for tag, stmt in (("lead", lead), ("co", co)):
        stmt = stmt.where(Item.status.in_(PACK_STATUSES)).order_by(Item.list_id, Item.code)
        if list_id is not None:
            stmt = stmt.where(Item.list_id == list_id)
        items = list(s.scalars(stmt))
        ids = [i.id for i in items]
        reviews = _last_reviews(s, ids) if tag == "lead" else {}
        units = _unit_names(s, {i.lead_unit_id for i in items}) if tag == "co" else {}
        reports = latest_reports(s, ids, unit_id)
        lists = _list_names(s, {i.list_id for i in items})
        out[tag] = [
            _row(
                i,
                lists[i.list_id],
                reviews.get(i.id, ""),
                units.get(i.lead_unit_id, ""),
                reports.get(i.id),
            )
            for i in items
        ]
    return out


def _row(
    item: Item, list_name: str, review: str, lead_unit: str, report: ProgressReport | None
) -> unit_pack.PackRow:
    shown = {
        "code": item.code,
        "list": list_name,
        "title": item.title,
        "lead_unit": lead_unit,
        "deadline": item.deadline_text or "",
        "status": Status(item.status).label,
        "percent_now": f"{item.progress_percent}%",
        "last_report": item.latest_progress_on.isoformat() if item.latest_progress_on else "",
        "last_progress": item.latest_progress or "",
        "review": review,
    }
    base = unit_pack.Base(
        item.status,
        item.progress_percent,
        unit_pack.text_hash(item.latest_progress),
        item.deadline_date.isoformat() if item.deadline_date else "",
        unit_pack.text_hash(report.problems if report else None),
        unit_pack.text_hash(report.needs if report else None),
    )
    return unit_pack.PackRow(item.id, shown, base)


def latest_reports(s: Session, ids: list[int], unit_id: int) -> dict[int, ProgressReport]:
    """The newest report on each item that the unit's users made: what a returned row's
    存在问题 and 需协调事项 are compared with (a co-organiser's words are not the lead's)."""
    out: dict[int, ProgressReport] = {}
    for chunk in _chunks(ids, 900):
        latest = (
            select(func.max(ProgressReport.id))
            .join(User, User.id == ProgressReport.user_id)
            .where(ProgressReport.item_id.in_(chunk), User.unit_id == unit_id)
            .group_by(ProgressReport.item_id)
        )
        for report in s.scalars(select(ProgressReport).where(ProgressReport.id.in_(latest))):
            out[report.item_id] = report
    return out


def _last_reviews(s: Session, ids: list[int]) -> dict[int, str]:
    """The latest written review (审核意见) of each item, with its outcome."""
    out: dict[int, str] = {}
    for chunk in _chunks(ids, 900):
        latest = (
            select(func.max(ClosureRequest.id))
            .where(ClosureRequest.item_id.in_(chunk), ClosureRequest.reviewed_at.is_not(None))
            .group_by(ClosureRequest.item_id)
        )
        rows = s.execute(
            select(
                ClosureRequest.item_id, ClosureRequest.outcome, ClosureRequest.review_comment
            ).where(ClosureRequest.id.in_(latest))
        )
        for item_id, outcome, comment in rows:
            label = ReviewOutcome(outcome).label
            out[item_id] = f"{label}：{comment}" if comment else label
    return out


def _list_names(s: Session, ids: set[int]) -> dict[int, str]:
    rows = s.execute(select(ItemList.id, ItemList.name).where(ItemList.id.in_(ids)))
    return dict(rows.tuples().all())


def _unit_names(s: Session, ids: set[int | None]) -> dict[int | None, str]:
    wanted = [i for i in ids if i is not None]
    return dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(wanted))).tuples().all())


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def file_name(text: str) -> str:
    """``text`` usable as a file name on Windows and Linux (a unit called “教育局/体育局”)."""
    return _NOT_IN_NAMES.sub("_", text).strip(" .")[:60] or "单位"


def free_path(path: Path) -> Path:
    """``path``, or with -2, -3 … added when a file of that name is already there (a filled
    pack saved back into the export folder must never be overwritten)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def export_unit_packs(
    s: Session,
    folder: Path,
    units: list[str] | None = None,
    list_name: str | None = None,
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> PackExport:
    """Write one pack per unit that has open items (led or co-organised).

    A cancelled run keeps the packs already written.
    """
    stamp = now(at)
    list_id = query.list_id(s, list_name) if list_name else None
    chosen = s.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    if units:
        missing = set(units) - {u.name for u in chosen}
        if missing:
            raise NotFoundError(f"没有这些单位：{'、'.join(sorted(missing))}")
        chosen = [u for u in chosen if u.name in units]
    secret = pack_secret(s)
    folder.mkdir(parents=True, exist_ok=True)
    result = PackExport()
    for unit in ticking(chosen, progress, len(chosen), 1):
        rows = pack_rows(s, unit.id, list_id)
        if not rows["lead"] and not rows["co"]:
            if units:
                result.empty.append(unit.name)
            continue
        path = free_path(folder / f"{file_name(unit.name)}-填报包-{stamp:%Y%m%d}.xlsx")
        try:
            _write(path, unit, list_name or "全部清单", rows, secret, stamp)
        except Exception as exc:  # one unit's pack must not stop the others'
            log.exception("unit pack for %s failed", unit.name)
            result.failed.append((unit.name, f"{type(exc).__name__}：{exc}"))
        else:
            result.written.append(path)
    return result


def _write(
    path: Path,
    unit: Unit,
    list_label: str,
    rows: dict[str, list[unit_pack.PackRow]],
    secret: str,
    stamp: dt.datetime,
) -> None:
    """Write beside the target and move it in place, so a pack is never half there."""
    part = path.with_name(path.name + ".part")
    try:
        unit_pack.write_pack(part, unit.id, unit.name, list_label, rows, secret, stamp)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
