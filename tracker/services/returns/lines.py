"""What a returned pack's rows would do: one line per row, as the preview and the CLI show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: What each action of a returned row is called on screen and in the CLI.
ACTION_LABELS = {
    "update": "将更新",
    "warning": "需确认",
    "conflict": "冲突",
    "unchanged": "无变化",
    "problem": "有问题",
}
TAKEN_ONLY = ("warning", "conflict")


@dataclass
class ReturnLine:
    """What one returned row will do.

    ``changes`` maps a field's Chinese name to (ledger value, returned value); ``values``
    holds what will be written, by key; ``refusals`` are fields not taken (the rest of the
    row still is); ``notes`` explain how a value was read.
    """

    row: int
    sheet: str
    code: str | None
    item_id: int | None
    title: str = ""
    action: str = "unchanged"
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: fill-in columns typed but not readable (refused above): not "left empty"
    unread: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The action in words; an update that leaves some of the row out says so."""
        if self.action == "update" and self.refusals:
            return "部分更新"
        return ACTION_LABELS[self.action]

    @property
    def message(self) -> str:
        return "；".join(self.conflicts + self.warnings + self.refusals + self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "sheet": self.sheet,
            "code": self.code,
            "title": self.title,
            "action": self.action,
            "changes": {
                k: {"old": _json(o), "new": _json(n)} for k, (o, n) in self.changes.items()
            },
            "conflicts": self.conflicts,
            "warnings": self.warnings,
            "refusals": self.refusals,
            "notes": self.notes,
        }


@dataclass
class ReturnPlan:
    file: Path
    unit_id: int
    unit: str
    exported_at: str
    lines: list[ReturnLine]
    #: codes exported but on no row of the returned file (rows deleted)
    missing: list[str] = field(default_factory=list)

    @property
    def exported_label(self) -> str:
        """When the pack was exported, as a clerk reads it (2026-04-01 09:30)."""
        return self.exported_at[:16].replace("T", " ")

    def count(self, action: str) -> int:
        return sum(1 for ln in self.lines if ln.action == action)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "unit": self.unit,
            "exported_at": self.exported_at,
            "counts": {a: self.count(a) for a in ACTION_LABELS},
            "missing": self.missing,
            "lines": [ln.to_dict() for ln in self.lines],
        }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
