"""Where end-to-end time goes: wall and CPU seconds of the per-report phase (the worker pool)
and of each global stage, on the first N Reuters-21578 texts.

    .venv/bin/python benchmarks/stage_times.py [N] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs, write_jsonl
from newsprism import pipeline
from newsprism.config import Settings
from newsprism.store import Store


def cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 not found in ../shared/datasets", file=sys.stderr)
        return 2
    stages = pipeline.global_stages
    marks: dict[str, tuple[float, tuple[float, float]]] = {}

    def timed() -> list[pipeline.GlobalStage]:
        marks["per-report"] = (time.perf_counter(), cpu())

        def wrap(stage: pipeline.GlobalStage) -> pipeline.GlobalStage:
            def run(store: Store, ids: Sequence[str], settings: Settings) -> None:
                wall, own = time.perf_counter(), cpu()[0]
                stage(store, ids, settings)
                print(f"{stage.__name__:<22} wall {time.perf_counter() - wall:6.1f} s  "
                      f"CPU {cpu()[0] - own:6.1f} s", flush=True)
            return run
        return [wrap(s) for s in stages()]

    pipeline.global_stages = timed
    with tempfile.TemporaryDirectory() as tmp:
        files = write_jsonl(reuters_docs()[:args.n], Path(tmp) / "in")
        start, before = time.perf_counter(), cpu()
        with Store(Path(tmp) / "t.db") as store:
            summary = pipeline.ingest([str(f) for f in files], store,
                                      Settings(workers=args.workers))
        end = time.perf_counter()
    wall, (own, children) = marks["per-report"]
    print(f"{'per-report phase':<22} wall {wall - start:6.1f} s  CPU {own - before[0]:6.1f} s "
          f"(main) + {children - before[1]:6.1f} s (workers)")
    print(f"{'total':<22} wall {end - start:6.1f} s  for {summary.stored} reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
