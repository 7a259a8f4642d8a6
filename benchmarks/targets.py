"""The targets of the performance issue, and whether a measured row meets its target.

Keyed by scenario name and ledger size (``None``: any size). A target may bound the median
in seconds, the ratio to the row's baseline, or both; memory rows bound MiB.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    text: str
    max_s: float | None = None
    max_ratio: float | None = None
    max_mib: float | None = None

    def met(self, median_s: float | None, ratio: float | None, mib: float | None) -> bool:
        checks = [
            (self.max_s, median_s),
            (self.max_ratio, ratio),
            (self.max_mib, mib),
        ]
        return all(value is not None and value <= limit for limit, value in checks if limit)


K, M = 100_000, 1_000_000
TARGETS: dict[tuple[str, int | None], Target] = {
    ("start to first painted ledger", K): Target("≤ 1.5 s", max_s=1.5),
    ("ledger model, first 50 rows", K): Target("≤ 0.3 s", max_s=0.3),
    ("ledger model, first 50 rows", M): Target("≤ 1 s", max_s=1.0),
    ("sort by deadline, last 50 rows", K): Target("≤ 0.3 s", max_s=0.3),
    ("sort by deadline, last 50 rows", M): Target("≤ 1 s", max_s=1.0),
    ("ledger filter status+unit, 50 rows", K): Target("≤ 0.2 s", max_s=0.2),
    ("ledger filter status+unit, 50 rows", M): Target("≤ 0.6 s", max_s=0.6),
    ("search “食堂” (2 chars)", M): Target("≤ 1 s", max_s=1.0),
    ("search “污水治理” (4 chars)", M): Target("≤ 0.1 s", max_s=0.1),
    ("scroll to last row and paint", M): Target("≤ 0.2 s", max_s=0.2),
    ("import plan + apply (10k-row list)", None): Target("≤ 3 s and ≤ 8× read", 3.0, 8.0),
    ("export ledger xlsx (styled)", K): Target("≤ 1.5× raw write", max_ratio=1.5),
    ("bulletin report PDF+XLSX", K): Target("≤ 5 s", max_s=5.0),
    ("stats per unit (all rates)", M): Target("≤ 1 s", max_s=1.0),
    ("peak memory", M): Target("≤ 1 GiB", max_mib=1024),
}


def target_for(scenario: str, size: int) -> Target | None:
    base = scenario.split(" (after ")[0]  # memory rows: “peak memory (after stats)”
    return TARGETS.get((base, size)) or TARGETS.get((base, None))
