"""``shishi --selftest`` passes from the source tree and names a broken step."""

from __future__ import annotations

from pathlib import Path

from tracker import selftest as core_selftest
from ui import selftest
from ui.app import main


def test_selftest_passes_every_step(qapp, capsys):
    assert main(["--selftest"]) == 0
    out = capsys.readouterr().out
    assert out.count("通过  ") == len(core_selftest.CORE_STEPS) + 2
    assert "导入表格：导入 30 项" in out and "台账页显示 30 项" in out
    assert out.rstrip().endswith("自检通过")


def test_a_broken_step_fails_the_selftest_and_the_rest_still_run(qapp, capsys, monkeypatch):
    def no_font(_: Path) -> str:
        raise RuntimeError("找不到中文字体")

    steps = [(n, no_font if n == "生成 PDF 报表" else f) for n, f in core_selftest.CORE_STEPS]
    monkeypatch.setattr(core_selftest, "CORE_STEPS", steps)
    assert selftest.main() == 1
    out = capsys.readouterr().out
    assert "失败  生成 PDF 报表：RuntimeError: 找不到中文字体" in out
    assert "通过  打开主窗口" in out and "自检失败：1 项" in out
