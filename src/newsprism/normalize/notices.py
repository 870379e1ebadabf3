"""Notices about the report itself: republication disclaimers and contribution lines.

A notice is a paragraph at the end of the report (or its very first paragraph) saying the
piece is republished from / originally published by / appeared first in another outlet
("republication"), or that another outlet or reporter contributed ("contribution"). Such a
paragraph is REMOVED from the report text and recorded as a Notice with start = end = -1:
it speaks about the report, not about the story, and must not look like a claim of the
outlet. The original outlet is read from the notice itself (a capitalized name after "from",
"by", "of", "on", "in"; before "contributed"; else a domain named in it), never from a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.types import Notice


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Paragraphs examined from the end of the report; disclaimers and credits close a report.
TAIL_PARAGRAPHS = 3
# Longest paragraph read as a contribution line or a weak-cue notice ("Source: X"); credits
# are one sentence. Republication disclaimers can be long and have no such limit below this.
SHORT_NOTICE_CHARS = 300
MAX_NOTICE_CHARS = 2000
# How far after a cue (characters) the original outlet's name is looked for.
NAME_WINDOW_CHARS = 80

_REPUBLICATION = re.compile(
    r"\b(?:re-?publish(?:ed|es|ing)?|re-?posted|reprinted|syndicated|cross-?posted"
    r"|(?:originally|first) (?:published|appeared|posted|ran|aired)"
    r"|appeared (?:first|originally)|published (?:here )?with (?:the )?permission)\b",
    re.IGNORECASE)
# Weak cues count only in a short paragraph that opens with them (after "This article").
_WEAK = re.compile(
    r"^(?:this (?:article|story|post|piece|report|content|item) (?:is |was )?)?"
    r"(?:source\s*:|courtesy (?:of)?|provided by|content (?:provided )?by|via\b)",
    re.IGNORECASE)
_CONTRIBUTION = re.compile(
    r"\b(?:contributed (?:reporting )?(?:to|for) this (?:report|story|article)"
    r"|contributed reporting|(?:additional|with) reporting (?:by|from)|reporting by)\b",
    re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:from|by|of|on|in|at|to|via)\s+|^\s*(?:source\s*:|:)\s*",
                          re.IGNORECASE)
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?",
                     re.IGNORECASE)
_CONNECTORS = _words("of for and & de la el al the")
_TOKEN = re.compile(r"\S+")


def _name_at(text: str) -> str | None:
    """A run of capitalized words at the start of `text` ("The Associated Press", "RT")."""
    words: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        core = token.strip("\"'“”‘’()[],.;:!?")
        if not core:
            break
        if core[0].isupper() or (words and core.lower() in _CONNECTORS):
            words.append(core)
        else:
            break
        if token != core and not token.endswith(("'s", "’s")):
            break  # punctuation closes the name
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    if words and words[0].lower() == "the" and len(words) == 1:
        return None
    return " ".join(words) or None


def _name_after(paragraph: str, start: int) -> str | None:
    window = paragraph[start:start + NAME_WINDOW_CHARS]
    for match in _PREPOSITION.finditer(window):
        name = _name_at(paragraph[start + match.end():])
        if name:
            return name
    return None


def _name_before(paragraph: str, end: int) -> str | None:
    """The capitalized run just before `end`, as written ("Ann Lee, Bo Chen and Cy Dunn")."""
    start = None
    for match in reversed(list(_TOKEN.finditer(paragraph[:end]))):
        word = match.group().strip("\"'“”‘’(),;:")
        if word and (word[0].isupper() or (start is not None and word.lower() in _CONNECTORS)):
            start = match.start()
        else:
            break
    if start is None:
        return None
    words = paragraph[start:end].split()
    while words and words[0].lower() in _CONNECTORS - {"the"}:
        words.pop(0)
    return " ".join(words).strip("\"'“”‘’(),;: ") or None


def _domain(paragraph: str) -> str | None:
    for match in _DOMAIN.finditer(paragraph):
        if "/" in match.group() or match.group().lower().startswith("www."):
            return match.group(1).lower()
    bare = _DOMAIN.search(paragraph)
    return bare.group(1).lower() if bare else None


def _republication(paragraph: str) -> Notice | None:
    ends = [cue.end() for cue in _REPUBLICATION.finditer(paragraph)]
    if not ends and len(paragraph) <= SHORT_NOTICE_CHARS and (weak := _WEAK.match(paragraph)):
        if name := _name_at(paragraph[weak.end():]):  # "Source: Harbour Wire"
            return Notice("republication", paragraph, name)
        ends = [weak.end()]
    if not ends:
        return None
    for end in ends:
        if name := _name_after(paragraph, end):
            return Notice("republication", paragraph, name)
    return Notice("republication", paragraph, _domain(paragraph))


def _contribution(paragraph: str) -> Notice | None:
    if len(paragraph) > SHORT_NOTICE_CHARS:
        return None
    cue = _CONTRIBUTION.search(paragraph)
    if cue is None:
        return None
    name = _name_before(paragraph, cue.start()) or _name_after(paragraph, cue.end() - 3)
    return Notice("contribution", paragraph, name)


@dataclass(frozen=True, slots=True)
class Found:
    index: int  # position among the text's lines
    notice: Notice


def classify(paragraph: str) -> Notice | None:
    paragraph = paragraph.strip()
    if not paragraph or len(paragraph) > MAX_NOTICE_CHARS:
        return None
    return _contribution(paragraph) or _republication(paragraph)


def find_notices(lines: list[str]) -> list[Found]:
    """Notice paragraphs among the last few lines (and the first one) of a text."""
    indexed = [i for i, line in enumerate(lines) if line.strip()]
    found: list[Found] = []
    for index in reversed(indexed[-TAIL_PARAGRAPHS:]):
        notice = classify(lines[index])
        if notice is None:
            break
        found.insert(0, Found(index, notice))
    if indexed and len(indexed) > len(found) + 1 and (notice := classify(lines[indexed[0]])):
        found.insert(0, Found(indexed[0], notice))
    return found


def extract_notices(text: str) -> tuple[str, tuple[Notice, ...]]:
    """The text without its notice paragraphs, and the notices (start = end = -1)."""
    lines = text.split("\n")
    found = find_notices(lines)
    drop = {f.index for f in found}
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(kept), tuple(f.notice for f in found)
