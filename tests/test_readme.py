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


def _workflow_lines() -> list[str]:
    block = re.search(
        r"```bash\n(shishi-cli init\nshishi-cli admin add-unit.+?)```", _readme(), re.S
    )
    assert block, "README's workflow example"
    return block.group(1).splitlines()


def _readme() -> str:
    return (ROOT / "README.md").read_text("utf-8")


def test_the_workflow_example_runs_as_printed_on_a_fresh_ledger(tmp_path, monkeypatch, capsys):
    """Each line of the README's 办理流程 block, in order, on a new ledger in the user's data
    folder: every command exits 0 and the item ends 已销号."""
    import shlex

    from tracker.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "验收单.pdf").write_bytes(b"%PDF-1.4 scan")
    for line in _workflow_lines():
        for command in line.split("&&"):
            words = shlex.split(command, comments=True)
            assert words[0] == "shishi-cli", line
            assert main(words[1:]) == 0, (line, capsys.readouterr())
    capsys.readouterr()
    assert main(["show", "A1", "--json"]) == 0
    assert '"status_label": "已销号"' in capsys.readouterr().out
