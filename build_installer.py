"""Build the installable 实事台账: a PyInstaller one-folder bundle, then a .deb or an Inno script.

    python build_installer.py [--target linux|windows] [--deb] [--selftest] [--out DIR]

One-folder, not one-file: a one-file build unpacks itself into a temporary folder on every
start (slow on office PCs, and antivirus software quarantines the debris). The bundle holds
resources/, the Alembic migration scripts and Qt's Chinese translations; unused Qt modules
and the other Qt bindings stay out. The version comes from ``tracker.__version__`` only.

The .deb follows the layout the UOS/Kylin app stores expect (/opt/apps/<appid>/ with
``entries/`` and ``files/``, an ``info`` file, no maintainer scripts). The Windows script is
for Inno Setup 6: a per-user install without admin rights whose uninstaller leaves the
user's ledger alone (it lives in the user's data folder, never under the program folder).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP_ID = "cn.shishi.ledger"
APP_NAME = "实事台账"
EXE = "shishi"
#: Qt modules a widgets app never needs; PySide6's hook would otherwise follow matplotlib's
#: optional imports into some of them.
EXCLUDED = [
    "tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_wxagg",
]
#: Runtime libraries the bundle takes from the system (Qt's xcb platform plugin and the
#: fonts the PDF reports embed). One CJK font is enough; any of the usual ones will do.
DEB_DEPENDS = [
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-ukai",
]


def version() -> str:
    """``tracker.__version__``, read without importing (the build may run another Python)."""
    text = (ROOT / "tracker" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("tracker/__init__.py 中没有 __version__")
    return found.group(1)


def compile_translations(out: Path) -> list[Path]:
    """resources/i18n/*.ts → .qm beside the bundle's resources (lrelease from PySide6)."""
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
        done.append(qm)
    return done


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / (name + (".exe" if os.name == "nt" else ""))
    return str(beside) if beside.exists() else name


def pyinstaller_args(build: Path, launcher: Path, qm_dir: Path, target: str) -> list[str]:
    sep = os.pathsep
    args = [
        str(launcher),
        "--name",
        EXE,
        "--noconfirm",
        "--clean",
        "--onedir",
        "--windowed",
        "--distpath",
        str(build / "dist"),
        "--workpath",
        str(build / "work"),
        "--specpath",
        str(build),
        "--paths",
        str(ROOT),
        "--add-data",
        f"{ROOT / 'resources'}{sep}resources",
        "--add-data",
        f"{qm_dir}{sep}resources/i18n",
        # Alembic reads env.py and versions/*.py as files, so they ship as source.
        "--add-data",
        f"{ROOT / 'tracker' / 'migrations'}{sep}tracker/migrations",
        "--collect-data",
        "tracker",
        "--collect-submodules",
        "tracker",
        "--collect-submodules",
        "ui",
    ]
    for name in EXCLUDED:
        args += ["--exclude-module", name]
    if target == "windows":
        args += ["--icon", str(windows_icon(build))]
    return args


def windows_icon(build: Path) -> Path:
    """The .ico PyInstaller wants, drawn from the SVG with Qt (which writes ICO natively)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ROOT / "resources" / "shishi.svg")).render(painter)
    painter.end()
    ico = build / "shishi.ico"
    image.save(str(ico), "ICO")
    del app
    return ico


def build_bundle(build: Path, target: str) -> Path:
    host = "windows" if os.name == "nt" else "linux"
    if target != host:
        raise SystemExit(
            f"{target} 安装包须在 {target} 上构建：PyInstaller 不能交叉打包（当前系统：{host}）。"
        )
    import PyInstaller.__main__

    qm_dir = build / "i18n"
    compile_translations(qm_dir)
    launcher = build / "launch_shishi.py"
    launcher.write_text("from ui.app import main\n\nraise SystemExit(main())\n", "utf-8")
    PyInstaller.__main__.run(pyinstaller_args(build, launcher, qm_dir, target))
    bundle = build / "dist" / EXE
    prune_qt_translations(bundle)
    print(f"程序目录：{bundle}，共 {folder_size(bundle) / 2**20:.0f} MB")
    return bundle


def prune_qt_translations(bundle: Path) -> None:
    """Qt ships its dialogs in 90-odd languages; the county UI needs Chinese only."""
    for qm in bundle.rglob("PySide6/Qt/translations/*.qm"):
        if not qm.stem.endswith("_zh_CN"):
            qm.unlink()


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_selftest(bundle: Path) -> None:
    exe = bundle / (EXE + (".exe" if os.name == "nt" else ""))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(exe), "--selftest"], env=env, timeout=300)
    if result.returncode:
        raise SystemExit(f"打包后的程序自检失败（退出码 {result.returncode}）")


def desktop_entry(exec_path: str) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Shishi Ledger",
            f"Name[zh_CN]={APP_NAME}",
            "Comment=“我为群众办实事”清单的登记、交办、推进、销号与评价",
            f"Exec={exec_path}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;ProjectManagement;",
            f"StartupWMClass={EXE}",
            "",
        ]
    )


def deb_control(ver: str, arch: str, installed_kb: int) -> str:
    return "\n".join(
        [
            f"Package: {APP_ID}",
            f"Version: {ver}",
            f"Architecture: {arch}",
            "Maintainer: 实事台账项目组 <shishi-ledger@localhost>",
            f"Installed-Size: {installed_kb}",
            f"Depends: {', '.join(DEB_DEPENDS)}",
            "Section: office",
            "Priority: optional",
            f"Description: {APP_NAME} (Shishi Ledger)",
            " Registers, assigns, tracks and closes the practical matters promised to the",
            " public, with Excel import/export and PDF/XLSX supervision reports.",
            "",
        ]
    )


def build_deb(bundle: Path, out: Path, ver: str) -> Path:
    """Lay the bundle out under /opt/apps/<appid>/ and pack it with dpkg-deb."""
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = out / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    app = root / "opt" / "apps" / APP_ID
    shutil.copytree(bundle, app / "files" / EXE, symlinks=True)
    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    exec_path = f"/opt/apps/{APP_ID}/files/{EXE}/{EXE}"
    (entries / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(exec_path), "utf-8")
    icons = entries / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "shishi.svg", icons / f"{APP_ID}.svg")
    info = {
        "appid": APP_ID,
        "name": APP_NAME,
        "version": ver,
        "arch": [arch],
        "permissions": {"autostart": False, "notification": False, "clipboard": True},
    }
    (app / "info").write_text(json.dumps(info, ensure_ascii=False, indent=2), "utf-8")
    (root / "DEBIAN").mkdir()
    control = deb_control(ver, arch, folder_size(app) // 1024)
    (root / "DEBIAN" / "control").write_text(control, "utf-8")
    deb = out / f"{APP_ID}_{ver}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True
    )
    print(f"已生成：{deb}")
    return deb


def inno_script(bundle: Path, ver: str, out: Path) -> str:
    """Inno Setup 6 script for a per-user install; the user's data folder is never touched."""
    return "\n".join(
        [
            "; Generated by build_installer.py; build with ISCC.exe (Inno Setup 6).",
            "[Setup]",
            "AppId={{7D3C1E52-4B8A-4F0E-9C61-5A1E8B2D4F70}",
            f"AppName={APP_NAME}",
            f"AppVersion={ver}",
            "AppPublisher=实事台账项目组",
            # No admin rights: installs under %LOCALAPPDATA%\Programs for this user only.
            "PrivilegesRequired=lowest",
            "DefaultDirName={autopf}\\实事台账",
            "DefaultGroupName=实事台账",
            "DisableProgramGroupPage=yes",
            f"OutputDir={out}",
            f"OutputBaseFilename=实事台账-{ver}-安装程序",
            f"UninstallDisplayIcon={{app}}\\{EXE}.exe",
            "Compression=lzma2",
            "SolidCompression=yes",
            "WizardStyle=modern",
            "",
            "[Languages]",
            'Name: "chinesesimplified"; MessagesFile: "compiler:Languages\\ChineseSimplified.isl"',
            "",
            "[Files]",
            f'Source: "{bundle}\\*"; DestDir: "{{app}}"; Flags: ignoreversion recursesubdirs',
            "",
            "[Icons]",
            f'Name: "{{autoprograms}}\\实事台账"; Filename: "{{app}}\\{EXE}.exe"',
            f'Name: "{{autodesktop}}\\实事台账"; Filename: "{{app}}\\{EXE}.exe"; Tasks: desktopicon',
            "",
            "[Tasks]",
            'Name: "desktopicon"; Description: "创建桌面快捷方式"; Flags: unchecked',
            "",
            "[Run]",
            f'Filename: "{{app}}\\{EXE}.exe"; Description: "启动实事台账"; '
            "Flags: nowait postinstall skipifsilent",
            "",
            # Deliberately no [UninstallDelete]: the ledger and its backups live in the
            # user's data folder (platformdirs), which the uninstaller must keep.
        ]
    )


def build_windows_setup(bundle: Path, out: Path, ver: str) -> Path:
    iss = out / "shishi.iss"
    # Inno Setup reads a script as Unicode only with a byte-order mark.
    iss.write_text(inno_script(bundle, ver, out), encoding="utf-8-sig")
    print(f"已生成：{iss}")
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc:
        subprocess.run([iscc, str(iss)], check=True)
    else:
        print("未找到 Inno Setup 的 ISCC.exe：安装 Inno Setup 6 后运行 ISCC shishi.iss。")
    return iss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建实事台账安装包")
    host = "windows" if os.name == "nt" else "linux"
    parser.add_argument("--target", choices=["linux", "windows"], default=host)
    parser.add_argument("--deb", action="store_true", help="另打 UOS/麒麟 .deb 包（linux）")
    parser.add_argument("--selftest", action="store_true", help="打包后运行程序自检")
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="输出目录")
    args = parser.parse_args(argv)
    ver = version()
    bundle = build_bundle(args.out, args.target)
    if args.selftest:
        run_selftest(bundle)
    if args.deb:
        if args.target != "linux":
            parser.error("--deb 只用于 linux 目标")
        build_deb(bundle, args.out, ver)
    if args.target == "windows":
        build_windows_setup(bundle, args.out, ver)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
