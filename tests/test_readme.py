"""The README's two commands exist, and CI runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    return re.findall(
        r"```bash\n(python3 -m venv .+)\n```", (ROOT / "README.md").read_text("utf-8")
    )


def test_readme_has_a_start_and_a_test_command():
    start, test = _commands()
    assert start.endswith(".venv/bin/shishi") and "demo" in start
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert _commands()[1] in ci_lines
