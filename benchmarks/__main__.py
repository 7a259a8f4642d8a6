"""Run the benchmarks: medians of repeated runs, each beside a baseline measured on the same data.

    python -m benchmarks [--sizes 10000,100000,1000000] [--quick] [--repeat N] [--json OUT]

Ledgers are generated with the demo generator (seed 1, as of 2026-11-22) and cached in
benchmarks/.cache, so a second run measures queries, not generation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import scenarios

CACHE = Path(__file__).resolve().parent / ".cache"


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", help="run only scenarios whose name contains this")
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] if args.quick else [int(x) for x in args.sizes.split(",")]
    CACHE.mkdir(exist_ok=True)
    results = []
    for scenario in scenarios.ALL:
        if args.only and args.only not in scenario.__name__:
            continue
        for row in scenario(CACHE, sizes, lambda fn: median_seconds(fn, args.repeat)):
            results.append(row)
            print(_line(row), flush=True)
    meta = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "machine": f"{platform.machine()} {platform.platform()}",
        "sizes": sizes,
        "repeat": args.repeat,
        "versions": scenarios.versions(),
    }
    if args.json:
        args.json.write_text(
            json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2), "utf-8"
        )
    return 0


def _line(row: dict[str, object]) -> str:
    ratio = row["seconds"] / row["baseline_seconds"] if row.get("baseline_seconds") else None
    base = (
        f"  baseline {row['baseline']}: {row['baseline_seconds']:.3f}s  ratio {ratio:.2f}"
        if ratio is not None
        else ""
    )
    return f"{row['scenario']:<34} n={row['size']:<8} {row['seconds']:.3f}s{base}"


if __name__ == "__main__":
    raise SystemExit(main())
