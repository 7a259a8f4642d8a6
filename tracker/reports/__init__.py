"""Documents supervisors open without the app: bulletins, unit reports, item cards.

Data is gathered once (``bulletin_data``), then written as PDF (fpdf2) and XLSX (openpyxl);
charts are drawn with matplotlib's object API. Nothing here imports Qt.
"""
