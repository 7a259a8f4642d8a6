"""Publishing a bulletin: its figures are frozen, and each can be traced to its items.

Once a 通报 has been handed out, later edits to the ledger (a late closure, a corrected
deadline) must not change the numbers it printed. Publishing stores the gathered data as
JSON plus the item ids behind each headline figure; re-rendering a snapshot reads only
those, never the live ledger.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit, metric_series, metrics
from tracker.actors import Actor, require_role
from tracker.coordination import NeedLine
from tracker.enums import SUPERVISORS
from tracker.errors import NotFoundError
from tracker.history import StateAt
from tracker.metric_series import FIGURE_LABELS, LIST_LABELS
from tracker.models import Item, ReportSnapshot, SnapshotFigure, Unit
from tracker.reports import reconcile
from tracker.reports.bulletin_data import WHOLE_LEDGER, BulletinData, ItemLine, Scope, gather
from tracker.reports.period import Period


def publish(
    s: Session,
    actor: Actor,
    period: Period,
    scope: Scope = WHOLE_LEDGER,
    as_of: dt.date | None = None,
) -> int:
    """Freeze a bulletin; returns the snapshot number. Supervisors and admins only."""
    require_role(actor, SUPERVISORS, "发布督办通报")
    data = gather(s, period, scope, as_of)
    reconcile.check(data)  # nothing inconsistent is frozen
    snap = ReportSnapshot(
        kind="bulletin",
        title=data.title,
        scope_label=data.scope_label,
        period_label=period.label,
        as_of=data.as_of,
        published_by=actor.login,
        audit_head=data.audit_head,
        data=dump(data),
    )
    # The same definitions as the printed figures and lists, as of the same day.
    for key, ids in metric_series.item_ids_behind(s, data.as_of, scope.condition(s)).items():
        snap.figures.append(SnapshotFigure(key=key, value=len(ids), item_ids=_join(ids)))
    s.add(snap)
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="publish_bulletin",
        after={"snapshot": snap.id, "period": period.label, "scope": data.scope_label},
    )
    return snap.id


def load(s: Session, snapshot_id: int) -> BulletinData:
    """The bulletin exactly as published."""
    data = restore(_get(s, snapshot_id).data)
    data.snapshot_id = snapshot_id
    return data


def trace(s: Session, snapshot_id: int, key: str) -> list[int]:
    """The ids of the items behind figure ``key`` of a published bulletin."""
    _get(s, snapshot_id)
    fig = s.get(SnapshotFigure, (snapshot_id, key))
    if fig is None:
        known = "、".join(f"{k}（{v}）" for k, v in {**FIGURE_LABELS, **LIST_LABELS}.items())
        raise NotFoundError(f"通报中没有“{key}”这个数字，可追溯的有：{known}。")
    return [int(x) for x in fig.item_ids.split(",") if x]


def snapshot_day(s: Session, snapshot_id: int) -> dt.date:
    """The as-of day of a published bulletin."""
    return _get(s, snapshot_id).as_of


def lines_of(s: Session, ids: list[int], as_of: dt.date) -> list[tuple[str, str, str, str]]:
    """Code, title, lead unit and deadline of each item as they stood on ``as_of`` (what
    the bulletin printed), in the order of ``ids``."""
    state = StateAt(s, as_of)
    found: dict[int, tuple[str, str, str, str]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        stmt = state.frame(
            select(Item.id, Item.code, Item.title, state.deadline_text).select_from(Item)
        )
        rows = s.execute(
            stmt.add_columns(Unit.name)
            .outerjoin(Unit, Unit.id == state.lead_unit)
            .where(Item.id.in_(chunk))
        )
        for i, code, title, deadline, unit in rows:
            found[i] = (code, title, unit or "", deadline or "")
    return [found.get(i, (f"（已删除 #{i}）", "", "", "")) for i in ids]


def published(s: Session) -> list[ReportSnapshot]:
    return list(s.scalars(select(ReportSnapshot).order_by(ReportSnapshot.id.desc())))


def _get(s: Session, snapshot_id: int) -> ReportSnapshot:
    snap = s.get(ReportSnapshot, snapshot_id)
    if snap is None:
        raise NotFoundError(f"没有第 {snapshot_id} 号已发布通报。")
    return snap


def _join(ids: list[int]) -> str:
    return ",".join(map(str, ids))


def dump(d: BulletinData) -> str:
    return json.dumps(dataclasses.asdict(d), ensure_ascii=False, default=_encode)


def _encode(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value))


def restore(text: str) -> BulletinData:
    raw = json.loads(text)
    p = raw["period"]
    raw["period"] = Period(
        dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]), p["label"], p["months"]
    )
    raw["as_of"] = dt.date.fromisoformat(raw["as_of"])
    raw["generated_at"] = dt.datetime.fromisoformat(raw["generated_at"])
    raw["kpi"], raw["previous"] = metrics.Rates(**raw["kpi"]), metrics.Rates(**raw["previous"])
    raw["units"] = [metrics.Rates(**r) for r in raw["units"]]
    raw["categories"] = [metrics.Rates(**r) for r in raw["categories"]]
    for key in ("status_counts", "done_by_month", "satisfaction", "overdue_buckets"):
        raw[key] = [tuple(x) for x in raw[key]]
    raw["warnings"] = {k: [ItemLine(**x) for x in v] for k, v in raw["warnings"].items()}
    raw["escalated"] = [ItemLine(**x) for x in raw["escalated"]]
    for key in ("items", "review_backlog", "assign_backlog"):
        raw[key] = [ItemLine(**x) for x in raw.get(key, [])]
    raw["needs"] = [
        NeedLine(**{**x, "reported_on": dt.date.fromisoformat(x["reported_on"])})
        for x in raw.get("needs", [])
    ]
    return BulletinData(**raw)
