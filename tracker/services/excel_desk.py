"""The Excel work of one desktop (import, export, unit packs), one transaction per step.

The GUI's import wizard and export dialogs hold an ``ExcelDesk`` instead of sessions, like
the rest of the window holds a ``Desk``. Planning reads only; applying takes a backup of an
SQLite ledger first and writes in one transaction, so a failure or 取消 leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tracker import query
from tracker.backup import pre_import_backup
from tracker.enums import ListKind, Role
from tracker.excel import ledger_export
from tracker.excel.reader import Grid, read_grid
from tracker.models import Item, Unit, User, item_co_unit
from tracker.services import imports, returns
from tracker.services.desk import Desk
from tracker.tasks import Progress


@dataclass(frozen=True)
class Applied:
    """What an import or a returned pack wrote, and where the ledger was saved before."""

    result: Any  # imports.ImportResult or returns.ReturnResult
    backup: Path | None


@dataclass(frozen=True)
class PackUnit:
    name: str
    open_items: int


class ExcelDesk:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @property
    def _sessions(self) -> sessionmaker[Session]:
        return self.desk.db.sessions

    def read_sheet(self, path: Path, sheet: str | None = None) -> Grid:
        """The sheet as the wizard previews it (the ledger sheet when none is named)."""
        return read_grid(path, sheet, choose=imports.best_sheet)

    def plan_import(
        self,
        path: Path,
        *,
        list_name: str | None = None,
        year: int | None = None,
        sheet: str | None = None,
        header_rows: list[int] | None = None,
        columns: dict[str, int] | None = None,
        unit_aliases: dict[str, str] | None = None,
        keep_collectives: Collection[str] = (),
        grid: Grid | None = None,
    ) -> imports.ImportPlan:
        """``imports.plan_import`` in a read-only step (the wizard's choices); nothing is written."""
        with self._sessions.begin() as s:
            return imports.plan_import(
                s,
                path,
                list_name=list_name,
                year=year,
                sheet=sheet,
                header_rows=header_rows,
                columns=columns,
                unit_aliases=unit_aliases,
                keep_collectives=keep_collectives,
                grid=grid,
            )

    def unit_directory_empty(self) -> bool:
        """A first import into an empty directory creates its units without asking."""
        with self._sessions.begin() as s:
            return not s.scalar(select(func.count(Unit.id)))

    def apply_import(
        self,
        plan: imports.ImportPlan,
        *,
        create_units: bool,
        kind: ListKind = ListKind.KEY_LIVELIHOOD,
        progress: Progress | None = None,
    ) -> Applied:
        imports.require_plan_ok(plan)
        backup = pre_import_backup(self.desk.db.path)
        with self._sessions.begin() as s:
            result = imports.apply_import(
                s, self.desk.actor, plan, create_units=create_units, kind=kind, progress=progress
            )
        return Applied(result, backup)

    def export_ledger(
        self,
        f: query.ItemFilter,
        path: Path,
        *,
        title: str,
        columns: list[str] | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write the ledger as .xlsx, or .csv when ``path`` ends so."""
        with self._sessions.begin() as s:
            query.check_filter(s, f)
            if path.suffix.lower() == ".csv":
                return ledger_export.export_csv(s, f, path, columns=columns, progress=progress)
            return ledger_export.export_xlsx(s, f, path, title, columns=columns, progress=progress)

    def pack_units(self) -> list[PackUnit]:
        """Units in directory order with how many items a pack for them would hold (those
        they lead and those they co-organise)."""
        open_ = Item.status.in_(returns.PACK_STATUSES)
        with self._sessions.begin() as s:
            counts: dict[int | None, int] = {}
            led = select(Item.lead_unit_id, func.count(Item.id)).where(open_)
            co = (
                select(item_co_unit.c.unit_id, func.count(Item.id))
                .join(Item, Item.id == item_co_unit.c.item_id)
                .where(open_, Item.lead_unit_id.is_distinct_from(item_co_unit.c.unit_id))
            )
            for stmt, key in ((led, Item.lead_unit_id), (co, item_co_unit.c.unit_id)):
                for uid, n in s.execute(stmt.group_by(key)).tuples():
                    counts[uid] = counts.get(uid, 0) + n
            units = s.execute(select(Unit.id, Unit.name).order_by(Unit.sort_order, Unit.id))
            return [PackUnit(name, counts.get(uid, 0)) for uid, name in units]

    def export_unit_packs(
        self,
        folder: Path,
        units: list[str],
        list_name: str | None = None,
        progress: Progress | None = None,
    ) -> returns.PackExport:
        with self._sessions.begin() as s:
            return returns.export_unit_packs(s, folder, units, list_name, progress=progress)

    def plan_return(self, path: Path) -> returns.ReturnPlan:
        with self._sessions.begin() as s:
            return returns.plan_return(s, path)

    def unit_clerks(self, unit_id: int) -> list[tuple[str, str]]:
        """(login, name) of the unit's active clerks: whom a returned pack may speak for."""
        with self._sessions.begin() as s:
            rows = s.execute(
                select(User.login, User.display_name)
                .where(User.unit_id == unit_id, User.role == Role.CLERK, User.active)
                .order_by(User.id)
            )
            return [(login, name) for login, name in rows]

    def apply_return(
        self, plan: returns.ReturnPlan, take: set[str], login: str | None = None
    ) -> Applied:
        backup = pre_import_backup(self.desk.db.path)
        with self._sessions.begin() as s:
            actor = returns.unit_clerk(s, plan.unit_id, login)
            result = returns.apply_return(s, actor, plan, take)
        return Applied(result, backup)
