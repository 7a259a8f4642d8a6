"""The wizard's five steps, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

if TYPE_CHECKING:
    from ui.import_wizard.wizard import ImportWizard


def add_pages(wizard: ImportWizard) -> list[QWizardPage]:
    from ui.import_wizard.apply_page import ApplyPage
    from ui.import_wizard.file_page import FilePage
    from ui.import_wizard.layout_page import LayoutPage
    from ui.import_wizard.mapping_page import MappingPage
    from ui.import_wizard.preview_page import PreviewPage

    pages: list[QWizardPage] = [
        FilePage(wizard),
        LayoutPage(wizard),
        MappingPage(wizard),
        PreviewPage(wizard),
        ApplyPage(wizard),
    ]
    for page in pages:
        wizard.addPage(page)
    return pages
