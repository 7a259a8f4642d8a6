"""The core never loads the GUI: the CLI and reports must run on a machine without a display."""

from __future__ import annotations

import ast
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


def _ui_imports() -> dict[str, set[str]]:
    """Module → the ``ui`` modules it imports (at any depth of the file, type-only included)."""
    graph: dict[str, set[str]] = {}
    for path in (ROOT / "ui").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui"):
                found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("ui")}
        graph[name] = found
    return {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (depth-first search), or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str]:
        state[m] = 1
        path.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                return [*path[path.index(d) :], d]
            if d not in state and (found := visit(d)):
                return found
        path.pop()
        state[m] = 2
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_ui_modules_import_each_other_one_way():
    """No import cycle in ``ui`` (a type-only import counts): the window imports its parts,
    the import wizard its pages, and nothing imports them back."""
    assert _cycle(_ui_imports()) == []


def test_only_the_start_up_code_imports_the_main_window():
    importers = {m for m, deps in _ui_imports().items() if "ui.main_window" in deps}
    assert importers == {"ui.app", "ui.selftest"}
