"""Units, lists, users and new items: the records the workflow moves things between."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit
from tracker.actors import Actor, require_role
from tracker.deadlines import format_deadline
from tracker.enums import (
    ADMINS,
    SUPERVISORS,
    DeadlineKind,
    DeadlinePrecision,
    ListKind,
    Role,
    Status,
    UnitKind,
)
from tracker.errors import DuplicateError, NotFoundError, ValidationError
from tracker.models import Item, ItemList, Person, Unit, User
from tracker.query import unit_id
from tracker.services.common import ItemState, now, record


def add_unit(
    s: Session,
    actor: Actor,
    name: str,
    kind: UnitKind = UnitKind.DEPARTMENT,
    parent: str | None = None,
) -> int:
    require_role(actor, ADMINS, "管理单位")
    name = name.strip()
    if not name:
        raise ValidationError("name", "单位名称不能为空。")
    if s.scalar(select(Unit.id).where(Unit.name == name)) is not None:
        raise DuplicateError(f"单位“{name}”已存在。")
    unit = Unit(name=name, kind=kind, parent_id=unit_id(s, parent) if parent else None)
    s.add(unit)
    s.flush()
    audit.append(s, actor=actor.login, action="unit_added", after={"unit": name, "kind": kind})
    return unit.id


def add_person(s: Session, actor: Actor, name: str, phone: str | None, unit: str | None) -> int:
    """A 责任人 items can be assigned to (not a login: units' contacts rarely log in)."""
    require_role(actor, SUPERVISORS, "登记责任人")
    name = name.strip()
    if not name:
        raise ValidationError("name", "责任人姓名不能为空。")
    person = Person(
        name=name, phone=(phone or "").strip() or None, unit_id=unit_id(s, unit) if unit else None
    )
    s.add(person)
    s.flush()
    audit.append(s, actor=actor.login, action="person_added", after={"name": name, "unit": unit})
    return person.id


def people_of(s: Session, unit: str, active_only: bool = False) -> list[tuple[str, str | None]]:
    """(name, phone) of a unit's 责任人, in the order they were registered; ``active_only``:
    without those retired (停用)."""
    stmt = select(Person.name, Person.phone).where(Person.unit_id == unit_id(s, unit))
    if active_only:
        stmt = stmt.where(Person.active.is_(True))
    rows = s.execute(stmt.order_by(Person.id))
    return [(name, phone) for name, phone in rows]


def directory_people(s: Session, unit: str) -> list[tuple[str, str | None, bool]]:
    """(name, phone, serving) of every 责任人 of a unit, retired ones too (单位与人员)."""
    rows = s.execute(
        select(Person.name, Person.phone, Person.active)
        .where(Person.unit_id == unit_id(s, unit))
        .order_by(Person.id)
    )
    return [(name, phone, bool(active)) for name, phone, active in rows]


def add_user(
    s: Session, actor: Actor, login: str, display_name: str, role: Role, unit: str | None = None
) -> int:
    require_role(actor, ADMINS, "管理用户")
    login = login.strip()
    if not login or not display_name.strip():
        raise ValidationError("login", "登录名和姓名都不能为空。")
    if role == Role.CLERK and not unit:
        raise ValidationError("unit", "承办单位用户必须指定所属单位。")
    if s.scalar(select(User.id).where(User.login == login)) is not None:
        raise DuplicateError(f"登录名“{login}”已被使用。")
    user = User(
        login=login,
        display_name=display_name.strip(),
        role=role,
        unit_id=unit_id(s, unit) if unit else None,
    )
    s.add(user)
    s.flush()
    audit.append(
        s,
        actor=actor.login,
        action="user_added",
        after={"login": login, "role": role, "unit": unit},
    )
    return user.id


def ensure_admin(s: Session) -> bool:
    """Give a new ledger its first administrator; returns whether one was created."""
    if s.scalar(select(User.id).limit(1)) is not None:
        return False
    s.add(User(login="admin", display_name="系统管理员", role=Role.ADMIN))
    s.flush()
    audit.append(s, actor="system", action="user_added", after={"login": "admin", "role": "admin"})
    return True


def add_list(
    s: Session,
    actor: Actor,
    name: str,
    kind: ListKind,
    year: int,
    checkpoint_period: str = "quarterly",
) -> int:
    require_role(actor, SUPERVISORS, "新建清单")
    name = name.strip()
    if not name:
        raise ValidationError("name", "清单名称不能为空。")
    if checkpoint_period not in ("monthly", "quarterly"):
        raise ValidationError("checkpoint_period", "长期坚持事项的考核周期只能是按月或按季度。")
    if s.scalar(select(ItemList.id).where(ItemList.name == name)) is not None:
        raise DuplicateError(f"清单“{name}”已存在。")
    lst = ItemList(name=name, kind=kind, year=year, checkpoint_period=checkpoint_period)
    s.add(lst)
    s.flush()
    audit.append(
        s, actor=actor.login, action="list_added", after={"list": name, "kind": kind, "year": year}
    )
    return lst.id


def _lead_unit_id(s: Session, name: str | None) -> int | None:
    """The lead unit's id; a name not in the directory is the form's field to correct."""
    if not name:
        return None
    return serving_unit(s, name, "lead_unit").id


def serving_unit(s: Session, name: str, field: str) -> Unit:
    """The unit a form names for new work: in the directory and not retired (停用)."""
    unit = s.scalar(select(Unit).where(Unit.name == name.strip()))
    if unit is None:
        raise ValidationError(
            field,
            f"没有名为“{name}”的单位。请从下拉列表中选择，或先在“单位与人员”页新增该单位。",
        )
    if not unit.active:
        raise ValidationError(
            field,
            f"单位“{unit.name}”已停用，不能用于新的事项。如需使用，请先在“单位与人员”页启用。",
        )
    return unit


def add_item(
    s: Session,
    actor: Actor,
    list_id: int,
    code: str,
    title: str,
    *,
    lead_unit: str | None = None,
    co_units: Sequence[str] = (),
    deadline: dt.date | None = None,
    deadline_text: str | None = None,
    category: str | None = None,
    resident_name: str | None = None,
    at: dt.datetime | None = None,
) -> ItemState:
    """Register a new item as a draft (草稿). No deadline means 长期坚持."""
    require_role(actor, SUPERVISORS, "登记事项")
    code, title = code.strip(), title.strip()
    if not code or not title:
        raise ValidationError("title", "事项编号和名称都不能为空。")
    if s.get(ItemList, list_id) is None:
        raise NotFoundError("清单不存在。")
    if s.scalar(select(Item.id).where(Item.list_id == list_id, Item.code == code)):
        raise DuplicateError(f"清单中已有编号为“{code}”的事项。")
    stamp = now(at)
    item = Item(
        list_id=list_id,
        code=code,
        title=title,
        category=category,
        status=Status.DRAFT,
        lead_unit_id=_lead_unit_id(s, lead_unit),
        deadline_date=deadline,
        deadline_text=deadline_text or (format_deadline(deadline) if deadline else "长期坚持"),
        deadline_precision=DeadlinePrecision.DAY if deadline else DeadlinePrecision.NONE,
        deadline_kind=DeadlineKind.FIXED if deadline else DeadlineKind.ONGOING,
        resident_name=resident_name,
        created_at=stamp,
        updated_at=stamp,
    )
    item.co_units = [s.get_one(Unit, unit_id(s, u)) for u in co_units]
    s.add(item)
    s.flush()
    record(s, actor, item, "create", {}, stamp, code=code, title=title)
    return ItemState.of(item)
