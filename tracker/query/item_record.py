"""What the item panel lists beside the history: evidence files and the item's audit entries.

The history (``item_view.item_history``) tells the story in the clerk's words; the audit log
is the tamper-evident record a supervisor checks, so it lists every entry, field by field.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.diff_text import diff_text
from tracker.enums import Escalation, Status
from tracker.item_fields import EDITABLE
from tracker.models import Attachment, AuditEntry, User
from tracker.workflow import label_for

#: The snapshot fields of an audit entry, in the words of the item panel.
FIELD_LABELS = {
    "status": "状态",
    "deadline_date": "完成时限",
    "original_deadline_date": "原定时限",
    "escalation": "督办级别",
    "progress_percent": "进度",
    "urge_count": "催办次数",
    "rework_count": "退回整改次数",
    "reopen_count": "重新办理次数",
    "claimant_name": "认领人",
    **EDITABLE,
}


#: Extra facts an entry carries besides the snapshot, shown after the changes.
EXTRA_LABELS = {
    "lead_unit": "牵头单位",
    "reason": "理由",
    "file": "文件",
    "claimant": "认领人",
    "comment": "意见",
    "percent_note": "说明",
}


_ENUMS: dict[str, Any] = {"status": Status, "escalation": Escalation}


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    uploader: str | None


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor: str
    action: str
    detail: str


def attachments_of(s: Session, item_id: int) -> list[AttachmentInfo]:
    names: dict[int | None, str] = dict(
        s.execute(select(User.id, User.display_name)).tuples().all()
    )
    rows = s.scalars(
        select(Attachment).where(Attachment.item_id == item_id).order_by(Attachment.id)
    )
    return [
        AttachmentInfo(a.id, a.filename, a.size, a.sha256, a.uploaded_at, names.get(a.user_id))
        for a in rows
    ]


def audit_of(s: Session, item_id: int) -> list[AuditLine]:
    """Every audit entry of the item, oldest first, with what it changed in words."""
    names = dict(s.execute(select(User.login, User.display_name)).tuples().all())
    entries = s.scalars(
        select(AuditEntry).where(AuditEntry.item_id == item_id).order_by(AuditEntry.id)
    )
    return [
        AuditLine(e.id, e.at, names.get(e.actor, e.actor), label_for(e.action), _detail(e))
        for e in entries
    ]


def _detail(entry: AuditEntry) -> str:
    before = json.loads(entry.before or "{}")
    after = json.loads(entry.after or "{}")
    changes = {
        k: (_shown(k, before.get(k)), _shown(k, after[k]))
        for k in FIELD_LABELS
        if k in after and k in before and before[k] != after[k]
    }
    parts = [diff_text(changes, FIELD_LABELS)] if changes else []
    parts += [f"{label}：{after[k]}" for k, label in EXTRA_LABELS.items() if after.get(k)]
    return "；".join(parts)


def _shown(field: str, value: Any) -> Any:
    enum = _ENUMS.get(field)
    if enum is not None and value is not None:
        try:
            return enum(value).label
        except ValueError:
            return value
    if field == "progress_percent" and value is not None:
        return f"{value}%"
    return value
