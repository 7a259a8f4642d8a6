"""The administration pages' view of a ledger (单位与人员, 清单, 设置), one transaction per
action, like ``Desk`` for the ledger: the pages hold this instead of sessions."""

from __future__ import annotations

from typing import Any

from tracker import settings
from tracker.enums import ADMINS, SUPERVISORS, ListKind, Role, UnitKind
from tracker.services import accounts, directory, lists_overview, registry
from tracker.services.desk import Desk


class AdminDesk:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._sessions = desk.db.sessions
        self._actor = desk.actor

    @property
    def is_admin(self) -> bool:
        return self._actor.role in ADMINS

    @property
    def supervises(self) -> bool:
        return self._actor.role in SUPERVISORS

    def accounts(self) -> list[accounts.Account]:
        with self._sessions.begin() as s:
            return accounts.accounts(s)

    def people(self, unit: str) -> list[tuple[str, str | None]]:
        with self._sessions.begin() as s:
            return registry.people_of(s, unit)

    def add_unit(self, name: str, kind: UnitKind, parent: str | None) -> None:
        with self._sessions.begin() as s:
            registry.add_unit(s, self._actor, name, kind, parent)

    def add_person(self, name: str, phone: str | None, unit: str) -> None:
        with self._sessions.begin() as s:
            registry.add_person(s, self._actor, name, phone, unit)

    def add_user(
        self, login: str, name: str, role: Role, unit: str | None, password: str | None
    ) -> None:
        """A new account, with its first password when given (all or nothing)."""
        with self._sessions.begin() as s:
            registry.add_user(s, self._actor, login, name, role, unit)
            if password:
                accounts.set_password(s, self._actor, login, password)

    def set_password(self, login: str, password: str) -> None:
        with self._sessions.begin() as s:
            accounts.set_password(s, self._actor, login, password)

    def set_active(self, login: str, active: bool) -> None:
        with self._sessions.begin() as s:
            accounts.set_active(s, self._actor, login, active)

    def unlock(self, login: str) -> None:
        with self._sessions.begin() as s:
            accounts.unlock(s, self._actor, login)

    def set_role(self, login: str, role: Role, unit: str | None) -> None:
        with self._sessions.begin() as s:
            accounts.set_role(s, self._actor, login, role, unit)

    def directory_people(self, unit: str) -> list[tuple[str, str | None, bool]]:
        with self._sessions.begin() as s:
            return registry.directory_people(s, unit)

    def rename_unit(self, old: str, new: str) -> None:
        with self._sessions.begin() as s:
            directory.rename_unit(s, self._actor, old, new)

    def merge_units(self, source: str, target: str) -> int:
        with self._sessions.begin() as s:
            return directory.merge_units(s, self._actor, source, target)

    def set_unit_active(self, name: str, active: bool) -> None:
        with self._sessions.begin() as s:
            directory.set_unit_active(s, self._actor, name, active)

    def rename_person(self, unit: str, old: str, new: str, phone: str | None) -> None:
        with self._sessions.begin() as s:
            directory.rename_person(s, self._actor, unit, old, new, phone)

    def merge_people(self, unit: str, source: str, target: str) -> int:
        with self._sessions.begin() as s:
            return directory.merge_people(s, self._actor, unit, source, target)

    def set_person_active(self, unit: str, name: str, active: bool) -> None:
        with self._sessions.begin() as s:
            directory.set_person_active(s, self._actor, unit, name, active)

    def rename_list(self, old: str, new: str) -> None:
        with self._sessions.begin() as s:
            directory.rename_list(s, self._actor, old, new)

    def set_list_active(self, name: str, active: bool) -> None:
        with self._sessions.begin() as s:
            directory.set_list_active(s, self._actor, name, active)

    def lists(self) -> list[lists_overview.ListSummary]:
        with self._sessions.begin() as s:
            return lists_overview.lists_overview(s)

    def add_list(self, name: str, kind: ListKind, year: int, period: str) -> None:
        with self._sessions.begin() as s:
            registry.add_list(s, self._actor, name, kind, year, period)

    def settings(self) -> dict[str, Any]:
        with self._sessions.begin() as s:
            return settings.all_settings(s)

    def put_settings(self, values: dict[str, Any]) -> list[str]:
        """Save the changed settings together (all or none); returns the keys changed."""
        with self._sessions.begin() as s:
            current = settings.all_settings(s)
            changed = [k for k, v in values.items() if current.get(k) != v]
            for key in changed:
                settings.put(s, self._actor, key, values[key])
            return changed
