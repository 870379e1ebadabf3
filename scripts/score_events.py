"""Score the PLOVER event extractor on the PETRARCH-2 / UniversalPetrarch validation records.

Usage: .venv/bin/python scripts/score_events.py [--data DIR] [--misses N]

Each record's sentence is parsed with the project's spaCy pipeline, mentions are the parse's
named entities, and ``newsprism.analyze.events.extract_events`` is run with the record's times
and numbers. The scoring definition is in ``newsprism.eval.petrarch``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsprism.analyze.events import extract_events
from newsprism.analyze.nlp import load_pipeline
from newsprism.analyze.numbers import extract_numbers
from newsprism.analyze.times import extract_times
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.petrarch import (
    EventScore,
    PredictedEvent,
    combine,
    read_records,
    score_records,
)
from newsprism.types import Mention

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "petrarch_validation"
FILES = (
    ("PETRARCH-2 unit-test records", "petrarch2/PETR.UnitTest.records.xml"),
    ("UniversalPetrarch English gold (PETR2_GSR)", "universalpetrarch/PETR2_GSR_validation.xml"),
)
_ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def _report(name: str, s: EventScore) -> str:
    unscored = ", ".join(f"{k}: {v}" for k, v in sorted(s.unscored.items())) or "none"
    return (
        f"{name}\n"
        f"  records {s.records} ({s.noevent_records} no-event), gold codings {s.codings}, "
        f"scored {s.scored} (unscored: {unscored})\n"
        f"  type recovered      {s.share(s.type_hits, s.scored):.3f} "
        f"({s.type_hits}/{s.scored})\n"
        f"  source right        {s.share(s.source_hits, s.source_scored):.3f} "
        f"({s.source_hits}/{s.source_scored} recovered codings with a scorable source)\n"
        f"  target right        {s.share(s.target_hits, s.target_scored):.3f} "
        f"({s.target_hits}/{s.target_scored} recovered codings with a scorable target)\n"
        f"  predicted events    {s.predicted}, of which typed as a gold coding of their "
        f"sentence {s.share(s.predicted_matching, s.predicted):.3f}\n"
        f"  no-event sentences with a predicted event "
        f"{s.share(s.noevent_false_alarms, s.noevent_records):.3f} "
        f"({s.noevent_false_alarms}/{s.noevent_records})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--misses", type=int, default=0, help="print N missed codings per file")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"dataset not found: {args.data}", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model)

    def predict(text: str) -> list[PredictedEvent]:
        doc = nlp(text)
        mentions = [Mention("v", e.start_char, e.end_char, e.text, e.label_)
                    for e in doc.ents if e.label_ in _ACTOR_LABELS]
        times = extract_times(doc, "v", None)
        numbers = extract_numbers(doc, "v")
        return [PredictedEvent(e.type, e.source_text, e.target_text)
                for e in extract_events(doc, "v", mentions, times, numbers)]

    scores: list[EventScore] = []
    for name, rel in FILES:
        path = args.data / rel
        if not path.exists():
            print(f"{name}: {path} not present, skipped")
            continue
        score = score_records(read_records(path), predict)
        scores.append(score)
        print(_report(name, score))
        for rid, code, text in score.misses[: args.misses]:
            print(f"    miss {rid} {code}: {text[:110]}")
    if len(scores) > 1:
        print(_report("Both files combined", combine(scores)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
