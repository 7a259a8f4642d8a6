"""The main window: composes the pages, menus and status bar; no queries, no business rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from tracker import workflow
from tracker.errors import TrackerError
from tracker.services.desk import Desk
from ui.dialogs.reason import ReasonDialog
from ui.errors import show_error
from ui.pages.item_panel import ItemPanel
from ui.pages.ledger_page import LedgerPage


class MainWindow(QMainWindow):
    """Top-level window; receives the desk (the user's view of the ledger) from ``ui.app``."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self._desk = desk
        self.setWindowTitle(self.tr("实事台账"))
        self.ledger = LedgerPage(desk)
        self.setCentralWidget(self.ledger)
        self.panel = ItemPanel()
        dock = QDockWidget(self.tr("事项详情"), self)
        dock.setObjectName("item-panel")
        dock.setWidget(self.panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().showMessage(self.tr("数据库：") + self._where())
        self._build_menus()
        self._connect_signals()
        self.ledger.refresh()

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("台账(&L)"))
        refresh = QAction(
            self.tr("刷新"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh)
        )
        refresh.setShortcuts([QKeySequence("F5")])
        refresh.triggered.connect(self.ledger.refresh)
        find = QAction(self.tr("搜索"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.ledger.search.setFocus)
        quit_action = QAction(
            self.tr("退出"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        for action in (refresh, find, quit_action):
            menu.addAction(action)

    def _connect_signals(self) -> None:
        self.ledger.counts_changed.connect(self._show_counts)
        self.ledger.move_requested.connect(self.move)
        self.ledger.item_selected.connect(self.show_item)

    def show_item(self, item_id: int) -> None:
        """Show the chosen item's record in the panel."""
        try:
            self.panel.show_detail(self._desk.detail(item_id))
        except TrackerError as exc:
            show_error(self, exc)

    def _show_counts(self, shown: int, overdue: int) -> None:
        self.counts.setText(
            self.tr("显示 {0} 项，其中逾期 {1} 项")
            .replace("{0}", str(shown))
            .replace("{1}", str(overdue))
        )

    def move(self, item_id: int, action: str) -> None:
        """Take one workflow move on an item, asking for a reason when the move needs one."""
        t = workflow.TRANSITIONS[action]
        reason = None
        if t.needs_reason:
            prompt = self.tr("请填写“{0}”的理由：").replace("{0}", t.label)
            if t.action == "request_closure":
                prompt = self.tr("请填写完成情况：")
            reason = ReasonDialog.ask(self, t.label, prompt)
            if reason is None:
                return
        try:
            state = self._desk.move(item_id, action, reason=reason)
        except TrackerError as exc:
            show_error(self, exc)
            return
        self.ledger.reload_rows([item_id])
        self.show_item(item_id)
        self.statusBar().showMessage(
            self.tr("已{0}：{1}，当前状态：{2}")
            .replace("{0}", t.label)
            .replace("{1}", state.code)
            .replace("{2}", state.status_label),
            5000,
        )

    def _where(self) -> str:
        db = self._desk.db
        return str(db.path) if db.path is not None else db.engine.url.render_as_string()
