"""The file names an import reads, in a module of no imports: the window checks a dropped
file's name at start-up, before any spreadsheet library is loaded."""

from __future__ import annotations

#: WPS's own workbook and template; usually the .xls container, read the same way.
WPS_SUFFIXES = (".et", ".ett")
#: Text lists: CSV, tab-separated, and Excel's “Unicode 文本”.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: Every file an import reads (the file dialog's filter and what may be dropped on the window).
LIST_SUFFIXES = (".xlsx", ".xlsm", ".xls", *WPS_SUFFIXES, ".ods", *TEXT_SUFFIXES)
