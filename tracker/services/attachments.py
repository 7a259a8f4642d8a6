"""Evidence files (佐证材料), stored once by content hash under the data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.actors import Actor
from tracker.errors import NotFoundError, StorageError, ValidationError
from tracker.models import Attachment, Item
from tracker.services.common import now, permit, record, snapshot

MAX_BYTES = 100 * 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def safe_filename(name: str) -> str:
    """Keep only the last path part and drop characters no file system accepts."""
    base = re.split(r"[/\\]", name)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    return cleaned[:200] or "附件"


def stored_path(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


def add_attachment(
    s: Session,
    actor: Actor,
    item_id: int,
    source: Path,
    store: Path,
    *,
    name: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Copy ``source`` into the content-addressed ``store`` and record it on the item."""
    item = permit(s, actor, item_id, "attach")
    if source.is_dir():
        raise ValidationError("file", f"“{source}”是文件夹，请选择其中的文件。")
    if not source.is_file():
        raise ValidationError("file", f"找不到文件“{source}”。")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError("file", "附件不能超过 100 MB。")
    if size == 0:  # an empty file proves nothing, yet would open the 销号 gate
        raise ValidationError("file", f"文件“{source.name}”是空的（0 字节），不能作为佐证材料。")
    digest = file_sha256(source)
    dest = stored_path(store, digest)
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".part")
        shutil.copyfile(source, partial)
        os.replace(partial, dest)
    stamp = now(at)
    att = Attachment(
        item_id=item.id,
        filename=safe_filename(name or source.name),
        sha256=digest,
        size=size,
        uploaded_at=stamp,
        user_id=actor.user_id,
    )
    s.add(att)
    record(s, actor, item, "attachment", snapshot(item), stamp, file=att.filename, sha256=digest)
    return att.id


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class AttachmentProblem:
    attachment_id: int
    item_code: str
    filename: str
    problem: str


def verify_attachments(s: Session, store: Path) -> tuple[int, list[AttachmentProblem]]:
    """Check every recorded file is present and unchanged; returns (checked, problems)."""
    problems = []
    checked = 0
    rows = s.execute(
        select(Attachment.id, Attachment.sha256, Attachment.filename, Item.code)
        .join(Item, Item.id == Attachment.item_id)
        .order_by(Attachment.id)
    )
    for att_id, digest, name, code in rows:
        checked += 1
        path = stored_path(store, digest)
        if not path.is_file():
            problems.append(AttachmentProblem(att_id, code, name, "文件缺失"))
        elif file_sha256(path) != digest:
            problems.append(AttachmentProblem(att_id, code, name, "文件内容被改动（哈希不符）"))
    return checked, problems


def open_copy(s: Session, attachment_id: int, store: Path, folder: Path) -> Path:
    """A copy of a stored evidence file under its original name in ``folder``, to open.

    The store keeps files by hash only; the copy is checked against the recorded hash so
    that a file changed on disk is reported instead of being shown as evidence.
    """
    att = s.get(Attachment, attachment_id)
    if att is None:
        raise NotFoundError("该佐证材料的记录不存在。")
    source = stored_path(store, att.sha256)
    if not source.is_file():
        raise StorageError(f"佐证材料“{att.filename}”的文件缺失（{source}）。")
    if file_sha256(source) != att.sha256:
        raise StorageError(f"佐证材料“{att.filename}”的文件内容被改动，哈希与登记时不符。")
    target = folder / str(att.id) / safe_filename(att.filename)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
