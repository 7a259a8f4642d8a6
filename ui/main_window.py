"""The main window: composes the pages, menus and status bar; no queries, no business rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracker import workflow
from tracker.errors import StorageError, TrackerError
from tracker.item_fields import field_texts
from tracker.query import ItemFilter
from tracker.services import ledger_files
from tracker.services.admin_desk import AdminDesk
from tracker.services.common import ItemState
from tracker.services.desk import Desk
from ui.assign_actions import AssignActions
from ui.batch_actions import BatchActions
from ui.change_watch import ChangeWatch
from ui.dialogs import upkeep_forms as upkeep
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.backup_dialog import BackupDialog
from ui.dialogs.edit_item_dialog import EditItemDialog
from ui.dialogs.form_parts import run_once
from ui.dialogs.move_dialog import GATED, MoveDialog, needs_dialog
from ui.dialogs.new_item_dialog import NewItemDialog
from ui.dialogs.progress_dialog import LastReport, ProgressDialog
from ui.edit_history import EditHistory
from ui.errors import show_error
from ui.excel_actions import ExcelActions, dropped_workbook
from ui.i18n import filled
from ui.ledger_switch import LedgerSwitch
from ui.models.ledger_model import COLUMNS, SHOWN_AT_FIRST
from ui.pages.item_panel import ItemPanel
from ui.pages.ledger_page import LedgerPage
from ui.pages.lists_page import ListsPage
from ui.pages.people_page import PeoplePage
from ui.pages.settings_page import SettingsPage
from ui.pages.warnings_page import WarningsPage
from ui.report_actions import ReportActions
from ui.saved_filters import SavedFilters
from ui.settings import UiSettings
from ui.supervision_actions import SupervisionActions
from ui.workflow_actions import WorkflowActions

if TYPE_CHECKING:
    from ui.pages.dashboard_page import DashboardPage


#: The item menu's first group: what a clerk or supervisor does to an item every day.
EVERYDAY = (
    "progress",
    "urge",
    "edit",
    "responsibility",
    "attach",
    "extend",
    "decide_extension",
    "escalate",
    "visit",
)


class MainWindow(QMainWindow):
    """Top-level window; receives the desk (the user's view of the ledger) from ``ui.app``.

    Signals: ledger_changed(url) — the window now works on another ledger.
    """

    ledger_changed = Signal(str)

    def __init__(self, desk: Desk, ui_settings: UiSettings | None = None) -> None:
        super().__init__()
        self._desk = desk
        self._ui = ui_settings or UiSettings()
        self.setWindowTitle(self.tr("实事台账"))
        self.ledger = LedgerPage(desk, SavedFilters(self._ui))
        self.dashboard: DashboardPage | None = None
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.ledger, self.tr("台账"))
        self.warnings = WarningsPage(desk)
        self.pages.addTab(self.warnings, self.tr("预警"))
        self._dashboard_slot = QWidget()
        QVBoxLayout(self._dashboard_slot).setContentsMargins(0, 0, 0, 0)
        self.pages.addTab(self._dashboard_slot, self.tr("统计"))
        admin = AdminDesk(desk)
        self.people, self.lists, self.settings_page = (
            PeoplePage(admin),
            ListsPage(admin),
            SettingsPage(admin),
        )
        self.pages.addTab(self.people, self.tr("单位与人员"))
        self.pages.addTab(self.lists, self.tr("清单"))
        self.pages.addTab(self.settings_page, self.tr("设置"))
        self.setCentralWidget(self.pages)
        self._page: QWidget = self.ledger
        self.panel = ItemPanel()
        self.dock = QDockWidget(self.tr("事项详情"), self)
        self.dock.setObjectName("item-panel")
        self.dock.setWidget(self.panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.counts = QLabel()
        self._counts = (0, 0, 0)
        self.statusBar().addPermanentWidget(self.counts)
        self.workflow = WorkflowActions(desk, self)
        self.supervision = SupervisionActions(self, self)
        self.assigning = AssignActions(self, self)
        self.reports = ReportActions(self, self)
        self.reports.update_for(None)
        self.watch = ChangeWatch(self)
        self.watch.changed.connect(self._others_changed)
        self.excel = ExcelActions(desk, self, self.ledger)
        self.batch = BatchActions(self, self)
        self.history = EditHistory(lambda: self._desk, self)
        self.switch = LedgerSwitch(self, self)
        self.history.applied.connect(self._edit_applied)
        self.history.failed.connect(self._edit_refused)
        self.ledger.batch_menu = self.batch.menu
        self.batch.menu.addSeparator()
        self.batch.menu.addAction(self.ledger.copy_action)  # 复制 for many rows too
        self.ledger.item_menu = self.item_menu
        hint = self.ledger.empty
        hint.import_requested.connect(lambda: self.excel.import_list())
        hint.new_list_requested.connect(self.lists.new_list)
        hint.new_item_requested.connect(self.new_item)
        self.setAcceptDrops(True)
        self._current: int | None = None
        self._build_menus()
        self._connect_signals()
        self._restore_layout()
        self._show_identity()
        self.ledger.refresh()
        self.watch.follow(desk)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("台账(&L)"))
        refresh = QAction(
            self.tr("刷新"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh)
        )
        refresh.setShortcuts([QKeySequence("F5")])
        refresh.triggered.connect(self.refresh_page)
        find = QAction(self.tr("搜索"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.ledger.search.setFocus)
        quit_action = QAction(
            self.tr("退出"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        server = QAction(self.tr("连接数据库服务器…"), self)
        server.triggered.connect(self.switch.connect_server)
        open_file = QAction(
            self.tr("打开台账文件…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Open)
        )
        open_file.triggered.connect(self.switch.open_file)
        new_file = QAction(self.tr("新建台账文件…"), self)
        new_file.triggered.connect(self.switch.new_file)
        new = QAction(
            self.tr("登记新事项…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.New)
        )
        new.triggered.connect(self.new_item)
        for action in (new, refresh, find):
            menu.addAction(action)
        self._build_toolbar(new, refresh)
        self.panel.offer(self.workflow.actions["edit"])
        self.panel.offer(self.history.undo_action, self.tr("撤销修改"))
        self.panel.basic_buttons.addStretch(1)
        menu.addSeparator()
        menu.addAction(self.history.undo_action)
        menu.addAction(self.history.redo_action)
        menu.addSeparator()
        for action in self.excel.actions:
            menu.addAction(action)
        menu.addSeparator()
        for action in (open_file, new_file, server):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("查看(&V)"))
        for i, (label, key) in enumerate(
            (
                (self.tr("台账"), "Ctrl+1"),
                (self.tr("预警"), "Ctrl+2"),
                (self.tr("统计"), "Ctrl+3"),
                (self.tr("单位与人员"), "Ctrl+4"),
                (self.tr("清单"), "Ctrl+5"),
                (self.tr("设置"), "Ctrl+6"),
            )
        ):
            page = QAction(label, self, shortcut=QKeySequence(key))
            page.triggered.connect(lambda _=False, n=i: self.pages.setCurrentIndex(n))
            view.addAction(page)
        self.menuBar().addMenu(self.workflow.menu)
        self.workflow.menu.addSeparator()
        self.workflow.menu.addMenu(self.batch.menu)
        self.menuBar().addMenu(self.reports.menu)
        settings_menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        backups = QAction(self.tr("备份与恢复…"), self)
        backups.triggered.connect(self.open_backups)
        settings_menu.addAction(backups)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于实事台账…"), self)
        about.triggered.connect(lambda: run_once(AboutDialog(self, self._desk.db)))
        help_menu.addAction(about)

    def _build_toolbar(self, new: QAction, refresh: QAction) -> None:
        """The day's common work one click away; each button is its menu's own action, so it
        greys out exactly when the menu does."""
        bar = self.addToolBar(self.tr("常用"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(new)
        bar.addAction(refresh)
        bar.addSeparator()
        for action in self.excel.actions[0:3:2]:  # 导入清单, 导出台账
            bar.addAction(action)
        bar.addSeparator()
        for name in ("edit", "progress", "urge", "attach", "request_closure", "approve"):
            bar.addAction(self.workflow.actions[name])

    def _connect_signals(self) -> None:
        self.ledger.counts_changed.connect(self._show_counts)
        self.ledger.selection_counted.connect(self._show_selected)
        self.excel.open_items.connect(self.open_items)
        self.excel.ledger_changed.connect(self.ledger.refresh)
        self.excel.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.ledger.move_requested.connect(self.move_item)
        self.ledger.item_selected.connect(self.show_item)
        self.ledger.failed.connect(lambda exc: show_error(self, exc))
        self.workflow.requested.connect(self._act_on_current)
        self.pages.currentChanged.connect(self._page_shown)
        self.warnings.item_selected.connect(self.show_item)
        self.panel.attach_requested.connect(self.supervision.attach)
        self.panel.open_requested.connect(self.open_attachment)
        self.warnings.failed.connect(lambda exc: show_error(self, exc))
        for page in (self.people, self.lists, self.settings_page):
            page.failed.connect(lambda exc: show_error(self, exc))
        self.people.units_changed.connect(lambda: self.ledger.bar.fill(self._desk))
        self.lists.lists_changed.connect(lambda: self.ledger.bar.fill(self._desk))
        self.lists.open_list.connect(
            lambda name: self.open_items(ItemFilter(list_name=name), self.tr("清单：") + name)
        )
        self.settings_page.saved.connect(self.ledger.refresh)

    def _page_shown(self, index: int) -> None:
        """Build the 统计 page on first view: matplotlib stays out of the start-up path.

        Its figures take seconds on a large ledger, so they are gathered once here and
        again only on request (F5 or the page's 刷新), not on every switch of tabs. The 预警
        lists are counted whenever their page comes to the front (three counts).
        """
        page = self.pages.widget(index)
        left, self._page = self._page, page
        if left is self.settings_page and page is not left and not self.settings_page.leave():
            self._page = left
            with QSignalBlocker(self.pages):
                self.pages.setCurrentWidget(left)  # stay with the unsaved settings
            return
        if page in (self.warnings, self.people, self.lists, self.settings_page):
            page.refresh()
        if self.pages.widget(index) is not self._dashboard_slot or self.dashboard is not None:
            return
        from ui.pages.dashboard_page import DashboardPage

        self.dashboard = DashboardPage(self._desk)
        slot = self._dashboard_slot.layout()
        assert slot is not None
        slot.addWidget(self.dashboard)
        self.dashboard.open_items.connect(self.open_items)
        self.dashboard.item_chosen.connect(self.show_item)
        self.dashboard.failed.connect(lambda exc: show_error(self, exc))
        self.dashboard.refresh()

    def refresh_page(self) -> None:
        """F5: search the ledger again, or recount the page in front (预警, 统计)."""
        if self.dashboard is not None and self.pages.currentWidget() is self._dashboard_slot:
            self.dashboard.refresh()
        elif self.pages.currentWidget() in (
            self.warnings,
            self.people,
            self.lists,
            self.settings_page,
        ):
            self.pages.currentWidget().refresh()  # type: ignore[attr-defined]
        else:
            self.ledger.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_workbook(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_workbook(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.excel.open_dropped(path)

    def open_items(self, f: ItemFilter, caption: str) -> None:
        """Switch to the ledger showing exactly the items of ``f`` (a dashboard click)."""
        self.pages.setCurrentWidget(self.ledger)
        self.ledger.show_items(f, caption)

    def show_item(self, item_id: int, quiet: bool = False) -> None:
        """Show the chosen item's record in the panel and enable the moves it allows.

        ``quiet``: a refresh nobody asked for (others' changes) shows no error box.
        """
        self._current = item_id
        try:
            detail = self._desk.detail(item_id)
        except TrackerError as exc:
            if not quiet:
                show_error(self, exc)
            return
        self.panel.show_detail(detail)
        self.workflow.update_for(detail.id)
        self.reports.update_for(detail.id)
        self.panel.add_file.setEnabled(self.workflow.actions["attach"].isEnabled())

    def _act_on_current(self, name: str) -> None:
        if self._current is None:
            return
        handlers = {
            "edit": self.edit_item,
            "progress": self.report_progress,
            "urge": lambda i: self.run_item_action(i, "催办", lambda: self._desk.urge(i)),
            "attach": self.supervision.attach,
            "extend": self.supervision.request_extension,
            "decide_extension": self.supervision.decide_extension,
            "escalate": self.supervision.escalate,
            "visit": self.supervision.visit,
            "responsibility": self.assigning.correct,
            "delete_draft": self.delete_draft,
        }
        handler = handlers.get(name)
        if handler is not None:
            handler(self._current)
        else:
            self.move_item(self._current, name)

    def open_attachment(self, attachment_id: int) -> None:
        """Open an evidence file with the desktop's viewer (a checked copy, not the store)."""
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation))
        try:
            path = self._desk.open_attachment(attachment_id, folder / "shishi-evidence")
        except TrackerError as exc:
            show_error(self, exc)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.statusBar().showMessage(self.tr("没有能打开此文件的程序：") + str(path), 10000)

    def delete_draft(self, item_id: int) -> None:
        """删除草稿 with its reason; the ledger then shows the list without it."""
        try:
            detail = self._desk.detail(item_id)
        except TrackerError as exc:
            show_error(self, exc)
            return
        desk, deleted = self._desk, []
        form = upkeep.delete_draft_form(
            self,
            f"{detail.code} {detail.title}",
            lambda reason: deleted.append(desk.delete_draft(item_id, reason)),
        )
        if not form.run():
            return
        self._current = None
        self.panel.show_detail(None)
        self.workflow.update_for(None)
        self.ledger.refresh(keep_place=True)
        self.statusBar().showMessage(self.tr("已删除草稿：") + deleted[0], 5000)

    def new_item(self) -> None:
        """Register a draft item, then show it."""
        desk = self._desk
        dialog = NewItemDialog(
            self,
            desk,
            lambda a: desk.add_item(
                a.list_name,
                a.code,
                a.title,
                lead_unit=a.lead_unit,
                deadline=a.deadline,
                category=a.category,
            ),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.state is None:
            return
        state = dialog.state
        self.ledger.refresh()
        self.show_item(state.id)
        self.statusBar().showMessage(self.tr("已登记：") + state.code, 5000)

    def edit_item(self, item_id: int) -> None:
        """修改基本信息 (F2); a save on a stale version is resolved inside the dialog."""
        try:
            detail = self._desk.detail(item_id)
        except TrackerError as exc:
            show_error(self, exc)
            return
        dialog = EditItemDialog.edit(self, self._desk, detail)
        if dialog.saved is not None and dialog.saved_change is not None:
            before, typed = dialog.saved_change
            try:  # the values as stored ("1,200" is kept as 1200): what an undo compares
                saved = field_texts(self._desk.detail(item_id))
            except TrackerError:
                saved = typed
            self.history.record(item_id, detail.code, (before, {f: saved[f] for f in typed}))
            self.ledger.reload_rows([item_id])
            self.show_item(item_id)
            self.statusBar().showMessage(
                filled(self.tr("已保存：{0}（Ctrl+Z 撤销）"), detail.code), 5000
            )

    def _edit_refused(self, item_id: int, exc: TrackerError) -> None:
        """An undo or redo was refused (someone changed the field since): say why, and show
        the row and the panel as the ledger now holds them, not as this desk left them."""
        show_error(self, exc)
        self._edit_applied(item_id)

    def _edit_applied(self, item_id: int) -> None:
        """An undo or redo was saved: show the item as it now is."""
        self.ledger.reload_rows([item_id])
        self.show_item(item_id)

    def report_progress(self, item_id: int) -> None:
        desk = self._desk
        try:
            detail = desk.detail(item_id)
            problems, needs = desk.open_points(item_id)
        except TrackerError as exc:
            show_error(self, exc)
            return
        dialog = ProgressDialog(
            self,
            detail.title,
            LastReport(detail.progress_percent, problems, needs),
            lambda a: desk.report_progress(
                item_id, a.text, a.percent, a.problems, a.needs, a.drop_reason
            ),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.state is not None:
            self.show_action_done(item_id, "报送进展", dialog.state)

    def run_item_action(self, item_id: int, label: str, call: Callable[[], ItemState]) -> None:
        try:
            state = call()
        except TrackerError as exc:
            show_error(self, exc)
            return
        self.show_action_done(item_id, label, state)

    def show_action_done(self, item_id: int, label: str, state: ItemState) -> None:
        """After a change to the item: its row and panel reread, the outcome in the bar."""
        self.ledger.reload_rows([item_id])
        self.show_item(item_id)
        self.statusBar().showMessage(
            filled(self.tr("已{0}：{1}，当前状态：{2}"), label, state.code, state.status_label),
            5000,
        )

    def _show_counts(self, shown: int, overdue: int, total: int) -> None:
        self._counts = (shown, overdue, total)
        self._show_selected(self.ledger.selected_count())

    def _show_selected(self, selected: int) -> None:
        """The status bar's counts, with 已选 N 项 when more than one row is chosen."""
        shown, overdue, total = self._counts
        text = filled(
            self.tr("显示 {0} 项（共 {2} 项），其中逾期 {1} 项"),
            str(shown),
            str(overdue),
            str(total),
        )
        if selected > 1:
            text += filled(self.tr("，已选 {0} 项"), str(selected))
        self.counts.setText(text)

    def item_menu(self, item_id: int) -> QMenu:
        """The menu of one item: the everyday actions first, the workflow moves, 终止 apart
        (it cannot be undone), then 复制 — each only when this user may take it now."""
        if item_id != self._current:
            self.show_item(item_id)
        self.workflow.update_for(item_id)
        actions = self.workflow.actions
        menu = QMenu(self)
        groups = (
            [n for n in EVERYDAY if n in actions],
            [t for t in workflow.TRANSITIONS if t != "cancel"],
            ["cancel"],
        )
        for names in groups:
            shown = [actions[n] for n in names if actions[n].isEnabled()]
            if shown and menu.actions():
                menu.addSeparator()
            menu.addActions(shown)
        if menu.actions():
            menu.addSeparator()
        menu.addAction(self.ledger.copy_action)
        return menu

    def move_item(self, item_id: int, action: str) -> None:
        """Take one workflow move on an item: in a confirming dialog when the move needs
        words or cannot be undone (``move_dialog``), else at once."""
        t = workflow.TRANSITIONS[action]
        desk = self._desk
        if action == "assign":
            self.assigning.assign(item_id)
            return
        if not needs_dialog(action):
            self.run_item_action(item_id, t.label, lambda: desk.move(item_id, action))
            return
        try:
            detail = desk.detail(item_id)
            facts = desk.closure_facts(item_id) if action in GATED else None
        except TrackerError as exc:
            show_error(self, exc)
            return
        dialog = MoveDialog(
            self,
            action,
            f"{detail.code} {detail.title}",
            facts,
            lambda reason: desk.move(item_id, action, reason=reason),
            detail.list_kind,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.state is not None:
            self.show_action_done(item_id, t.label, dialog.state)
        elif dialog.instead is not None:
            self.move_item(item_id, dialog.instead)

    def _restore_layout(self) -> None:
        geometry, state = self._ui.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        else:  # first start: room for the panel's tabs
            em = self.fontMetrics().horizontalAdvance("中")
            width = max(em * 30, self.panel.tabs_width())
            self.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        header, columns = self._ui.ledger_header()
        if header is not None:
            view_header = self.ledger.table.horizontalHeader()
            view_header.restoreState(header)
            for col in range(columns, len(COLUMNS)):  # added since: shown only when chosen
                view_header.setSectionHidden(col, COLUMNS[col][0] not in SHOWN_AT_FIRST)
            view_header.setSortIndicator(
                -1, view_header.sortIndicatorOrder()
            )  # starts in ledger order

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._page is self.settings_page and not self.settings_page.leave():
            event.ignore()  # the user stays with the unsaved settings
            return
        self.watch.timer.stop()
        self._ui.set_window_state(self.saveGeometry(), self.saveState())
        self._ui.set_ledger_header(self.ledger.table.horizontalHeader().saveState(), len(COLUMNS))
        super().closeEvent(event)

    @property
    def desk(self) -> Desk:
        return self._desk

    @property
    def prefs(self) -> UiSettings:
        return self._ui

    @property
    def current_item(self) -> int | None:
        """The item shown in the panel."""
        return self._current

    def open_backups(self) -> None:
        path = self._desk.db.path
        if path is None:
            show_error(self, StorageError("PostgreSQL 台账由管理员用 pg_dump 备份和恢复。"))
            return
        BackupDialog(self, path, self.restore_backup).exec()

    def restore_backup(self, backup: Path) -> None:
        """Put ``backup`` in place of the open ledger (the old file kept aside), reopened."""
        restored = ledger_files.restore_backup(self._desk, backup)
        self.use_desk(restored.desk)
        if restored.error is not None:
            show_error(self, restored.error)
        if restored.aside is not None:
            QMessageBox.information(
                self,
                self.tr("已恢复"),
                filled(self.tr("台账已从备份恢复。原台账文件另存为：\n{0}"), str(restored.aside)),
            )

    def use_desk(self, desk: Desk) -> None:
        """Work on another ledger (restored, opened or connected): every page follows."""
        self._desk = desk
        self.ledger_changed.emit(desk.db.url)
        self.ledger.use_desk(desk)
        self.warnings.use_desk(desk)
        if self.dashboard is not None:
            self.dashboard.use_desk(desk)
        self.workflow.use_desk(desk)
        self.batch.update_for_role()
        self.history.clear()
        admin = AdminDesk(desk)
        for page in (self.people, self.lists, self.settings_page):
            page.use_admin(admin)
        self.excel.use_desk(desk)
        self.watch.follow(desk)
        self.panel.show_detail(None)
        self.workflow.update_for(None)  # the item it offered actions on is not in this ledger
        self.reports.update_for(None)
        self.panel.add_file.setEnabled(False)
        self._current = None
        self._show_identity()
        self.ledger.refresh()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def bring_to_front(self) -> None:
        """Another start of the program for this ledger: show this window instead."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _show_identity(self) -> None:
        """The title names the ledger (its file or server) and who works on it."""
        db = self._desk.db
        ledger = db.path.name if db.path is not None else db.label
        self.setWindowTitle(
            filled(self.tr("{0} — 实事台账 — {1}"), ledger, self._desk.actor.describe())
        )
        self.statusBar().showMessage(self.tr("数据库：") + self._desk.db.label)

    def _others_changed(self) -> None:
        """Someone changed the shared ledger: show it without losing the user's place."""
        self.ledger.refresh(keep_place=True)
        if self._current is not None:
            self.show_item(self._current, quiet=True)
