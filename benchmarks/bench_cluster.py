"""Story clustering at 1,000, 10,000 and 100,000 reports: per-report time and peak memory.

Reports are Reuters-21578 texts (read from ../shared at run time) in date order, followed by
edited copies (a few words dropped, so no copy is an exact duplicate) until the size is reached.
Every report is re-dated on a steady stream of REPORTS_PER_DAY, as a store fed by a fixed set of
sources would see them: the time window then holds the same number of reports at every size,
and what grows is only the store. Each size runs in its own process so that its peak memory
(getrusage max RSS) is its own.

    .venv/bin/python benchmarks/bench_cluster.py [--sizes 1000 10000 100000] [--write]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs
from benchmarks.report import write_section
from newsprism.types import Report

REPORTS_PER_DAY = 50
START = date(2020, 1, 1)
# Per-report time is taken over the last reports added, when the store holds nearly N.
TAIL = 1000


def stream(n: int) -> Iterator[Report]:
    docs = sorted(reuters_docs(), key=lambda d: (d["published_at"], int(d["id"] or 0)))
    for i in range(n):
        base = docs[i % len(docs)]
        copy = i // len(docs)
        text = base["text"]
        if copy:
            words = text.split(" ")
            text = " ".join(w for j, w in enumerate(words) if (j + copy) % 29)
        day = START + timedelta(days=i // REPORTS_PER_DAY)
        yield Report(id=f"r{base['id']}-{copy}", source="reuters", text=text,
                     title=base["title"], published_at=day.isoformat(),
                     published_precision="day", published_source="metadata")


def run_size(n: int) -> dict[str, float]:
    from newsprism.cluster.stories import StoryClusterer

    reports = list(stream(n))
    clusterer = StoryClusterer()
    clusterer.add(Report(id="warm-up", source="-", text="Warm up the word list."))
    times = []
    started = time.perf_counter()
    for report in reports:
        t0 = time.perf_counter()
        clusterer.extend([(report, None)])  # as the cluster stage adds reports
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    t0 = time.perf_counter()
    stories = clusterer.stories()
    stories_s = time.perf_counter() - t0
    tail = times[-TAIL:]
    return {
        "size": n,
        "mean_ms": 1000 * total / n,
        "tail_ms": 1000 * sum(tail) / len(tail),
        "stories": len(stories),
        "stories_s": stories_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="story clustering scale benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 not found under ../shared/datasets; nothing to run")
        return 2
    if args.one:
        print(json.dumps(run_size(args.one)))
        return 0
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True,
                             capture_output=True, text=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{n:>7} reports: {row['mean_ms']:.2f} ms/report overall, "
              f"{row['tail_ms']:.2f} ms/report for the last {TAIL}, "
              f"{row['stories']} stories, peak RSS {row['peak_mb']:.0f} MB", flush=True)
    base = rows[0]["tail_ms"]
    lines = [
        f"`.venv/bin/python benchmarks/bench_cluster.py --write` — `StoryClusterer.add` over "
        f"Reuters-21578 texts in date order plus edited copies, re-dated at {REPORTS_PER_DAY} "
        f"reports/day (so the {7}-day window holds the same load at every size); each size in "
        "its own process. Per-report time includes feature extraction; the last-"
        f"{TAIL} figure is the cost when the store already holds nearly N reports.",
        "",
        "| reports | ms/report (all) | ms/report (last 1,000) | vs 1,000 | stories | "
        "stories() s | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['size']:,} | {row['mean_ms']:.2f} | {row['tail_ms']:.2f} | "
            f"{row['tail_ms'] / base:.2f}x | {row['stories']:,} | {row['stories_s']:.1f} | "
            f"{row['peak_mb']:.0f} |"
        )
    print("\n".join(lines))
    if args.write:
        write_section("Clustering", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
