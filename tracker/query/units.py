"""Units as the county sees them: 县 → 部门/乡镇 → 村（社区）, for pickers and subtree filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Unit


@dataclass(frozen=True)
class UnitLine:
    id: int
    name: str
    depth: int
    kind: str
    active: bool


def outline(s: Session) -> list[UnitLine]:
    """Every unit once, depth first in each level's own order; a unit whose parent chain
    loops (edited by hand) is listed at the top level rather than lost."""
    rows = s.execute(
        select(Unit.id, Unit.name, Unit.parent_id, Unit.kind, Unit.active).order_by(
            Unit.sort_order, Unit.id
        )
    ).all()
    children: dict[int | None, list[Any]] = defaultdict(list)
    ids = {r.id for r in rows}
    for r in rows:
        children[r.parent_id if r.parent_id in ids else None].append(r)
    lines: list[UnitLine] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for r in children.get(parent, []):
            if r.id not in seen:
                seen.add(r.id)
                lines.append(UnitLine(r.id, r.name, depth, r.kind, r.active))
                walk(r.id, depth + 1)

    walk(None, 0)
    for r in rows:  # cycles have no root: show them flat
        if r.id not in seen:
            seen.add(r.id)
            lines.append(UnitLine(r.id, r.name, 0, r.kind, r.active))
    return lines


def subtree_ids(s: Session, name: str) -> list[int]:
    """The unit called ``name`` and every unit under it (a town and its villages)."""
    lines = outline(s)
    for i, line in enumerate(lines):
        if line.name == name:
            ids = [line.id]
            for below in lines[i + 1 :]:
                if below.depth <= line.depth:
                    break
                ids.append(below.id)
            return ids
    return []
