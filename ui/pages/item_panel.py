"""The item panel: one item's full record, one tab per kind of record, beside the ledger."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.query import AttachmentInfo, HistoryEvent, ItemDetail
from ui.i18n import QT_TRANSLATE_NOOP
from ui.table_parts import cell_at, fill_table, read_only_table

#: Tabs of dated records: title and the history kinds each shows.
#: The panel's history tabs: (title, tooltip, the history kinds shown).
TIMELINES = (
    (
        QT_TRANSLATE_NOOP("ItemPanel", "进展"),
        QT_TRANSLATE_NOOP("ItemPanel", "进展报送（含配合单位）"),
        ("进展", "配合单位进展"),
    ),
    (
        QT_TRANSLATE_NOOP("ItemPanel", "审核"),
        QT_TRANSLATE_NOOP("ItemPanel", "销号申请与审核"),
        ("申请销号", "审核"),
    ),
    (
        QT_TRANSLATE_NOOP("ItemPanel", "督办"),
        QT_TRANSLATE_NOOP("ItemPanel", "催办、延期与督办"),
        ("催办", "申请延期", "延期审批", "督办"),
    ),
    (QT_TRANSLATE_NOOP("ItemPanel", "回访"), QT_TRANSLATE_NOOP("ItemPanel", "回访评价"), ("回访",)),
)


#: The titles of the tabs after 基本, in order (each shown with its count).
TAB_TITLES = (*(title for title, _tip, _kinds in TIMELINES), "材料", "日志")


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def timeline_html(events: list[HistoryEvent]) -> str:
    """Newest first, one line per event: when, what, who."""
    if not events:
        return "<p style='color:gray'>暂无记录</p>"
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:8px'>{e.at:%Y-%m-%d %H:%M}</td>"
        f"<td><b>{escape(e.kind)}</b> {escape(e.text)}"
        f"{'（' + escape(e.actor) + '）' if e.actor else ''}</td></tr>"
        for e in reversed(events)
    )
    return f"<table>{rows}</table>"


class ItemPanel(QWidget):
    """Shows an ``ItemDetail``: 基本信息 (with the whole 办理记录), the records by kind,
    佐证材料 (open, hash) and 操作日志 (the audit entries).

    Signals: attach_requested(item_id), open_requested(attachment_id).
    """

    attach_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._detail: ItemDetail | None = None
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Counts in the tab titles grow and shrink with the item shown. The tab bar's
        # least width must not follow them, or the dock (and the table beside it) jumps
        # on every selection: it scrolls when narrower than its tabs, and the window opens
        # the panel wide enough for all of them (``tabs_width``).
        self.tabs.setUsesScrollButtons(True)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.basic_buttons = QHBoxLayout()  # the window puts 修改基本信息 (F2) here
        basic = QWidget()
        basic_layout = QVBoxLayout(basic)
        basic_layout.setContentsMargins(0, 0, 0, 0)
        basic_layout.addWidget(self.view)
        basic_layout.addLayout(self.basic_buttons)
        self.tabs.addTab(basic, self.tr("基本"))
        self.tabs.setTabToolTip(0, self.tr("基本信息与全部办理记录"))
        self.timelines: list[QTextBrowser] = []
        for _title, tip, _kinds in TIMELINES:
            browser = QTextBrowser()
            self.timelines.append(browser)
            self.tabs.addTab(browser, "")
            self.tabs.setTabToolTip(self.tabs.count() - 1, self.tr(tip))
        self.files = read_only_table(
            [self.tr("文件名"), self.tr("大小"), self.tr("上传时间"), self.tr("上传人"), "SHA-256"],
            fit_to_contents=True,
        )
        self.files.doubleClicked.connect(lambda _i: self.open_selected())
        self.files.currentCellChanged.connect(lambda *_: self._show_hash())
        self.hash_line = QLabel()
        self.hash_line.setWordWrap(True)
        self.hash_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_file = QPushButton(self.tr("添加…"))
        self.open_file = QPushButton(self.tr("打开"))
        self.copy_hash = QPushButton(self.tr("复制哈希值"))
        self.add_file.clicked.connect(
            lambda: self._detail and self.attach_requested.emit(self._detail.id)
        )
        self.open_file.clicked.connect(self.open_selected)
        self.copy_hash.clicked.connect(self.copy_selected_hash)
        self.tabs.addTab(self._files_tab(), "")
        self.tabs.setTabToolTip(self.tabs.count() - 1, self.tr("佐证材料"))
        self.audit = read_only_table(
            [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("内容")],
            fit_to_contents=True,
        )
        self.tabs.addTab(self.audit, "")
        self.tabs.setTabToolTip(self.tabs.count() - 1, self.tr("操作日志（审计记录）"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.show_detail(None)

    def tabs_width(self) -> int:
        """The width that shows every tab, each with a one-digit count (more scrolls)."""
        bar = self.tabs.tabBar()
        metrics = bar.fontMetrics()
        width = 0
        for i in range(bar.count()):
            text = bar.tabText(i)
            widest = self._counted(TAB_TITLES[i - 1], 9) if i else text
            grow = metrics.horizontalAdvance(widest) - metrics.horizontalAdvance(text)
            width += bar.tabSizeHint(i).width() + max(0, grow)
        return width + metrics.horizontalAdvance("中")  # the dock's frame and margins

    def offer(self, action: QAction, label: str | None = None) -> None:
        """A button under 基本信息 for ``action``: it greys out whenever the action does.

        ``label``: a fixed caption for an action whose text says more (撤销修改：编号 and
        fields), which then shows as the tooltip; a caption that grows would widen the panel.
        """
        button = QToolButton()
        button.setDefaultAction(action)
        if label is not None:

            def follow() -> None:
                button.setText(label)
                button.setToolTip(action.text())

            action.changed.connect(follow)
            follow()
        self.basic_buttons.addWidget(button)

    def _files_tab(self) -> QWidget:
        tab = QWidget()
        buttons = QHBoxLayout()
        for button in (self.add_file, self.open_file, self.copy_hash):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.files)
        layout.addWidget(self.hash_line)
        layout.addLayout(buttons)
        return tab

    def show_detail(self, d: ItemDetail | None) -> None:
        self._detail = d
        self.view.setHtml(self._summary_html(d))
        history = d.history if d else []
        for i, ((title, _tip, kinds), browser) in enumerate(
            zip(TIMELINES, self.timelines, strict=True), start=1
        ):
            events = [e for e in history if e.kind in kinds]
            browser.setHtml(timeline_html(events) if d else "")
            self.tabs.setTabText(i, self._counted(title, len(events)))
        self._show_files(d)
        self._show_audit(d)

    def _counted(self, title: str, n: int) -> str:
        return self.tr(title) + (f"({n})" if n else "")

    def _show_files(self, d: ItemDetail | None) -> None:
        files = d.attachments if d else []
        fill_table(
            self.files,
            [
                [
                    a.filename,
                    size_text(a.size),
                    f"{a.uploaded_at:%Y-%m-%d %H:%M}",
                    a.uploader or "",
                    a.sha256,
                ]
                for a in files
            ],
            tooltips=True,
        )
        for row, a in enumerate(files):  # the start fits the panel; the whole hash below
            cell_at(self.files, row, 4).setText(a.sha256[:12] + "…")
        if files:
            self.files.setCurrentCell(0, 0)
        self._show_hash()
        self.tabs.setTabText(len(TIMELINES) + 1, self._counted("材料", len(files)))
        for button in (self.add_file, self.open_file, self.copy_hash):
            button.setEnabled(d is not None)

    def _show_audit(self, d: ItemDetail | None) -> None:
        lines = list(reversed(d.audit)) if d else []
        fill_table(
            self.audit,
            [[f"{a.at:%Y-%m-%d %H:%M:%S}", a.actor, a.action, a.detail] for a in lines],
            tooltips=True,
        )
        self.tabs.setTabText(len(TIMELINES) + 2, self._counted("日志", len(lines)))

    def _current_file(self) -> AttachmentInfo | None:
        row = self.files.currentRow()
        files = self._detail.attachments if self._detail else []
        return files[row] if 0 <= row < len(files) else None

    def _show_hash(self) -> None:
        """The chosen file's whole SHA-256 under the list, in groups that wrap."""
        f = self._current_file()
        groups = " ".join(f.sha256[i : i + 16] for i in range(0, 64, 16)) if f else ""
        self.hash_line.setText("SHA-256：" + groups if f else "")

    def open_selected(self) -> None:
        f = self._current_file()
        if f is not None:
            self.open_requested.emit(f.id)

    def copy_selected_hash(self) -> None:
        f = self._current_file()
        if f is not None:
            QGuiApplication.clipboard().setText(f.sha256)

    def _summary_html(self, d: ItemDetail | None) -> str:
        if d is None:
            return f"<p style='color:gray'>{escape(self.tr('选择一个事项查看详情'))}</p>"
        deadline = escape(d.deadline_text or "未定")
        if d.original_deadline_date:
            deadline += f"（原定 {d.original_deadline_date}）"
        if d.undated:
            deadline += "<span style='color:#c00000'>（待确认时限）</span>"
        rows = [
            ("清单", d.list_name),
            ("状态", d.status_label),
            ("进度", f"{d.progress_percent}%"),
            ("牵头单位", d.lead_unit or "未定"),
            ("配合单位", "、".join(d.co_units) or "无"),
            ("责任人", f"{d.assignee or '未定'} {d.assignee_phone or ''}"),
            ("包联领导", d.leader or "—"),
            ("领域", d.category or "—"),
            ("督办级别", d.escalation_label),
            ("催办", f"{d.urge_count} 次"),
            ("地点", d.location or "—"),
            ("受益人数", "—" if d.beneficiaries is None else f"{d.beneficiaries:,} 人"),
            ("投入资金", "—" if d.funds is None else f"{d.funds.normalize():,f} 万元"),
            ("来源", d.source or "—"),
            ("备注", d.remarks or "—"),
        ]
        table = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(str(v))}</td></tr>"
            for k, v in rows
        )
        return (
            f"<h3>{escape(d.code)}　{escape(d.title)}</h3>"
            f"<table>{table}<tr><td style='color:#555'>完成时限</td><td>{deadline}</td></tr></table>"
            f"<p>{escape(d.content or '')}</p><h4>办理记录</h4>{timeline_html(d.history)}"
        )
