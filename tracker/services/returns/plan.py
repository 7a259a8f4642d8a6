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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.enums import Status
from tracker.errors import TrackerError, ValidationError
from tracker.excel import unit_pack
from tracker.excel.cells import clean
from tracker.excel.unit_pack import values as read
from tracker.excel.unit_pack.columns import MAX_TEXT
from tracker.models import Item, ProgressReport, Unit, User, item_co_unit
from tracker.services import extensions
from tracker.services.common import now
from tracker.services.returns.export import existing_secret

#: What each action of a returned row is called on screen and in the CLI.
ACTION_LABELS = {
    "update": "将更新",
    "warning": "需确认",
    "conflict": "冲突",
    "unchanged": "无变化",
    "problem": "有问题",
}
TAKEN_ONLY = ("warning", "conflict")
#: States in which a returned row can still be written.
OPEN = (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)
LOCKED_ADVICE = {
    "deadline": "完成时限已锁定，表中的改动未采用；需要调整时限的，请通过延期申请："
    "在“申请延期至”和“延期理由”中填写",
    "title": "事项名称已锁定，表中的改动未采用；需要更名的，请联系督办部门修改",
    "lead_unit": "牵头单位已锁定，表中的改动未采用；需要调整的，请联系督办部门",
}


@dataclass
class ReturnLine:
    """What one returned row will do.

    ``changes`` maps a field's Chinese name to (ledger value, returned value); ``values``
    holds what will be written, by key; ``refusals`` are fields not taken (the rest of the
    row still is); ``notes`` explain how a value was read.
    """

    row: int
    sheet: str
    code: str | None
    item_id: int | None
    title: str = ""
    action: str = "unchanged"
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The action in words; an update that leaves some of the row out says so."""
        if self.action == "update" and self.refusals:
            return "部分更新"
        return ACTION_LABELS[self.action]

    @property
    def message(self) -> str:
        return "；".join(self.conflicts + self.warnings + self.refusals + self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "sheet": self.sheet,
            "code": self.code,
            "title": self.title,
            "action": self.action,
            "changes": {
                k: {"old": _json(o), "new": _json(n)} for k, (o, n) in self.changes.items()
            },
            "conflicts": self.conflicts,
            "warnings": self.warnings,
            "refusals": self.refusals,
            "notes": self.notes,
        }


@dataclass
class ReturnPlan:
    file: Path
    unit_id: int
    unit: str
    exported_at: str
    lines: list[ReturnLine]

    @property
    def exported_label(self) -> str:
        """When the pack was exported, as a clerk reads it (2026-04-01 09:30)."""
        return self.exported_at[:16].replace("T", " ")

    def count(self, action: str) -> int:
        return sum(1 for ln in self.lines if ln.action == action)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "unit": self.unit,
            "exported_at": self.exported_at,
            "counts": {a: self.count(a) for a in ACTION_LABELS},
            "lines": [ln.to_dict() for ln in self.lines],
        }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


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
    return ReturnPlan(path, pack.unit_id, pack.unit, pack.exported_at, lines)


class _Checker:
    def __init__(
        self, s: Session, pack: unit_pack.ReturnedPack, secret: str, today: dt.date
    ) -> None:
        self.s, self.pack, self.secret, self.today = s, pack, secret, today
        self.seen: dict[tuple[str, str], int] = {}
        self._cache: dict[str, set[str]] = {}

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
        wanted = _read_fields(r, line)
        if r.sheet.tag == "lead":
            _LeadRow(self.s, item, meta, wanted, line, self.today).check()
        else:
            _co_row(self.s, item, self.pack.unit_id, wanted, line)
        _state_allows(item, r.sheet.tag, line)
        line.action = _action(line)
        return line

    def _identify(self, r: unit_pack.ReturnedRow, line: ReturnLine) -> unit_pack.MetaRow | None:
        if not r.code:
            line.refusals.append("这一行没有编号（可能是插入的行），无法确认是哪个事项，本行未采用")
            return None
        key = (r.sheet.tag, r.code)
        meta = self.pack.meta.get(key)
        if meta is None:
            line.refusals.append(
                f"编号“{r.code}”不在这张表导出的事项里（可能从别的表格复制而来，"
                "或编号被改动），无法确认是哪个事项，本行未采用"
            )
            return None
        if self._code_edited(r, meta):
            line.refusals.append(
                f"编号“{r.code}”与本行的事项名称、完成时限对不上（编号可能被改动），"
                "无法确认是哪个事项，本行未采用"
            )
            return None
        if key in self.seen:
            line.refusals.append(f"编号“{r.code}”在第{self.seen[key]}行已出现，本行未采用")
            return None
        self.seen[key] = r.row
        expected = unit_pack.signature(
            self.secret, self.pack.unit_id, meta.tag, meta.item_id, meta.fields
        )
        if meta.signature != expected:
            line.refusals.append("填报包的校验页被改动过，无法确认这一行属于哪个事项，本行未采用")
            return None
        return meta

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
        key = f"titles-{spec.tag}"
        if key not in self._cache:
            self._cache[key] = {
                clean(m.shown(spec).get("title")) or ""
                for (tag, _code), m in self.pack.meta.items()
                if tag == spec.tag
            }
        return self._cache[key]

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


def _read_fields(r: unit_pack.ReturnedRow, line: ReturnLine) -> dict[str, Any]:
    """Each filled fill-in cell read as meant; unreadable ones are refused here."""
    out: dict[str, Any] = {}
    for col in r.sheet.columns:
        if not col.editable:
            continue
        raw = r.cells.get(col.key)
        kind = col.kind
        if kind == unit_pack.Kind.PERCENT:
            got = read.percent(raw, r.percent_cell)
        elif kind == unit_pack.Kind.DATE:
            got = read.day(raw, col.header)
        elif kind == unit_pack.Kind.YES_NO:
            got = read.yes_no(raw, col.header)
        else:
            got = read.text(raw)
            if isinstance(raw, dt.date) and col.key == "progress":
                line.warnings.append(f"“{col.header}”中填的是日期“{got.value}”，请确认没有填错列")
            if isinstance(got.value, str) and len(got.value) > MAX_TEXT:
                got = read.Read(
                    problem=f"“{col.header}”有 {len(got.value)} 字，超过 {MAX_TEXT} 字的上限，"
                    "请精简后重新填报"
                )
        if got.problem:
            line.refusals.append(got.problem + "，该项未采用")
            continue
        if got.note:
            (line.warnings if got.doubtful else line.notes).append(got.note)
        if got.value is not None and got.value != "" and got.value is not False:
            out[col.key] = got.value
    return out


class _LeadRow:
    """The fields of a row the unit leads: a report, a closure request, an extension."""

    def __init__(
        self,
        s: Session,
        item: Item,
        meta: unit_pack.MetaRow,
        wanted: dict[str, Any],
        line: ReturnLine,
        today: dt.date,
    ) -> None:
        self.s, self.item, self.meta, self.wanted, self.line = s, item, meta, wanted, line
        self.today = today

    def check(self) -> None:
        self._report()
        self._closure()
        self._extension()

    def _report(self) -> None:
        item, w, line = self.item, self.wanted, self.line
        done = w.get("done_on")
        if done and done > self.today:
            line.refusals.append(f"实际完成日期 {done} 晚于今天，该项未采用")
            done = w["done_on"] = None
        text = written_text(w.get("progress"), done)
        if text and text != item.latest_progress:
            line.changes["进展情况"] = (item.latest_progress, text)
            line.values["progress"] = text
            if unit_pack.text_hash(item.latest_progress) != self.meta.progress_hash:
                line.conflicts.append(
                    f"进展情况：导出后台账中已更新为“{item.latest_progress or '无'}”，"
                    f"表中填“{text}”"
                )
        self._percent(bool(w.get("progress")))
        _append_only(line, _last_report(self.s, item.id, None), w, self.meta)

    def _percent(self, explained: bool) -> None:
        item, line = self.item, self.line
        percent = self.wanted.get("percent")
        if percent is None or percent == item.progress_percent:
            return
        was = item.progress_percent
        if percent < was and not explained:
            line.refusals.append(
                f"完成百分比由 {was}% 降为 {percent}%，须在进展情况中写明原因，该项未采用"
            )
            return
        line.changes["完成百分比"] = (was, percent)
        line.values["percent"] = percent
        if percent < was:
            waiting = item.status == Status.CLOSURE_REQUESTED
            line.warnings.append(
                f"完成百分比由 {was}% 降为 {percent}%，请确认"
                + ("（该事项已申请销号、正在审核）" if waiting else "")
            )
        if was != self.meta.percent:
            line.conflicts.append(
                f"完成百分比：导出时 {self.meta.percent}%，台账现为 {was}%，表中填 {percent}%"
            )

    def _closure(self) -> None:
        item, w, line = self.item, self.wanted, self.line
        if not w.get("closure"):
            if w.get("summary"):
                line.refusals.append("填写了完成情况但申请销号没有选“是”，完成情况未采用")
            return
        if item.status == Status.CLOSURE_REQUESTED:
            line.notes.append("该事项已申请销号，正在审核")
            return
        summary = w.get("summary") or w.get("progress")
        if not summary:
            line.refusals.append("申请销号须在“完成情况”中写明完成了什么，申请销号未采用")
            return
        if item.status not in (Status.ASSIGNED, Status.IN_PROGRESS):
            line.refusals.append(f"事项当前为“{Status(item.status).label}”，不能申请销号")
            return
        line.changes["申请销号"] = ("否", "是")
        line.values["closure"] = written_text(summary, w.get("done_on"))
        percent = line.values.get("percent", item.progress_percent)
        if percent < 100:
            line.warnings.append(f"申请销号时完成百分比为 {percent}%，未到 100%，请确认")
        if item.status != self.meta.status:
            line.conflicts.append(
                f"状态：导出时为“{Status(self.meta.status).label}”，台账现为“{Status(item.status).label}”"
            )

    def _extension(self) -> None:
        item, w, line = self.item, self.wanted, self.line
        new, reason = w.get("extend_to"), w.get("extend_reason")
        if not new:
            if reason:
                line.refusals.append("填写了延期理由但没有填写申请延期至，延期申请未采用")
            return
        current = item.deadline_date
        if not reason:
            line.refusals.append("申请延期须填写延期理由，延期申请未采用")
            return
        try:
            extensions.check_request(self.s, item, new, reason, self.today)
        except TrackerError as exc:
            line.refusals.append(f"{exc}延期申请未采用")
            return
        line.changes["申请延期"] = (current, new)
        line.values["extension"] = (new, reason)
        if (current.isoformat() if current else "") != self.meta.deadline:
            line.conflicts.append(
                f"完成时限：导出时为 {self.meta.deadline or '无'}，台账现为 {current or '无'}"
            )


def _state_allows(item: Item, tag: str, line: ReturnLine) -> None:
    """Whether the item's state lets the row be written; an unsigned item the unit leads is
    signed first, and the preview says so."""
    if not line.changes:
        return
    if item.status not in OPEN:
        line.refusals.append(f"事项当前为“{Status(item.status).label}”，填报的内容未采用")
        line.changes.clear()
    elif item.status == Status.ASSIGNED and tag == "co":
        line.refusals.append("牵头单位尚未签收该事项，配合单位的进展暂不能写入，请签收后再导入")
        line.changes.clear()
    elif item.status == Status.ASSIGNED:
        line.changes = {"签收": ("待签收", "办理中"), **line.changes}
        line.notes.append("该事项尚未签收，写入时将以本单位名义先签收")


def _co_row(s: Session, item: Item, unit_id: int, wanted: dict[str, Any], line: ReturnLine) -> None:
    """A co-organiser's report: recorded on the item for the lead unit to see. It is
    compared with the unit's own last report, not with the lead unit's."""
    last = _last_report(s, item.id, unit_id)
    text = wanted.get("progress")
    if text and text != (last.text if last else None):
        line.changes["进展情况"] = (last.text if last else None, text)
        line.values["progress"] = text
    _append_only(line, last, wanted, None)


def _append_only(
    line: ReturnLine,
    last: ProgressReport | None,
    wanted: dict[str, Any],
    meta: unit_pack.MetaRow | None,
) -> None:
    """存在问题 and 需协调事项: a change when they differ from the last report's, a conflict
    when the last report's changed since the export too."""
    for key, label in (("problems", "存在问题"), ("needs", "需协调事项")):
        value, before = wanted.get(key), getattr(last, key) if last else None
        if not value or value == before:
            continue
        line.changes[label] = (before, value)
        line.values[key] = value
        if meta is None:
            continue
        exported = meta.problems_hash if key == "problems" else meta.needs_hash
        if unit_pack.text_hash(before) != exported:
            line.conflicts.append(f"{label}：导出后台账中已填为“{before or '无'}”，表中填“{value}”")


def written_text(text: str | None, done_on: dt.date | None) -> str:
    """The report or closure text as written: what the clerk typed, and the 实际完成日期 on a
    line of its own (there is no column for it), so that the same pack read again compares
    equal."""
    parts = [text] if text else []
    if done_on:
        parts.append(f"实际完成日期：{done_on:%Y-%m-%d}")
    return "\n".join(parts)


def _last_report(s: Session, item_id: int, unit_id: int | None) -> ProgressReport | None:
    """The item's newest report; with ``unit_id``, the newest one that unit's users made."""
    stmt = select(ProgressReport).where(ProgressReport.item_id == item_id)
    if unit_id is not None:
        stmt = stmt.join(User, User.id == ProgressReport.user_id).where(User.unit_id == unit_id)
    return s.scalar(stmt.order_by(ProgressReport.id.desc()).limit(1))


def _action(line: ReturnLine) -> str:
    if not line.changes:
        return "problem" if line.refusals else "unchanged"
    if line.conflicts:
        return "conflict"
    return "warning" if line.warnings else "update"
