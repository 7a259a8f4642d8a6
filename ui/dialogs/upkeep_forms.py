"""The forms of directory upkeep and removal: 改名 (a unit, a list, a 责任人 with phone),
合并到 (the target chosen from a list), and 删除草稿 with its reason. Each runs its service
on OK and stays open with the refusal (``ServiceForm``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ui.dialogs.admin_dialogs import ServiceForm
from ui.i18n import filled


def rename_form(
    parent: QWidget, title: str, label: str, old: str, submit: Callable[[str], None]
) -> ServiceForm:
    name = QLineEdit(old)
    name.selectAll()
    return ServiceForm(parent, title, [(label, name)], lambda: submit(name.text()))


def person_form(
    parent: QWidget, unit: str, old: str, phone: str | None, submit: Callable[[str, str], None]
) -> ServiceForm:
    name, number = QLineEdit(old), QLineEdit(phone or "")
    return ServiceForm(
        parent,
        parent.tr("修改责任人 — ") + unit,
        [(parent.tr("姓名"), name), (parent.tr("联系电话"), number)],
        lambda: submit(name.text(), number.text()),
    )


def merge_form(
    parent: QWidget, what: str, source: str, targets: list[str], submit: Callable[[str], object]
) -> ServiceForm:
    """合并 ``source`` into one of ``targets``; says what moves and that it cannot be undone."""
    box = QComboBox(editable=True)
    box.addItems([t for t in targets if t != source])
    box.setCurrentIndex(-1)
    note = QLabel(
        filled(
            parent.tr("“{0}”的全部事项和记录将并入所选{1}，“{0}”随后删除。此操作不能撤销。"),
            source,
            what,
        )
    )
    note.setWordWrap(True)
    return ServiceForm(
        parent,
        filled(parent.tr("合并{0} — {1}"), what, source),
        [(parent.tr("并入"), box), ("", note)],
        lambda: submit(box.currentText().strip()),
    )


def delete_draft_form(parent: QWidget, title: str, submit: Callable[[str], None]) -> ServiceForm:
    reason = QLineEdit()
    reason.setPlaceholderText(parent.tr("如：重复登记、登记错误"))
    note = QLabel(parent.tr("草稿删除后不能恢复；删除记录和原因留在操作日志中。"))
    note.setWordWrap(True)
    return ServiceForm(
        parent,
        parent.tr("删除草稿 — ") + title,
        [(parent.tr("删除原因"), reason), ("", note)],
        lambda: submit(reason.text()),
    )
