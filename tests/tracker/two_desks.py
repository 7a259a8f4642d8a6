"""A desktop in a process of its own, for the two-desktops-one-item test.

Spawned twice by ``test_shared_ledger``: each logs in, and in every round loads the item,
waits for the other at a barrier, and saves its own title. Exactly one save per round may
win; the other must be told “该事项已被他人修改”.
"""

from __future__ import annotations

from typing import Any


def desktop(
    url: str, login: str, password: str, item_id: int, rounds: int, barrier: Any, out: Any
) -> None:
    from tracker.db import open_database
    from tracker.services import ledger_files
    from tracker.services.common import StaleItem

    outcomes = []
    with open_database(url) as db:
        desk = ledger_files.log_in(db, login, password)
        for n in range(rounds):
            seen = desk.detail(item_id).version
            barrier.wait(timeout=60)
            try:
                desk.edit_item(item_id, seen, {"title": f"{login}的第{n}次修改"})
                outcomes.append("saved")
            except StaleItem as exc:
                outcomes.append(str(exc))
            barrier.wait(timeout=60)
    out.put((login, outcomes))
