"""Which sentences of a story need sentence embeddings, and encoding them for many stories at
once.

Only claims and quotes that can line up with another report's need an embedding: a story with
one analysed report needs none, and a sentence that shares no weighted content word with any
other report's sentence cannot reach a grouping threshold (similarity.worth_embedding). The
triangulate stage gathers what every touched story needs and encodes it in one batched call,
instead of one small call per story.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from newsprism.triangulate import similarity
from newsprism.types import Analysis, ClaimUnit, Quote, Report


def story_claims(reports: Sequence[Report],
                 analyses: Mapping[str, Analysis | None]) -> list[tuple[int, ClaimUnit]]:
    """(report position, claim) for the story's non-empty claim units, in report order."""
    out = []
    for order, report in enumerate(reports):
        analysis = analyses.get(report.id)
        if analysis is None:
            continue
        out += [(order, c) for c in sorted(analysis.claims, key=lambda c: c.start)
                if c.text.strip()]
    return out


def story_quotes(reports: Sequence[Report],
                 analyses: Mapping[str, Analysis | None]) -> list[Quote]:
    """The story's non-empty quotes, in report order."""
    return [q for r in reports if (a := analyses.get(r.id)) is not None
            for q in sorted(a.quotes, key=lambda q: q.start) if q.text.strip()]


def texts_to_embed(reports: Sequence[Report],
                   analyses: Mapping[str, Analysis | None]) -> list[str]:
    """The claim parts and quote texts of one story worth encoding (see the module doc)."""
    claims = story_claims(reports, analyses)
    quotes = story_quotes(reports, analyses)
    out = similarity.worth_embedding([c.text for _, c in claims], [o for o, _ in claims])
    out += similarity.worth_embedding([q.text for q in quotes], [q.report_id for q in quotes],
                                      segmented=False)
    return out


def encode_stories(stories: Iterable[tuple[Sequence[Report], Mapping[str, Analysis | None]]],
                   persist: similarity.VectorStore | None = None
                   ) -> dict[str, np.ndarray] | None:
    """One text -> vector mapping (the configured claim encoder's) for all the given
    stories, encoded in one batched call (what neither the process nor ``persist`` has yet);
    None when the encoder is not available (matching is then lexical)."""
    if not similarity.claim_encoder_available():
        return None
    texts: list[str] = []
    for reports, analyses in stories:
        texts += texts_to_embed(reports, analyses)
    return similarity.embed_map(texts, persist)
