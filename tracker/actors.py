"""Who is acting: users as value objects, and the role and unit-scope checks on them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.enums import Role
from tracker.errors import NotFoundError, PermissionDenied
from tracker.models import Item, Unit, User, item_co_unit
from tracker.workflow import Relation, Scope, in_scope


@dataclass(frozen=True)
class Actor:
    """The acting user, detached from any session."""

    user_id: int | None
    login: str
    name: str
    role: Role
    unit_id: int | None = None
    unit_name: str | None = None

    def describe(self) -> str:
        unit = f"，{self.unit_name}" if self.unit_name else ""
        return f"{self.name}（{self.role.label}{unit}）"


#: The program itself (demo data, migrations); never a logged-in person.
SYSTEM = Actor(None, "system", "系统", Role.ADMIN)


def actor_by_login(s: Session, login: str) -> Actor:
    user = s.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        raise NotFoundError(f"没有登录名为“{login}”的用户。")
    if not user.active:
        raise PermissionDenied(f"用户“{login}”已停用。")
    return actor_of(user)


def actor_of(user: User) -> Actor:
    return Actor(
        user.id,
        user.login,
        user.display_name,
        Role(user.role),
        user.unit_id,
        user.unit.name if user.unit else None,
    )


def require_role(actor: Actor, roles: frozenset[Role] | set[Role], what: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(f"{actor.describe()}无权{what}。")


def relation_of(s: Session, item_id: int, unit_id: int | None) -> Relation:
    """How unit ``unit_id`` stands to the item: leads it, cooperates on it, or neither."""
    if unit_id is None:
        return Relation.OTHER
    if s.scalar(select(Item.id).where(Item.id == item_id, Item.lead_unit_id == unit_id)):
        return Relation.LEAD
    co = select(item_co_unit.c.unit_id).where(
        item_co_unit.c.item_id == item_id, item_co_unit.c.unit_id == unit_id
    )
    return Relation.CO if s.scalar(co) is not None else Relation.OTHER


def require_scope(s: Session, actor: Actor, item: Item, scope: Scope, what: str) -> None:
    """Unit clerks may act only on their own unit's items (``workflow.in_scope``); others
    are not limited here."""
    if in_scope(actor.role, scope, Relation.OTHER):  # open to anyone: nothing to look up
        return
    if actor.role == Role.CLERK and scope == Scope.ANY:
        raise PermissionDenied(f"{actor.describe()}无权{what}。")
    if in_scope(actor.role, scope, relation_of(s, item.id, actor.unit_id)):
        return
    lead = s.get(Unit, item.lead_unit_id) if item.lead_unit_id else None
    owner = f"“{lead.name}”牵头的" if lead else "未交办的"
    raise PermissionDenied(f"{actor.describe()}无权对{owner}事项“{item.code}”{what}。")
