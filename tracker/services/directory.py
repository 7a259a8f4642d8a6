"""Keeping the directory right: rename, merge and retire (停用) units, people and lists.

Items hold ids, not names, so a rename follows them everywhere at once — the ledger, old
reports regenerated, the unit's packs. A merge moves everything that named the source (its
items as lead or co-unit, their history, urges, people, accounts and sub-units) onto the
target and then removes the source: two spellings of one office become one. A retired unit,
person or list stays on every item and report that names it and is no longer offered for
new work; it can be restored. Every change is one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tracker import audit
from tracker.actors import Actor, require_role
from tracker.enums import ADMINS, SUPERVISORS, Role
from tracker.errors import DuplicateError, NotFoundError, ValidationError
from tracker.models import Base, Item, ItemList, Person, Unit, item_co_unit

Named = TypeVar("Named", Unit, ItemList)


@dataclass(frozen=True)
class _Kind:
    """How a unit or a list is named in messages and the audit, and who keeps them."""

    word: str
    key: str
    roles: frozenset[Role]
    what: str


KINDS: dict[type, _Kind] = {
    Unit: _Kind("单位", "unit", ADMINS, "管理单位"),
    ItemList: _Kind("清单", "list", SUPERVISORS, "管理清单"),
}


def _find(s: Session, model: type[Named], name: str) -> Named:
    found = s.scalar(select(model).where(model.name == name.strip()))
    if found is None:
        raise NotFoundError(f"没有名为“{name}”的{KINDS[model].word}。")
    return found


def _unit(s: Session, name: str) -> Unit:
    return _find(s, Unit, name)


def _rename(s: Session, actor: Actor, model: type[Named], old: str, new: str) -> None:
    kind = KINDS[model]
    require_role(actor, kind.roles, kind.what)
    row = _find(s, model, old)
    name = new.strip()
    if not name:
        raise ValidationError("name", f"{kind.word}名称不能为空。")
    if name != row.name and s.scalar(select(model.id).where(model.name == name)) is not None:
        raise DuplicateError(f"{kind.word}“{name}”已存在。如是同一个{kind.word}，请用“合并”。")
    row.name = name
    audit.append(
        s,
        actor=actor.login,
        action=f"{kind.key}_renamed",
        before={kind.key: old},
        after={kind.key: name},
    )


def _set_active(s: Session, actor: Actor, model: type[Named], name: str, active: bool) -> None:
    kind = KINDS[model]
    require_role(actor, kind.roles, kind.what)
    row = _find(s, model, name)
    if row.active != active:
        row.active = active
        action = f"{kind.key}_restored" if active else f"{kind.key}_retired"
        audit.append(s, actor=actor.login, action=action, after={kind.key: row.name})


def rename_unit(s: Session, actor: Actor, old: str, new: str) -> None:
    _rename(s, actor, Unit, old, new)


def set_unit_active(s: Session, actor: Actor, name: str, active: bool) -> None:
    _set_active(s, actor, Unit, name, active)


def _is_below(unit: Unit, above: Unit) -> bool:
    """Is ``unit`` somewhere under ``above`` in the tree?"""
    parent = unit.parent
    while parent is not None:
        if parent.id == above.id:
            return True
        parent = parent.parent
    return False


def _unit_columns() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to ``unit.id`` but the co-unit links."""
    return [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name == "unit" and table.name != item_co_unit.name
    ]


def merge_units(s: Session, actor: Actor, source: str, target: str) -> int:
    """Move everything of ``source`` onto ``target`` and remove ``source``; the number of
    items that were ``source``'s (as lead or co-unit)."""
    require_role(actor, ADMINS, "管理单位")
    src, dst = _unit(s, source), _unit(s, target)
    if src.id == dst.id:
        raise ValidationError("unit", "请选择另一个单位作为合并目标。")
    if _is_below(dst, src):
        raise ValidationError(
            "unit",
            f"“{target}”是“{source}”的下级单位，不能把上级并入下级。"
            f"如要撤并，请把“{source}”并入同级或上级单位。",
        )
    s.flush()
    led = s.scalar(select(func.count()).where(Item.lead_unit_id == src.id)) or 0
    co = item_co_unit.c
    already = select(co.item_id).where(co.unit_id == dst.id)
    leads_target = select(Item.id).where(Item.lead_unit_id.in_([src.id, dst.id]))
    co_rows = s.scalar(select(func.count()).where(co.unit_id == src.id)) or 0
    s.execute(
        delete(item_co_unit).where(
            co.unit_id == src.id, co.item_id.in_(already.union(leads_target))
        )
    )
    s.execute(update(item_co_unit).where(co.unit_id == src.id).values(unit_id=dst.id))
    for table, column in _unit_columns():
        t = Base.metadata.tables[table]
        s.execute(update(t).where(t.c[column] == src.id).values({column: dst.id}))
    # an item led by the target no longer lists it as its own co-unit
    s.execute(
        delete(item_co_unit).where(
            co.unit_id == dst.id,
            co.item_id.in_(select(Item.id).where(Item.lead_unit_id == dst.id)),
        )
    )
    s.expire_all()
    s.delete(s.get_one(Unit, src.id))
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="units_merged",
        before={"unit": source, "items": led + co_rows},
        after={"unit": target},
    )
    return led + co_rows


def _person(s: Session, unit: str, name: str) -> Person:
    person = s.scalar(
        select(Person)
        .where(Person.unit_id == _unit(s, unit).id, Person.name == name.strip())
        .order_by(Person.id)
    )
    if person is None:
        raise NotFoundError(f"{unit}没有名为“{name}”的责任人。")
    return person


def rename_person(
    s: Session, actor: Actor, unit: str, old: str, new: str, phone: str | None = None
) -> None:
    """Correct a 责任人's name (and phone, when given); their items follow."""
    require_role(actor, SUPERVISORS, "管理责任人")
    person = _person(s, unit, old)
    name = new.strip()
    if not name:
        raise ValidationError("name", "责任人姓名不能为空。")
    if name != person.name and s.scalar(
        select(Person.id).where(Person.unit_id == person.unit_id, Person.name == name)
    ):
        raise DuplicateError(f"{unit}已有责任人“{name}”。如是同一个人，请用“合并”。")
    before = {"unit": unit, "name": person.name, "phone": person.phone}
    person.name = name
    if phone is not None:
        person.phone = phone.strip() or None
    after = {"unit": unit, "name": person.name, "phone": person.phone}
    audit.append(s, actor=actor.login, action="person_renamed", before=before, after=after)


def merge_people(s: Session, actor: Actor, unit: str, source: str, target: str) -> int:
    """The items of ``source`` go to ``target`` (same unit) and ``source`` is removed."""
    require_role(actor, SUPERVISORS, "管理责任人")
    src, dst = _person(s, unit, source), _person(s, unit, target)
    if src.id == dst.id:
        raise ValidationError("person", "请选择另一个责任人作为合并目标。")
    count = s.scalar(select(func.count()).where(Item.assignee_id == src.id)) or 0
    s.execute(update(Item).where(Item.assignee_id == src.id).values(assignee_id=dst.id))
    if dst.phone is None:
        dst.phone = src.phone
    s.delete(src)
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="people_merged",
        before={"unit": unit, "name": source, "items": count},
        after={"unit": unit, "name": target},
    )
    return count


def set_person_active(s: Session, actor: Actor, unit: str, name: str, active: bool) -> None:
    require_role(actor, SUPERVISORS, "管理责任人")
    person = _person(s, unit, name)
    if person.active != active:
        person.active = active
        action = "person_restored" if active else "person_retired"
        audit.append(s, actor=actor.login, action=action, after={"unit": unit, "name": name})


def rename_list(s: Session, actor: Actor, old: str, new: str) -> None:
    _rename(s, actor, ItemList, old, new)


def set_list_active(s: Session, actor: Actor, name: str, active: bool) -> None:
    _set_active(s, actor, ItemList, name, active)
