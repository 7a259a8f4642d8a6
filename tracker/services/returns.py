"""Unit fill-in packs: export one per unit, and take returned copies back safely.

A returned row is applied only when its identity checks out (the HMAC of id, code, title,
deadline and version written at export), it belongs to the pack's unit, and the item has not
changed in the ledger since (else it is a conflict, shown with both sides, taken only if the
clerk says so). Changes go through the ordinary workflow services as that unit's clerk, so
they are role-checked and audited like any other progress report or closure request.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import query
from tracker.actors import Actor, actor_by_login
from tracker.enums import Role, Status
from tracker.errors import NotFoundError, ValidationError
from tracker.excel import unit_pack
from tracker.models import Item, Setting, Unit, User
from tracker.services import progress, transitions
from tracker.services.common import now
from tracker.tasks import Progress, ticking

PACK_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)
SECRET_KEY = "pack_secret"


def pack_secret(s: Session) -> str:
    """This ledger's key for signing packs, made on first use."""
    row = s.get(Setting, SECRET_KEY)
    if row is None:
        row = Setting(key=SECRET_KEY, value=secrets.token_hex(32))
        s.add(row)
        s.flush()
    return row.value


def pack_rows(s: Session, unit_id: int, list_id: int | None = None) -> list[unit_pack.PackRow]:
    stmt = (
        select(Item)
        .where(Item.lead_unit_id == unit_id, Item.status.in_(PACK_STATUSES))
        .order_by(Item.list_id, Item.code)
    )
    if list_id is not None:
        stmt = stmt.where(Item.list_id == list_id)
    return [
        unit_pack.PackRow(
            i.id,
            i.code,
            i.title,
            i.deadline_text or "",
            Status(i.status).label,
            i.latest_progress or "",
            i.version,
        )
        for i in s.scalars(stmt)
    ]


def export_unit_packs(
    s: Session,
    folder: Path,
    units: list[str] | None = None,
    list_name: str | None = None,
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write one pack per unit that has open items; returns the files written.

    Each pack is complete when it appears; a cancelled run keeps the packs already written.
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
    written = []
    for unit in ticking(chosen, progress, len(chosen), 1):
        rows = pack_rows(s, unit.id, list_id)
        if not rows:
            continue
        path = folder / f"{unit.name}-填报包-{stamp:%Y%m%d}.xlsx"
        unit_pack.write_pack(path, unit.id, unit.name, list_name or "全部清单", rows, secret, stamp)
        written.append(path)
    return written


#: What each verdict of a returned row is called on screen and in the CLI.
VERDICT_LABELS = {
    "change": "将更新",
    "unchanged": "无变化",
    "conflict": "冲突",
    "tampered": "被改动",
    "foreign": "不属于本包",
    "duplicate": "重复",
    "invalid": "填写有误",
}


@dataclass
class ReturnLine:
    """What one returned row will do."""

    row: int
    code: str | None
    item_id: int | None
    verdict: str  # change, unchanged, conflict, tampered, foreign, duplicate, invalid
    message: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReturnPlan:
    file: Path
    unit_id: int
    unit: str
    exported_at: str
    lines: list[ReturnLine]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "unit": self.unit,
            "exported_at": self.exported_at,
            "lines": [
                {
                    "row": ln.row,
                    "code": ln.code,
                    "verdict": ln.verdict,
                    "message": ln.message,
                    "changes": {k: {"old": o, "new": n} for k, (o, n) in ln.changes.items()},
                }
                for ln in self.lines
            ],
        }


def plan_return(s: Session, path: Path) -> ReturnPlan:
    pack = unit_pack.read_pack(path)
    unit = s.get(Unit, pack.unit_id)
    if unit is None or unit.name != pack.unit:
        raise ValidationError(
            "unit", f"填报包所属单位“{pack.unit}”与本台账的单位名录不符，可能来自其他台账。"
        )
    secret = pack_secret(s)
    seen: dict[str, int] = {}
    lines = []
    for r in pack.rows:
        line = _check_row(s, r, pack, secret, seen)
        lines.append(line)
    return ReturnPlan(path, pack.unit_id, pack.unit, pack.exported_at, lines)


def _check_row(
    s: Session,
    r: unit_pack.ReturnedRow,
    pack: unit_pack.ReturnedPack,
    secret: str,
    seen: dict[str, int],
) -> ReturnLine:
    line = ReturnLine(r.row, r.code, None, "unchanged")
    if not r.code or r.code not in pack.meta:
        line.verdict = "foreign"
        line.message = f"编号“{r.code or ''}”不在这个填报包里（可能从别的表格复制而来），已忽略"
        return line
    if r.code in seen:
        line.verdict = "duplicate"
        line.message = f"编号“{r.code}”在第{seen[r.code]}行已出现，本行已忽略"
        return line
    seen[r.code] = r.row
    item_id, version, sig = pack.meta[r.code]
    line.item_id = item_id
    expected = unit_pack.signature(
        secret, pack.unit_id, item_id, r.code, r.title or "", r.deadline or "", version
    )
    if sig != expected:
        line.verdict = "tampered"
        line.message = "编号、事项名称或完成时限被改动过，无法确认是哪个事项，已忽略"
        return line
    item = s.get(Item, item_id)
    if item is None or item.lead_unit_id != pack.unit_id:
        line.verdict = "foreign"
        line.message = "该事项已不由本单位牵头，已忽略"
        return line
    values, problem = _values(r)
    if problem:
        line.verdict, line.message = "invalid", problem
        return line
    line.values = values
    line.changes = _changes(item, values)
    if not line.changes:
        return line
    if item.version != version:
        line.verdict = "conflict"
        line.message = (
            f"导出后台账中该事项已被修改（当前进展：{item.latest_progress or '无'}；"
            f"状态：{Status(item.status).label}），需要确认以哪一方为准"
        )
        return line
    line.verdict = "change"
    return line


def _values(r: unit_pack.ReturnedRow) -> tuple[dict[str, Any], str | None]:
    percent = r.percent
    if percent not in (None, ""):
        try:
            percent = int(float(str(percent).strip().rstrip("%")))
        except ValueError:
            return {}, f"完成百分比“{r.percent}”不是数字"
        if not 0 <= percent <= 100:
            return {}, f"完成百分比 {percent} 不在 0–100 之间"
    else:
        percent = None
    closure = (r.closure or "").strip()
    if closure not in ("", "是", "否"):
        return {}, f"申请销号只能填“是”或“否”，不能填“{closure}”"
    return {
        "progress": r.progress,
        "percent": percent,
        "problems": r.problems,
        "needs": r.needs,
        "closure": closure == "是",
    }, None


def _changes(item: Item, v: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    if v["progress"] and v["progress"] != item.latest_progress:
        out["进展情况"] = (item.latest_progress, v["progress"])
    if v["percent"] is not None and v["percent"] != item.progress_percent:
        out["完成百分比"] = (item.progress_percent, v["percent"])
    if out:
        for key, label in (("problems", "存在问题"), ("needs", "需协调事项")):
            if v[key]:
                out[label] = (None, v[key])
    if v["closure"] and item.status != Status.CLOSURE_REQUESTED:
        out["申请销号"] = ("否", "是")
    return out


@dataclass(frozen=True)
class ReturnResult:
    applied: int
    skipped: int


def unit_clerk(s: Session, unit_id: int, login: str | None) -> Actor:
    """The clerk the returned pack speaks for (``login`` or the unit's first clerk)."""
    if login:
        return actor_by_login(s, login)
    user = s.scalar(
        select(User.login)
        .where(User.unit_id == unit_id, User.role == Role.CLERK, User.active.is_(True))
        .order_by(User.id)
    )
    if user is None:
        raise ValidationError(
            "as", "该单位还没有承办单位账号，请先添加（admin add-user），或用 --as 指定。"
        )
    return actor_by_login(s, user)


def apply_return(
    s: Session,
    actor: Actor,
    plan: ReturnPlan,
    take: frozenset[str] | set[str] = frozenset(),
    at: dt.datetime | None = None,
) -> ReturnResult:
    """Apply the rows that changed (and conflicts whose code is in ``take``)."""
    stamp = now(at)
    applied = 0
    for line in plan.lines:
        if line.verdict == "change" or (line.verdict == "conflict" and line.code in take):
            _apply_line(s, actor, line, stamp)
            applied += 1
    return ReturnResult(applied, len(plan.lines) - applied)


def _apply_line(s: Session, actor: Actor, line: ReturnLine, at: dt.datetime) -> None:
    assert line.item_id is not None
    item = s.get_one(Item, line.item_id)
    v = line.values
    if item.status == Status.ASSIGNED:
        transitions.move(s, actor, item.id, "sign", at=at)
    if "进展情况" in line.changes or "完成百分比" in line.changes:
        text = v["progress"] or "（填报包）更新完成百分比"
        progress.report_progress(
            s,
            actor,
            item.id,
            text,
            percent=v["percent"],
            problems=v["problems"],
            needs=v["needs"],
            at=at,
        )
    if "申请销号" in line.changes:
        transitions.move(
            s,
            actor,
            item.id,
            "request_closure",
            reason=v["progress"] or "申请销号（填报包）",
            at=at,
        )
