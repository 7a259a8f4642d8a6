"""Random sequences of service calls by random people never break the workflow's invariants.

A hypothesis state machine plays supervisors and unit clerks against a real SQLite ledger
and checks, after every step: a forbidden move never succeeds (it raises and changes
nothing), the audit chain verifies, and the rates stay in [0, 1] and agree with a naive
Python recount of the items.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

from tests.tracker.org import build_org, new_item
from tracker import audit, metrics, workflow
from tracker.db import open_database
from tracker.enums import ACTIVE_STATUSES, Role, Status
from tracker.errors import TrackerError
from tracker.models import AuditEntry, Item
from tracker.services import progress, transitions

ACTIONS = sorted(workflow.TRANSITIONS)
START = dt.datetime(2026, 1, 10, 9)


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def open_ledger(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.db = open_database(str(Path(self.tmp.name) / "m.db"))
        self.clock = START
        with self.db.sessions.begin() as s:
            self.org = build_org(s)
            self.items = [
                new_item(
                    s,
                    self.org,
                    f"M{n}",
                    unit=unit,
                    list_id=lst,
                    created=START,
                    deadline=dt.date(2026, 3, 1) if n % 2 else None,
                )
                for n, (unit, lst) in enumerate(
                    [
                        ("县教育局", self.org.key_list),
                        ("县民政局", self.org.promise_list),
                        ("城关镇", self.org.wish_list),
                        ("县教育局", self.org.promise_list),
                    ]
                )
            ]
        self.people = [
            self.org.supervisor,
            self.org.edu_clerk,
            self.org.civil_clerk,
            self.org.viewer,
            self.org.admin,
        ]

    def teardown(self) -> None:
        if hasattr(self, "db"):
            self.db.close()
            self.tmp.cleanup()

    def _tick(self) -> dt.datetime:
        self.clock += dt.timedelta(hours=7)
        return self.clock

    def _snapshot(self, item_id: int) -> tuple[str, int, int]:
        with self.db.sessions.begin() as s:
            item = s.get(Item, item_id)
            return item.status, item.version, s.scalar(select(func.count(AuditEntry.id)))

    @rule(
        item=st.integers(0, 3),
        who=st.integers(0, 4),
        action=st.sampled_from(ACTIONS),
        reason=st.sampled_from([None, "理由"]),
    )
    def try_move(self, item: int, who: int, action: str, reason: str | None) -> None:
        item_id, actor = self.items[item], self.people[who]
        before = self._snapshot(item_id)
        t = workflow.TRANSITIONS[action]
        try:
            with self.db.sessions.begin() as s:
                state = transitions.move(
                    s, actor, item_id, action, reason=reason, claimant="党员甲", at=self._tick()
                )
        except TrackerError:
            assert self._snapshot(item_id) == before, "a refused move changed something"
            return
        # it succeeded, so it must have been allowed
        assert Status(before[0]) in t.sources
        assert actor.role in t.roles
        assert not t.needs_reason or reason
        if actor.role == Role.CLERK:
            assert t.scope != workflow.Scope.ANY
        assert state.version == before[1] + 1

    @rule(item=st.integers(0, 3), who=st.integers(0, 4), percent=st.integers(-5, 105))
    def try_progress(self, item: int, who: int, percent: int) -> None:
        before = self._snapshot(self.items[item])
        try:
            with self.db.sessions.begin() as s:
                progress.report_progress(
                    s, self.people[who], self.items[item], "进展", percent=percent, at=self._tick()
                )
        except TrackerError:
            assert self._snapshot(self.items[item]) == before
            return
        assert 0 <= percent <= 100

    @invariant()
    def chain_verifies(self) -> None:
        if hasattr(self, "db"):
            with self.db.sessions.begin() as s:
                assert audit.verify(s).ok

    @invariant()
    def rates_agree_with_a_naive_recount(self) -> None:
        if not hasattr(self, "db"):
            return
        as_of = self.clock.date()
        with self.db.sessions.begin() as s:
            rows = metrics.compute(s, as_of)
            items = s.scalars(select(Item)).all()
            counted = [i for i in items if i.status not in (Status.DRAFT, Status.CANCELLED)]
            done = [i for i in counted if i.completed_at is not None]
            overdue = [
                i
                for i in counted
                if i.status in ACTIVE_STATUSES
                and i.deadline_date is not None
                and i.deadline_date < as_of
            ]
        if not counted:
            assert rows == []
            return
        r = rows[0]
        assert (r.counted, r.done, r.overdue_open) == (len(counted), len(done), len(overdue))
        for rate in (
            r.completion_rate,
            r.on_time_rate,
            r.on_time_rate_original,
            r.satisfaction_rate,
            r.progress_rate,
        ):
            assert rate is None or 0.0 <= rate <= 1.0


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
