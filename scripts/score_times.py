"""Score the time-expression tagger on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT).

Usage: .venv/bin/python scripts/score_times.py [--data DIR] [--subset TimeBank|AQUAINT|all]
                                               [--no-parse] [--errors N]

Each document is tagged with ``newsprism.analyze.times.tag_text`` anchored on its creation
time (DCT); the scoring definition is in ``newsprism.eval.tempeval``.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from newsprism.analyze.times import tag_text
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.tempeval import Predicted, Score, TimeMLDoc, read_corpus, score_corpus

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "tempeval3_tbaq" / "TBAQ-cleaned"


def _report(name: str, score: Score) -> str:
    sp, sr, sf = score.span()
    _, _, strict_f = score.strict_span()
    vp, vr, vf = score.value()
    return (f"{name:<10} docs gold={score.gold:5d} pred={score.predicted:5d} | relaxed span "
            f"P={sp:.3f} R={sr:.3f} F1={sf:.3f} | strict F1={strict_f:.3f} | value "
            f"P={vp:.3f} R={vr:.3f} F1={vf:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--subset", default="all", choices=["all", "TimeBank", "AQUAINT"])
    ap.add_argument("--no-parse", action="store_true", help="regex tense cues, no spaCy")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--errors", type=int, default=0, help="print the N most common errors")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"dataset not found: {args.data}", file=sys.stderr)
        return 2
    nlp = None
    if not args.no_parse:
        from newsprism.analyze.nlp import load_pipeline

        nlp = load_pipeline(args.model)

    def tagger(doc: TimeMLDoc) -> list[Predicted]:
        return [Predicted(t.start, t.end, t.value, t.text)
                for t in tag_text(doc.text, doc.dct, nlp)]

    subsets = ["TimeBank", "AQUAINT"] if args.subset == "all" else [args.subset]
    total = Score()
    t0 = time.perf_counter()
    for sub in subsets:
        score = score_corpus(read_corpus(args.data / sub), tagger)
        print(_report(sub, score))
        total.add(score)
    if len(subsets) > 1:
        print(_report("all", total))
    print(f"({time.perf_counter() - t0:.1f}s, parse={'no' if nlp is None else args.model})")
    if args.errors:
        counts = collections.Counter(
            (g.lower(), gv, pv) for _, g, gv, pv in total.errors
        )
        for (text, gv, pv), n in counts.most_common(args.errors):
            print(f"{n:3d}  {text!r:40} gold={gv}  pred={pv}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
