"""Claim groups: the claim units of one story's reports that state the same thing.

Every pair of claim units gets a claim-match score (similarity.py: sentence embeddings plus
weighted overlap of content words, numbers and names). Units are then joined by average-linkage
agglomerative clustering: a group is formed only while its members are, on average, alike
enough, which keeps chains of loosely related sentences from collapsing into one blob (the
weakness of single linkage). Two units of the same report may share a group (a report repeats
its lead claim further down), but pay a penalty so that a report's neighbouring sentences do
not merge on topic alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsprism.triangulate import similarity
from newsprism.triangulate.provenance import claim_sources
from newsprism.triangulate.stance import DISTANCED, report_stance, stance_change
from newsprism.triangulate.values import (
    ClaimValues,
    DateValue,
    claim_values,
    disagreements,
    merge,
)
from newsprism.types import Analysis, ClaimUnit, Report

# Average claim-match score above which units form one claim group. Re-translated remarks of
# one speaker score 0.6-0.75 and copies 0.85+, while two different facts about the same event
# ("the minister visited", "the minister signed a deal") score 0.35-0.5; set between the two
# on the fictional fixtures in tests/triangulate and checked on the seed stories.
GROUP_THRESHOLD = 0.5
# Subtracted from the score of two units of the same report: a report's own sentences share
# its topic and vocabulary, so alike-sounding sentences of one report are weaker evidence of
# one claim than the same likeness across reports.
SAME_REPORT_PENALTY = 0.15
# Values of two reports are compared only where some sentence of each matches the other
# closely: a group may hold loosely matched sentences whose numbers and dates describe
# different things (the year of a deal, the year of a withdrawal). Set above GROUP_THRESHOLD
# by the same inspection.
COMPARE_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One claim unit with what triangulation reads from it."""

    claim: ClaimUnit
    order: int  # position of its report in the story's publication order
    outlet: str | None
    values: ClaimValues
    sources: tuple[str, ...]


@dataclass(slots=True)
class StoryClaims:
    """A story's claim units, their pairwise scores and the groups built from them."""

    story_id: str
    reports: list[Report]
    items: list[ClaimItem]
    scores: np.ndarray
    clusters: list[list[int]] = field(default_factory=list)
    channels: dict[str, tuple[str, ...]] = field(default_factory=dict)


def collect_items(reports: Sequence[Report],
                  analyses: dict[str, Analysis | None]) -> list[ClaimItem]:
    items: list[ClaimItem] = []
    for order, report in enumerate(reports):
        analysis = analyses.get(report.id)
        if analysis is None:
            continue
        for c in sorted(analysis.claims, key=lambda c: c.start):
            if not c.text.strip():
                continue
            items.append(ClaimItem(
                claim=c, order=order, outlet=report.outlet,
                values=claim_values(c, analysis, report.text),
                sources=tuple(claim_sources(c.text, c.attribution, c.start)),
            ))
    return items


def score_items(items: Sequence[ClaimItem], embeddings: np.ndarray | None = None,
                vectors: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    """Claim-match scores of every pair of items, same-report pairs penalised. ``vectors``
    (text -> embedding, see vectors.py) replaces encoding here."""
    report = np.array([it.order for it in items])
    if len(set(report.tolist())) < 2:
        # One report: there is nothing to line up across outlets, so each claim stands alone
        # and no sentence needs embedding (most stories of a day's news are single reports).
        return np.eye(len(items)) * (1.0 + SAME_REPORT_PENALTY) - SAME_REPORT_PENALTY
    texts = [it.claim.text for it in items]
    scores = similarity.match_matrix(texts, embeddings=embeddings, vectors=vectors)
    same = report[:, None] == report[None, :]
    scores = np.where(same, scores - SAME_REPORT_PENALTY, scores)
    np.fill_diagonal(scores, 1.0)
    return scores


def cluster(scores: np.ndarray, threshold: float = GROUP_THRESHOLD) -> list[list[int]]:
    """Average-linkage clusters whose mean pairwise score stays at or above ``threshold``."""
    n = scores.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    dist = 1.0 - np.clip((scores + scores.T) / 2.0, -1.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: min(g))


def group_claims(story_id: str, reports: Sequence[Report],
                 analyses: dict[str, Analysis | None],
                 embeddings: np.ndarray | None = None,
                 vectors: Mapping[str, np.ndarray] | None = None) -> StoryClaims:
    """Group a story's claim units; ``reports`` in publication order."""
    items = collect_items(reports, analyses)
    scores = score_items(items, embeddings, vectors) if items else np.zeros((0, 0))
    return StoryClaims(story_id, list(reports), items, scores, cluster(scores),
                       lead_channels(items))


def lead_channels(items: Sequence[ClaimItem]) -> dict[str, tuple[str, ...]]:
    """Per report, the channel through which its lead source speaks: the media named in the
    first sentence that attributes a claim to someone *and* names where that was reported
    ("an official said ..., according to a report by the X agency"). News copy names the
    channel once and then writes "the official said"; those later sentences inherit it."""
    out: dict[str, tuple[str, ...]] = {}
    for it in items:
        rid = it.claim.report_id
        if rid in out or it.claim.stance not in DISTANCED or not it.claim.attribution:
            continue
        speaker = it.claim.attribution[0].lower()
        channel = tuple(s for s in it.sources if s.lower() != speaker)
        if channel:
            out[rid] = channel
    return out


def group_dicts(sc: StoryClaims) -> list[dict[str, Any]]:
    """The stored shape of each claim group (see the JSON export contract)."""
    order = [r.id for r in sc.reports]
    published = {r.id: r.published_at for r in sc.reports}
    return [_group_dict(sc, members, order, published) for members in sc.clusters]


def group_id(story_id: str, claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha1((story_id + "|" + ",".join(sorted(claim_ids))).encode()).hexdigest()
    return "cg-" + digest[:16]


def _group_dict(sc: StoryClaims, members: list[int], order: list[str],
                published: dict[str, str | None]) -> dict[str, Any]:
    items = sorted((sc.items[i] for i in members), key=lambda it: (it.order, it.claim.start))
    by_report: dict[str, list[ClaimItem]] = {}
    for it in items:
        by_report.setdefault(it.claim.report_id, []).append(it)
    rids = [rid for rid in order if rid in by_report]
    stances = {rid: report_stance([it.claim.stance for it in by_report[rid]]) for rid in rids}
    chains = {rid: _chain(by_report[rid], stances[rid]) for rid in rids}
    sources = {rid: _unique(s for it in by_report[rid] for s in it.sources) for rid in rids}
    inherited = {rid for rid in rids if not sources[rid] and stances[rid] in DISTANCED
                 and sc.channels.get(rid)}
    for rid in inherited:
        sources[rid] = list(sc.channels[rid])
    merged = {rid: merge([it.values for it in by_report[rid]]) for rid in rids}
    comparable = _comparable(sc, by_report)
    diffs = disagreements(merged, comparable) if len(rids) > 1 else []
    # A denial only contradicts an assertion it closely matches: a negated sentence grouped
    # on topic alone ("has not worked", beside "ties have grown") contradicts nothing.
    asserting = [r for r in rids if stances[r] == "asserted"]
    weighed = {r: s for r, s in stances.items()
               if s != "denied" or any(comparable(r, a) for a in asserting) or not asserting}
    change = stance_change(weighed, sources, chains, rids) if len(weighed) > 1 else None
    when = _group_date(merged)
    claim_ids = [it.claim.id for it in items]
    return {
        "id": group_id(sc.story_id, claim_ids),
        "story_id": sc.story_id,
        "summary": _summary(sc, members),
        "status": _status(len(rids), diffs, change),
        "members": [_member(it) for it in items],
        "report_ids": rids,
        "outlets": _unique(it.outlet for it in items if it.outlet),
        "by_report": {rid: {"stance": stances[rid], "attribution": chains[rid],
                            "hedges": _unique(h for it in by_report[rid]
                                              for h in it.claim.hedges),
                            "sources": sources[rid],
                            "sources_inherited": rid in inherited,
                            "claim_ids": [it.claim.id for it in by_report[rid]],
                            "values": merged[rid].as_dict(),
                            "published_at": published.get(rid)}
                      for rid in rids},
        "omitted_by": [],
        "weak_matches": {},
        "disagreements": diffs,
        "stance_change": change,
        "date": when.value if when else None,
        "date_precision": when.precision if when else None,
    }


def _comparable(sc: StoryClaims, by_report: dict[str, list[ClaimItem]]) -> Any:
    """Whether two reports' sentences in a group match closely enough to compare values."""
    index = {it.claim.id: i for i, it in enumerate(sc.items)}

    def check(a: str, b: str) -> bool:
        ia = [index[it.claim.id] for it in by_report[a]]
        ib = [index[it.claim.id] for it in by_report[b]]
        return float(sc.scores[np.ix_(ia, ib)].max()) >= COMPARE_THRESHOLD

    return check


def _member(it: ClaimItem) -> dict[str, Any]:
    c = it.claim
    return {"claim_id": c.id, "report_id": c.report_id, "outlet": it.outlet, "start": c.start,
            "end": c.end, "text": c.text, "stance": c.stance,
            "attribution": list(c.attribution), "hedges": list(c.hedges),
            "sources": list(it.sources), "values": it.values.as_dict()}


def _chain(items: list[ClaimItem], stance: str) -> list[str]:
    """The attribution chain of the report's most committed sentence (the longest one)."""
    same = [it for it in items if it.claim.stance == stance] or items
    best = max(same, key=lambda it: len(it.claim.attribution))
    return list(best.claim.attribution)


def _summary(sc: StoryClaims, members: list[int]) -> str:
    """The most central member's text, preferring a sentence an outlet asserts."""
    if len(members) == 1:
        return sc.items[members[0]].claim.text.strip()
    sub = sc.scores[np.ix_(members, members)]
    centrality = (sub.sum(axis=1) - 1.0) / (len(members) - 1)
    best = max(range(len(members)), key=lambda k: (
        centrality[k] + (0.05 if sc.items[members[k]].claim.stance == "asserted" else 0.0),
        -sc.items[members[k]].order))
    return sc.items[members[best]].claim.text.strip()


def _status(n_reports: int, diffs: list[dict[str, Any]], change: dict[str, Any] | None) -> str:
    if diffs or (change is not None and change["kind"] == "contradiction"):
        return "disputed"
    if change is not None:
        return "stance-changed"
    return "consistent" if n_reports > 1 else "single-source"


def _group_date(merged: dict[str, ClaimValues]) -> DateValue | None:
    """The date most reports support, at the finest precision they support it."""
    candidates = [(rid, d) for rid, v in merged.items() for d in v.dates
                  if d.interval() is not None]
    if not candidates:
        return None

    def key(item: tuple[str, DateValue]) -> tuple[int, int, str]:
        d = item[1]
        span = d.interval()
        assert span is not None
        support = len({r for r, o in candidates if _contains(o, d) or _contains(d, o)})
        return (-support, (span[1] - span[0]).days, span[0].isoformat())

    return min(candidates, key=key)[1]


def _contains(outer: DateValue, inner: DateValue) -> bool:
    a, b = outer.interval(), inner.interval()
    return a is not None and b is not None and a[0] <= b[0] and b[1] <= a[1]


def _unique(values: Any) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out
