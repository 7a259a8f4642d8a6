"""Timing repeated runs (median, fastest, slowest) and reading peak memory."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import NamedTuple


class Timing(NamedTuple):
    median: float
    min: float
    max: float

    @classmethod
    def of(cls, times: list[float]) -> Timing:
        return cls(statistics.median(times), min(times), max(times))


#: Stop repeating a scenario once its runs have taken this long (a 100k export takes over a
#: minute per run; --quick must finish within ten minutes on a 2-core machine).
BUDGET_S = 60.0


def timed(fn: Callable[[], object], repeat: int) -> Timing:
    times: list[float] = []
    while len(times) < repeat and sum(times) < BUDGET_S:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Timing.of(times)


def timed_after(setup: Callable[[], object], fn: Callable[[object], object], repeat: int) -> Timing:
    """Like ``timed``, with untimed ``setup`` before each run (a fresh copy, a new view)."""
    times = []
    for _ in range(repeat):
        prepared = setup()
        start = time.perf_counter()
        fn(prepared)
        times.append(time.perf_counter() - start)
    return Timing.of(times)


def peak_mib() -> float:
    """The largest resident size this process, or any process it waited for, reached."""
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) * scale / 2**20
