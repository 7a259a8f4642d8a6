"""The 报表 menu's view of a ledger: 督办通报, 单位报告, 事项卡片, 发布通报 and 已发布通报, with
the CLI's options and file names (``reports.outputs``), one read per document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tracker.errors import ValidationError
from tracker.models import Item, User
from tracker.reports import outputs, snapshots
from tracker.reports.bulletin_data import BulletinData, Scope, gather
from tracker.reports.period import parse_period
from tracker.services.desk import Desk


@dataclass(frozen=True)
class Written:
    """A document written: its files and the figures they print (for the preview)."""

    files: list[Path]
    data: BulletinData | None = None


@dataclass(frozen=True)
class PublishedLine:
    number: int
    period: str
    scope: str
    as_of: dt.date
    published_at: dt.datetime
    published_by: str


class ReportDesk:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._sessions = desk.db.sessions

    def bulletin(
        self,
        period: str,
        list_name: str | None,
        as_of: dt.date | None,
        formats: Sequence[str],
        folder: Path,
    ) -> Written:
        with self._sessions.begin() as s:
            d = gather(s, parse_period(period), Scope(list_name=list_name), as_of)
        return Written(outputs.write(d, formats, folder, outputs.stem("督办通报", d)), d)

    def unit_report(
        self,
        period: str,
        unit: str | None,
        as_of: dt.date | None,
        formats: Sequence[str],
        folder: Path,
    ) -> Written:
        if not unit:
            raise ValidationError("unit", "请选择牵头单位。")
        with self._sessions.begin() as s:
            d = outputs.unit_report(s, parse_period(period), unit, as_of)
        return Written(outputs.write(d, formats, folder, outputs.stem("单位报告", d)), d)

    def item_card(self, item_id: int, folder: Path) -> Written:
        from tracker.reports.item_card import write_item_card

        folder.mkdir(parents=True, exist_ok=True)
        with self._sessions.begin() as s:
            code = s.get_one(Item, item_id).code
            return Written([write_item_card(s, item_id, folder / f"事项卡片-{code}.pdf")])

    def publish(self, period: str, list_name: str | None, as_of: dt.date | None) -> int:
        """Freeze the bulletin as this user (supervisors only); its number."""
        with self._sessions.begin() as s:
            return snapshots.publish(
                s, self._desk.actor, parse_period(period), Scope(list_name=list_name), as_of
            )

    def published(self) -> list[PublishedLine]:
        with self._sessions.begin() as s:
            names = {
                login: name for login, name in s.execute(select(User.login, User.display_name))
            }
            return [
                PublishedLine(
                    x.id,
                    x.period_label,
                    x.scope_label,
                    x.as_of,
                    x.published_at,
                    names.get(x.published_by, x.published_by),
                )
                for x in snapshots.published(s)
            ]

    def snapshot(self, number: int, formats: Sequence[str], folder: Path) -> Written:
        """A published bulletin again, exactly as frozen."""
        with self._sessions.begin() as s:
            d = snapshots.load(s, number)
        name = f"督办通报-第{number}号-{d.period.label}"
        return Written(outputs.write(d, formats, folder, name), d)
