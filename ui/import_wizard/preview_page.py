"""Step 4: every planned item with its parsed values and changes, every problem (double-click
jumps to the cell), skipped rows, and the units the directory does not know yet."""

from __future__ import annotations

from difflib import SequenceMatcher

from openpyxl.utils import column_index_from_string
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWizard,
)

from tracker.diff_text import diff_text
from tracker.enums import DeadlinePrecision
from tracker.excel import collectives
from tracker.excel.layout import FIELD_LABELS
from tracker.excel.plan import PlannedItem
from tracker.services.imports import ACTION_LABELS
from ui.i18n import QT_TRANSLATE_NOOP, filled
from ui.import_wizard.layout_page import grid_view, show_merges
from ui.import_wizard.page import Page
from ui.import_wizard.state import ImportState
from ui.models.grid_model import GridModel
from ui.table_parts import cell_at, fill_table, read_only_table

ACTION_COLOURS = {"create": "#e2f0d9", "update": "#fff2cc"}
LABELS = {**FIELD_LABELS, "assignee_phone": FIELD_LABELS["phone"]}
ITEM_HEADERS = [
    QT_TRANSLATE_NOOP("PreviewPage", "行"),
    QT_TRANSLATE_NOOP("PreviewPage", "标记"),
    QT_TRANSLATE_NOOP("PreviewPage", "项目名称"),
    QT_TRANSLATE_NOOP("PreviewPage", "牵头单位"),
    QT_TRANSLATE_NOOP("PreviewPage", "配合单位"),
    QT_TRANSLATE_NOOP("PreviewPage", "责任人"),
    QT_TRANSLATE_NOOP("PreviewPage", "联系电话"),
    QT_TRANSLATE_NOOP("PreviewPage", "完成时限"),
    QT_TRANSLATE_NOOP("PreviewPage", "类别"),
    QT_TRANSLATE_NOOP("PreviewPage", "变化"),
]
NEW_UNIT = "（新建该单位）"
#: The choice that expands a collective name into the directory's units.
EXPAND = "\x00expand"
#: The wizard field saying the clerk confirmed creating the unknown units.
CREATE_UNITS = "create_units"


def _likeliest(written: str, names: list[str]) -> list[str]:
    """The directory's units, those whose names read most like ``written`` first."""

    def unlike(existing: str) -> float:
        return -SequenceMatcher(None, written, existing).ratio()

    return sorted(names, key=unlike)


def deadline_text(item: PlannedItem) -> str:
    d = item.deadline
    if d is None:
        return ""
    if d.ongoing:
        return "长期坚持"
    if d.date is None:
        return f"待确认（{d.raw}）" if d.raw else "待确认"
    precision = "" if d.precision == DeadlinePrecision.DAY else f"（按{d.precision.label}）"
    return f"{d.date.isoformat()}{precision}"


#: Up to this many rows the columns are fitted to their text; beyond, fitting costs seconds.
FIT_ROWS = 2000


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    fill_table(table, rows)
    if len(rows) <= FIT_ROWS:
        table.resizeColumnsToContents()
        cap = table.fontMetrics().horizontalAdvance("字") * 16
        for c in range(table.columnCount() - 1):
            table.setColumnWidth(c, min(table.columnWidth(c), cap))


class PreviewPage(Page):
    def __init__(self, state: ImportState) -> None:
        super().__init__(
            state,
            state.tr("预览与核对"),
            state.tr(
                "下面是将要写入台账的内容。确认无误后点“开始导入”；在此之前台账不会有任何改动。"
            ),
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入(&I)"))
        self.tabs = QTabWidget()
        self.items = read_only_table([self.tr(h) for h in ITEM_HEADERS])
        self.problems = read_only_table(
            [self.tr("行"), self.tr("列"), self.tr("表头"), self.tr("问题")]
        )
        self.problems.itemDoubleClicked.connect(self.jump_to_problem)
        self.skipped = read_only_table([self.tr("行"), self.tr("跳过原因")])
        self.sheet_model = GridModel()
        self.sheet = grid_view(self.sheet_model)
        self.units = read_only_table(
            [self.tr("表格中的单位"), self.tr("对应名录中的单位"), self.tr("包含的单位")]
        )
        #: the unit rows in the order first shown: a choice must not move the rows
        self._unit_order: list[str] = []
        for widget, label in (
            (self.items, self.tr("事项")),
            (self.problems, self.tr("问题")),
            (self.skipped, self.tr("跳过的行")),
            (self.units, self.tr("新单位")),
            (self.sheet, self.tr("原表")),
        ):
            self.tabs.addTab(widget, label)
        self.create_units = QCheckBox()
        self.create_units.toggled.connect(self.completeChanged)
        self.registerField(CREATE_UNITS, self.create_units)
        self.body.addWidget(self.tabs, 1)
        self.body.addWidget(self.create_units)
        self.finish_layout()
        self._directory_empty: bool | None = None

    def redraw(self) -> None:
        plan = self.state.plan
        if plan is None:
            return
        rows = []
        for item in plan.items:
            rows.append(
                [
                    str(item.row),
                    ACTION_LABELS[item.action],
                    item.title,
                    item.lead_unit or "",
                    "、".join(item.co_units),
                    item.assignee or "",
                    item.assignee_phone or "",
                    deadline_text(item),
                    item.category or "",
                    diff_text(item.changes, LABELS),
                ]
            )
        _fill(self.items, rows)
        for r, item in enumerate(plan.items):
            colour = ACTION_COLOURS.get(item.action)
            if colour:
                cell_at(self.items, r, 1).setBackground(QBrush(QColor(colour)))
        _fill(self.problems, [[str(p.row), p.column, p.header, p.message] for p in plan.errors])
        _fill(self.skipped, [[str(row), why] for row, why in plan.skipped])
        problems = {
            (p.row, column_index_from_string(p.column) - 1): p.message
            for p in plan.errors
            if p.column
        }
        self.sheet_model.show(self.state.grid, plan.header_rows, plan.skipped, problems)
        show_merges(self.sheet, self.state.grid)
        self._fill_units()
        self.tabs.setTabText(1, filled(self.tr("问题（{0}）"), str(len(plan.errors))))
        units = len(plan.unknown_units) + len(plan.collectives)
        self.tabs.setTabText(3, filled(self.tr("新单位（{0}）"), str(units)))
        self._ask_units()

    def _fill_units(self) -> None:
        """Unknown units: create each, or say which existing unit it means. Collective names
        (各乡镇卫生院): expand into the directory's units, or keep as written."""
        plan = self.state.plan
        assert plan is not None
        aliases = self.state.options["unit_aliases"]
        keep = self.state.options["keep_collectives"]
        names = self.state.excel.desk.unit_names()
        now = [*plan.unknown_units, *aliases, *plan.collectives, *keep]
        self._unit_order = [n for n in self._unit_order if n in now]
        self._unit_order += [n for n in dict.fromkeys(now) if n not in self._unit_order]
        self.units.setRowCount(len(self._unit_order))
        boxes = []
        for r, name in enumerate(self._unit_order):
            members = plan.collectives.get(name, [])
            box = self._unit_box(name, members, name in keep, aliases.get(name), names)
            self.units.setItem(r, 0, QTableWidgetItem(name))
            self.units.setCellWidget(r, 1, box)
            self.units.setItem(r, 2, QTableWidgetItem("、".join(members)))
            boxes.append(box)
        self._size_unit_columns(boxes)

    def _unit_box(
        self, name: str, members: list[str], kept: bool, alias: str | None, names: list[str]
    ) -> QComboBox:
        """The choices for one name: expand (a collective), create it, or an existing unit."""
        box = QComboBox()
        if members or kept:
            expand = (
                filled(self.tr("展开为名录中的 {0} 个单位"), str(len(members)))
                if members
                else self.tr("展开为名录中的对应单位")
            )
            box.addItem(expand, EXPAND)
        box.addItem(self.tr(NEW_UNIT), None)
        for existing in _likeliest(name, names):
            box.addItem(existing, existing)
        box.setCurrentIndex(max(0, box.findData(alias or (EXPAND if members else None))))
        box.activated.connect(lambda _=0: self._unit_chosen(name, box.currentData()))
        return box

    def _size_unit_columns(self, boxes: list[QComboBox]) -> None:
        """Names and choices wide enough to read (up to 24 characters); members take the rest."""
        self.units.resizeColumnsToContents()
        em = self.units.fontMetrics().horizontalAdvance("字")
        arrow = em * 3  # a box's frame and arrow
        widest = max(
            (b.fontMetrics().horizontalAdvance(b.currentText()) + arrow for b in boxes),
            default=120,
        )
        self.units.setColumnWidth(0, min(max(self.units.columnWidth(0), 120), em * 24))
        self.units.setColumnWidth(1, min(max(widest, 120), em * 24))

    def _unit_chosen(self, name: str, existing: str | None) -> None:
        aliases = dict(self.state.options["unit_aliases"])
        keep = set(self.state.options["keep_collectives"])
        aliases.pop(name, None)
        keep.discard(name)
        if existing is None and collectives.is_collective(name):
            keep.add(name)  # 新建 a unit of that very name
        elif existing not in (None, EXPAND):
            aliases[name] = existing
        self.state.replan(unit_aliases=aliases, keep_collectives=frozenset(keep))

    def _ask_units(self) -> None:
        plan = self.state.plan
        assert plan is not None
        unknown = plan.unknown_units
        if self._directory_empty is None:
            self._directory_empty = self.state.excel.unit_directory_empty()
        self.create_units.setVisible(bool(unknown))
        self.create_units.setText(
            filled(
                self.tr("新建单位名录中没有的 {0} 个单位：{1}"),
                str(len(unknown)),
                "、".join(unknown[:8]) + ("等" if len(unknown) > 8 else ""),
            )
        )
        if self._directory_empty:
            self.create_units.setChecked(True)

    def summary(self) -> str:
        plan = self.state.plan
        if plan is None:
            return ""
        c = plan.counts()
        text = filled(
            self.tr("将新增 {0} 项，更新 {1} 项，{2} 项不变；跳过 {3} 行；发现 {4} 个问题。"),
            str(c["create"]),
            str(c["update"]),
            str(c["unchanged"]),
            str(len(plan.skipped)),
            str(len(plan.errors)),
        )
        for name, members in plan.collectives.items():
            text += filled(
                self.tr("“{0}”按名录展开为 {1} 个单位（可在“新单位”页改为原样新建）。"),
                name,
                str(len(members)),
            )
        if not plan.items:
            text += self.tr("没有读到任何事项行：请回到第 2 步确认表头所在的行。")
        elif not (c["create"] or c["update"]):
            text += self.tr("表格与台账一致，没有需要写入的变化。")
        return text

    def isComplete(self) -> bool:
        plan = self.state.plan
        if plan is None:
            return False
        c = plan.counts()
        units_ok = not plan.unknown_units or self.create_units.isChecked()
        return bool(c["create"] or c["update"]) and units_ok

    def jump_to_problem(self, cell: QTableWidgetItem) -> None:
        """Show the problem's cell in the sheet as it was read."""
        plan = self.state.plan
        if plan is None:
            return
        problem = plan.errors[cell.row()]
        col = column_index_from_string(problem.column) - 1 if problem.column else 0
        index = self.sheet_model.index(problem.row - 1, col)
        self.tabs.setCurrentWidget(self.sheet)
        self.sheet.setCurrentIndex(index)
        self.sheet.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.sheet.setFocus(Qt.FocusReason.OtherFocusReason)
