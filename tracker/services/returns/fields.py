"""Reading a returned row's fill-in fields and deciding what each would change.

Each field is read the way the clerk meant it and compared with the ledger: a field the
ledger also changed since the export is a conflict; a percent going down, or a value read
with doubt, is a warning; a value that cannot be read is refused for that field only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.enums import Decision, ReviewOutcome, Status
from tracker.errors import TrackerError, ValidationError
from tracker.excel import unit_pack
from tracker.excel.unit_pack import values as read
from tracker.excel.unit_pack.columns import MAX_TEXT
from tracker.models import ClosureRequest, Extension, Item, ProgressReport, User
from tracker.services import closure_rules, extensions
from tracker.services.returns.lines import ReturnLine

#: States in which a returned row can still be written.
OPEN = (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED)


def read_fields(r: unit_pack.ReturnedRow, line: ReturnLine) -> dict[str, Any]:
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
            line.unread.add(col.key)
            continue
        if got.note:
            (line.warnings if got.doubtful else line.notes).append(got.note)
        if got.value is not None and got.value != "" and got.value is not False:
            out[col.key] = got.value
    return out


_Request = TypeVar("_Request", ClosureRequest, Extension)


class LeadRow:
    """The fields of a row the unit leads: a report, a closure request, an extension."""

    def __init__(
        self,
        s: Session,
        item: Item,
        meta: unit_pack.MetaRow,
        wanted: dict[str, Any],
        line: ReturnLine,
        today: dt.date,
        exported: dt.datetime,
    ) -> None:
        self.s, self.item, self.meta, self.wanted, self.line = s, item, meta, wanted, line
        self.today, self.exported = today, exported

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
        if done and item.created_at and done < item.created_at.date():
            line.warnings.append(f"实际完成日期 {done} 早于事项登记的日期，请确认")
        if done and w.get("percent", item.progress_percent) < 100:
            line.warnings.append("填写了实际完成日期，但完成百分比未到 100%，请确认")
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
        # the unit's own last report: a co-organiser's words are not the lead unit's
        own = _last_report(self.s, item.id, item.lead_unit_id)
        since = _reported_since(self.s, item.id, item.lead_unit_id, self.exported)
        _append_only(line, own, w, self.meta, since)

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
        later = self._requested_since_export(ClosureRequest)
        if later is not None:  # an old pack sent again must not undo the review
            outcome = ReviewOutcome(later.outcome).label
            line.refusals.append(
                f"导出后该事项已于 {later.requested_at:%Y-%m-%d} 申请过销号（{outcome}），"
                "表中的申请销号未采用；如需再次申请，请重新导出填报包后填报"
            )
            return
        summary = w.get("summary") or w.get("progress")
        if not summary:
            line.refusals.append("申请销号须在“完成情况”中写明完成了什么，申请销号未采用")
            return
        if item.status not in (Status.ASSIGNED, Status.IN_PROGRESS):
            line.refusals.append(f"事项当前为“{Status(item.status).label}”，不能申请销号")
            return
        percent = line.values.get("percent", item.progress_percent)
        try:
            gate = closure_rules.check_request(self.s, item, summary, percent)
        except ValidationError as exc:
            line.refusals.append(f"{str(exc).rstrip('。')}；申请销号未采用")
            return
        line.changes["申请销号"] = ("否", "是")
        line.values["closure"] = written_text(summary, w.get("done_on"))
        if gate.sets_full:
            line.warnings.append(f"完成百分比为 {percent}%，申请销号时将记为 100%，请确认")
        if item.status != self.meta.status:
            line.conflicts.append(
                f"状态：导出时为“{Status(self.meta.status).label}”，台账现为“{Status(item.status).label}”"
            )

    def _requested_since_export(self, kind: type[_Request]) -> _Request | None:
        """The item's latest closure request or extension request made after the export."""
        stmt = (
            select(kind)
            .where(kind.item_id == self.item.id, kind.requested_at >= self.exported)
            .order_by(kind.id.desc())
            .limit(1)
        )
        return self.s.scalar(stmt)

    def _extension(self) -> None:
        item, w, line = self.item, self.wanted, self.line
        new, reason = w.get("extend_to"), w.get("extend_reason")
        if not new:
            if reason and "extend_to" not in line.unread:
                line.refusals.append("填写了延期理由但没有填写申请延期至，延期申请未采用")
            return
        later = self._requested_since_export(Extension)
        if later is not None:
            state = Decision(later.status).label
            if later.new_date == new:
                line.notes.append(f"延期至 {new} 的申请已提交（{state}）")
            else:
                line.refusals.append(
                    f"导出后已申请过延期（至 {later.new_date}，{state}），表中的延期申请未采用；"
                    "如需再次申请，请重新导出填报包后填报"
                )
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


def state_allows(item: Item, tag: str, line: ReturnLine) -> None:
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


def co_row(
    s: Session,
    item: Item,
    unit_id: int,
    wanted: dict[str, Any],
    line: ReturnLine,
    exported: dt.datetime,
) -> None:
    """A co-organiser's report: recorded on the item for the lead unit to see. It is
    compared with the unit's own last report, not with the lead unit's."""
    last = _last_report(s, item.id, unit_id)
    since = _reported_since(s, item.id, unit_id, exported)
    text = wanted.get("progress")
    before = last.text if last else None
    if text and text != before:
        line.changes["进展情况"] = (before, text)
        line.values["progress"] = text
        if since is not None:
            line.conflicts.append(_since_conflict("进展情况", since, before, text))
    _append_only(line, last, wanted, None, since)


#: What a clerk writes in 存在问题 / 需协调事项 to say the last one is solved.
CLEARED = frozenset({"无", "没有", "已解决", "已协调", "已协调解决"})


def _append_only(
    line: ReturnLine,
    last: ProgressReport | None,
    wanted: dict[str, Any],
    meta: unit_pack.MetaRow | None,
    since: ProgressReport | None,
) -> None:
    """存在问题 and 需协调事项: a change when they differ from the unit's last report, a
    conflict when the unit has reported since the export (an old pack sent again)."""
    for key, label in (("problems", "存在问题"), ("needs", "需协调事项")):
        value, before = wanted.get(key), getattr(last, key) if last else None
        cleared = value in CLEARED  # an empty cell keeps the last ones (the service carries)
        if (cleared and not before) or not value or value == before:
            continue
        line.changes[label] = (before, "（已解决）" if cleared else value)
        line.values[key] = "" if cleared else value
        exported = (
            None if meta is None else meta.problems_hash if key == "problems" else meta.needs_hash
        )
        if since is not None or (exported is not None and unit_pack.text_hash(before) != exported):
            line.conflicts.append(_since_conflict(label, since, before, value))


def _since_conflict(
    label: str, since: ProgressReport | None, before: str | None, value: str
) -> str:
    when = f"于 {since.reported_on} " if since is not None else ""
    return (
        f"{label}：导出后本单位{when}在台账中已报送过（最近为“{before or '无'}”），表中填“{value}”"
    )


def _reported_since(
    s: Session, item_id: int, unit_id: int | None, exported: dt.datetime
) -> ProgressReport | None:
    """The unit's newest report on the item made after the pack was exported, if any."""
    stmt = (
        select(ProgressReport)
        .join(User, User.id == ProgressReport.user_id)
        .where(
            ProgressReport.item_id == item_id,
            User.unit_id == unit_id,
            ProgressReport.created_at >= exported,
        )
    )
    return s.scalar(stmt.order_by(ProgressReport.id.desc()).limit(1))


def written_text(text: str | None, done_on: dt.date | None) -> str:
    """The report or closure text as written: what the clerk typed, and the 实际完成日期 on a
    line of its own (there is no column for it), so that the same pack read again compares
    equal."""
    parts = [text] if text else []
    if done_on:
        parts.append(f"实际完成日期：{done_on:%Y-%m-%d}")
    return "\n".join(parts)


def _last_report(s: Session, item_id: int, unit_id: int | None) -> ProgressReport | None:
    """The newest report on the item that unit ``unit_id``'s users made."""
    stmt = (
        select(ProgressReport)
        .join(User, User.id == ProgressReport.user_id)
        .where(ProgressReport.item_id == item_id, User.unit_id == unit_id)
    )
    return s.scalar(stmt.order_by(ProgressReport.id.desc()).limit(1))
