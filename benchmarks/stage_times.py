"""Where end-to-end time goes: wall and CPU seconds of the per-report phase (the worker pool)
and of each global stage, on the first N Reuters-21578 texts (IngestSummary.timings).

    .venv/bin/python benchmarks/stage_times.py [N] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs, write_jsonl
from newsprism import pipeline
from newsprism.config import Settings
from newsprism.store import Store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 not found in ../shared/datasets", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        files = write_jsonl(reuters_docs()[:args.n], Path(tmp) / "in")
        with Store(Path(tmp) / "t.db") as store:
            summary = pipeline.ingest([str(f) for f in files], store,
                                      Settings(workers=args.workers))
    for name, t in summary.timings.items():
        print(f"{name:<12} wall {t.wall_s:6.1f} s  CPU {t.cpu_s:6.1f} s")
    wall = sum(t.wall_s for t in summary.timings.values())
    cpu = sum(t.cpu_s for t in summary.timings.values())
    print(f"{'total':<12} wall {wall:6.1f} s  CPU {cpu:6.1f} s  for {summary.stored} reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
