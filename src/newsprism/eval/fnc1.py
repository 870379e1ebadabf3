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
from dataclasses import dataclass
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
    """What the rule reads from one headline/body pair. Cue rates are per sentence; the
    ``*_w`` rates weigh each body sentence by how far its claim-match score with the headline
    rises above RELEVANCE_FLOOR, so that only sentences about the headline's claim count."""

    related: float  # mean claim-match score of the TOP_SENTENCES best-matching sentences
    refute_w: float  # the text's own refuting cues, relevance-weighted
    refute_body: float  # the same over the whole body
    hedge_w: float  # distancing cues (hedges, "reportedly", "according to"), weighted
    hedge_body: float
    attribution_w: float  # verbs of saying, weighted
    headline_hedged: bool  # the headline itself is hedged or a question
    body_cosine: float = 0.0  # cosine of headline and mean body sentence embedding (baseline)
    refute_any_body: float = 0.0  # refuting and denial cues over the body (baseline)
    denial_w: float = 0.0  # reported denials ("X denied it"), relevance-weighted
    headline_refutes: bool = False  # the headline itself calls the claim false ("... a hoax")


@dataclass(slots=True)
class Thresholds:
    """The rule's thresholds and weights; defaults are set a priori (no labels)."""

    related: float = 0.3
    disagree: float = 0.05
    discuss: float = 0.5
    refute_body_weight: float = 1.0
    hedge_body_weight: float = 1.0
    headline_weight: float = 0.5
    attribution_weight: float = 0.25
    denial_weight: float = 0.0


# How many best-matching body sentences stand for the body's relatedness to the headline.
TOP_SENTENCES = 3
# Sentences whose claim-match score with the headline is below this say nothing about it (the
# lower edge of the relatedness band: unrelated pairs' best sentences score ~0.1-0.25).
RELEVANCE_FLOOR = 0.25


def pair_features(headline_terms: list[str], headline_vec: np.ndarray | None,
                  headline_text: str, sent_terms: Sequence[list[str]],
                  sent_vecs: np.ndarray | None, sent_texts: Sequence[str],
                  weights: similarity.TermWeights,
                  sent_cues: Sequence[Cues] | None = None) -> PairFeatures:
    if not sent_texts:
        return PairFeatures(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False)
    hset = set(headline_terms)
    lexical = np.array([similarity.weighted_overlap(hset, set(t), weights)
                        for t in sent_terms])
    cosine = None if headline_vec is None or sent_vecs is None else sent_vecs @ headline_vec
    scores = similarity.combine(cosine, lexical)
    top = np.argsort(-scores)[:TOP_SENTENCES]
    cues = list(sent_cues) if sent_cues is not None else [sentence_cues(s) for s in sent_texts]
    refute = np.array([c.refute for c in cues], dtype=float)
    hedge = np.array([c.hedge for c in cues], dtype=float)
    said = np.array([c.attribution for c in cues], dtype=float)
    denial = np.array([c.denial for c in cues], dtype=float)
    relevance = np.clip(scores - RELEVANCE_FLOOR, 0.0, None)
    total = float(relevance.sum()) or 1.0
    head = sentence_cues(headline_text)
    body_cos = 0.0
    if headline_vec is not None and sent_vecs is not None:
        mean = sent_vecs.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        body_cos = float(mean @ headline_vec) / norm if norm else 0.0
    return PairFeatures(
        related=float(scores[top].mean()),
        refute_w=float(relevance @ refute) / total,
        refute_body=float(refute.mean()),
        hedge_w=float(relevance @ hedge) / total,
        hedge_body=float(hedge.mean()),
        attribution_w=float(relevance @ said) / total,
        headline_hedged=head.hedge > 0 or head.question,
        body_cosine=body_cos,
        refute_any_body=float((refute + denial).mean()),
        denial_w=float(relevance @ denial) / total,
        headline_refutes=head.refute > 0 and not head.question,
    )


def decide(f: PairFeatures, t: Thresholds) -> str:
    """Unrelated below the relatedness threshold; else disagree when the body itself refutes
    the claim, discuss when it keeps its distance (hedges, attribution, a hedged headline),
    agree when it states the claim in its own voice."""
    if f.related < t.related:
        return "unrelated"
    refuting = (f.refute_w + t.refute_body_weight * f.refute_body
                + t.denial_weight * f.denial_w) >= t.disagree
    if refuting:
        # A headline that itself calls the claim false is agreed with by a body that does;
        # one that only reports or asks about the claim ("X claims ...", "... real?") is not
        # contradicted when the claim is shown false: the body discusses it.
        if f.headline_refutes:
            return "agree"
        return "discuss" if f.headline_hedged else "disagree"
    distance = (f.hedge_w + t.hedge_body_weight * f.hedge_body
                + t.headline_weight * float(f.headline_hedged)
                + t.attribution_weight * f.attribution_w)
    if distance >= t.discuss:
        return "discuss"
    # A body that states, in its own voice, what the headline calls false disagrees with it.
    return "disagree" if f.headline_refutes else "agree"


def baseline_decide(f: PairFeatures, t: Thresholds) -> str:
    """The baseline: embedding relatedness of headline and whole body plus refuting and
    hedging cue words counted over the whole body (no claim-level alignment)."""
    if f.body_cosine < t.related:
        return "unrelated"
    if f.refute_any_body >= t.disagree:
        return "disagree"
    if f.hedge_body >= t.discuss:
        return "discuss"
    return "agree"


def label_counts(labels: Sequence[str]) -> dict[str, int]:
    c = Counter(labels)
    return {label: c.get(label, 0) for label in LABELS}
