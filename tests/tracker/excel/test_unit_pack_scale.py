"""Packs for every unit of a 20,000-item ledger holding hostile text: all written, all open in
LibreOffice, and each comes back unchanged (the identity of every row still proven)."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
from sqlalchemy import select

from tracker.db import open_database
from tracker.demo import generate_demo
from tracker.models import Item
from tracker.services import returns

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HOSTILE = (
    lambda item: setattr(item, "title", "控制符\x01\x07" + item.title + "\x1f"),
    lambda item: setattr(item, "latest_progress", "超长进展" * 8000 + "\x0b尾"),
    lambda item: setattr(item, "title", '=HYPERLINK("http://x","点我")' + item.title),
    lambda item: setattr(item, "latest_progress", "@SUM(A1:A9)\n+1-1\r\n=1/0"),
)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by .ci/run")
def test_every_units_pack_of_a_hostile_20k_ledger(tmp_path):
    with open_database(str(tmp_path / "big.db")) as db:
        with db.sessions.begin() as s:
            generate_demo(s, 20_000, seed=7)
        with db.sessions.begin() as s:
            ids = s.scalars(select(Item.id).where(Item.status.in_(returns.PACK_STATUSES))).all()
            rng = random.Random(3)
            for n, item_id in enumerate(rng.sample(list(ids), 400)):
                HOSTILE[n % len(HOSTILE)](s.get_one(Item, item_id))
        with db.sessions.begin() as s:
            result = returns.export_unit_packs(s, tmp_path / "packs")
        assert result.failed == [] and len(result.written) > 20
        with db.sessions.begin() as s:
            for path in result.written:
                actions = {ln.action for ln in returns.plan_return(s, path).lines}
                assert actions == {"unchanged"}, path.name
    biggest = max(result.written, key=lambda p: p.stat().st_size)
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(biggest)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (tmp_path / f"{biggest.stem}.pdf").stat().st_size > 50_000
