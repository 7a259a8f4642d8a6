"""Load Qt's own Chinese translations so standard dialogs speak Chinese too.

The UI's source strings are Chinese. ``SHISHI_LANG=en`` loads ``resources/i18n/shishi_en.qm``
(compiled by build_installer.py from the .ts a translator fills in) on top.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tracker.paths import resource

#: Words of Qt's own file dialog that ``qtbase_zh_CN`` leaves in English (“Folder” in its
#: 类型 column): (context, source, disambiguation) → Chinese.
QT_GAPS = {
    ("QAbstractFileIconProvider", "Folder", "All other platforms"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"): "文件夹",
    ("QAbstractFileIconProvider", "Drive", None): "驱动器",
}


class QtGaps(QTranslator):
    """Answers ``QT_GAPS``; anything else falls through to the other translators (Qt tries
    the next one on a null string, which ``None`` is — an empty string would be a blank)."""

    def translate(  # type: ignore[override]  # None is Qt's null string
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return QT_GAPS.get((context, source, disambiguation or None))


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install ``qtbase_zh_CN``; the returned translators must be kept alive by the caller."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept: list[QTranslator] = []
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        kept.append(translator)
        gaps = QtGaps(app)
        app.installTranslator(gaps)
        kept.append(gaps)
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
