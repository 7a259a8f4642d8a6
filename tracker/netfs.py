"""Is a path on a network share? SQLite's file locking is unsafe there, so we refuse.

Linux/Kylin/UOS: the file system type of the mount holding the path (from /proc/mounts).
Windows: UNC paths (\\\\server\\share) and mapped network drives (GetDriveTypeW = DRIVE_REMOTE).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "davfs",
    "fuse.davfs2",
    "ncpfs",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
    "lustre",
    "fuse.rclone",
    "fuse.gvfsd-fuse",
    "gpfs",
}
DRIVE_REMOTE = 4


def mount_type(path: Path, mounts_text: str) -> str | None:
    """The file system type of the longest mount point that contains ``path``."""
    best, kind = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def is_network_path(
    path: Path, mounts_text: str | None = None, platform: str = sys.platform
) -> bool:
    if platform == "win32":
        return _windows_remote(str(path))
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text("utf-8", errors="replace")
        except OSError:
            return False
    resolved = Path(os.path.abspath(path))
    return (mount_type(resolved, mounts_text) or "") in NETWORK_FS


def _windows_remote(text: str) -> bool:
    p = PureWindowsPath(text)
    if p.drive.startswith("\\\\"):
        return True
    if sys.platform != "win32" or not p.drive:  # pragma: no cover - Windows only below
        return False
    import ctypes  # pragma: no cover

    return ctypes.windll.kernel32.GetDriveTypeW(p.drive + "\\") == DRIVE_REMOTE  # pragma: no cover
