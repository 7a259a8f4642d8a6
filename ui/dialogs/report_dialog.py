"""督办通报 / 单位报告 from the window, with the CLI's options (期间, 清单 or 单位, 数据截至,
formats, folder), written behind a progress dialog; then the files with 打开, 打开所在文件夹
and 打印, and a preview of what the first page says (title, 数据截至, the KPI boxes and the
总体情况 paragraph — the same figures the files print).

The preview is text, not a picture of the page: the Qt build the program ships with
(PySide6-Essentials) has no PDF renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.reports.bulletin_data import BulletinData
from tracker.reports.bulletin_tables import kpi_boxes
from tracker.reports.outputs import FORMATS
from tracker.reports.period import parse_period, period_choices
from tracker.reports.summary import paragraphs
from tracker.services.report_desk import Written
from ui.background import run_with_progress
from ui.choices import fill_choices
from ui.dialogs.form_parts import browse_row, choose_folder, error_label, show_refusal
from ui.i18n import filled
from ui.qt_values import day_of
from ui.report_files import open_file, open_folder, print_file

#: What each kind of document asks besides the period: the 清单 or the 单位 box.
KINDS = {"bulletin": "督办通报", "unit": "单位报告"}


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "实事台账报表"


def preview_html(d: BulletinData) -> str:
    """What the first page says, from the figures the files were written from."""
    cells = [
        f"<td style='padding:4px 10px;border:1px solid #ccc;text-align:center'>"
        f"{escape(label)}<br><b style='font-size:16pt'>{escape(value)}</b><br>"
        f"<span style='color:#666'>{escape(note)}</span></td>"
        for label, value, note in kpi_boxes(d)
    ]
    rows = "".join(f"<tr>{''.join(cells[i : i + 4])}</tr>" for i in range(0, len(cells), 4))
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(d))
    return (
        f"<h3 style='text-align:center'>{escape(d.title)}</h3>"
        f"<p style='text-align:center;color:#555'>{escape(d.scope_label)} · "
        f"{escape(d.period.label)} · 数据截至 {d.as_of.isoformat()}</p>"
        f"<table cellspacing='0'>{rows}</table>{text}"
    )


def format_boxes(*checked: str) -> dict[str, QCheckBox]:
    """A tick box per output format, ``checked`` ticked."""
    boxes = {fmt: QCheckBox(fmt.upper()) for fmt in FORMATS}
    for fmt in checked:
        boxes[fmt].setChecked(True)
    return boxes


def ticked(boxes: dict[str, QCheckBox]) -> list[str]:
    return [fmt for fmt, box in boxes.items() if box.isChecked()]


def in_a_row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class PeriodFields:
    """统计期间 (this month, last month, quarter, year; typed too when ``editable``) and an
    optional 数据截至 day: what every report form asks first."""

    def __init__(self, parent: QWidget, today: dt.date | None, editable: bool) -> None:
        self.period = QComboBox(editable=editable)
        for label, text in period_choices(today or dt.date.today()):
            self.period.addItem(f"{label}（{text}）", text)
        if editable:
            self.period.setToolTip(parent.tr("也可以直接输入：2026-11、2026-Q4 或 2026年11月"))
        self.as_of_on = QCheckBox(parent.tr("指定数据截至日期"))
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setEnabled(False)
        self.as_of_on.toggled.connect(self.as_of.setEnabled)

    def period_text(self) -> str:
        """The period chosen, or as typed (2026-11, 2026-Q4, 2026年11月)."""
        index = self.period.currentIndex()
        typed = self.period.currentText().strip()
        if index >= 0 and typed == self.period.itemText(index):
            return str(self.period.itemData(index))
        return typed

    def as_of_day(self) -> dt.date | None:
        return day_of(self.as_of) if self.as_of_on.isChecked() else None

    def when_row(self) -> QHBoxLayout:
        return in_a_row(self.as_of_on, self.as_of)


class FilesPane(QWidget):
    """The written files, with 打开 / 打开所在文件夹 / 打印 for the chosen one, and the
    preview of the figures they print."""

    def __init__(self) -> None:
        super().__init__()
        self.files = QListWidget()
        # room for a document's three files, fixed: the layout never has to grow for them
        self.files.setFixedHeight((self.fontMetrics().height() + 6) * 3 + 6)
        self.open = QPushButton(self.tr("打开(&O)"))
        self.folder = QPushButton(self.tr("打开所在文件夹"))
        self.print = QPushButton(self.tr("打印(&P)"))
        self.message = error_label()
        self.open.clicked.connect(lambda: self._run(open_file))
        self.folder.clicked.connect(lambda: self._run(open_folder))
        self.print.clicked.connect(self.print_chosen)
        self.files.itemDoubleClicked.connect(lambda _row: self._run(open_file))
        buttons = QHBoxLayout()
        for button in (self.open, self.folder, self.print):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.preview = QTextBrowser()
        self.preview.setPlaceholderText(self.tr("生成后在这里预览第一页的内容"))
        layout.addWidget(self.preview, 1)
        self.show_files([])

    def show_written(self, written: Written) -> None:
        self.show_files(written.files)
        if written.data is not None:
            self.preview.setHtml(preview_html(written.data))

    def show_files(self, paths: list[Path]) -> None:
        self._paths = paths
        self.files.clear()
        self.files.addItems([str(p) for p in paths])
        if paths:
            self.files.setCurrentRow(0)
        for button in (self.open, self.folder, self.print):
            button.setEnabled(bool(paths))

    def chosen(self) -> Path | None:
        row = self.files.currentRow()
        return self._paths[row] if 0 <= row < len(self._paths) else None

    def _run(self, act: Callable[[Path], bool]) -> None:
        path = self.chosen()
        if path is not None and not act(path):
            self.message.setText(self.tr("没有能打开此文件的程序：") + str(path))

    def print_chosen(self) -> None:
        path = self.chosen()
        if path is None:
            return
        why = print_file(path)
        self.message.setText(why or filled(self.tr("已发送到打印机：{0}"), path.name))


class ReportDialog(QDialog):
    """``write(period, list or unit, as_of, formats, folder) -> Written`` runs on 生成."""

    def __init__(
        self,
        parent: QWidget | None,
        kind: str,
        choices: list[str],
        write: Callable[[str, str | None, dt.date | None, Sequence[str], Path], Written],
        folder: Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind, self._write = kind, write
        self.written: Written | None = None
        self.setWindowTitle(self.tr(KINDS[kind]))
        self.when = PeriodFields(self, today, editable=True)
        self.period, self.as_of_on, self.as_of = (
            self.when.period,
            self.when.as_of_on,
            self.when.as_of,
        )
        self.scope = QComboBox()
        if kind == "bulletin":
            fill_choices(self.scope, self.tr("全部清单"), choices)
        else:
            self.scope.addItems(choices)
        self.formats = format_boxes("pdf", "xlsx")
        self.folder = QLineEdit(str(folder or default_folder()))
        self.generate = QPushButton(self.tr("生成(&G)"))
        self.generate.setDefault(True)
        self.generate.clicked.connect(self.run)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.message = error_label()
        self.results = FilesPane()
        self._lay_out(close)

    def _lay_out(self, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow(self.tr("统计期间"), self.period)
        form.addRow(
            self.tr("清单") if self._kind == "bulletin" else self.tr("牵头单位"), self.scope
        )
        form.addRow(self.tr("数据截至"), self.when.when_row())
        form.addRow(self.tr("格式"), in_a_row(*self.formats.values()))
        form.addRow(
            self.tr("保存到"), browse_row(self.folder, lambda: choose_folder(self, self.folder))
        )
        form.addRow(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate)
        buttons.addWidget(close)
        form.addRow(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(em * 52, self.fontMetrics().height() * 46)

    def period_text(self) -> str:
        return self.when.period_text()

    def run(self) -> None:
        """Check the form here (it stays open with what was typed), then write."""
        try:
            parse_period(self.period_text())
        except TrackerError as exc:
            show_refusal(self, self.message, str(exc))
            return
        chosen = ticked(self.formats)
        if not chosen:
            show_refusal(self, self.message, self.tr("请至少选择一种格式。"))
            return
        if self._kind == "unit" and not self.scope.currentText():
            show_refusal(self, self.message, self.tr("请选择牵头单位。"))
            return
        self.message.clear()
        scope = self.scope.currentData() if self._kind == "bulletin" else self.scope.currentText()
        as_of = self.when.as_of_day()
        folder = Path(self.folder.text().strip() or default_folder())
        written = run_with_progress(
            self,
            filled(self.tr("正在生成{0}…"), self.tr(KINDS[self._kind])),
            lambda _progress: self._write(self.period_text(), scope, as_of, chosen, folder),
        )
        if written is None:
            return
        self.written = written
        self.results.show_written(written)
