"""发布通报 (freeze a bulletin's figures and the items behind each) and 已发布通报 (the frozen
ones, each written again exactly as published, whatever the ledger has become since)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services.report_desk import PublishedLine, Written
from ui.background import run_with_progress
from ui.choices import fill_choices
from ui.dialogs.form_parts import browse_row, choose_folder, error_label, ok_cancel, show_refusal
from ui.dialogs.report_dialog import (
    FilesPane,
    PeriodFields,
    default_folder,
    format_boxes,
    in_a_row,
    ticked,
)
from ui.i18n import filled
from ui.table_parts import fill_table, read_only_table


class PublishDialog(QDialog):
    """``publish(period, list, as_of) -> number`` runs on 发布; the number is in ``number``."""

    def __init__(
        self,
        parent: QWidget | None,
        lists: list[str],
        publish: Callable[[str, str | None, dt.date | None], int],
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("发布督办通报"))
        self._publish = publish
        self.number: int | None = None
        self.when = PeriodFields(self, today, editable=False)
        self.period, self.as_of_on, self.as_of = (
            self.when.period,
            self.when.as_of_on,
            self.when.as_of,
        )
        self.lists = QComboBox()
        fill_choices(self.lists, self.tr("全部清单"), lists)
        note = QLabel(
            self.tr(
                "发布后，这期通报的数字和每个数字对应的事项即被冻结，以后随时可以原样重新输出；"
                "台账之后的变化不会改变已发布的通报。"
            )
        )
        note.setWordWrap(True)
        self.message = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("统计期间"), self.period)
        form.addRow(self.tr("清单"), self.lists)
        form.addRow(self.tr("数据截至"), self.when.when_row())
        form.addRow(note)
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self.submit, self.tr("发布")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)

    def submit(self) -> None:
        as_of = self.when.as_of_day()
        try:
            self.number = self._publish(self.when.period_text(), self.lists.currentData(), as_of)
        except TrackerError as exc:
            show_refusal(self, self.message, str(exc))
            return
        self.accept()


class PublishedDialog(QDialog):
    """The published bulletins; 输出 writes the chosen one in the formats ticked."""

    def __init__(
        self,
        parent: QWidget | None,
        lines: list[PublishedLine],
        write: Callable[[int, list[str], Path], Written],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("已发布通报"))
        self._lines, self._write = lines, write
        self.table = read_only_table(
            [
                self.tr("通报号"),
                self.tr("期间"),
                self.tr("范围"),
                self.tr("数据截至"),
                self.tr("发布时间"),
                self.tr("发布人"),
            ],
            fit_to_contents=True,
        )
        fill_table(
            self.table,
            [
                [
                    str(x.number),
                    x.period,
                    x.scope,
                    x.as_of.isoformat(),
                    f"{x.published_at:%Y-%m-%d %H:%M}",
                    x.published_by,
                ]
                for x in lines
            ],
        )
        if lines:
            self.table.selectRow(0)
        self.formats = format_boxes("pdf")
        self.folder = QLineEdit(str(default_folder()))
        self.output = QPushButton(self.tr("输出所选通报(&G)"))
        self.output.setEnabled(bool(lines))
        self.output.clicked.connect(self.run)
        self.message = error_label()
        if not lines:
            self.message.setText(self.tr("尚未发布过通报。可从“报表 → 发布通报”发布。"))
        self.results = FilesPane()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(in_a_row(*self.formats.values(), self.output))
        layout.addLayout(browse_row(self.folder, lambda: choose_folder(self, self.folder)))
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(em * 56, self.fontMetrics().height() * 36)

    def run(self) -> None:
        row = self.table.currentRow()
        chosen = ticked(self.formats)
        if not 0 <= row < len(self._lines) or not chosen:
            show_refusal(self, self.message, self.tr("请选择一期通报和至少一种格式。"))
            return
        number = self._lines[row].number
        folder = Path(self.folder.text().strip() or default_folder())
        written = run_with_progress(
            self,
            filled(self.tr("正在输出第 {0} 号通报…"), str(number)),
            lambda _progress: self._write(number, chosen, folder),
        )
        if written is None:
            return
        self.message.clear()
        self.results.show_written(written)
