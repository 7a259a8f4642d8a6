"""Run the benchmarks: medians of repeated runs, each beside a baseline measured on the same data.

    python -m benchmarks [--sizes 10000,100000,1000000] [--quick] [--repeat N] [--json OUT]

Ledgers are generated with the demo generator (seed 1, as of 2026-11-22) and cached in
benchmarks/.cache, so a second run measures queries, not generation. Each row says its
target (from the performance issue) and whether the median meets it; after each scenario a
row gives the process's peak memory so far (this process and the ones it started).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

from benchmarks import scenarios
from benchmarks.targets import target_for
from benchmarks.timing import Timing, peak_mib, timed
from tracker.textwidth import display_width

CACHE = Path(__file__).resolve().parent / ".cache"


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
        for row in scenario(CACHE, sizes, lambda fn: timed(fn, args.repeat)):
            results.append(result(row))
            print(line(results[-1]), flush=True)
        memory = {"scenario": f"peak memory (after {scenario.__name__})", "size": max(sizes)}
        results.append(result({**memory, "mib": peak_mib()}))
        print(line(results[-1]), flush=True)
    missed = [r for r in results if r["met"] is False]
    print(f"\n{len(results)} rows; targets missed: {len(missed)}")
    if args.json:
        doc = {"machine": machine(), "versions": scenarios.versions(), "results": results}
        args.json.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    return 0


def machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "when": dt.datetime.now().isoformat(timespec="seconds"),
    }


def result(row: dict[str, object]) -> dict[str, object]:
    """One row as the JSON shape the issue asks for (median/min/max, baseline, ratio, target)."""
    ours: Timing | None = row.get("seconds")  # type: ignore[assignment]
    base: Timing | None = row.get("baseline_seconds")  # type: ignore[assignment]
    ratio = ours.median / base.median if ours and base and base.median else None
    mib = row.get("mib")
    target = target_for(str(row["scenario"]), int(row["size"]))  # type: ignore[arg-type]
    return {
        "scenario": row["scenario"],
        "size": row["size"],
        "median_s": ours.median if ours else None,
        "min_s": ours.min if ours else None,
        "max_s": ours.max if ours else None,
        "peak_mib": mib,
        "baseline": row.get("baseline"),
        "baseline_s": base.median if base else None,
        "ratio": ratio,
        "target": target.text if target else None,
        "met": target.met(ours.median if ours else None, ratio, mib) if target else None,  # type: ignore[arg-type]
    }


def line(r: dict[str, object]) -> str:
    value = f"{r['peak_mib']:.0f} MiB" if r["peak_mib"] is not None else f"{r['median_s']:.3f}s"
    base = (
        f"  baseline {r['baseline']}: {r['baseline_s']:.3f}s  ratio {r['ratio']:.2f}"
        if r["ratio"] is not None
        else ""
    )
    verdict = {True: "  target met", False: "  TARGET MISSED", None: ""}[r["met"]]  # type: ignore[index]
    target = f" ({r['target']})" if r["target"] else ""
    name = str(r["scenario"])
    pad = " " * max(1, 42 - display_width(name))
    return f"{name}{pad}n={r['size']:<8} {value}{base}{verdict}{target}"


if __name__ == "__main__":
    raise SystemExit(main())
