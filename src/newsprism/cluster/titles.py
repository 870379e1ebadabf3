"""A readable title for a story: the headline (or lead sentence) of its most typical report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Longest title shown; longer headlines and leads are cut at a word boundary.
MAX_TITLE_CHARS = 120
# Only this many members (smallest ids first) are compared to find the most typical one, so
# titling a huge story stays cheap.
MAX_TITLE_CANDIDATES = 40

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s")


def lead_sentence(text: str) -> str:
    """The first non-empty line's first sentence, whitespace collapsed."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) >= 12:
            m = _SENTENCE_END.search(line)
            return line[: m.start()].strip() if m else line
    return " ".join(text.split())


def shorten(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–—")
    return cut + "…"


def story_title(
    member_ids: Sequence[str],
    headline: Callable[[str], str | None],
    lead: Callable[[str], str],
    similarity: Callable[[str, str], float],
) -> str:
    """Title of the member most similar to the others (ties: smallest id): its headline when
    it has one, else its lead sentence. Members with a headline are preferred."""
    pool = sorted(member_ids)[:MAX_TITLE_CANDIDATES]
    titled = [m for m in pool if headline(m)]
    pool = titled or pool
    if not pool:
        return ""
    best = max(pool, key=lambda m: (sum(similarity(m, o) for o in pool if o != m), _neg(m)))
    return shorten(headline(best) or lead(best))


def _neg(report_id: str) -> tuple[int, ...]:
    # max() with this breaks ties towards the smallest id.
    return tuple(-ord(c) for c in report_id)
