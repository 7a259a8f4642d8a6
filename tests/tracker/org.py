"""Builders for a small county: units, users, lists and items made through the services."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from tracker.actors import SYSTEM, Actor, actor_by_login
from tracker.enums import ListKind, Role, UnitKind
from tracker.services import attachments, progress, registry, transitions


@dataclass
class Org:
    admin: Actor
    supervisor: Actor
    edu_clerk: Actor  # 县教育局
    civil_clerk: Actor  # 县民政局
    viewer: Actor
    key_list: int  # 重点民生实事 (needs evaluation)
    promise_list: int  # 承诺事项 (closed on approval)
    wish_list: int  # 微心愿


def build_org(s: Session) -> Org:
    registry.ensure_admin(s)
    admin = actor_by_login(s, "admin")
    for name in ("县教育局", "县民政局", "城关镇"):
        registry.add_unit(
            s, admin, name, UnitKind.TOWNSHIP if name.endswith("镇") else UnitKind.DEPARTMENT
        )
    registry.add_user(s, admin, "dc", "督查室", Role.SUPERVISOR)
    registry.add_user(s, admin, "jy", "教育局录入员", Role.CLERK, "县教育局")
    registry.add_user(s, admin, "mz", "民政局录入员", Role.CLERK, "县民政局")
    registry.add_user(s, admin, "ld", "县领导", Role.VIEWER)
    return Org(
        admin=admin,
        supervisor=actor_by_login(s, "dc"),
        edu_clerk=actor_by_login(s, "jy"),
        civil_clerk=actor_by_login(s, "mz"),
        viewer=actor_by_login(s, "ld"),
        key_list=registry.add_list(s, admin, "2026年重点民生实事", ListKind.KEY_LIVELIHOOD, 2026),
        promise_list=registry.add_list(s, admin, "2026年承诺事项", ListKind.COMMITMENT, 2026),
        wish_list=registry.add_list(s, admin, "2026年微心愿", ListKind.MICRO_WISH, 2026),
    )


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour)


def new_item(
    s: Session,
    org: Org,
    code: str,
    *,
    unit: str = "县教育局",
    deadline: dt.date | None = dt.date(2026, 6, 30),
    list_id: int | None = None,
    created: dt.datetime | None = None,
    co_units: tuple[str, ...] = (),
) -> int:
    state = registry.add_item(
        s,
        org.supervisor,
        list_id or org.key_list,
        code,
        f"事项{code}",
        lead_unit=unit,
        deadline=deadline,
        co_units=co_units,
        at=created or at(1, 10),
    )
    return state.id


def working_item(s: Session, org: Org, code: str, clerk: Actor | None = None, **kw: object) -> int:
    """An item taken to 办理中 (submitted, assigned, signed)."""
    item_id = new_item(s, org, code, **kw)  # type: ignore[arg-type]
    start = kw.get("created") or at(1, 10)
    for action, who in (
        ("submit", org.supervisor),
        ("assign", org.supervisor),
        ("sign", clerk or org.edu_clerk),
    ):
        transitions.move(s, who, item_id, action, at=start)  # type: ignore[arg-type]
    return item_id


_EVIDENCE_STORE = Path(tempfile.mkdtemp(prefix="shishi-test-evidence-"))


def evidence(s: Session, actor: Actor, item_id: int, when: dt.datetime | None = None) -> int:
    """Upload one small evidence file (佐证材料) through the service, as a clerk would."""
    source = _EVIDENCE_STORE / "incoming" / f"验收单-{item_id}.txt"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(f"验收单 {item_id}", encoding="utf-8")
    return attachments.add_attachment(s, actor, item_id, source, _EVIDENCE_STORE, at=when)


def request_closure(
    s: Session, actor: Actor, item_id: int, when: dt.datetime | None = None, summary: str = "完成"
) -> None:
    """申请销号 as the gate wants it: evidence uploaded, progress at 100%, then the request."""
    evidence(s, actor, item_id, when)
    progress.report_progress(s, actor, item_id, summary, percent=100, at=when)
    transitions.move(s, actor, item_id, "request_closure", reason=summary, at=when)


__all__ = [
    "SYSTEM",
    "Org",
    "at",
    "build_org",
    "evidence",
    "new_item",
    "request_closure",
    "working_item",
]
