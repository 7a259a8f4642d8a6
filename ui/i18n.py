"""Load Qt's own Chinese translations so standard dialogs speak Chinese too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install ``qtbase_zh_CN``; the returned translators must be kept alive by the caller."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = []
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        kept.append(translator)
    return kept
