"""Paragraph bounds of a report text.

Normalized reports hold one paragraph per line. Wire copy is hard-wrapped: its line breaks
fall inside sentences and paragraphs are separated by blank lines or an indented first line.
"""

from __future__ import annotations

import re

# A text whose lines are all at most this long (and long on average) is hard-wrapped. Wire
# copy wraps at 60-80 characters; normalized article paragraphs run far longer.
WRAP_MAX_LINE = 100
WRAP_MIN_MEAN_LINE = 45
WRAP_MIN_LINES = 4
# A break and the blank lines and indent after it (a paragraph starts at its first word).
_LINE_BREAK = re.compile(r"\n\s*")
# In wrapped text: a blank line, or a line break followed by an indent.
_WRAPPED_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\n[^\S\n]{2,}(?=\S)")


def hard_wrapped(text: str) -> bool:
    lines = [len(line) for line in text.split("\n") if line.strip()]
    if len(lines) < WRAP_MIN_LINES:
        return False
    return max(lines) <= WRAP_MAX_LINE and sum(lines) / len(lines) >= WRAP_MIN_MEAN_LINE


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph in order; a paragraph starts at its first non-space
    character and ends before the line break."""
    pattern = _WRAPPED_BREAK if hard_wrapped(text) else _LINE_BREAK
    bounds = []
    pos = 0
    for match in pattern.finditer(text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return bounds
