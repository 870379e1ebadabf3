"""Time the analyze stage against bare spaCy parsing on Reuters-21578 bodies.

    .venv/bin/python scripts/bench_analyze.py            # all 19,043 bodies
    .venv/bin/python scripts/bench_analyze.py --limit 2000

"bare" is ``nlp.pipe`` of the installed model exactly as ``spacy.load`` returns it (every
component on), consuming each Doc. "analyze" is ``Analyzer.analyze_many`` on the same texts:
the same components plus newsprism's paragraph-boundary component, and every extractor.
The two run in alternation (bare, analyze, bare, analyze) and the faster round of each counts,
so that a noisy neighbour on a shared machine does not decide the ratio. Reads
../shared/datasets/reuters21578_xml at run time.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from newsprism.analyze import Analyzer
from newsprism.config import DEFAULT_MODEL
from newsprism.types import Report

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO.parent / "shared" / "datasets" / "reuters21578_xml"
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d+)-(\w{3})-(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}


def read_reports(root: Path, limit: int | None) -> list[Report]:
    reports: list[Report] = []
    for path in sorted(root.glob("reut2-*.xml")):
        raw = path.read_text(encoding="latin-1")
        for number, chunk in enumerate(raw.split("</REUTERS>")):
            body = _BODY.search(chunk)
            if body is None:
                continue
            date = _DATE.search(chunk)
            published = None
            if date is not None and date.group(2).upper() in _MONTHS:
                day, month, year = date.group(1), _MONTHS[date.group(2).upper()], date.group(3)
                published = f"{year}-{month:02d}-{int(day):02d}"
            reports.append(
                Report(
                    id=f"{path.stem}-{number}",
                    source=str(path),
                    text=html.unescape(body.group(1)),
                    published_at=published,
                )
            )
            if limit is not None and len(reports) >= limit:
                return reports
    return reports


def _timed(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = run()
    return time.perf_counter() - started, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"Reuters-21578 not found at {args.root}", file=sys.stderr)
        return 2
    reports = read_reports(args.root, args.limit)
    texts = [r.text for r in reports]
    bare_nlp = spacy.load(args.model)
    analyzer = Analyzer(args.model)

    def bare() -> int:
        return sum(1 for _ in bare_nlp.pipe(texts, batch_size=args.batch_size))

    def analyze() -> int:
        return sum(1 for _ in analyzer.analyze_many(reports, batch_size=args.batch_size))

    bare_times, analyze_times = [], []
    for _ in range(args.rounds):
        bare_times.append(_timed(bare)[0])
        analyze_times.append(_timed(analyze)[0])
    result = {
        "texts": len(texts),
        "chars": sum(len(t) for t in texts),
        "model": args.model,
        "bare_s": round(min(bare_times), 2),
        "analyze_s": round(min(analyze_times), 2),
        "ratio": round(min(analyze_times) / min(bare_times), 3),
        "bare_rounds_s": [round(t, 2) for t in bare_times],
        "analyze_rounds_s": [round(t, 2) for t in analyze_times],
    }
    print(json.dumps(result, indent=2))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
