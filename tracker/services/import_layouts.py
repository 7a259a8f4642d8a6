"""Column mappings the clerk confirmed, remembered per source layout for the next import.

Units send the same template month after month. Once a clerk has told the wizard that “时间
要求” is the deadline, the next workbook with the same header should not ask again. The key is
the header text of every column (so a changed template is a new layout); the value is the
field → column mapping. They live in the shared ``setting`` table, so every desktop of a
shared ledger benefits.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy.orm import Session

from tracker.excel.layout import FIELD_LABELS
from tracker.models import Setting

PREFIX = "import_layout:"


def signature(headers: dict[int, str]) -> str:
    """A stable name for a header: its column texts in order."""
    text = json.dumps(sorted(headers.items()), ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def recall(s: Session, sig: str) -> dict[str, int] | None:
    """The mapping last used for this header, if any (damaged entries are ignored)."""
    row = s.get(Setting, PREFIX + sig)
    if row is None:
        return None
    try:
        data = json.loads(row.value)
        mapping = {str(k): int(v) for k, v in data.items()}
    except (ValueError, TypeError, AttributeError):
        return None
    return mapping if mapping and set(mapping) <= set(FIELD_LABELS) else None


def remember(s: Session, sig: str, columns: dict[str, int]) -> None:
    value = json.dumps(columns, ensure_ascii=False, sort_keys=True)
    row = s.get(Setting, PREFIX + sig)
    if row is None:
        s.add(Setting(key=PREFIX + sig, value=value))
    else:
        row.value = value
