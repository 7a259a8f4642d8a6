"""Confirm one workflow move: what will be recorded, the reason or opinion, and the refusal.

A move that needs words (退回、暂缓、终止、回头看, 申请销号's 完成情况, a review's 审核意见)
or cannot be undone (同意办结, 销号) is never one keystroke: this dialog shows what the
销号 gate will look at — percent, evidence, the request, the opinion, the public's verdict —
and runs the move itself. A refusal (no evidence, no opinion, a 不满意 visit…) appears in the
dialog's red line and the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from tracker import workflow
from tracker.errors import TrackerError, ValidationError
from tracker.services.closure_rules import ClosureFacts
from tracker.services.common import ItemState
from ui.dialogs.form_parts import error_label, ok_cancel, show_refusal

#: Moves confirmed in this dialog although they need no reason: they cannot be taken back.
CONFIRMED = frozenset({"approve", "close"})
#: The moves whose dialog shows the 销号 gate's facts.
GATED = frozenset({"request_closure", *workflow.REASON_WORDS, "close"})
REVIEWS = frozenset({"approve", *workflow.RETURN_ACTIONS})


def needs_dialog(action: str) -> bool:
    t = workflow.TRANSITIONS[action]
    return t.needs_reason or action in CONFIRMED or action in workflow.REASON_WORDS


def reason_label(action: str) -> str:
    return workflow.REASON_WORDS.get(action, "理由")


def fact_rows(action: str, f: ClosureFacts) -> list[tuple[str, str]]:
    """The facts shown above the reason box, in the order a supervisor checks them."""
    files = "、".join(f.evidence) if f.evidence else "无（申请销号前须上传佐证材料）"
    rows = [("完成百分比", f"{f.percent}%"), (f"佐证材料（{len(f.evidence)}份）", files)]
    if action in REVIEWS and f.summary is not None:
        when = f"{f.requested_at:%Y-%m-%d %H:%M}" if f.requested_at else ""
        rows.insert(0, ("销号申请", f"{f.summary}（{f.requested_by or ''} {when}）"))
    if action == "close":
        rows.insert(0, ("审核意见", f.opinion or "（未填写）"))
        rows.append(("回访结果", f.visit or "办结后尚未回访"))
    return rows


class MoveDialog(QDialog):
    """Runs ``submit(reason)`` on 确定; keeps the returned state in ``state``."""

    def __init__(
        self,
        parent: QWidget | None,
        action: str,
        title: str,
        facts: ClosureFacts | None,
        submit: Callable[[str | None], ItemState],
        list_kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        t = workflow.TRANSITIONS[action]
        label = workflow.label_for(action, list_kind)
        self.setWindowTitle(f"{label} — {title}")
        self._submit = submit
        #: the dialog insists only on what the workflow always needs; the gate's own words
        #: (完成情况, 审核意见) are required or not by its settings, and the service says so
        self._required = t.needs_reason
        self._reason_label = self.tr(reason_label(action))
        self.state: ItemState | None = None
        form = QFormLayout(self)
        for name, text in fact_rows(action, facts) if facts and action in GATED else []:
            shown = QLabel(escape(text))
            shown.setWordWrap(True)
            form.addRow(self.tr(name), shown)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        if t.needs_reason or action in workflow.REASON_WORDS:
            form.addRow(self._reason_label, self.reason)
        else:
            self.reason.hide()
        if action in CONFIRMED:
            warning = QLabel(self.tr("确认后将记入审计日志，不能撤销。"))
            form.addRow(warning)
        self.message = error_label()
        form.addRow(self.message)
        #: a move the user chose instead of this one (回头看 after a refused 销号)
        self.instead: str | None = None
        self.reopen = QPushButton(self.tr("改为“回头看”，退回重新办理…"))
        self.reopen.clicked.connect(self._reopen_instead)
        self.reopen.hide()
        form.addRow(self.reopen)
        form.addRow(ok_cancel(self, self.submit, self.tr(label)))
        self.resize(self.fontMetrics().averageCharWidth() * 72, self.sizeHint().height())

    def text(self) -> str | None:
        return self.reason.toPlainText().strip() or None

    def submit(self) -> None:
        """Take the move; on a refusal say why here and keep everything typed."""
        if self._required and not self.text():
            self._refuse(self.tr("请填写") + self._reason_label + "。")
            return
        try:
            self.state = self._submit(self.text())
        except TrackerError as exc:
            self._refuse(str(exc))
            if isinstance(exc, ValidationError) and exc.field == "reason":
                self.reason.setFocus()
            # the public was not satisfied: the way on is 回头看, offered right here
            self.reopen.setVisible(isinstance(exc, ValidationError) and exc.field == "dissatisfied")
            return
        self.accept()

    def _reopen_instead(self) -> None:
        self.instead = "reopen"
        self.reject()

    def _refuse(self, text: str) -> None:
        show_refusal(self, self.message, text)
