"""Story sizes on a stream of real wire news: the first N Reuters-21578 texts, analysed and
clustered as the pipeline does, with the largest stories' headlines.

    .venv/bin/python scripts/story_sizes.py [--limit 1500] [--cache DIR] [--max-story N]

A story clusterer tuned on ECB+ (two events per topic) can percolate in a dense stream, where
templated reports (earnings notices, market reports) resemble each other; this prints what the
clusterer makes of one. Reads ../shared at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs

from newsprism.cluster.stories import MAX_STORY_REPORTS, StoryClusterer
from newsprism.config import DEFAULT_MODEL
from newsprism.types import Analysis, Report


def analyses(reports: list[Report], model: str, cache: Path | None) -> dict[str, Analysis]:
    key = hashlib.sha256("".join(r.text for r in reports).encode() + model.encode())
    path = cache / f"reuters-analyses-{key.hexdigest()[:16]}.pkl" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as fh:
            cached: dict[str, Analysis] = pickle.load(fh)
        return cached
    from newsprism.analyze import Analyzer

    found = {a.report_id: a for a in Analyzer(model).analyze_many(reports)}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(found, fh)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the analyses here between runs")
    parser.add_argument("--max-story", type=int, default=MAX_STORY_REPORTS)
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 not found in ../shared/datasets", file=sys.stderr)
        return 2
    reports = [Report(id=f"r{d['id']}", source="reuters", text=d["text"], title=d["title"],
                      published_at=d["published_at"][:10], published_precision="day",
                      published_source="metadata")
               for d in reuters_docs()[:args.limit]]
    found = analyses(reports, args.model, args.cache)
    clusterer = StoryClusterer(max_story=args.max_story)
    clusterer.extend((report, found.get(report.id)) for report in reports)
    stories = sorted(clusterer.stories(), key=lambda s: -len(s.report_ids))
    sizes = Counter(len(s.report_ids) for s in stories)
    days = sorted({r.published_at for r in reports if r.published_at})
    print(f"{len(reports)} reports ({days[0]} to {days[-1]}), {len(stories)} stories; "
          f"largest {[len(s.report_ids) for s in stories[:8]]}")
    print("size: count  " + "  ".join(f"{k}: {v}" for k, v in sorted(sizes.items())))
    for story in stories[:5]:
        print(f"{len(story.report_ids):5d}  {story.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
