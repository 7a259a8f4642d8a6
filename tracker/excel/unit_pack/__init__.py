"""The unit fill-in workbook (填报包): written for one unit, read back when it returns.

Locked columns show what the ledger holds; only the yellow columns are open, each with a
validation. A very hidden sheet holds each row's item id, what its locked cells showed and
the ledger values a returned change is checked against, signed with a key of this ledger
(see ``write``).
"""

from tracker.excel.unit_pack.columns import CO, HELP, LEAD, META, SHEETS, Kind, SheetSpec
from tracker.excel.unit_pack.read import MetaRow, ReturnedPack, ReturnedRow, is_pack, read_pack
from tracker.excel.unit_pack.write import (
    Base,
    PackRow,
    header_signature,
    meta_fields,
    signature,
    text_hash,
    write_pack,
)

__all__ = [
    "CO",
    "HELP",
    "LEAD",
    "META",
    "SHEETS",
    "Base",
    "Kind",
    "MetaRow",
    "PackRow",
    "ReturnedPack",
    "ReturnedRow",
    "SheetSpec",
    "header_signature",
    "is_pack",
    "meta_fields",
    "read_pack",
    "signature",
    "text_hash",
    "write_pack",
]
