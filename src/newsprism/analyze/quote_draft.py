"""The quote being assembled and the document lookups shared by the quote finders.

A ``Draft`` is one quote's content span with the cue, source and channel found for it;
``QuoteContext`` holds the document's text, mentions, sentence starts and direct-quote spans
with bisect lookups. ``attach`` fills a draft from its cue verb; ``colon_source`` finds the
name before a "NAME: ..." colon, used by both direct and indirect quotes.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.nlp import doc_text, sentence_starts
from newsprism.analyze.quotemarks import QuoteSpan
from newsprism.types import Mention, QuoteKind

# A name before a colon ("Senator Smith: ...") has at most this many tokens.
COLON_SOURCE_MAX_TOKENS = 7

# A possible antecedent of "he"/"she": (position referred at, tier, start, end, text); tier 1 =
# an earlier speaker, 2 = a person mention that is a subject, 3 = any other person mention.
Candidate = tuple[int, int, int, int, str]


@dataclass(slots=True)
class Draft:
    """A quote being assembled: content span, cue and source as found in the sentence."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_span: tuple[int, int] = (-1, -1)
    source: Token | None = None
    via: str | None = None
    inherited: Draft | None = None
    speaker: tuple[int, int, str] | None = None


class QuoteContext:
    """Lookups over one document shared by the quote finders."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.sent_starts = sentence_starts(doc)
        self.direct: list[QuoteSpan] = []
        self.direct_starts: list[int] = []

    def set_direct(self, spans: list[QuoteSpan]) -> None:
        self.direct = spans
        self.direct_starts = [s.start for s in spans]

    def in_direct(self, char: int) -> bool:
        i = bisect.bisect_right(self.direct_starts, char) - 1
        return i >= 0 and char < self.direct[i].end

    def direct_chars(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside direct quotes."""
        total = 0
        i = max(bisect.bisect_right(self.direct_starts, start) - 1, 0)
        while i < len(self.direct) and self.direct[i].start < end:
            total += max(0, min(end, self.direct[i].end) - max(start, self.direct[i].start))
            i += 1
        return total

    def mention_at(self, char: int) -> Mention | None:
        i = bisect.bisect_right(self.mention_starts, char) - 1
        if i >= 0 and char < self.mentions[i].end:
            return self.mentions[i]
        return None

    def sent_index(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1


def colon_source(colon: Token) -> Token | None:
    """The head of a short name phrase right before ``colon`` at the start of its sentence or
    after a dash ("Senator Smith: ...", "Poll analysis - Jane Doe: ..."); None otherwise."""
    doc = colon.doc
    start = colon.sent.start
    for i in range(colon.i - 1, start - 1, -1):
        if doc[i].text in ("-", "—", "–", "|"):
            start = i + 1
            break
    phrase = doc[start : colon.i]
    if not 0 < len(phrase) <= COLON_SOURCE_MAX_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX", "NUM") or t.like_num for t in phrase):
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in phrase):
        return None
    if not all(t.is_title or t.is_upper or t.pos_ in ("ADP", "DET", "CCONJ", "PART", "PUNCT")
               for t in phrase):
        return None
    return phrase.root


def attach(draft: Draft, cue: Token) -> None:
    draft.cue = _cue_text(cue)
    draft.cue_span = _cue_span(cue)
    draft.source = attr.source_of(cue)
    via = attr.via_of(cue, draft.source)
    if via is not None:
        start, end = attr.channel_bounds(via)
        draft.via = via.doc[start:end].text


def _cue_span(cue: Token) -> tuple[int, int]:
    """Characters of the cue as written: 'according to', 'quoted ... as saying', 'said'."""
    first, last = cue, cue
    if attr.is_according(cue):
        last = next(c for c in cue.children if c.lower_ == "to")
    quoted = attr.quote_as_verb(cue)
    if quoted is not None:
        first = quoted
    elif attr.is_quote_as(cue):
        complement = attr.quote_as_complement(cue)
        if complement is not None and complement.i > cue.i:
            last = complement
    return first.idx, last.idx + len(last)


def _cue_text(cue: Token) -> str:
    if attr.is_according(cue):
        return "according to"
    quoted = attr.quote_as_verb(cue)
    if quoted is not None:
        return f"{quoted.text} as {cue.text}"
    if attr.is_quote_as(cue):
        complement = attr.quote_as_complement(cue)
        return f"{cue.text} as {complement.text}" if complement is not None else cue.text
    particles = [c.text for c in cue.children if c.dep_ == "prt" and c.i == cue.i + 1]
    return " ".join([cue.text, *particles])


def source_chars(source: Token) -> tuple[int, int]:
    """Character span of the source phrase as written."""
    doc = source.doc
    start, end = attr.phrase_bounds(source)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
