"""Score quote and attribution extraction on PolNeAR: newsprism against a textacy-style
baseline, in one run over the same parses.

    .venv/bin/python scripts/score_quotes.py --split test

Reads ../shared/datasets/polnear at run time. ``--show-errors`` prints unmatched gold and
predictions (use it on train/dev only: the test split is for the final number).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.nlp import load_pipeline
from newsprism.analyze.quotes import extract_quotes
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.polnear import (
    Article,
    Prediction,
    Score,
    WordIndex,
    baseline_predictions,
    gold_is_direct,
    match,
    predictions_from_quotes,
    read_split,
    score_article,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO.parent / "shared" / "datasets" / "polnear"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None, help="write the scores here")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"PolNeAR not found at {args.root}", file=sys.stderr)
        return 2
    if args.show_errors and args.split == "test":
        print("--show-errors is for train/dev; the test split is scored blind", file=sys.stderr)
        return 2
    limit = None if args.limit is None else args.offset + args.limit
    articles = read_split(args.root, args.split, limit)[args.offset :]
    nlp = load_pipeline(args.model)
    ours, base = Score(), Score()
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions = extract_mentions(doc, article.name)
        preds = predictions_from_quotes(doc.text, extract_quotes(doc, article.name, mentions))
        score_article(ours, article, preds)
        score_article(base, article, baseline_predictions(doc))
        if args.show_errors:
            _show_errors(article, preds)
    result = {
        "split": args.split,
        "articles": len(articles),
        "model": args.model,
        "seconds": round(time.perf_counter() - started, 1),
        "newsprism": ours.as_dict(),
        "baseline": base.as_dict(),
    }
    print(_table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def _table(result: dict) -> str:
    lines = [
        f"PolNeAR {result['split']}: {result['articles']} articles, model {result['model']}",
        "| system | direct P | direct R | direct F1 | overall P | overall R | overall F1 "
        "| speaker acc. (overall) | speaker acc. (direct) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in ("newsprism", "baseline"):
        d, o = result[name]["direct"], result[name]["overall"]
        lines.append(
            f"| {name} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} "
            f"| {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} "
            f"| {o['speaker_accuracy']:.3f} | {d['speaker_accuracy']:.3f} |"
        )
    return "\n".join(lines)


def _show_errors(article: Article, preds: list[Prediction]) -> None:
    text = article.text
    index = WordIndex(text)
    golds = [a for a in article.attributions if index.tokens(a.content)]
    gsets = [index.tokens(a.content) for a in golds]
    psets = [index.tokens(p.content) for p in preds]
    pairs = match(gsets, psets)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    print(f"=== {article.name}")
    for gi, gold in enumerate(golds):
        if gi not in matched_g:
            cue = " ".join(text[s:e] for s, e in gold.cue)
            content = " | ".join(text[s:e] for s, e in gold.content)
            kind = "D" if gold_is_direct(text, gold) else "I"
            print(f"  MISS {kind} [{cue}] {content[:150]!r}")
    for pi, pred in enumerate(preds):
        if pi not in matched_p:
            content = " | ".join(text[s:e] for s, e in pred.content)
            print(f"  EXTRA {'D' if pred.direct else 'I'} {content[:150]!r}")
    for gi, pi in pairs:
        gold, pred = golds[gi], preds[pi]
        if gold.source and (pred.source is None or not any(
            pred.source[0] < e and s < pred.source[1] for s, e in gold.source
        )):
            got = text[pred.source[0] : pred.source[1]] if pred.source else None
            want = " ".join(text[s:e] for s, e in gold.source)
            kind = "D" if pred.direct else "I"
            quoted = text[slice(*pred.content[0])][:60]
            print(f"  SPEAKER {kind} got {got!r} want {want!r}: {quoted!r}")


if __name__ == "__main__":
    raise SystemExit(main())
