"""Turn a ``--json`` result file into the Markdown table of RESULTS.md.

python -m benchmarks.report results.json > table.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def table(doc: dict) -> str:
    m, v = doc["machine"], doc["versions"]
    head = [
        f"Machine: {m['arch']} {m['platform']}, {m['cores']} cores; Python {m['python']}; "
        + ", ".join(f"{k} {val}" for k, val in v.items())
        + f"; run {m['when']}.",
        "",
        "| scenario | items | median | min–max | baseline | baseline median | ratio | target | met |",
        "|---|---:|---:|---:|---|---:|---:|---|:---:|",
    ]
    lines = []
    for r in doc["results"]:
        if r["peak_mib"] is not None:
            if r["target"] is None:
                continue
            median, spread = f"{r['peak_mib']:.0f} MiB", ""
        else:
            median = f"{r['median_s']:.3f} s"
            spread = f"{r['min_s']:.3f}–{r['max_s']:.3f}"
        base = f"{r['baseline_s']:.3f} s" if r["baseline_s"] is not None else ""
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else ""
        met = {True: "✔", False: "**✘**", None: ""}[r["met"]]
        lines.append(
            f"| {r['scenario']} | {r['size']:,} | {median} | {spread} | {r['baseline'] or ''} "
            f"| {base} | {ratio} | {r['target'] or ''} | {met} |"
        )
    return "\n".join(head + lines)


if __name__ == "__main__":
    print(table(json.loads(Path(sys.argv[1]).read_text("utf-8"))))
