"""Unit fill-in packs: export one per unit, and take returned copies back safely.

``export`` writes the packs, ``plan`` decides what each returned row would change (field by
field, with conflicts, warnings and refusals), ``apply`` writes what the clerk accepted.
"""

from tracker.services.returns.apply import ReturnResult, apply_return, unit_clerk
from tracker.services.returns.export import (
    PACK_STATUSES,
    PackExport,
    export_unit_packs,
    pack_rows,
    pack_secret,
)
from tracker.services.returns.lines import ACTION_LABELS, TAKEN_ONLY, ReturnLine, ReturnPlan
from tracker.services.returns.plan import plan_return

__all__ = [
    "ACTION_LABELS",
    "PACK_STATUSES",
    "TAKEN_ONLY",
    "PackExport",
    "ReturnLine",
    "ReturnPlan",
    "ReturnResult",
    "apply_return",
    "export_unit_packs",
    "pack_rows",
    "pack_secret",
    "plan_return",
    "unit_clerk",
]
