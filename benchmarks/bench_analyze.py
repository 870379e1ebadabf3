"""The analyze stage against bare spaCy parsing on Reuters-21578, in CPU time.

    python benchmarks/bench_analyze.py [--limit N] [--rounds R] [--no-write]

"bare" is ``nlp.pipe`` of the installed model exactly as ``spacy.load`` returns it (every
component on), consuming each Doc. "analyze" is ``Analyzer.analyze_many`` over the same texts:
the same components plus newsprism's paragraph and tokenizer additions, and every extractor
(mentions, quotes, numbers, times, events, claims). Both run in this one process; the clock is
the process's CPU time, so other programs on a shared machine do not distort the ratio, and
with ``--rounds`` > 1 the two alternate and the fastest round of each counts. The target
(issue 3) is a ratio of at most 1.3 over the ~19,000 stories. Results go to docs/benchmarks.md
(section "Analyze").
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs
from benchmarks.report import write_section
from newsprism.config import DEFAULT_MODEL
from newsprism.types import Report

TARGET_RATIO = 1.3


def _cpu(run: Callable[[], int]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N stories.")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args()
    if not reuters_available():
        raise SystemExit("Reuters-21578 not found in ../shared/datasets; nothing to measure")
    import spacy

    from newsprism.analyze import Analyzer

    docs = reuters_docs()
    if args.limit:
        docs = docs[: args.limit]
    texts = [d["text"] for d in docs]
    reports = [Report(id=f"r{i}", source="bench", text=d["text"], published_at=d["published_at"])
               for i, d in enumerate(docs)]
    bare_nlp = spacy.load(DEFAULT_MODEL)
    analyzer = Analyzer(DEFAULT_MODEL)
    list(analyzer.analyze_many(reports[:20]))  # warm up both before timing
    list(bare_nlp.pipe(texts[:20]))

    def bare() -> int:
        return sum(1 for _ in bare_nlp.pipe(texts, batch_size=args.batch_size))

    def analyze() -> int:
        return sum(1 for _ in analyzer.analyze_many(reports, batch_size=args.batch_size))

    bare_runs, analyze_runs = [], []
    for _ in range(args.rounds):
        bare_runs.append(_cpu(bare))
        analyze_runs.append(_cpu(analyze))
        print(f"bare {bare_runs[-1][0]:.1f} s CPU, analyze {analyze_runs[-1][0]:.1f} s CPU",
              flush=True)
    bare_cpu, bare_wall = min(bare_runs)
    ours_cpu, ours_wall = min(analyze_runs)
    ratio = ours_cpu / bare_cpu
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    words = sum(len(t.split()) for t in texts)
    lines = [
        f"Corpus: {len(texts):,} Reuters-21578 stories with a body ({words:,} words); "
        f"one process, batch size {args.batch_size}, {args.rounds} round(s), best of each.",
        "",
        "| run | CPU s | wall s | texts/s (CPU) |",
        "|---|---|---|---|",
        f"| baseline: bare `nlp.pipe` ({DEFAULT_MODEL}, all components) | {bare_cpu:.1f} | "
        f"{bare_wall:.1f} | {len(texts) / bare_cpu:.1f} |",
        f"| `Analyzer.analyze_many` (parse + every extractor) | {ours_cpu:.1f} | "
        f"{ours_wall:.1f} | {len(texts) / ours_cpu:.1f} |",
        "",
        f"Ratio (CPU): **{ratio:.3f}×**; target at most {TARGET_RATIO}× ({verdict}).",
        "",
        "Reproduce: `.venv/bin/python benchmarks/bench_analyze.py"
        + (f" --limit {args.limit}" if args.limit else "")
        + (f" --rounds {args.rounds}" if args.rounds != 1 else "") + "`.",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section("Analyze", "\n".join(lines))


if __name__ == "__main__":
    main()
