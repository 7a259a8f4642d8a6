"""The item panel: one item's full record and history, beside the ledger."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from tracker.services.ledger import ItemDetail


class ItemPanel(QWidget):
    """Shows an ``ItemDetail``; read-only for now (editing comes with the item dialog)."""

    def __init__(self) -> None:
        super().__init__()
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.show_detail(None)

    def show_detail(self, d: ItemDetail | None) -> None:
        if d is None:
            self.view.setHtml(
                f"<p style='color:gray'>{escape(self.tr('选择一个事项查看详情'))}</p>"
            )
            return
        deadline = escape(d.deadline_text or "未定")
        if d.original_deadline_date:
            deadline += f"（原定 {d.original_deadline_date}）"
        rows = [
            ("清单", d.list_name),
            ("状态", d.status_label),
            ("进度", f"{d.progress_percent}%"),
            ("牵头单位", d.lead_unit or "未定"),
            ("配合单位", "、".join(d.co_units) or "无"),
            ("责任人", f"{d.assignee or '未定'} {d.assignee_phone or ''}"),
            ("牵头领导", d.leader or ""),
            ("领域", d.category or ""),
            ("督办级别", d.escalation_label),
            ("催办", f"{d.urge_count} 次"),
        ]
        table = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(str(v))}</td></tr>"
            for k, v in rows
        )
        history = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{e.at:%Y-%m-%d %H:%M}</td>"
            f"<td><b>{escape(e.kind)}</b> {escape(e.text)}"
            f"{'（' + escape(e.actor) + '）' if e.actor else ''}</td></tr>"
            for e in reversed(d.history)
        )
        self.view.setHtml(
            f"<h3>{escape(d.code)}　{escape(d.title)}</h3>"
            f"<table>{table}<tr><td style='color:#555'>完成时限</td><td>{deadline}</td></tr></table>"
            f"<p>{escape(d.content or '')}</p><h4>办理记录</h4><table>{history}</table>"
        )
