"""Field-level changes as one line a clerk reads: “完成时限：2026-09-30 → 2026年10月底前”.

Shared by the import wizard, the returned-pack dialog and ``shishi-cli import-return``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def value_text(value: Any) -> str:
    if value in (None, "", []):
        return "（空）"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def diff_text(
    changes: Mapping[str, tuple[Any, Any]], labels: Mapping[str, str] | None = None
) -> str:
    labels = labels or {}
    return "；".join(
        f"{labels.get(k, k)}：{value_text(old)} → {value_text(new)}"
        for k, (old, new) in changes.items()
    )
