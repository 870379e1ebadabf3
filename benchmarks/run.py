"""`make bench`: every benchmark in turn, each writing its own section of docs/benchmarks.md.

    python benchmarks/run.py [NAME ...]     # e.g. `analyze cluster`; default: all

The benchmarks read ../shared at run time and say so when it is absent. The long runs are not
part of this default set: run them once, by hand, on an idle machine:
`python benchmarks/bench_pipeline.py --workers 2 --limit 1500 --scaling-only --sizes
10000,50000` (50,000 reports end to end, ~35 min on 2 cores) and
`python benchmarks/bench_pipeline.py --workers 2 --compare-encoder static` (every Reuters-21578
text, section "Pipeline, whole corpus", ~40 min).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Name -> arguments; ordered cheap to expensive.
BENCHES: dict[str, list[str]] = {
    "resolve": [str(HERE / "bench_resolve.py")],
    "triangulate": [str(HERE / "bench_triangulate.py")],
    "analyze": [str(HERE / "bench_analyze.py")],
    "cluster": [str(HERE / "bench_cluster.py"), "--write"],
    "neardup": [str(HERE / "bench_neardup.py"), "--write"],
    "pipeline": [str(HERE / "bench_pipeline.py"), "--workers", "2", "--limit", "1500",
                 "--compare-encoder", "static"],
    "serve": [str(HERE.parent / "scripts" / "loadtest.py"), "--write-docs"],
}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHES)}",
              file=sys.stderr)
        return 2
    failed = []
    for name in names or list(BENCHES):
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, *BENCHES[name]], check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
