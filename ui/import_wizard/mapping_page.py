"""Step 3: which column holds which field, pre-filled from the synonyms (or from the
mapping confirmed last time for the same header), changeable per column."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from tracker.excel.layout import FIELD_LABELS, header_texts
from ui.import_wizard.page import Page
from ui.import_wizard.state import ImportState
from ui.models.grid_model import cell_text

SKIP = "（不导入）"


class MappingPage(Page):
    def __init__(self, state: ImportState) -> None:
        super().__init__(
            state,
            state.tr("核对列的对应"),
            state.tr(
                "每一列导入为台账的哪一项。程序按列名预先填好；同样表头的表格，下次会记住你的选择。"
            ),
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("列"), self.tr("表头"), self.tr("第一个事项"), self.tr("导入为")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.boxes: dict[int, QComboBox] = {}
        self.body.addWidget(self.table, 1)
        self.finish_layout()

    def redraw(self) -> None:
        """The columns of the header rows; drawn from the sheet when planning failed for
        want of a 项目名称 column, so that the clerk can name it here."""
        w = self.state
        plan, grid = w.plan, w.grid
        rows = plan.header_rows if plan else w.options["header_rows"]
        if grid is None or not rows:
            return
        headers = plan.headers if plan else header_texts(grid, [r - 1 for r in rows])
        columns = plan.columns if plan else (w.options["columns"] or {})
        filled = grid.filled()
        sample_row = plan.items[0].row if plan and plan.items else rows[-1] + 1  # Excel number
        first = filled[sample_row - 1] if sample_row - 1 < len(filled) else []
        field_of = {col: name for name, col in columns.items()}
        self.table.setRowCount(0)
        self.boxes = {}
        for col, text in sorted(headers.items()):
            r = self.table.rowCount()
            self.table.insertRow(r)
            sample = cell_text(first[col]) if col < len(first) else ""
            for c, value in enumerate((_letter(col), text, sample)):
                self.table.setItem(r, c, QTableWidgetItem(value))
            box = QComboBox()
            box.addItem(SKIP, None)
            for name, label in FIELD_LABELS.items():
                box.addItem(label, name)
            box.setCurrentIndex(max(0, box.findData(field_of.get(col))))
            box.activated.connect(lambda _=0, c=col: self._field_chosen(c))
            self.table.setCellWidget(r, 3, box)
            self.boxes[col] = box
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def summary(self) -> str:
        plan = self.state.plan
        if plan is None:
            return ""
        parts = []
        if plan.remembered:
            parts.append(self.tr("已按上次为同样表头确认的对应关系填好。"))
        if plan.unmapped:
            parts.append(self.tr("不导入的列：") + "、".join(plan.unmapped))
        return " ".join(parts)

    def isComplete(self) -> bool:
        return self.state.plan is not None

    def _field_chosen(self, col: int) -> None:
        """A field belongs to one column: choosing it here takes it away from another."""
        chosen = self.boxes[col].currentData()
        columns = {}
        for c, box in self.boxes.items():
            name = box.currentData()
            if name is None or (c != col and name == chosen):
                continue
            columns[name] = c
        self.state.replan(columns=columns)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)
