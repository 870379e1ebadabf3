"""Score the time-expression tagger on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT).

Usage: .venv/bin/python scripts/score_times.py [--data DIR] [--subset NAME] [--no-parse]
           [--errors N] [--dump FILE] [--cache FILE] [--bootstrap N]

Each document is tagged with ``newsprism.analyze.times.tag_text`` anchored on its creation
time (DCT); the scoring definition, and the fixed split of AQUAINT into a development half
(``AQ-dev``) and a held-out half (``AQ-held``), are in ``newsprism.eval.tempeval``.
Subsets: ``all`` (TimeBank, AQ-dev, AQ-held, then AQUAINT and all of TBAQ), ``dev``
(TimeBank + AQ-dev: what rules are developed on), ``TimeBank``, ``AQUAINT``, ``AQ-dev``,
``AQ-held``. ``--errors N`` prints the N most common error kinds of the scored documents;
``--dump FILE`` writes every error with its document, DCT and sentence context.
``--cache FILE`` keeps the spaCy parses in FILE (pickled Doc bytes, keyed by model and text)
so that repeated runs skip parsing; it changes no result. ``--bootstrap N`` adds 95% intervals
for each subset's value F1 (and for the AQ-dev minus AQ-held gap) from N resamplings of the
documents, so that differences between the halves can be told from noise.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import pickle
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsprism.analyze.times import tag_text
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.tempeval import (
    Predicted,
    Score,
    TimeMLDoc,
    read_corpus,
    score_doc,
    split_halves,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "tempeval3_tbaq" / "TBAQ-cleaned"
SUBSETS = ("all", "dev", "TimeBank", "AQUAINT", "AQ-dev", "AQ-held")


def _report(name: str, score: Score) -> str:
    sp, sr, sf = score.span()
    _, _, strict_f = score.strict_span()
    vp, vr, vf = score.value()
    return (f"{name:<10} gold={score.gold:5d} pred={score.predicted:5d} | relaxed span "
            f"P={sp:.3f} R={sr:.3f} F1={sf:.3f} | strict F1={strict_f:.3f} | value "
            f"P={vp:.3f} R={vr:.3f} F1={vf:.3f}")


def _parts(data: Path, subset: str) -> list[tuple[str, list[TimeMLDoc]]]:
    """The named document sets to score, each reported on its own line."""
    parts: list[tuple[str, list[TimeMLDoc]]] = []
    if subset in ("all", "dev", "TimeBank"):
        parts.append(("TimeBank", read_corpus(data / "TimeBank")))
    if subset != "TimeBank":
        dev, held = split_halves(read_corpus(data / "AQUAINT"))
        if subset in ("all", "dev", "AQ-dev"):
            parts.append(("AQ-dev", dev))
        if subset in ("all", "AQ-held"):
            parts.append(("AQ-held", held))
        if subset == "AQUAINT":
            parts.append(("AQUAINT", dev + held))
    return parts


def _parser(model: str, cache_path: Path | None) -> tuple[Callable[[str], object],
                                                           Callable[[], None]]:
    """A text -> Doc function (optionally cached on disk) and a function that saves it."""
    from spacy.tokens import Doc

    from newsprism.analyze.nlp import load_pipeline

    nlp = load_pipeline(model)
    cache: dict[str, bytes] = {}
    if cache_path is not None and cache_path.is_file():
        cache = pickle.loads(cache_path.read_bytes())
    dirty = False

    def parse(text: str) -> object:
        nonlocal dirty
        key = hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()
        if key in cache:
            return Doc(nlp.vocab).from_bytes(cache[key])
        doc = nlp(text)
        if cache_path is not None:
            cache[key] = doc.to_bytes()
            dirty = True
        return doc

    def save() -> None:
        if cache_path is not None and dirty:
            cache_path.write_bytes(pickle.dumps(cache))

    return parse, save


def _resampled_f1(docs: list[Score], rng: random.Random) -> float:
    total = Score()
    for _ in docs:
        total.add(rng.choice(docs))
    return total.value()[2]


def _interval(values: list[float]) -> str:
    values = sorted(values)
    lo, hi = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
    return f"[{lo:.3f}, {hi:.3f}]"


def _bootstrap(per_doc: dict[str, list[Score]], rounds: int) -> None:
    """95% percentile intervals of value F1 over documents resampled with replacement."""
    rng = random.Random(0)
    for name, docs in per_doc.items():
        f1s = [_resampled_f1(docs, rng) for _ in range(rounds)]
        print(f"{name:<10} value F1 95% interval {_interval(f1s)} ({rounds} resamplings)")
    if "AQ-dev" in per_doc and "AQ-held" in per_doc:
        gaps = [_resampled_f1(per_doc["AQ-dev"], rng) - _resampled_f1(per_doc["AQ-held"], rng)
                for _ in range(rounds)]
        print(f"AQ-dev minus AQ-held value F1: 95% interval {_interval(gaps)}")


def _context(doc: TimeMLDoc, start: int, width: int = 90) -> str:
    lo, hi = max(0, start - width), min(len(doc.text), start + width)
    return " ".join(doc.text[lo:hi].split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--subset", default="all", choices=SUBSETS)
    ap.add_argument("--no-parse", action="store_true", help="regex tense cues, no spaCy")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--errors", type=int, default=0, help="print the N most common errors")
    ap.add_argument("--dump", type=Path, help="write every error with its context here")
    ap.add_argument("--cache", type=Path, help="pickle of parses to reuse between runs")
    ap.add_argument("--bootstrap", type=int, default=0, help="resamplings for 95%% intervals")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"dataset not found: {args.data}", file=sys.stderr)
        return 2
    parse: Callable[[str], object] | None = None
    save: Callable[[], None] = lambda: None  # noqa: E731
    if not args.no_parse:
        parse, save = _parser(args.model, args.cache)

    t0 = time.perf_counter()
    total = Score()
    aquaint = Score()
    by_doc: dict[str, TimeMLDoc] = {}
    per_doc: dict[str, list[Score]] = {}
    parts = _parts(args.data, args.subset)
    for name, docs in parts:
        score = Score()
        for doc in docs:
            by_doc[doc.doc_id] = doc
            predicted = [Predicted(t.start, t.end, t.value, t.text)
                         for t in tag_text(doc.text, doc.dct, parse)]
            doc_score = score_doc(doc, predicted)
            per_doc.setdefault(name, []).append(doc_score)
            score.add(doc_score)
        print(_report(name, score))
        total.add(score)
        if name.startswith("AQ"):
            aquaint.add(score)
    save()
    if args.subset == "all":
        print(_report("AQUAINT", aquaint))
    if len(parts) > 1:
        print(_report("all" if args.subset == "all" else args.subset, total))
    print(f"({time.perf_counter() - t0:.1f}s, parse={'no' if parse is None else args.model})")
    if args.bootstrap:
        _bootstrap(per_doc, args.bootstrap)
    if args.errors:
        counts = collections.Counter((e[1].lower(), e[2], e[3]) for e in total.errors)
        for (text, gv, pv), n in counts.most_common(args.errors):
            print(f"{n:3d}  {text!r:40} gold={gv}  pred={pv}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for doc_id, text, gv, pv, start in total.errors:
                doc = by_doc[doc_id]
                out.write(f"{doc_id}\tdct={doc.dct}\t{text!r}\tgold={gv}\tpred={pv}\n"
                          f"\t{_context(doc, start)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
