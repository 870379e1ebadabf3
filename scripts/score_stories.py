"""Score story clustering on ECB+: B-cubed P/R/F1 of documents -> gold events.

All 982 documents are clustered together, with no topic labels, the URL line of every ecbplus
document removed. Scores are given for the test topics (36-45), for train+dev (the only topics
used for calibration) and for all documents, next to a baseline: TF-IDF with entity and number
features, average-link agglomerative clustering (scikit-learn), its distance threshold tuned on
train+dev.

    .venv/bin/python scripts/score_stories.py [--shared ../shared] [--tune] [--cache DIR]

``--tune`` also sweeps the clusterer's two thresholds jointly on train+dev (EDGE_THRESHOLD
and UNDATED_EDGE_THRESHOLD in newsprism/cluster/stories.py, around their chosen values). ``--cache DIR`` keeps the NLP analyses between
runs. ``--text-only`` skips NLP: features come from the text heuristics alone.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsprism.cluster.dates import absolute_dates
from newsprism.cluster.features import number_values
from newsprism.cluster.stories import (
    BEST_MATCHES,
    EDGE_THRESHOLD,
    NUMBER_CONFLICT_PENALTY,
    UNDATED_EDGE_THRESHOLD,
    StoryClusterer,
)
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.bcubed import BCubed, bcubed
from newsprism.eval.ecb import EcbDocument, iter_documents
from newsprism.types import Analysis, Mention, NumberExpr, Report, TimeExpr

ENTITY_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")
NUMBER_LABELS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")


def spacy_analysis(docs: Sequence[EcbDocument], model: str) -> dict[str, Analysis]:
    """Stopgap until the analyze stage lands: spaCy entities as mentions, its number entities
    as numbers, and the written dates as times."""
    from newsprism.analyze.nlp import load_pipeline

    nlp = load_pipeline(model)
    out = {}
    for doc, parsed in zip(docs, nlp.pipe([d.text for d in docs], batch_size=32), strict=True):
        mentions = tuple(Mention(doc.name, e.start_char, e.end_char, e.text, e.label_)
                         for e in parsed.ents if e.label_ in ENTITY_LABELS)
        numbers = tuple(
            NumberExpr(doc.name, e.start_char, e.end_char, e.text, float(v))
            for e in parsed.ents if e.label_ in NUMBER_LABELS for v in number_values(e.text)
        )
        times = tuple(
            TimeExpr(doc.name, w.start, w.end, doc.text[w.start:w.end], _timex(w.day.isoformat(),
                                                                             w.precision),
                     w.precision)
            for w in absolute_dates(doc.text)
        )
        out[doc.name] = Analysis(doc.name, mentions=mentions, numbers=numbers, times=times)
    return out


def _timex(iso: str, precision: str) -> str:
    return iso if precision == "day" else iso[:7] if precision == "month" else iso[:4]


def analyzer_analysis(docs: Sequence[EcbDocument], model: str) -> dict[str, Analysis] | None:
    """The analyze stage's own analyses, when this checkout has it."""
    try:
        from newsprism.analyze import Analyzer  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    analyzer = Analyzer(model)
    reports = [Report(id=d.name, source=d.name, text=d.text) for d in docs]
    return {a.report_id: a for a in analyzer.analyze_many(reports)}


def load_analyses(docs: Sequence[EcbDocument], model: str, cache: Path | None,
                  ) -> tuple[dict[str, Analysis], str]:
    """Analyses of every document and which analyzer made them."""
    key = hashlib.sha256("".join(d.text for d in docs).encode() + model.encode()).hexdigest()
    path = cache / f"ecb-analyses-{key[:16]}.pkl" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as fh:
            cached: tuple[dict[str, Analysis], str] = pickle.load(fh)
        return cached
    analyses = analyzer_analysis(docs, model)
    result = ((analyses, "newsprism.analyze.Analyzer") if analyses is not None
              else (spacy_analysis(docs, model), "spaCy entities (stopgap)"))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(result, fh)
    return result


def cluster(docs: Sequence[EcbDocument], analyses: dict[str, Analysis] | None,
            threshold: float = EDGE_THRESHOLD,
            undated_threshold: float = UNDATED_EDGE_THRESHOLD) -> dict[str, str]:
    clusterer = StoryClusterer(threshold=threshold, undated_threshold=undated_threshold)
    clusterer.extend((Report(id=doc.name, source=doc.name, text=doc.text),
                      analyses[doc.name] if analyses else None) for doc in docs)
    return clusterer.assignments()


def baseline_features(docs: Sequence[EcbDocument], analyses: dict[str, Analysis] | None,
                      ) -> np.ndarray:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    words = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    x_words = words.fit_transform([d.text for d in docs])

    def extras(doc: EcbDocument) -> str:
        a = analyses.get(doc.name) if analyses else None
        ents = [m.text.lower().replace(" ", "_") for m in a.mentions] if a else []
        nums = number_values(doc.text)
        return " ".join([f"ent_{e}" for e in ents] + [f"num_{n}" for n in nums])

    extra = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+", lowercase=False)
    x_extra = extra.fit_transform([extras(d) for d in docs])
    return normalize(hstack([x_words, x_extra]).tocsr()).toarray()


def baseline(distances: np.ndarray, names: Sequence[str], threshold: float) -> dict[str, str]:
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    labels = model.fit_predict(distances)
    return {n: str(label) for n, label in zip(names, labels, strict=True)}


def scores(pred: dict[str, str], docs: Sequence[EcbDocument]) -> dict[str, BCubed]:
    gold = {d.name: d.event for d in docs}
    test = [d.name for d in docs if d.split == "test"]
    tune = [d.name for d in docs if d.split != "test"]
    return {"test": bcubed(pred, gold, test), "train+dev": bcubed(pred, gold, tune),
            "all": bcubed(pred, gold)}


def row(label: str, result: dict[str, BCubed]) -> str:
    cells = [f"{r.precision:.3f} / {r.recall:.3f} / **{r.f1:.3f}**"
             for r in (result["test"], result["train+dev"], result["all"])]
    return f"| {label} | " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--text-only", action="store_true")
    args = parser.parse_args(argv)
    root = args.shared / "datasets" / "ecbplus"
    if not root.exists():
        print(f"no ECB+ at {root}; pass --shared", file=sys.stderr)
        return 2
    docs = list(iter_documents(root))
    started = time.perf_counter()
    analyses, source = (None, "none (text heuristics)") if args.text_only else load_analyses(
        docs, args.model, args.cache)
    print(f"{len(docs)} documents; analyses from {source} in "
          f"{time.perf_counter() - started:.1f}s")

    started = time.perf_counter()
    ours = cluster(docs, analyses)
    elapsed = time.perf_counter() - started
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    same = cluster(shuffled, analyses) == ours
    print(f"clustered in {elapsed:.2f}s; shuffled order gives the same stories: {same}")

    if args.tune:
        print("threshold sweep, edge x undated (train+dev F1, test F1 in brackets):")
        for t in (0.15, 0.175, 0.20, 0.225):
            cells = []
            for u in (0.40, 0.45, 0.50):
                r = scores(cluster(docs, analyses, t, u), docs)
                cells.append(f"{u:.2f}: {r['train+dev'].f1:.3f} ({r['test'].f1:.3f})")
            print(f"  {t:.3f}  " + "  ".join(cells))

    x = baseline_features(docs, analyses)
    distances = np.clip(1.0 - x @ x.T, 0.0, None)  # cosine distance (rows are unit length)
    np.fill_diagonal(distances, 0.0)
    names = [d.name for d in docs]
    best = max(
        (scores(baseline(distances, names, float(t)), docs)["train+dev"].f1, float(t))
        for t in np.arange(0.30, 0.99, 0.02)
    )
    base = scores(baseline(distances, names, best[1]), docs)

    print("\n| system | test P / R / F1 | train+dev P / R / F1 | all P / R / F1 |")
    print("|---|---|---|---|")
    label = (f"newsprism StoryClusterer (edge {EDGE_THRESHOLD}, undated {UNDATED_EDGE_THRESHOLD}, "
             f"{BEST_MATCHES} best matches, number penalty {NUMBER_CONFLICT_PENALTY})")
    print(row(label, scores(ours, docs)))
    print(row(f"baseline TF-IDF+entities+numbers, average link (distance {best[1]:.3f})",
              base))
    print(f"\nstories: {len(set(ours.values()))} (gold events: {len({d.event for d in docs})})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
