"""The lazy ledger model: Qt's model checks, block fetching, and the actions each role sees."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY
from tracker import item_actions, workflow
from tracker.demo import generate_demo
from tracker.enums import Role, Status
from tracker.query import ItemFilter
from tracker.services.desk import Desk
from tracker.services.ledger_files import local_desk
from ui.models.ledger_model import BLOCK, LedgerTableModel


def _query(desk, f=None, sort="ledger", descending=False, calls=None):
    f = f or ItemFilter()

    def fetch(offset, limit):
        if calls is not None:
            calls.append((offset, limit))
        return desk.page(f, sort, descending, offset, limit)

    return fetch, desk.count(f)


@pytest.fixture
def model(demo_db):
    m = LedgerTableModel()
    m.set_query(*_query(Desk(demo_db)))
    return m


def test_qt_model_checks(qtmodeltester, model):
    qtmodeltester.check(model)


def test_rows_are_fetched_by_block(db):
    with db.sessions.begin() as s:
        generate_demo(s, 5000, seed=2, today=TODAY)
    desk = local_desk(db)
    calls = []
    m = LedgerTableModel()
    m.set_query(*_query(desk, calls=calls))
    assert m.rowCount() == 5000 and calls == []
    for col in range(m.columnCount()):
        m.index(3, col).data()
    m.index(BLOCK - 1, 0).data()
    assert calls == [(0, BLOCK)]
    m.index(4999, 0).data()
    assert calls == [(0, BLOCK), (4999 // BLOCK * BLOCK, BLOCK)]
    m.invalidate([m.item_id(3)])
    m.index(3, 0).data()
    assert calls[-1] == (0, BLOCK)  # only the block holding the changed row is read again
    assert len(calls) == 3


def test_blocks_follow_the_same_order_as_the_id_query(db):
    with db.sessions.begin() as s:
        generate_demo(s, 700, seed=5, today=TODAY)
    desk = local_desk(db)
    m = LedgerTableModel()
    m.set_query(*_query(desk, sort="deadline", descending=True))
    shown = [m.item_id(r) for r in range(m.rowCount())]
    assert shown == desk.item_ids(ItemFilter(), "deadline", True)


def test_failed_fetch_shows_placeholders(demo_db):
    from tracker.errors import StorageError

    def broken(offset, limit):
        raise StorageError("连接中断")

    m = LedgerTableModel()
    m.set_query(broken, 3)
    assert m.index(0, 0).data() == "…" and m.row_of(0) is None


def test_view_reads_only_the_visible_block(qtbot, db):
    from PySide6.QtWidgets import QTableView

    with db.sessions.begin() as s:
        generate_demo(s, 3000, seed=3, today=TODAY)
    m = LedgerTableModel()
    m.set_query(*_query(local_desk(db)))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(m)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.wait(50)
    assert m.fetches <= 3  # first block, last block, and perhaps the one before it


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        (Role.SUPERVISOR, Status.REGISTERED, {"send_back", "assign", "claim", "suspend", "cancel"}),
        (Role.CLERK, Status.ASSIGNED, {"sign", "hand_back"}),
        (Role.CLERK, Status.IN_PROGRESS, {"hand_back", "request_closure"}),
        (
            Role.SUPERVISOR,
            Status.CLOSURE_REQUESTED,
            {"approve", "supplement", "rectify", "reject", "suspend", "cancel"},
        ),
        (Role.VIEWER, Status.IN_PROGRESS, set()),
        (Role.SUPERVISOR, Status.CLOSED, {"reopen"}),
    ],
)
def test_actions_offered_per_role_and_status(role, status, expected):
    assert item_actions.allowed(role, status) & set(workflow.TRANSITIONS) == expected
