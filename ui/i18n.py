"""Load Qt's own Chinese translations so standard dialogs speak Chinese too.

The UI's source strings are Chinese. ``SHISHI_LANG=en`` loads ``resources/i18n/shishi_en.qm``
(compiled by build_installer.py from the .ts a translator fills in) on top.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tracker.paths import resource


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install ``qtbase_zh_CN``; the returned translators must be kept alive by the caller."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = []
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        kept.append(translator)
    lang = os.environ.get("SHISHI_LANG")
    own = resource(f"i18n/shishi_{lang}.qm") if lang else None
    if own is not None:
        translator = QTranslator(app)
        if translator.load(str(own)):
            app.installTranslator(translator)
            kept.append(translator)
    return kept


def filled(text: str, *values: object) -> str:
    """``text`` (already translated) with ``{0}``, ``{1}``… replaced by ``values``.

    Placeholders rather than f-strings keep each sentence one translatable unit whose word
    order a translator may change; ``str.format`` is not used because report texts may hold
    braces of their own.
    """
    for i, value in enumerate(values):
        text = text.replace("{" + str(i) + "}", str(value))
    return text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context`` (the class whose ``tr`` shows it later);
    Qt's own is typed as returning ``object``, this one keeps tables of labels typed."""
    return text
