"""Indirect quotes: "X said (that) ..." complements, "according to X" clauses, and
"NAME: statement" lines without quote marks.

A cue whose content lies mostly inside a direct quote lends itself to that quote instead of
making a second one; a channel that relays someone else's words ("the agency reported X
said ...") is not a source of its own.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.cues import REPORTING_VERBS
from newsprism.analyze.quote_draft import (
    COLON_SOURCE_MAX_TOKENS,
    Draft,
    QuoteContext,
    attach,
    colon_source,
)

# An indirect content this much inside a direct quote is that quote, not a second one.
DIRECT_COVERS_CONTENT = 0.6


def indirect_drafts(ctx: QuoteContext, directs: list[Draft]) -> list[Draft]:
    doc = ctx.doc
    drafts: list[Draft] = []
    for cue in attr.candidate_cues(doc):
        if ctx.in_direct(cue.idx) or not attr.is_cue(cue):
            continue
        bounds = _indirect_bounds(cue)
        if bounds is None:
            continue
        start, end = doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1])
        if ctx.direct_chars(start, end) >= DIRECT_COVERS_CONTENT * (end - start):
            _lend_cue(directs, start, end, cue)
            continue
        draft = Draft(start, end, "indirect")
        attach(draft, cue)
        if draft.source is None:
            continue
        if bounds[0] <= draft.source.i < bounds[1] and not attr.is_according(cue):
            continue  # a clause that contains its own source is a misparse
        if not attr.is_according(cue) and not attr.has_clause(cue) and not attr.is_agent(
            draft.source
        ):
            continue  # "the plan calls for ...": a noun phrase object needs a speaker
        drafts.append(draft)
    return drafts


def colon_drafts(ctx: QuoteContext) -> list[Draft]:
    """'NAME: statement' with no quote marks (headlines, transcripts, poll round-ups)."""
    doc = ctx.doc
    drafts = []
    for sent in doc.sents:
        colon = next((t for t in sent[:COLON_SOURCE_MAX_TOKENS + 3] if t.text == ":"), None)
        if colon is None or ctx.in_direct(colon.idx):
            continue
        content = attr.strip_punct(doc, colon.i + 1, sent.end)
        if content is None or sum(1 for t in doc[content[0] : content[1]] if t.is_alpha) < 3:
            continue
        start = doc[content[0]].idx
        end = doc[content[1] - 1].idx + len(doc[content[1] - 1])
        if ctx.direct_chars(start, end) > 0:
            continue  # the quote marks make it a direct quote, attributed there
        source = colon_source(colon)
        if source is not None:
            cue_span = (colon.idx, colon.idx + 1)
            drafts.append(Draft(start, end, "indirect", ":", cue_span, source))
    return drafts


def _indirect_bounds(cue: Token) -> tuple[int, int] | None:
    if attr.is_according(cue):
        if any(_speaks(a) for a in cue.ancestors):
            return None  # "X said ..., according to Y": Y is the channel of X's words
        return attr.according_content(cue)
    if attr.is_quote_as(cue):
        complement = attr.quote_as_complement(cue)
        if complement is None or attr.is_cue(complement):
            return None  # "quoted as saying": the saying carries the content
        return attr.strip_punct(cue.doc, complement.left_edge.i, complement.right_edge.i + 1)
    if attr.trails_as_channel(cue) or _relays(cue):
        # "X said ..., the agency reported" / "the agency reported X said ...": the agency is
        # the channel of X's words, not a second source.
        return None
    return attr.content_bounds(cue)


def _relays(cue: Token) -> bool:
    """A channel reporting someone else's words: 'the agency reported that X said ...'."""
    if cue.lemma_ not in REPORTING_VERBS:
        return False
    subject = attr.source_of(cue)
    if subject is None or not attr.is_channel(subject):
        return False
    return any(
        c.dep_ == "ccomp" and _speaks(c) and not attr.trails_as_channel(c) for c in cue.children
    )


def _speaks(token: Token) -> bool:
    """A cue verb with a source of its own."""
    return attr.is_cue(token) and attr.source_of(token) is not None


def _lend_cue(directs: list[Draft], start: int, end: int, cue: Token) -> None:
    """A direct quote lying inside this cue's content and lacking a cue gets this one."""
    for draft in directs:
        if draft.cue is None and start <= draft.start and draft.end <= end + 2:
            attach(draft, cue)
