"""Descriptions whose head nouns mean the same thing ("patch"/"update", "robbers"/"thieves").

Reports of one story vary their wording: one says "the flaw", another "the vulnerability".
Head words are compared by the cosine of their sentence embeddings (all-MiniLM-L6-v2, the
model the triangulate stage uses, loaded once per process); a pair of heads is a synonym pair
of a story when the cosine reaches HEAD_SIMILARITY, or CONTEXT_SIMILARITY with enough words
around their mentions in common, and no sentence of the story uses both for different
mentions ("the robbers fled as the guards watched": words of one sentence that name two
things are two things there). Single words' embeddings tell synonyms from merely related
words poorly ("patch"/"update" and "suspect"/"victim" are about as alike), hence the context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

# Two heads at least this alike (cosine of their embeddings) are one description. On the ECB+
# train and dev splits (scripts/score_coref.py) 0.7 to 0.75 scored best (0.5 to 0.65 merged
# co-hyponyms like "suspect"/"victim" on dev); single words' embeddings tell synonyms from
# related words poorly, so the threshold stays high.
HEAD_SIMILARITY = 0.7
# Heads less alike than HEAD_SIMILARITY but at least CONTEXT_SIMILARITY alike are one
# description when the story uses them among CONTEXT_SHARED of the same content words within
# CONTEXT_CHARS characters of their mentions. ECB+ train/dev (scripts/score_coref.py):
# 0.5 and 5 gave +0.0055 / -0.0008 CoNLL F1 over heads alone; 0.5 with 2-4 shared words and
# 0.4-0.45 gained less on train or lost more on dev.
CONTEXT_SIMILARITY = 0.5
CONTEXT_SHARED = 5
CONTEXT_CHARS = 60
# Heads shorter than this say too little to compare ("one", "it").
MIN_HEAD_LENGTH = 3

# Unit-length embeddings of texts, one row each; None when no model can be used.
Embedder = Callable[[Sequence[str]], np.ndarray | None]
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


def default_embedder(texts: Sequence[str]) -> np.ndarray | None:
    """The triangulate stage's sentence embeddings, the model loaded on first use (a resolve
    call with no descriptions to compare never loads it); None when the model cannot be
    loaded: heads are then compared by spelling only (``embeddings_available`` warns once)."""
    from newsprism.triangulate.similarity import embed, embeddings_available

    return embed(texts) if embeddings_available() else None


def similar_pairs(heads: Sequence[str], embedder: Embedder, threshold: float | None = None
                  ) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for the pairs of ``heads`` at least ``threshold`` (HEAD_SIMILARITY)
    alike, most alike first."""
    threshold = HEAD_SIMILARITY if threshold is None else threshold
    if len(heads) < 2:
        return []
    vectors = embedder(list(heads))
    if vectors is None:
        return []
    cosine = vectors @ vectors.T
    rows, cols = np.nonzero(np.triu(cosine, k=1) >= threshold)
    pairs = [(int(i), int(j), float(cosine[i, j])) for i, j in zip(rows, cols, strict=True)]
    pairs.sort(key=lambda p: -p[2])
    return pairs


def sentence_of(text: str, offsets: Sequence[int]) -> list[int]:
    """The number of the sentence each character offset of ``text`` falls in."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    out: list[int] = []
    for off in offsets:
        lo, hi = 0, len(ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if ends[mid] <= off:
                lo = mid + 1
            else:
                hi = mid
        out.append(lo)
    return out
