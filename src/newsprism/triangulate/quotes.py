"""Quote groups: one speaker's one remark as each report renders it.

Quotes match when their speakers can be the same person (same resolved entity; else names that
agree, or a speaker left unnamed) and their words match as claims do (similarity.py). Each
member is labelled by how it renders the remark: "exact" when another report has the same
wording, "translation" when it is a direct quote whose wording no other report shares (two
verbatim quotes of one remark that differ are different translations of it), "paraphrase"
when it is an indirect quote.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from newsprism.triangulate import similarity
from newsprism.triangulate.claims import cluster
from newsprism.triangulate.values import NameValue, names_match
from newsprism.triangulate.vectors import story_quotes
from newsprism.types import Analysis, Quote, Report

# Average match score above which quotes of compatible speakers are one remark. Lower than the
# claim threshold because the speaker check already rules out most false pairs; a re-translated
# quote of 30 words scores ~0.55-0.7 against its other rendering, two remarks of one speaker on
# one subject ~0.35-0.5 (fictional fixtures in tests/triangulate, checked on the seed stories).
QUOTE_THRESHOLD = 0.5
# When a speaker is unknown on one side, the words alone must carry the match.
UNKNOWN_SPEAKER_THRESHOLD = 0.7
# Wording this alike (rapidfuzz ratio on normalized text, 0-100) counts as the same wording:
# leaves room for a dropped article or a different quotation mark.
EXACT_RATIO = 90.0


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def _speaker(q: Quote) -> NameValue | None:
    if q.speaker_entity_id:
        return NameValue(q.speaker_text or q.speaker_entity_id, q.speaker_entity_id,
                         "PERSON", resolved=True)
    if q.speaker_text and any(ch.isupper() for ch in q.speaker_text):
        return NameValue(q.speaker_text, _norm(q.speaker_text), "PERSON")
    return None


def speakers_compatible(a: Quote, b: Quote) -> bool | None:
    """True/False when both speakers are known (by entity or name), None when one is not."""
    return _compatible(_speaker(a), _speaker(b))


def _compatible(sa: NameValue | None, sb: NameValue | None) -> bool | None:
    if sa is None or sb is None:
        return None
    if sa.resolved != sb.resolved:
        sa = NameValue(sa.text, _norm(sa.text), "PERSON")
        sb = NameValue(sb.text, _norm(sb.text), "PERSON")
    return names_match(sa, sb)


def quote_scores(quotes: Sequence[Quote],
                 vectors: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    texts = [q.text for q in quotes]
    if len({q.report_id for q in quotes}) < 2:
        # One report: its quotes are not lined up across outlets, so words alone say
        # whether it quotes one remark twice (no sentence is encoded for it).
        scores = similarity.match_matrix(texts, segmented=False, use_embeddings=False)
    else:
        scores = similarity.match_matrix(texts, segmented=False, vectors=vectors)
    n = len(quotes)
    speakers = [_speaker(q) for q in quotes]
    for i in range(n):
        for j in range(i + 1, n):
            ok = _compatible(speakers[i], speakers[j])
            if ok is False or (ok is None and scores[i, j] < UNKNOWN_SPEAKER_THRESHOLD):
                scores[i, j] = scores[j, i] = 0.0
            elif quotes[i].report_id == quotes[j].report_id:
                # One report rarely quotes one remark twice; when it does (direct, then
                # paraphrased) the two must be very alike.
                scores[i, j] = scores[j, i] = scores[i, j] - 0.15
    return scores


def group_quotes(story_id: str, reports: Sequence[Report],
                 analyses: dict[str, Analysis | None],
                 vectors: Mapping[str, np.ndarray] | None = None) -> list[dict[str, Any]]:
    """The stored shape of each quote group of a story (singletons included); ``vectors``
    as in ``claims.score_items``."""
    outlets = {r.id: r.outlet for r in reports}
    order = {r.id: i for i, r in enumerate(reports)}
    quotes = story_quotes(reports, analyses)
    if not quotes:
        return []
    clusters = cluster(quote_scores(quotes, vectors), QUOTE_THRESHOLD)
    analysed = [r.id for r in reports if analyses.get(r.id) is not None]
    groups = []
    for members in clusters:
        qs = sorted((quotes[i] for i in members), key=lambda q: (order[q.report_id], q.start))
        groups.append(_group_dict(story_id, qs, outlets, analysed))
    return groups


def _group_dict(story_id: str, qs: list[Quote], outlets: dict[str, str | None],
                analysed: list[str]) -> dict[str, Any]:
    ids = [q.id for q in qs]
    digest = hashlib.sha1((story_id + "|" + ",".join(sorted(ids))).encode()).hexdigest()
    speaker_ids = [q.speaker_entity_id for q in qs if q.speaker_entity_id]
    speaker_texts = [q.speaker_text for q in qs if q.speaker_text]
    named = [s for s in speaker_texts if any(ch.isupper() for ch in s)]
    carried = {q.report_id for q in qs}
    return {
        "id": "qg-" + digest[:16],
        "story_id": story_id,
        "speaker_entity_id": max(set(speaker_ids), key=speaker_ids.count) if speaker_ids
        else None,
        # The spelling most reports use (the longest among equals), not a garbled one.
        "speaker": max(named, key=lambda n: (named.count(n), len(n))) if named
        else (speaker_texts[0] if speaker_texts else None),
        "quote_ids": ids,
        "report_ids": [rid for rid in dict.fromkeys(q.report_id for q in qs)],
        "members": [{"quote_id": q.id, "report_id": q.report_id,
                     "outlet": outlets.get(q.report_id), "start": q.start, "end": q.end,
                     "text": q.text, "kind": q.kind, "cue": q.cue, "via": q.via,
                     "speaker": q.speaker_text, "match": _match(q, qs)} for q in qs],
        "omitted_by": [rid for rid in analysed if rid not in carried],
    }


def _match(q: Quote, group: list[Quote]) -> str:
    others = [o for o in group if o.id != q.id]
    if not others or any(fuzz.ratio(_norm(q.text), _norm(o.text)) >= EXACT_RATIO
                         for o in others):
        return "exact"
    return "translation" if q.kind == "direct" else "paraphrase"
