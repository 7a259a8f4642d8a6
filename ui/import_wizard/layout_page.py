"""Step 2: where the header is. The sheet as it is, header rows highlighted, skipped rows
greyed; the clerk can move the header when the detection got it wrong."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTableView

from tracker.excel.reader import Grid
from ui.i18n import filled
from ui.import_wizard.page import Page
from ui.import_wizard.state import ImportState
from ui.models.grid_model import GridModel


def show_merges(view: QTableView, grid: Grid | None) -> None:
    """Span merged cells as the workbook does, so the title and two-row header look familiar."""
    view.clearSpans()
    for r0, c0, r1, c1 in grid.merged if grid else []:
        if r1 > r0 or c1 > c0:
            view.setSpan(r0, c0, r1 - r0 + 1, c1 - c0 + 1)


def grid_view(model: GridModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.horizontalHeader().setDefaultSectionSize(view.fontMetrics().horizontalAdvance("字") * 8)
    return view


class LayoutPage(Page):
    def __init__(self, state: ImportState) -> None:
        super().__init__(
            state,
            state.tr("确认表头"),
            state.tr(
                "蓝色为识别出的表头行，灰色为跳过的行（分组标题、合计、落款等，鼠标停留可看原因）。"
                "如果表头识别得不对，请改正表头所在的行。"
            ),
        )
        self.model = GridModel()
        self.view = grid_view(self.model)
        self.first = QSpinBox(minimum=1, maximum=1)
        self.last = QSpinBox(minimum=1, maximum=1)
        for box in (self.first, self.last):
            box.valueChanged.connect(self._rows_chosen)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("表头从第")))
        row.addWidget(self.first)
        row.addWidget(QLabel(self.tr("行到第")))
        row.addWidget(self.last)
        row.addWidget(QLabel(self.tr("行")))
        row.addStretch()
        self.body.addLayout(row)
        self.body.addWidget(self.view, 1)
        self.finish_layout()

    def redraw(self) -> None:
        w = self.state
        plan = w.plan
        header = plan.header_rows if plan else w.options["header_rows"] or []
        self.model.show(w.grid, header, plan.skipped if plan else [])
        show_merges(self.view, w.grid)
        rows = len(w.grid.rows) if w.grid else 1
        blockers = [QSignalBlocker(b) for b in (self.first, self.last)]
        for box in (self.first, self.last):
            box.setMaximum(max(rows, 1))
        if header:
            self.first.setValue(min(header))
            self.last.setValue(max(header))
        del blockers

    def summary(self) -> str:
        plan = self.state.plan
        if plan is None:
            return ""
        rows = plan.header_rows
        where = str(rows[0]) if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"
        return filled(
            self.tr("表头在第 {0} 行，读到 {1} 个事项行，跳过 {2} 行。"),
            where,
            str(len(plan.items)),
            str(len(plan.skipped)),
        )

    def isComplete(self) -> bool:
        """A plan, or a sheet whose header rows (as chosen, or as the boxes show them) the
        next page can name the columns of."""
        return self.state.plan is not None or self.state.grid is not None

    def validatePage(self) -> bool:
        """Without a plan (no header found), the rows the boxes show are the clerk's choice:
        the next page maps their columns, the title among them."""
        if self.state.plan is None and not self.state.options["header_rows"]:
            self._rows_chosen()
        return True

    def _rows_chosen(self) -> None:
        first, last = self.first.value(), self.last.value()
        if last < first:
            return
        self.state.replan(header_rows=list(range(first, last + 1)), columns=None)
