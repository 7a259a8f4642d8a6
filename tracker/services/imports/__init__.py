"""Import a list from a workbook: plan it against the ledger, then apply it in one go.

``plan_import`` reads, detects the layout, parses every cell, resolves unit names and matches
existing items; it writes nothing. ``apply_import`` writes the whole plan in the caller's
transaction. Both read the one field table in ``fields``.
"""

from tracker.services.imports.apply import ImportResult, apply_import
from tracker.services.imports.plan import (
    ACTION_LABELS,
    ImportPlan,
    best_sheet,
    plan_import,
    require_plan_ok,
)

__all__ = [
    "ACTION_LABELS",
    "ImportPlan",
    "ImportResult",
    "apply_import",
    "best_sheet",
    "plan_import",
    "require_plan_ok",
]
