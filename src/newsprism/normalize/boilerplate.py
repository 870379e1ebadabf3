"""Lines that belong to the page around a report, not to the report.

Patterns match WHOLE lines only (after trimming), and only lines up to their length limit, so
a sentence inside a paragraph that happens to contain "read more" is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Default longest line (characters) a pattern may remove: navigation and widget labels are
# short; 80 keeps "Sign up for our daily newsletter about ..." and drops nothing longer.
MAX_BOILERPLATE_CHARS = 80
# Cookie banners are whole sentences; they may run longer.
MAX_COOKIE_CHARS = 300

_SOCIAL = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|reddit|pinterest)"

# (pattern, longest line it may remove). Matched case-insensitively against the whole line.
BOILERPLATE_PATTERNS: tuple[tuple[str, int], ...] = (
    (r"post a comment|(?:leave|add|write|view|show|hide) (?:a |the )?(?:comments?|reply)",
     MAX_BOILERPLATE_CHARS),
    (r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|no comments(?: yet)?", MAX_BOILERPLATE_CHARS),
    (r"read more\b.*|continue reading\b.*|read the full (?:story|article)\b.*|also read\b.*",
     MAX_BOILERPLATE_CHARS),
    (r"related(?: topics| articles?| stories| story| posts?| content| coverage| news"
     r"| links)?\s*:?", MAX_BOILERPLATE_CHARS),
    (r"(?:more (?:from|on|about) .{1,40}|you may also like|recommended(?: for you)?"
     r"|most (?:read|popular|viewed)|(?:next|previous) (?:article|story|post))\s*:?",
     MAX_BOILERPLATE_CHARS),
    (rf"share(?: this)?(?: article| story| post| page)?(?: (?:on|via) {_SOCIAL})?\s*:?"
     rf"|(?:share|tweet|post) (?:on|to|via) {_SOCIAL}|{_SOCIAL}", MAX_BOILERPLATE_CHARS),
    (r"advertisement|advertising|sponsored(?: content)?|ad feedback|scroll to continue\b.*",
     MAX_BOILERPLATE_CHARS),
    (r"subscribe\b.*|sign up\b.*newsletter.*|get (?:our|the) .{0,40}newsletter.*"
     r"|(?:join|follow) us on .+|like us on .+|download (?:our|the) app\b.*",
     MAX_BOILERPLATE_CHARS),
    (r"click here\b.*|tap here\b.*|skip to (?:main )?content|back to top|return to top"
     r"|print(?: this)?(?: article| page)?|email(?: this)?(?: article| page)?",
     MAX_BOILERPLATE_CHARS),
    (r"(?:tags|topics|filed under)\s*:.*", MAX_BOILERPLATE_CHARS),
    (r"(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.*|(?:accept|reject|manage)"
     r" (?:all )?cookies.*|cookie (?:policy|settings|preferences|consent)\b.*",
     MAX_COOKIE_CHARS),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), limit) for p, limit in BOILERPLATE_PATTERNS)
_TRIM = " \t\u00a0•·|>»›-–—:"


def is_boilerplate(line: str) -> bool:
    stripped = line.strip(_TRIM)
    if not stripped:
        return False
    return any(len(stripped) <= limit and pattern.fullmatch(stripped)
               for pattern, limit in _COMPILED)


def drop_boilerplate(text: str, names: Iterable[str] = ()) -> str:
    """Remove boilerplate lines and lines that only repeat a byline name."""
    repeats = {name.strip().casefold() for name in names if name and name.strip()}
    kept = [line for line in text.split("\n")
            if not is_boilerplate(line) and line.strip().casefold() not in repeats]
    return "\n".join(kept)
