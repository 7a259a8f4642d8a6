"""Ask for the reason a move needs (退回、暂缓、终止、回头看…)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget


class ReasonDialog:
    """``ask`` is a classmethod so tests can replace the question with an answer."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(parent, title, prompt)  # type: ignore[arg-type]  # Qt takes no parent; the 6.8 stubs want one
        return text.strip() if ok and text.strip() else None
