"""An item's basic-information fields, as the forms, the history and the audit name them.

Kept below the services and the read side so that the edit service, the item panel's history
and the audit lines all spell a field the same way.
"""

from __future__ import annotations

#: Field → its Chinese label, in form order.
EDITABLE = {
    "title": "事项名称",
    "content": "具体内容",
    "category": "领域",
    "source": "来源",
    "leader": "包联领导",
    "location": "地点",
    "beneficiaries": "受益人数",
    "funds": "投入资金（万元）",
    "remarks": "备注",
}


#: Who answers for an item and by when (``services.responsibility``): field → label.
RESPONSIBILITY = {
    "lead_unit": "牵头单位",
    "co_units": "配合单位",
    "assignee": "责任人",
    "assignee_phone": "联系电话",
    "deadline_text": "完成时限",
}


def field_texts(record: object) -> dict[str, str]:
    """The editable fields of an item (or its detail) as a form shows them: text, "" for none."""
    values = {f: getattr(record, f) for f in EDITABLE}
    return {f: "" if v is None else str(v) for f, v in values.items()}
