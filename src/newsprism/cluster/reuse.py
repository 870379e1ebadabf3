"""Text two reports share, and which of them presumably took it from the other.

Passages are found on word sequences (case, quote style and punctuation ignored) so that a
republication that changes typography still matches, then mapped back to character offsets in
each report's own text. Short gaps between matches (a changed word, an inserted adjective) are
bridged, so a lightly edited copy shows as one passage rather than many fragments.

Direction: the report published earlier is the original. When dates cannot tell (missing, or
the same day), the report that adds material of its own around the shared text is taken as the
one that reused it, and the one whose text is mostly the shared passages as the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.cluster.dates import report_day
from newsprism.types import Report, Reuse

# Fewest consecutive equal words that count as a shared passage: eight words rarely repeat by
# chance in news prose, while stock phrases ("said in a statement on") are shorter.
MIN_MATCH_WORDS = 8
# Two matches this many words apart or fewer (on both sides) are one edited passage.
MAX_GAP_WORDS = 4
# Less shared text than this (words) is not reported as reuse at all.
MIN_SHARED_WORDS = 12
# Both reports covered to at least these shares: a near-exact copy, and an exact one.
NEAR_EXACT_SHARE = 0.8
EXACT_SHARE = 0.98
# Shares closer than this do not tell which side added material: direction stays unknown.
DIRECTION_MARGIN = 0.1

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class _Words:
    words: list[str]
    starts: list[int]
    ends: list[int]


def _words(text: str) -> _Words:
    words, starts, ends = [], [], []
    for m in _TOKEN.finditer(text):
        words.append(m.group().lower().replace("’", "'"))
        starts.append(m.start())
        ends.append(m.end())
    return _Words(words, starts, ends)


def _matches(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length) of equal words, at least MIN_MATCH_WORDS long, that do not
    overlap on either side; longer runs win."""
    k = MIN_MATCH_WORDS
    if len(a) < k or len(b) < k:
        return []
    grams: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - k + 1):
        grams.setdefault(tuple(b[j:j + k]), []).append(j)
    runs: list[tuple[int, int, int]] = []
    seen: set[tuple[int, int]] = set()  # (i - j, i) diagonals already inside a run
    for i in range(len(a) - k + 1):
        for j in grams.get(tuple(a[i:i + k]), ()):
            if (i - j, i) in seen:
                continue
            n = k
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            seen.update((i - j, i + x) for x in range(n))
            runs.append((i, j, n))
    runs.sort(key=lambda r: (-r[2], r[0], r[1]))
    used_a = [False] * len(a)
    used_b = [False] * len(b)
    kept = []
    for i, j, n in runs:
        if any(used_a[i:i + n]) or any(used_b[j:j + n]):
            continue
        for x in range(n):
            used_a[i + x] = used_b[j + x] = True
        kept.append((i, j, n))
    return sorted(kept)


def _bridge(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Join runs separated by small gaps on both sides: (i0, i1, j0, j1), ends exclusive."""
    out: list[tuple[int, int, int, int]] = []
    for i, j, n in runs:
        if out:
            pi0, pi1, pj0, pj1 = out[-1]
            if 0 <= i - pi1 <= MAX_GAP_WORDS and 0 <= j - pj1 <= MAX_GAP_WORDS:
                out[-1] = (pi0, i + n, pj0, j + n)
                continue
        out.append((i, i + n, j, j + n))
    return out


def _coverage(passages: list[tuple[int, int]], text: str) -> tuple[int, float]:
    chars = sum(end - start for start, end in passages)
    total = len(text.strip()) or 1
    return chars, min(1.0, chars / total)


def find_reuse(a: Report, b: Report) -> Reuse | None:
    """Passages ``a`` and ``b`` share, oriented from the presumed original, or None."""
    wa, wb = _words(a.text), _words(b.text)
    runs = _matches(wa.words, wb.words)
    if sum(n for _, _, n in runs) < MIN_SHARED_WORDS:
        return None
    spans = [
        (wa.starts[i0], wa.ends[i1 - 1], wb.starts[j0], wb.ends[j1 - 1])
        for i0, i1, j0, j1 in _bridge(runs)
    ]
    chars_a, share_a = _coverage([(s, e) for s, e, _, _ in spans], a.text)
    chars_b, share_b = _coverage([(s, e) for _, _, s, e in spans], b.text)
    a_first, basis = _direction(a, b, share_a, share_b)
    if share_a >= EXACT_SHARE and share_b >= EXACT_SHARE:
        kind = "exact"
    elif share_a >= NEAR_EXACT_SHARE and share_b >= NEAR_EXACT_SHARE:
        kind = "near-exact"
    else:
        kind = "partial"
    if a_first:
        return Reuse(a.id, b.id, chars_a, tuple(spans), share_a, share_b, kind, basis)
    flipped = tuple(sorted((sb, eb, sa, ea) for sa, ea, sb, eb in spans))
    return Reuse(b.id, a.id, chars_b, flipped, share_b, share_a, kind, basis)


def _direction(a: Report, b: Report, share_a: float, share_b: float) -> tuple[bool, str]:
    """(a is the original, basis). Earlier publication wins; else the side that adds less."""
    day_a, day_b = report_day(a), report_day(b)
    if day_a is not None and day_b is not None and day_a != day_b:
        return day_a < day_b, "dates"
    if abs(share_a - share_b) >= DIRECTION_MARGIN:
        return share_a > share_b, "added-material"
    return a.id <= b.id, "unknown"
