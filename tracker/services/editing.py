"""Editing an item's basic information (基本信息), safe against someone else's save.

The caller passes the version it showed the user. If another desktop saved the item since,
the save is refused with “该事项已被他人修改” and who did what last, instead of silently
overwriting their change; the caller reloads and lets the user decide. The row is locked
(``load_item``) for the rest of the transaction, so two saves in flight are ordered and the
second always sees the first's version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from tracker import audit, history
from tracker.actors import Actor, require_role
from tracker.enums import SUPERVISORS, Status
from tracker.errors import Conflict, PermissionDenied, ValidationError
from tracker.item_actions import ITEM_ACTIONS
from tracker.item_fields import EDITABLE, field_texts
from tracker.services.common import ItemState, load_item, now


def edit_item(
    s: Session,
    actor: Actor,
    item_id: int,
    expected_version: int,
    changes: Mapping[str, Any],
    at: dt.datetime | None = None,
) -> ItemState:
    """Save the changed basic fields of one item; unchanged values are ignored.

    Raises:
        StaleItem: (from ``common``) the item's version is no longer ``expected_version``.
        ValidationError: an unknown field, an empty title, a negative number.
        PermissionDenied: not a supervisor, or the item is closed or cancelled.
    """
    require_role(actor, SUPERVISORS, "修改事项基本信息")
    item = load_item(s, item_id, expected_version)
    if Status(item.status) not in ITEM_ACTIONS["edit"].states:
        raise PermissionDenied(
            f"事项“{item.code}”状态为“{Status(item.status).label}”，不能修改基本信息。"
        )
    before, after = {}, {}
    for field, raw in changes.items():
        value = _clean(field, raw)
        if getattr(item, field) != value:
            before[field], after[field] = getattr(item, field), value
            setattr(item, field, value)
    if after:
        stamp = now(at)
        item.updated_at = stamp
        s.flush()
        audit.append(
            s,
            actor=actor.login,
            action="edit",
            item_id=item.id,
            before=before,
            after=after,
            at=stamp,
        )
        history.note(s, item, stamp)  # a changed 领域 moves the item between report rows
    return ItemState.of(item)


def take_back(
    s: Session,
    actor: Actor,
    item_id: int,
    values: Mapping[str, str],
    expected: Mapping[str, str],
    what: str,
    at: dt.datetime | None = None,
) -> ItemState:
    """Undo or redo (``what``: 撤销/重做) an earlier edit: set ``values`` where the fields
    still hold ``expected``; refused, naming them, when someone changed one since."""
    item = load_item(s, item_id)
    current = field_texts(item)
    changed = [f for f in expected if current[f].strip() != expected[f].strip()]
    if changed:
        fields = "、".join(f"{EDITABLE[f]}（现为“{current[f] or '空'}”）" for f in changed)
        raise Conflict(f"无法{what}对 {item.code} 的修改：{fields}已被他人改过。")
    return edit_item(s, actor, item_id, item.version, values, at)


def _clean(field: str, raw: Any) -> Any:
    if field not in EDITABLE:
        raise ValidationError(field, f"“{field}”不是可修改的基本信息。")
    text = raw.strip() if isinstance(raw, str) else raw
    if text in ("", None):
        if field == "title":
            raise ValidationError("title", "事项名称不能为空。")
        return None
    return _CONVERT.get(field, str)(text)


def _count(text: Any) -> int:
    try:
        value = int(str(text).replace(",", "").replace("，", ""))
    except ValueError:
        raise ValidationError("beneficiaries", f"受益人数“{text}”不是整数。") from None
    if value < 0:
        raise ValidationError("beneficiaries", "受益人数不能为负数。")
    return value


def _money(text: Any) -> Decimal:
    try:
        value = Decimal(str(text).replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise ValidationError("funds", f"投入资金“{text}”不是数字。") from None
    if value < 0 or not value.is_finite():
        raise ValidationError("funds", "投入资金不能为负数。")
    return value.quantize(Decimal("0.01"))


_CONVERT: dict[str, Callable[[Any], Any]] = {"beneficiaries": _count, "funds": _money}
