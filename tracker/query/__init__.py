"""The read side of the ledger: filters, rows, one item's record, units and names.

Below the services and above the figures (``metrics``, ``lights``), so that the services, the
exports and the reports all read items through one filter and one set of row builders. Nothing
here writes.
"""

from tracker.query.filter import (
    IMPORT_ACTIONS,
    ItemFilter,
    apply_filter,
    as_of_day,
    check_filter,
    count_items,
)
from tracker.query.item_record import AttachmentInfo, AuditLine, attachments_of, audit_of
from tracker.query.item_view import (
    HistoryEvent,
    ItemDetail,
    PendingExtension,
    find_item_id,
    item_detail,
    item_history,
    pending,
    pending_row,
)
from tracker.query.names import list_id, unit_id
from tracker.query.rows import (
    SORT_KEYS,
    ItemRow,
    item_ids,
    list_items,
    overdue_days,
    page_rows,
    rows_by_ids,
)
from tracker.query.units import UnitLine, outline, subtree_ids

__all__ = [
    "IMPORT_ACTIONS",
    "SORT_KEYS",
    "AttachmentInfo",
    "AuditLine",
    "HistoryEvent",
    "ItemDetail",
    "ItemFilter",
    "ItemRow",
    "PendingExtension",
    "UnitLine",
    "apply_filter",
    "as_of_day",
    "attachments_of",
    "audit_of",
    "check_filter",
    "count_items",
    "find_item_id",
    "item_detail",
    "item_history",
    "item_ids",
    "list_id",
    "list_items",
    "outline",
    "overdue_days",
    "page_rows",
    "pending",
    "pending_row",
    "rows_by_ids",
    "subtree_ids",
    "unit_id",
]
