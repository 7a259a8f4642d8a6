"""The item card: one item's whole record on A4, filed with the 销号 paperwork.

It prints what the ledger knows (basic facts, every dated event, the evidence files with
their SHA-256, the audit entries) so that the paper file and the database can be checked
against each other later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import audit, query
from tracker.models import Attachment, AuditEntry
from tracker.reports.pdf_doc import ReportPDF, save_report


def _facts(d: query.ItemDetail) -> list[list[str]]:
    deadline = d.deadline_text or "—"
    if d.original_deadline_date and d.original_deadline_date != d.deadline_date:
        deadline += f"（原定 {d.original_deadline_date.isoformat()}，已延期）"
    pairs = [
        ("编号", d.code),
        ("所属清单", d.list_name),
        ("事项名称", d.title),
        ("具体内容", d.content or "—"),
        ("领域", d.category or "—"),
        ("来源", d.source or "—"),
        ("包抓领导", d.leader or "—"),
        ("牵头单位", d.lead_unit or "—"),
        ("配合单位", "、".join(d.co_units) or "—"),
        ("责任人", " ".join(x for x in (d.assignee, d.assignee_phone) if x) or "—"),
        ("完成时限", deadline),
        ("当前状态", f"{d.status_label}（进度 {d.progress_percent}%）"),
        ("督办级别", f"{d.escalation_label}；紧急程度 {d.urgency_label}"),
        ("催办 / 退回整改", f"{d.urge_count} 次 / {d.rework_count} 次"),
        ("受益人数", "—" if d.beneficiaries is None else str(d.beneficiaries)),
        ("资金（万元）", "—" if d.funds is None else str(d.funds)),
        ("地点", d.location or "—"),
        ("备注", d.remarks or "—"),
    ]
    return [[k, v] for k, v in pairs]


def write_item_card(s: Session, item_id: int, path: Path) -> Path:
    d = query.item_detail(s, item_id)
    files = s.scalars(
        select(Attachment).where(Attachment.item_id == item_id).order_by(Attachment.id)
    ).all()
    entries = s.scalars(
        select(AuditEntry).where(AuditEntry.item_id == item_id).order_by(AuditEntry.id)
    ).all()
    now = dt.datetime.now().replace(microsecond=0)
    footer = f"{d.code} · 打印于 {now:%Y-%m-%d %H:%M}；审计链头 {audit.head_hash(s)}"
    title = f"事项卡片 {d.code}"
    return save_report(
        path, lambda common: _draw(d, files, entries, ReportPDF(title, footer, common=common))
    )


def _draw(
    d: query.ItemDetail,
    files: Sequence[Attachment],
    entries: Sequence[AuditEntry],
    pdf: ReportPDF,
) -> ReportPDF:
    pdf.title_block("“我为群众办实事”事项卡片", f"{d.code}　{d.title}")
    pdf.heading("一、基本信息")
    pdf.table(["项目", "内容"], _facts(d), (30, 148), size=9)
    pdf.heading("二、办理过程")
    if d.history:
        rows = [[e.at.strftime("%Y-%m-%d %H:%M"), e.kind, e.text, e.actor or ""] for e in d.history]
        pdf.table(["时间", "环节", "内容", "经办人"], rows, (28, 18, 110, 22))
    else:
        pdf.paragraph("尚无办理记录。")
    pdf.heading("三、佐证材料")
    if files:
        rows = [[f.filename, f"{f.size:,} 字节", f.sha256] for f in files]
        pdf.table(["文件名", "大小", "SHA-256"], rows, (60, 22, 96), size=7)
    else:
        pdf.paragraph("无。")
    pdf.heading("四、操作日志")
    rows = [[e.at.strftime("%Y-%m-%d %H:%M"), e.actor, e.action, e.hash[:16]] for e in entries]
    if rows:
        pdf.table(
            ["时间", "操作人", "操作", "记录哈希（前16位）"], rows, (30, 30, 78, 40), size=7.5
        )
    else:
        pdf.paragraph("无。")
    pdf.ln(6)
    pdf.paragraph("审核人（签字）：＿＿＿＿＿＿＿＿　　　　日期：＿＿＿＿年＿＿月＿＿日")
    return pdf
