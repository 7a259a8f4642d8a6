"""帮助 → 关于 names the version, ledger and folders; a bug's crash dialog says where its
details were written, and they are there (before, it said so while no log existed)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox

from tracker import __version__
from tracker.paths import app_paths
from tracker.services.desk import Desk
from ui import errors
from ui.dialogs.about_dialog import AboutDialog
from ui.main_window import MainWindow


def test_about_names_version_ledger_and_folders_and_opens_the_logs(qtbot, db, org, monkeypatch):
    w = MainWindow(Desk(db))
    qtbot.addWidget(w)
    labels = [
        a.text() for m in w.menuBar().actions() for a in (m.menu().actions() if m.menu() else [])
    ]
    assert "关于实事台账…" in labels
    dialog = AboutDialog(w, db)
    qtbot.addWidget(dialog)
    assert dialog.rows["版本"] == __version__ and dialog.rows["当前台账"] == db.label
    assert dialog.rows["日志文件夹"] == str(app_paths().logs_dir)
    opened = []
    monkeypatch.setattr(
        "ui.dialogs.about_dialog.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    assert dialog.show_logs() and opened[0].toLocalFile() == str(app_paths().logs_dir)
    assert app_paths().logs_dir.is_dir()


def test_the_crash_dialog_says_where_the_details_are_and_they_are_there(qtbot, monkeypatch):
    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: texts.append(self.text()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handler = errors.log_to_file()
    try:
        errors.install_excepthook()
        try:
            raise ZeroDivisionError("injected bug for the log")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    log = errors.log_file()
    assert str(log) in texts[0]
    assert "ZeroDivisionError: injected bug for the log" in log.read_text(encoding="utf-8")


def test_qts_own_file_dialog_speaks_chinese(qtbot, tmp_path):
    """qtbase_zh_CN leaves the 类型 column's “Folder” in English; the gaps are filled and
    everything else still comes from Qt's own translation."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QFileSystemModel

    from ui.i18n import install_translators

    kept = install_translators(QApplication.instance())
    try:
        (tmp_path / "佐证材料").mkdir()
        model = QFileSystemModel()
        model.setRootPath(str(tmp_path))
        index = model.index(str(tmp_path / "佐证材料"))
        qtbot.waitUntil(lambda: bool(model.data(model.index(index.row(), 2, index.parent()))))
        assert model.data(model.index(index.row(), 2, index.parent())) == "文件夹"
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    finally:
        for translator in kept:
            QApplication.instance().removeTranslator(translator)
