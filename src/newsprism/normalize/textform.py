"""The canonical form of report text; every offset in newsprism points into this form.

Unicode NFC, "\\n" line endings, no trailing spaces, at most one blank line in a row, no
leading or trailing blank lines. Quotes, apostrophes and dashes are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

# Every line separator Python's str.splitlines() knows, so that offsets agree with any reader.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls other than tab and newline, and zero-width no-break spaces (stray BOMs).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_TRAILING = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def paragraphs(text: str) -> list[str]:
    """Non-blank lines: a report's paragraphs, whether blank lines separate them or not."""
    return [line for line in text.split("\n") if line.strip()]
