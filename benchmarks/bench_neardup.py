"""Near-duplicate and reuse detection against a plain MinHash/LSH pass, same texts, same run.

Reports are the first ``--originals`` Reuters-21578 texts followed by edited copies of them
(``benchmarks.corpora.derived``: words swapped, a number bumped) up to ``--reports``, so every
text has near-copies to find. Three passes over them, each report checked against those before
it, as the cluster stage sees a stream:

- baseline: one MinHash signature (128 permutations, word 4-shingles) per whole text, queried
  and inserted in an LSH index (rensa, threshold 0.5, 32 bands): the usual near-duplicate pass;
- newsprism index: ``NearDuplicateIndex.add`` (a signature per 30-word window, so a copied
  passage inside a longer text is found too), at most MAX_REUSE_CANDIDATES candidates each;
- newsprism reuse: the index plus ``find_reuse`` on each candidate (aligning the two texts and
  locating the shared passages), which is what the cluster stage stores.

Also printed: how many of the baseline's candidate pairs the index finds as well.

    .venv/bin/python benchmarks/bench_neardup.py [--reports 10000] [--originals 2000] [--write]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rensa import RMinHash, RMinHashLSH

from benchmarks.corpora import derived, reuters_available, reuters_docs
from benchmarks.report import write_section
from newsprism.cluster.minhash import NUM_BANDS, NUM_PERM, SEED, SHINGLE_WORDS, NearDuplicateIndex
from newsprism.cluster.reuse import find_reuse
from newsprism.cluster.stage import MAX_REUSE_CANDIDATES
from newsprism.types import Report

# The baseline's LSH threshold: whole texts whose shingle sets overlap this much are pairs.
BASELINE_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")

Pairs = set[tuple[str, str]]


def baseline(reports: list[Report]) -> tuple[float, Pairs]:
    """Seconds and candidate pairs of a plain whole-text MinHash/LSH pass."""
    start = time.perf_counter()
    lsh = RMinHashLSH(BASELINE_THRESHOLD, NUM_PERM, NUM_BANDS)
    pairs: Pairs = set()
    for number, report in enumerate(reports):
        words = [w.lower() for w in _WORD.findall(report.text)]
        sig = RMinHash(NUM_PERM, SEED)
        sig.update([" ".join(words[i:i + SHINGLE_WORDS])
                    for i in range(max(1, len(words) - SHINGLE_WORDS + 1))])
        pairs.update((reports[other].id, report.id) for other in lsh.query(sig))
        lsh.insert(number, sig)
    return time.perf_counter() - start, pairs


def newsprism(reports: list[Report], verify: bool) -> tuple[float, Pairs, int]:
    """Seconds, candidate pairs and (with ``verify``) reuse edges of the cluster stage's
    near-duplicate index."""
    start = time.perf_counter()
    index = NearDuplicateIndex()
    by_id = {r.id: r for r in reports}
    pairs: Pairs = set()
    edges = 0
    for report in reports:
        found = index.add(report.id, report.text, MAX_REUSE_CANDIDATES)
        pairs.update((other, report.id) for other in found)
        if verify:
            edges += sum(find_reuse(by_id[other], report) is not None for other in found)
    return time.perf_counter() - start, pairs, edges


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--originals", type=int, default=2_000)
    parser.add_argument("--write", action="store_true", help="Write docs/benchmarks.md.")
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 not found in ../shared/datasets; nothing to measure",
              file=sys.stderr)
        return 2
    docs = reuters_docs()[:args.originals]
    reports = [Report(id=f"r{i}", source="bench", text=d["text"], published_at=d["published_at"])
               for i, d in enumerate(derived(docs, args.reports))]
    base_s, base_pairs = baseline(reports)
    index_s, index_pairs, _ = newsprism(reports, verify=False)
    reuse_s, _, edges = newsprism(reports, verify=True)
    n = len(reports)
    both = len(base_pairs & index_pairs)
    lines = [
        f"{n:,} reports: the first {len(docs):,} Reuters-21578 texts and edited copies of them "
        "(`benchmarks/corpora.py derived`), each checked against those before it.",
        "",
        "| pass | seconds | reports/s | candidate pairs | vs baseline |",
        "|---|---|---|---|---|",
        f"| baseline: whole-text MinHash + LSH (rensa) | {base_s:.1f} | {n / base_s:,.0f} | "
        f"{len(base_pairs):,} | 1.00× |",
        f"| newsprism `NearDuplicateIndex` (30-word windows) | {index_s:.1f} | "
        f"{n / index_s:,.0f} | {len(index_pairs):,} | **{index_s / base_s:.2f}×** |",
        f"| newsprism index + `find_reuse` (passages located; {edges:,} reuse edges) | "
        f"{reuse_s:.1f} | {n / reuse_s:,.0f} | {len(index_pairs):,} | "
        f"**{reuse_s / base_s:.2f}×** |",
        "",
        f"The index finds {both:,} of the baseline's {len(base_pairs):,} pairs "
        f"({100 * both / max(1, len(base_pairs)):.1f}%); its other pairs share a passage "
        "rather than most of the text.",
        "",
        "Reproduce: `.venv/bin/python benchmarks/bench_neardup.py "
        f"--reports {args.reports} --originals {args.originals} --write`.",
    ]
    print("\n".join(lines))
    if args.write:
        write_section("Near-duplicates", "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
