"""What each row of a returned pack will do, decided field by field before anything is written.

A row speaks for an item when its code is in the pack's signed check sheet and the item is
still the unit's. Then each fill-in field is read the way the clerk meant it and compared
with the ledger:

- a field the ledger also changed since the export is a conflict (both values shown);
- a percent going down, or a value read with doubt, is a warning;
- a locked cell edited, or a value that cannot be read, is refused for that field only,
  with what to do instead — the row's other fields still count.

Conflicts and warnings are written only when the clerk takes them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.errors import ValidationError
from tracker.excel import unit_pack
from tracker.excel.cells import clean
from tracker.models import Item, Unit, item_co_unit
from tracker.services.common import now
from tracker.services.returns.export import existing_secret
from tracker.services.returns.fields import LeadRow, co_row, read_fields, state_allows
from tracker.services.returns.lines import ReturnLine, ReturnPlan

_SPECS = {s.tag: s for s in unit_pack.SHEETS}
LOCKED_ADVICE = {
    "deadline": "完成时限已锁定，表中的改动未采用；需要调整时限的，请通过延期申请："
    "在“申请延期至”和“延期理由”中填写",
    "title": "事项名称已锁定，表中的改动未采用；需要更名的，请联系督办部门修改",
    "lead_unit": "牵头单位已锁定，表中的改动未采用；需要调整的，请联系督办部门",
}


def plan_return(s: Session, path: Path, at: dt.datetime | None = None) -> ReturnPlan:
    """What the returned pack at ``path`` would write, judged on the day of ``at``."""
    pack = unit_pack.read_pack(path)
    secret = existing_secret(s)
    if secret is None or pack.signature != unit_pack.header_signature(
        secret, pack.unit_id, pack.unit, pack.exported_at
    ):
        raise ValidationError(
            "pack",
            "这个填报包不是本台账导出的（校验不符），可能来自其他台账或另一台电脑上的台账副本。"
            "请用导出它的台账导入，或重新导出填报包。",
        )
    unit = s.get(Unit, pack.unit_id)
    if unit is None or unit.name != pack.unit:
        raise ValidationError(
            "unit", f"填报包所属单位“{pack.unit}”与本台账的单位名录不符，可能来自其他台账。"
        )
    checker = _Checker(s, pack, secret, now(at).date())
    lines = [checker.line(r) for r in pack.rows]
    return ReturnPlan(path, pack.unit_id, pack.unit, pack.exported_at, lines, checker.missing())


class _Checker:
    def __init__(
        self, s: Session, pack: unit_pack.ReturnedPack, secret: str, today: dt.date
    ) -> None:
        self.s, self.pack, self.secret, self.today = s, pack, secret, today
        self.exported = dt.datetime.fromisoformat(pack.exported_at)
        self.seen: dict[tuple[str, str, str], int] = {}
        self._titles_of: dict[str, set[str]] = {}

    def line(self, r: unit_pack.ReturnedRow) -> ReturnLine:
        line = ReturnLine(r.row, r.sheet.name, r.code, None, clean(r.cells.get("title")) or "")
        meta = self._identify(r, line)
        if meta is None:
            line.action = "problem"
            return line
        line.item_id = meta.item_id
        item = self.s.get(Item, meta.item_id)
        if item is None or not self._still_ours(item, r.sheet.tag):
            line.action = "problem"
            line.refusals.append(
                f"该事项已不由本单位{'牵头' if r.sheet.tag == 'lead' else '配合'}，已忽略"
            )
            return line
        self._locked_edits(r, meta, line)
        wanted = read_fields(r, line)
        if r.sheet.tag == "lead":
            LeadRow(self.s, item, meta, wanted, line, self.today, self.exported).check()
        else:
            co_row(self.s, item, self.pack.unit_id, wanted, line, self.exported)
        state_allows(item, r.sheet.tag, line)
        line.action = _action(line)
        return line

    def _identify(self, r: unit_pack.ReturnedRow, line: ReturnLine) -> unit_pack.MetaRow | None:
        if not r.code:
            line.refusals.append("这一行没有编号（可能是插入的行），无法确认是哪个事项，本行未采用")
            return None
        meta = self._meta_of(r, line)
        if meta is None:
            return None
        expected = unit_pack.signature(
            self.secret, self.pack.unit_id, meta.tag, meta.item_id, meta.fields
        )
        if meta.signature != expected:
            line.refusals.append("填报包的校验页被改动过，无法确认这一行属于哪个事项，本行未采用")
            return None
        if self._code_edited(r, meta):
            line.refusals.append(
                f"编号“{r.code}”与本行的事项名称、完成时限对不上（编号可能被改动），"
                "无法确认是哪个事项，本行未采用"
            )
            return None
        key = (r.sheet.tag, meta.shown(r.sheet).get("list", ""), r.code)
        if key in self.seen:
            line.refusals.append(f"编号“{r.code}”在第{self.seen[key]}行已出现，本行未采用")
            return None
        self.seen[key] = r.row
        return meta

    def _meta_of(self, r: unit_pack.ReturnedRow, line: ReturnLine) -> unit_pack.MetaRow | None:
        """The exported row this row's code (and, where codes repeat across lists, its
        清单) names."""
        found = self.pack.meta.get((r.sheet.tag, r.code or ""), [])
        if not found:
            line.refusals.append(
                f"编号“{r.code}”不在这张表导出的事项里（可能从别的表格复制而来，"
                "或编号被改动），无法确认是哪个事项，本行未采用"
            )
            return None
        if len(found) == 1:
            return found[0]
        listed = clean(r.cells.get("list")) or ""
        for meta in found:
            if (clean(meta.shown(r.sheet).get("list")) or "") == listed:
                return meta
        line.refusals.append(
            f"编号“{r.code}”在几个清单中都有，本行的清单“{listed}”对不上，"
            "无法确认是哪个事项，本行未采用"
        )
        return None

    def missing(self) -> list[str]:
        """Codes exported but found on no row: rows deleted (or never sent back)."""
        return [
            m.code
            for metas in self.pack.meta.values()
            for m in metas
            if (m.tag, m.shown(_SPECS[m.tag]).get("list", ""), m.code) not in self.seen
        ]

    def _code_edited(self, r: unit_pack.ReturnedRow, meta: unit_pack.MetaRow) -> bool:
        """Whether the row's code was typed over: its name and deadline are both another's,
        or its name is exactly another exported row's."""
        shown = meta.shown(r.sheet)
        title = clean(r.cells.get("title")) or ""
        deadline = clean(r.cells.get("deadline")) or ""
        if title == (clean(shown.get("title")) or ""):
            return False
        if deadline != (clean(shown.get("deadline")) or ""):
            return True
        return title in self._titles(r.sheet)

    def _titles(self, spec: unit_pack.SheetSpec) -> set[str]:
        """The names of the items exported on ``spec``'s sheet."""
        if spec.tag not in self._titles_of:
            self._titles_of[spec.tag] = {
                clean(m.shown(spec).get("title")) or ""
                for (tag, _code), metas in self.pack.meta.items()
                for m in metas
                if tag == spec.tag
            }
        return self._titles_of[spec.tag]

    def _still_ours(self, item: Item, tag: str) -> bool:
        if tag == "lead":
            return item.lead_unit_id == self.pack.unit_id
        co = select(item_co_unit.c.unit_id).where(
            item_co_unit.c.item_id == item.id, item_co_unit.c.unit_id == self.pack.unit_id
        )
        return self.s.scalar(co) is not None

    def _locked_edits(
        self, r: unit_pack.ReturnedRow, meta: unit_pack.MetaRow, line: ReturnLine
    ) -> None:
        shown = meta.shown(r.sheet)
        for col in r.sheet.locked:
            if col.key == "code":
                continue
            if (clean(r.cells.get(col.key)) or "") != (clean(shown.get(col.key)) or ""):
                line.refusals.append(
                    LOCKED_ADVICE.get(col.key, f"“{col.header}”是只读列，表中的改动未采用")
                )


def _action(line: ReturnLine) -> str:
    if not line.changes:
        return "problem" if line.refusals else "unchanged"
    if line.conflicts:
        return "conflict"
    return "warning" if line.warnings else "update"
