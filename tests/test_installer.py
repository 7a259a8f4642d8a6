"""The installer: the frozen bundle self-tests, the .deb has the app-store layout and starts.

The slow test builds the real bundle with PyInstaller (about two minutes on two cores),
packs the .deb, unpacks it into a scratch root as dpkg would, and starts the program from
the command its desktop entry names.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
assert _spec and _spec.loader
build_installer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_installer)

LIMIT_BYTES = 300 * 2**20


def test_version_comes_from_the_package():
    import tracker

    assert build_installer.version() == tracker.__version__


def test_inno_script_installs_per_user_and_keeps_the_users_data(tmp_path):
    iss = build_installer.inno_script(Path(r"C:\b\dist\shishi"), "1.2.3", tmp_path)
    assert "PrivilegesRequired=lowest" in iss
    assert "DefaultDirName={autopf}\\实事台账" in iss
    assert "AppVersion=1.2.3" in iss
    assert 'Source: "C:\\b\\dist\\shishi\\*"' in iss
    assert '{autoprograms}\\实事台账"; Filename: "{app}\\shishi.exe"' in iss
    assert "UninstallDelete" not in iss  # the ledger in the data folder survives uninstalling
    assert "ChineseSimplified.isl" in iss


def test_inno_script_is_written_with_a_byte_order_mark(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    iss = build_installer.build_windows_setup(Path("dist"), tmp_path, "1.2.3")
    data = iss.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "实事台账" in data.decode("utf-8-sig")


def test_windows_bundle_is_not_cross_built_on_linux(tmp_path):
    if os.name == "nt":
        pytest.skip("only meaningful off Windows")
    with pytest.raises(SystemExit, match="不能交叉打包"):
        build_installer.build_bundle(tmp_path, "windows")


def _desktop_exec(desktop: Path) -> str:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keep Name[zh_CN] as written
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name[zh_CN]"] == "实事台账"
    assert section["Icon"] == build_installer.APP_ID
    return section["Exec"]


def _deb_field(deb: Path, name: str) -> str:
    out = subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True)
    return out.stdout.strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if sys.platform != "linux" or not shutil.which("dpkg-deb"):
        pytest.skip("the .deb is built on Debian-family Linux")
    out = tmp_path_factory.mktemp("installer")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, str(ROOT / "build_installer.py"), "--deb", "--selftest", "--out"]
    result = subprocess.run([*cmd, str(out)], env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out, result.stdout


@pytest.mark.slow
def test_bundle_passes_its_self_test_and_stays_small(built):
    out, stdout = built
    assert "自检通过" in stdout
    for step in ("新建台账", "导入表格", "生成 PDF 报表", "加载中文翻译", "打开主窗口"):
        assert f"通过  {step}" in stdout
    bundle = out / "dist" / "shishi"
    size = build_installer.folder_size(bundle)
    print(f"\nbundle {size / 2**20:.0f} MB unpacked")
    assert size < LIMIT_BYTES
    internal = bundle / "_internal"
    assert (internal / "resources" / "i18n" / "shishi_en.qm").is_file()
    assert (internal / "tracker" / "migrations" / "env.py").is_file()
    qms = {p.name for p in internal.rglob("PySide6/Qt/translations/*.qm")}
    assert "qtbase_zh_CN.qm" in qms and "qtbase_de.qm" not in qms
    assert not list(internal.rglob("PyQt5*")) and not list(internal.rglob("libQt6Qml*"))


@pytest.mark.slow
def test_deb_has_the_app_store_layout_and_no_maintainer_scripts(built, tmp_path):
    out, _ = built
    (deb,) = out.glob("*.deb")
    assert _deb_field(deb, "Package") == "cn.shishi.ledger"
    depends = _deb_field(deb, "Depends")
    assert "libxcb-cursor0" in depends and "fonts-noto-cjk | fonts-wqy-microhei" in depends
    subprocess.run(["dpkg-deb", "-e", str(deb), str(tmp_path / "DEBIAN")], check=True)
    assert sorted(p.name for p in (tmp_path / "DEBIAN").iterdir()) == ["control"]
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True).stdout
    app = "./opt/apps/cn.shishi.ledger/"
    for part in (
        "info",
        "entries/applications/cn.shishi.ledger.desktop",
        "entries/icons/hicolor/scalable/apps/cn.shishi.ledger.svg",
        "files/shishi/shishi",
    ):
        assert app + part in listing, part
    assert all(" ./opt/" in line or line.endswith(" ./") for line in listing.splitlines())


@pytest.mark.slow
def test_the_desktop_entry_starts_the_app_on_a_new_ledger(built, tmp_path):
    out, _ = built
    (deb,) = out.glob("*.deb")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    desktop = root / "opt/apps/cn.shishi.ledger/entries/applications/cn.shishi.ledger.desktop"
    program = root / _desktop_exec(desktop).split()[0].lstrip("/")
    assert os.access(program, os.X_OK)
    data = tmp_path / "xdg-data" / "shishi-ledger"  # a desktop that never ran the program
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHISHI_")}
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen([program], env=env, stderr=err)
        try:
            deadline = time.monotonic() + 60
            while not (data / "ledger.db").exists() and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.2)
            time.sleep(2)  # the window is up; the program must still be running
            assert proc.poll() is None, log.read_text()
            assert (data / "ledger.db").stat().st_size > 0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
