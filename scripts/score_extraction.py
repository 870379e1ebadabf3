#!/usr/bin/env python3
"""Score main-text extraction on the Scrapinghub article-extraction benchmark.

Compares newsprism's normalize() text with bare ``trafilatura.extract`` (default settings)
on the same pages in the same run. Two measures, both macro-averaged over pages the way the
benchmark's own evaluation does (precision averaged over pages with a prediction, recall over
pages with gold text, F1 from the two averages; each page's counts normalized to sum 1):

- token P/R/F1: bag of \\w+ tokens (n = 1);
- shingle P/R/F1: bag of 4-token shingles (n = 4), the benchmark's published measure.

Usage: .venv/bin/python scripts/score_extraction.py [--limit N] [--dataset DIR] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import trafilatura

from newsprism.config import Settings
from newsprism.errors import InputError
from newsprism.normalize import normalize
from newsprism.types import RawDocument

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO.parent / "shared" / "datasets" / "scrapinghub_article_extraction_benchmark"
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_counts(gold: str, predicted: str, n: int) -> Counts:
    """(tp, fp, fn) over n-token shingles, normalized to sum to 1 (every page weighs the same)."""
    true, pred = shingles(gold, n), shingles(predicted, n)
    tp = sum((true & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(pages: Iterable[Counts]) -> dict[str, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    for tp, fp, fn in pages:
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def newsprism_text(html: bytes, source: str, settings: Settings) -> str:
    try:
        return normalize(RawDocument(source=source, data=html, kind="html"), settings).text
    except InputError as exc:
        print(f"  newsprism: {exc}", file=sys.stderr)
        return ""


def trafilatura_text(html: bytes, source: str, settings: Settings) -> str:
    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Callable[[bytes, str, Settings], str]] = {
    "newsprism": newsprism_text,
    "trafilatura (default)": trafilatura_text,
}


def load_pages(dataset: Path, limit: int | None) -> list[tuple[str, bytes, str]]:
    truth = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    return [(key, gzip.decompress((dataset / "html" / f"{key}.html.gz").read_bytes()),
             truth[key].get("articleBody", "")) for key in keys]


def score(dataset: Path = DEFAULT_DATASET, limit: int | None = None) -> dict[str, dict]:
    """{system: {"token": {precision, recall, f1}, "shingle": {...}, "seconds": s}, "pages": n}"""
    settings = Settings()
    pages = load_pages(dataset, limit)
    results: dict[str, dict] = {}
    for name, extract in SYSTEMS.items():
        started = time.perf_counter()
        texts = [extract(html, f"{dataset.name}/{key}", settings) for key, html, _ in pages]
        seconds = time.perf_counter() - started
        golds = [gold for _, _, gold in pages]
        results[name] = {
            "token": aggregate(page_counts(g, t, 1) for g, t in zip(golds, texts, strict=True)),
            "shingle": aggregate(page_counts(g, t, 4) for g, t in zip(golds, texts, strict=True)),
            "seconds": seconds,
        }
    results["pages"] = {"count": len(pages)}
    return results


def table(results: dict[str, dict]) -> str:
    rows = [f"pages: {results['pages']['count']}",
            f"{'system':<24}{'tok P':>8}{'tok R':>8}{'tok F1':>8}"
            f"{'sh4 P':>8}{'sh4 R':>8}{'sh4 F1':>8}{'sec':>8}"]
    for name, r in results.items():
        if name == "pages":
            continue
        t, s = r["token"], r["shingle"]
        rows.append(f"{name:<24}{t['precision']:8.3f}{t['recall']:8.3f}{t['f1']:8.3f}"
                    f"{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}{r['seconds']:8.1f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--limit", type=int, default=None, help="score the first N pages only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not (args.dataset / "ground-truth.json").is_file():
        print(f"dataset not found: {args.dataset}", file=sys.stderr)
        return 2
    results = score(args.dataset, args.limit)
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
