"""FNC-1 stance detection (headline vs article body: unrelated / discuss / agree / disagree):
the data reader, the official weighted score with per-class F1, and newsprism's unsupervised
decision rule built from its claim matching and stance cues.

The decision uses no FNC-1 label for learning. A headline is a claim; the body's sentences are
candidate claim units. The headline is related when some body sentences match it as claims
match across reports (similarity.py). Among the best-matching sentences, and over the body,
refuting cues mean "disagree", distancing cues (attribution, hedges) mean "discuss", and a body
that states the claim in its own voice "agrees". The few thresholds of the rule are set on a
fixed calibration split (see ``calibration_split``) and scores are reported on the rest.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsprism.errors import ConfigError
from newsprism.triangulate import similarity
from newsprism.triangulate.stance import Cues, sentence_cues

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
# The calibration split: a fixed 20% of the headline/body pairs, drawn with this seed.
CALIBRATION_SEED = 20240
CALIBRATION_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    body_id: str
    stance: str


def read_fnc1(directory: Path) -> tuple[list[Pair], dict[str, str]]:
    """The competition test pairs and bodies from an FNC-1 checkout."""
    stances = directory / "competition_test_stances.csv"
    bodies_path = directory / "competition_test_bodies.csv"
    for p in (stances, bodies_path):
        if not p.is_file():
            raise ConfigError(f"FNC-1 file {p} is missing; expected the fnc-1 repository's "
                              "competition test CSVs")
    with bodies_path.open(encoding="utf-8", newline="") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with stances.open(encoding="utf-8", newline="") as f:
        pairs = [Pair(row["Headline"], row["Body ID"], row["Stance"].strip().lower())
                 for row in csv.DictReader(f)]
    unknown = {p.stance for p in pairs} - set(LABELS)
    if unknown:
        raise ConfigError(f"{stances}: unknown stance labels {sorted(unknown)}")
    return pairs, bodies


def calibration_split(n: int, seed: int = CALIBRATION_SEED,
                      share: float = CALIBRATION_SHARE) -> tuple[list[int], list[int]]:
    """Indices of the calibration pairs and of the evaluation pairs (the rest)."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    k = round(n * share)
    return sorted(idx[:k]), sorted(idx[k:])


# -- the score -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FncScore:
    fnc_score: float  # weighted score / best possible weighted score
    raw: float
    best: float
    f1: dict[str, float]
    macro_f1: float
    confusion: dict[str, dict[str, int]]
    n: int


def score(gold: Sequence[str], predicted: Sequence[str]) -> FncScore:
    """The FNC-1 weighted score (0.25 for related/unrelated right; 0.75 more for the right
    related stance) as a share of the best possible, plus per-class and macro F1."""
    if len(gold) != len(predicted):
        raise ConfigError(f"FNC-1 score: {len(gold)} gold labels but {len(predicted)} "
                          "predictions")
    raw = best = 0.0
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        if g not in LABELS or p not in LABELS:
            raise ConfigError(f"FNC-1 score: unknown label {g if g not in LABELS else p!r}")
        confusion[g][p] += 1
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            raw += 0.25 if g == "unrelated" else 1.0
        elif g in RELATED and p in RELATED:
            raw += 0.25
    f1 = {}
    for label in LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in LABELS) - tp
        fn = sum(confusion[label].values()) - tp
        f1[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return FncScore(raw / best if best else 0.0, raw, best, f1,
                    sum(f1.values()) / len(LABELS), confusion, len(gold))


# -- the decision rule -----------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])|\n+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip().split()) >= 3]


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """What the rule reads from one headline/body pair."""

    related: float  # mean claim-match score of the best-matching body sentences
    refute_top: float  # refuting cues per best-matching sentence
    hedge_top: float  # distancing cues per best-matching sentence
    refute_body: float  # refuting cues per body sentence
    hedge_body: float  # distancing cues per body sentence
    headline_hedged: bool
    negation_mismatch: bool
    body_cosine: float = 0.0  # cosine of the headline and the body's mean sentence embedding


@dataclass(slots=True)
class Thresholds:
    related: float = 0.33
    disagree: float = 0.5
    discuss: float = 0.5
    body_weight: float = 0.5
    extra: dict[str, float] = field(default_factory=dict)


# How many best-matching body sentences speak for the body's stance on the headline.
TOP_SENTENCES = 3


def pair_features(headline_terms: list[str], headline_vec: np.ndarray | None,
                  headline_text: str, sent_terms: Sequence[list[str]],
                  sent_vecs: np.ndarray | None, sent_texts: Sequence[str],
                  weights: similarity.TermWeights,
                  sent_cues: Sequence[Cues] | None = None) -> PairFeatures:
    if not sent_texts:
        return PairFeatures(0.0, 0.0, 0.0, 0.0, 0.0, False, False, 0.0)
    hset = set(headline_terms)
    lexical = np.array([similarity.weighted_overlap(hset, set(t), weights)
                        for t in sent_terms])
    cosine = None if headline_vec is None or sent_vecs is None else sent_vecs @ headline_vec
    scores = similarity.combine(cosine, lexical)
    top = np.argsort(-scores)[:TOP_SENTENCES]
    related = float(scores[top].mean())
    cues = list(sent_cues) if sent_cues is not None else [sentence_cues(s) for s in sent_texts]
    top_cues = [cues[i] for i in top]
    head = sentence_cues(headline_text)
    top_neg = sum(c.negation for c in top_cues) > 0
    body_cos = 0.0
    if headline_vec is not None and sent_vecs is not None:
        mean = sent_vecs.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        body_cos = float(mean @ headline_vec) / norm if norm else 0.0
    return PairFeatures(
        related=related,
        refute_top=sum(c.refute for c in top_cues) / len(top_cues),
        hedge_top=sum(c.hedge for c in top_cues) / len(top_cues),
        refute_body=sum(c.refute for c in cues) / len(cues),
        hedge_body=sum(c.hedge for c in cues) / len(cues),
        headline_hedged=head.hedge > 0 or head.question,
        negation_mismatch=(head.negation > 0) != top_neg,
        body_cosine=body_cos,
    )


def decide(f: PairFeatures, t: Thresholds) -> str:
    if f.related < t.related:
        return "unrelated"
    refute = f.refute_top + t.body_weight * f.refute_body
    hedge = f.hedge_top + t.body_weight * f.hedge_body
    if refute >= t.disagree:
        return "disagree"
    if hedge >= t.discuss:
        return "discuss"
    return "agree"


def baseline_decide(f: PairFeatures, t: Thresholds) -> str:
    """The baseline: embedding relatedness plus refuting and hedging cue words over the whole
    body, without claim-level alignment (no best-matching sentences)."""
    if f.body_cosine < t.related:
        return "unrelated"
    if f.refute_body >= t.disagree:
        return "disagree"
    if f.hedge_body >= t.discuss:
        return "discuss"
    return "agree"


def label_counts(labels: Sequence[str]) -> dict[str, int]:
    c = Counter(labels)
    return {label: c.get(label, 0) for label in LABELS}
