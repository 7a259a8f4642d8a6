"""The core never loads the GUI: the CLI and reports must run on a machine without a display."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _fresh_imports_leave_out(modules: str, test: str) -> None:
    """Import ``modules`` in a new interpreter; no loaded module name may pass ``test``."""
    code = (
        f"import sys, {modules}; bad = [m for m in sys.modules if {test}]; assert not bad, bad[:5]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_importing_the_core_and_cli_never_loads_pyside6():
    _fresh_imports_leave_out(
        "tracker, tracker.cli, tracker.db, tracker.demo, tracker.query",
        "m.startswith(('PySide6', 'ui', 'matplotlib.pyplot'))",
    )


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.fail(
            "import-linter is part of the test extra; install with pip install -e '.[test]'"
        )
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_window_starts_without_the_excel_report_and_chart_libraries():
    """openpyxl (≈0.3 s), matplotlib and fpdf load on first use, not at start-up."""
    _fresh_imports_leave_out("ui.app", "m.split('.')[0] in ('openpyxl', 'matplotlib', 'fpdf')")
