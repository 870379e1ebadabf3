"""Candidate pairs of reports that share passages: MinHash + LSH over word shingles.

A report is cut into overlapping windows of words; each window's set of word shingles gets a
MinHash signature (rensa), indexed with LSH. Two reports become candidates when any window of
one is close to any window of the other, so partial reuse (a copied paragraph inside a longer
article) is found as well as whole-text copies. ``find_reuse`` then verifies a candidate and
locates the passages exactly.
"""

from __future__ import annotations

import re
from collections import Counter

from rensa import RMinHash, RMinHashLSH

from newsprism.errors import ConfigError

# Window of words a signature covers, and the step between windows: a shared passage of
# WINDOW_WORDS + STRIDE_WORDS words always contains one whole window of each text.
WINDOW_WORDS = 30
STRIDE_WORDS = 15
SHINGLE_WORDS = 4
# 32 bands of 4 rows: a window pair with shingle Jaccard 0.6 is found with probability 0.99,
# one with 0.2 with probability 0.05 (1 - (1 - J^4)^32).
NUM_PERM = 128
NUM_BANDS = 32
LSH_THRESHOLD = 0.5
# A window matching more reports than this is boilerplate (a disclaimer, a newsletter
# footer), not reuse: it yields no candidates.
MAX_WINDOW_MATCHES = 50
SEED = 1729

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _windows(text: str) -> list[list[str]]:
    words = [w.lower().replace("’", "'") for w in _TOKEN.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return []
    last = max(0, len(words) - WINDOW_WORDS)
    starts = list(range(0, last + 1, STRIDE_WORDS))
    if starts[-1] != last:
        starts.append(last)
    windows = []
    for s in starts:
        chunk = words[s:s + WINDOW_WORDS]
        windows.append([" ".join(chunk[i:i + SHINGLE_WORDS])
                        for i in range(len(chunk) - SHINGLE_WORDS + 1)])
    return windows


class NearDuplicateIndex:
    """Reports indexed by passage signatures; ``add`` returns earlier reports sharing one."""

    def __init__(self) -> None:
        self._lsh = RMinHashLSH(LSH_THRESHOLD, NUM_PERM, NUM_BANDS)
        self._owner: list[int] = []  # window key -> report number
        self._ids: list[str] = []
        self._number: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, report_id: str, text: str, limit: int | None = None) -> list[str]:
        """Index ``text`` under ``report_id``; return ids of indexed reports that share a
        passage with it, those sharing the most windows first (then the earliest indexed),
        at most ``limit`` of them. Adding an id twice is an error."""
        if report_id in self._number:
            raise ConfigError(f"report {report_id!r} is already in the near-duplicate index")
        number = len(self._ids)
        self._ids.append(report_id)
        self._number[report_id] = number
        found: Counter[int] = Counter()
        signatures = []
        for shingles in _windows(text):
            sig = RMinHash(NUM_PERM, SEED)
            sig.update(shingles)
            signatures.append(sig)
            owners = {self._owner[key] for key in self._lsh.query(sig)}
            if len(owners) <= MAX_WINDOW_MATCHES:
                found.update(owners)
        for sig in signatures:
            self._lsh.insert(len(self._owner), sig)
            self._owner.append(number)
        found.pop(number, None)
        ranked = sorted(found, key=lambda n: (-found[n], n))
        return [self._ids[n] for n in ranked[:limit]]
