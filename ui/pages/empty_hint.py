"""What the ledger page says instead of an empty table: on a new ledger, the three ways to
begin (导入清单, 新建清单, 登记新事项); when a filter leaves nothing, that and 清除筛选."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyHint(QWidget):
    """Signals: import_requested, new_list_requested, new_item_requested, clear_requested."""

    import_requested = Signal()
    new_list_requested = Signal()
    new_item_requested = Signal()
    clear_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.import_list = QPushButton(self.tr("导入清单(&I)…"))
        self.new_list = QPushButton(self.tr("新建清单…"))
        self.new_item = QPushButton(self.tr("登记新事项(&N)…"))
        self.clear = QPushButton(self.tr("清除筛选"))
        self.import_list.clicked.connect(self.import_requested)
        self.new_list.clicked.connect(self.new_list_requested)
        self.new_item.clicked.connect(self.new_item_requested)
        self.clear.clicked.connect(self.clear_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_list, self.new_list, self.new_item, self.clear):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_new_ledger(self, may_register: bool) -> None:
        """Nothing in the ledger yet: how to begin (registering is for supervisors)."""
        self.title.setText(self.tr("台账里还没有事项"))
        if may_register:
            words = self.tr(
                "可以导入各单位报来的 Excel 清单（.xlsx、.xls、.et、.csv），"
                "或先新建一张清单，再逐项登记。"
            )
        else:
            words = self.tr("督查室导入或登记事项并交办后，本单位的事项会显示在这里。")
        self.text.setText(words)
        for button in (self.import_list, self.new_list, self.new_item):
            button.setVisible(may_register)
        self.clear.hide()

    def show_nothing_found(self) -> None:
        self.title.setText(self.tr("没有符合条件的事项"))
        self.text.setText(self.tr("换个搜索词，或清除筛选条件后再看。"))
        for button in (self.import_list, self.new_list, self.new_item):
            button.hide()
        self.clear.show()
