"""Direct and indirect quotes with cue, speaker and channel.

Direct quotes come from pairing quotation marks (``quotemarks``); each is then tied to a cue
verb that governs it in the parse, or that stands in the sentence right after or right before
it. A quote with no cue that opens a sentence carries on the previous speaker's words.
Indirect quotes are the clausal complements of cue verbs ("X said (that) ...") and the clauses
"according to X" is attached to. Speakers are mentions where a name is given, otherwise the
describing noun phrase ("a senior official"); "he"/"she" take the nearest earlier person.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.cues import PERSON_NOUNS, PERSON_PRONOUNS, REPORTING_VERBS
from newsprism.analyze.quotemarks import QuoteSpan, find_quote_spans
from newsprism.types import Mention, Quote, QuoteKind

# How far a cue may stand from the quote it introduces (tokens outside the marks). News
# frames are short ("..., the minister told reporters on Tuesday"); calibrated on PolNeAR
# train: longer windows attached cues of the next clause.
FRAME_MAX_TOKENS = 12
# A quote with no cue that starts a sentence continues the speaker of an attribution at most
# this many sentences earlier (a multi-sentence or multi-paragraph quote).
CONTINUATION_MAX_SENTENCES = 3
# "he"/"she" refer to a person named at most this many sentences earlier.
PRONOUN_WINDOW_SENTENCES = 4
# A quoted phrase of at most this many words that modifies a noun is a term or title
# (the "open door" policy), not speech.
TERM_MAX_WORDS = 6
# An indirect content this much inside a direct quote is that quote, not a second one.
DIRECT_COVERS_CONTENT = 0.6


# A possible antecedent of "he"/"she": (end, tier, start, text); tier 1 = an earlier speaker,
# tier 2 = any person mention.
_Candidate = tuple[int, int, int, str]


@dataclass(slots=True)
class _Draft:
    """A quote being assembled: content span, cue and source as found in the sentence."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    source: Token | None = None
    via: str | None = None
    inherited: _Draft | None = None
    speaker: tuple[int, int, str] | None = None


class _Context:
    """Lookups over one document shared by the steps below."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.sent_starts = [s.start_char for s in doc.sents]
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


def extract_quotes(doc: Doc, report_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and indirect quotes in ``doc`` in text order, ids ``{report_id}:q{index}``."""
    ctx = _Context(doc, mentions)
    spans = find_quote_spans(doc.text)
    directs = _direct_drafts(ctx, spans)
    ctx.set_direct([s for s, _ in directs])
    drafts = [d for _, d in directs if d is not None]
    drafts += _indirect_drafts(ctx, drafts)
    drafts.sort(key=lambda d: (d.start, d.end))
    _continue_speakers(ctx, drafts)
    _resolve_speakers(ctx, drafts)
    return _to_quotes(doc, report_id, drafts)


# --- direct quotes -------------------------------------------------------------------------


def _direct_drafts(ctx: _Context, spans: list[QuoteSpan]) -> list[tuple[QuoteSpan, _Draft | None]]:
    out: list[tuple[QuoteSpan, _Draft | None]] = []
    for span in spans:
        inner = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        if inner is None or not any(t.is_alpha or t.is_digit for t in inner):
            out.append((span, None))
            continue
        if _is_term(inner):
            out.append((span, None))
            continue
        draft = _Draft(span.start, span.end, "direct")
        cue = _governing_cue(inner) or _frame_cue(ctx, span)
        if cue is not None:
            _attach(draft, cue)
        else:
            _colon_source(ctx, draft, span)
        out.append((span, draft))
    return out


def _outside_heads(inner: Span) -> list[Token]:
    """Tokens inside the quote whose head lies outside it: the quote's roots."""
    return [t for t in inner if not inner.start <= t.head.i < inner.end]


def _is_term(inner: Span) -> bool:
    """A short quoted phrase used as a modifier of a noun: a term or a title, not speech."""
    words = sum(1 for t in inner if not t.is_punct)
    if words > TERM_MAX_WORDS:
        return False
    roots = _outside_heads(inner)
    return bool(roots) and all(
        t.head.pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "amod", "nmod", "poss")
        for t in roots
    )


def _governing_cue(inner: Span) -> Token | None:
    """The nearest cue among the ancestors of the quote's roots ('X said "...", ...')."""
    for root in _outside_heads(inner):
        token = root.head
        for _ in range(6):
            if not inner.start <= token.i < inner.end and attr.is_cue(token):
                return token
            if token.head.i == token.i:
                break
            token = token.head
    return None


def _frame_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    """A cue in the words right after the closing mark, else right before the opening one."""
    doc = ctx.doc
    if span.close_at >= 0:
        after = doc.char_span(span.close_at, span.close_at + 1, alignment_mode="expand")
        if after is not None:
            sent_end = after.sent.end
            for token in doc[after.end : min(sent_end, after.end + FRAME_MAX_TOKENS)]:
                if _is_open_mark(token):
                    break
                if attr.is_cue(token) and not ctx.in_direct(token.idx):
                    return token
    if span.open_at >= 0:
        before = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
        if before is not None:
            sent_start = before.sent.start
            for i in range(before.start - 1, max(sent_start, before.start - FRAME_MAX_TOKENS) - 1, -1):
                token = doc[i]
                if _is_close_mark(token) or ctx.in_direct(token.idx):
                    break
                if attr.is_cue(token):
                    return token
    return None


def _is_open_mark(token: Token) -> bool:
    return token.text in ("“", "„", "«", "``") or (token.text == '"' and token.whitespace_ == "")


def _is_close_mark(token: Token) -> bool:
    return token.text in ("”", "»", "''")


def _colon_source(ctx: _Context, draft: _Draft, span: QuoteSpan) -> None:
    """'NAME: "..."' (headline and transcript style): the name before the colon speaks."""
    if span.open_at < 0:
        return
    doc = ctx.doc
    before = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
    if before is None or before.start < 2 or doc[before.start - 1].text != ":":
        return
    colon = before.start - 1
    sent_start = before.sent.start
    if colon - sent_start > 6:
        return
    head = _phrase_head(doc[sent_start:colon])
    if head is not None:
        draft.cue, draft.source = ":", head


def _phrase_head(span: Span) -> Token | None:
    nouns = [t for t in span if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns:
        return None
    return span.root if span.root.pos_ in ("PROPN", "NOUN", "PRON") else nouns[-1]


def _attach(draft: _Draft, cue: Token) -> None:
    draft.cue = _cue_text(cue)
    draft.source = attr.source_of(cue)
    via = attr.via_of(cue, draft.source)
    if via is not None:
        start, end = attr.channel_bounds(via)
        doc = via.doc
        draft.via = doc.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]


def _cue_text(cue: Token) -> str:
    if attr.is_according(cue):
        return "according to"
    quoted = attr.quote_as_verb(cue)
    if quoted is not None:
        return f"{quoted.text} as {cue.text}"
    if attr.is_quote_as(cue):
        complement = attr.quote_as_complement(cue)
        return f"{cue.text} as {complement.text if complement is not None else ''}".strip()
    particles = [c.text for c in cue.children if c.dep_ == "prt" and c.i == cue.i + 1]
    return " ".join([cue.text, *particles])


# --- indirect quotes -----------------------------------------------------------------------


def _indirect_drafts(ctx: _Context, directs: list[_Draft]) -> list[_Draft]:
    doc = ctx.doc
    drafts: list[_Draft] = []
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
        draft = _Draft(start, end, "indirect")
        _attach(draft, cue)
        if draft.source is None or bounds[0] <= draft.source.i < bounds[1]:
            continue
        drafts.append(draft)
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
    if attr.trails_as_channel(cue) or (
        cue.lemma_ in REPORTING_VERBS
        and any(
            c.dep_ == "ccomp" and _speaks(c) and not attr.trails_as_channel(c)
            for c in cue.children
        )
    ):
        # "X said ..., the agency reported" / "the agency reported X said ...": the agency is
        # the channel of X's words, not a second source.
        return None
    return attr.content_bounds(cue)


def _speaks(token: Token) -> bool:
    """A cue verb with a source of its own."""
    return attr.is_cue(token) and attr.source_of(token) is not None


def _lend_cue(directs: list[_Draft], start: int, end: int, cue: Token) -> None:
    """A direct quote lying inside this cue's content and lacking a cue gets this one."""
    for draft in directs:
        if draft.cue is None and start <= draft.start and draft.end <= end + 2:
            _attach(draft, cue)


# --- speakers ------------------------------------------------------------------------------


def _continue_speakers(ctx: _Context, drafts: list[_Draft]) -> None:
    """A cue-less direct quote opening a sentence goes on with the previous speaker."""
    last: _Draft | None = None
    for draft in drafts:
        if draft.kind == "direct" and draft.cue is None and last is not None:
            gap = ctx.sent_index(draft.start) - ctx.sent_index(last.end)
            if gap <= CONTINUATION_MAX_SENTENCES and _opens_sentence(ctx, draft):
                draft.inherited = last.inherited or last
        if draft.source is not None or draft.inherited is not None:
            last = draft


def _opens_sentence(ctx: _Context, draft: _Draft) -> bool:
    sent = ctx.sent_index(draft.start)
    prefix = ctx.doc.text[ctx.sent_starts[sent] : draft.start]
    return all(not ch.isalnum() for ch in prefix)


def _resolve_speakers(ctx: _Context, drafts: list[_Draft]) -> None:
    candidates: list[_Candidate] = [
        (m.end, 2, m.start, m.text) for m in ctx.mentions if m.type == "PERSON"
    ]
    for draft in drafts:
        if draft.inherited is not None or draft.source is None:
            continue
        draft.speaker = _speaker_of(ctx, draft.source, candidates)
        if draft.speaker is not None and not _is_pronoun(draft.source):
            start, end, text = draft.speaker
            candidates.append((end, 1, start, text))
    for draft in drafts:
        if draft.inherited is not None:
            draft.speaker = draft.inherited.speaker


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON"


def _speaker_of(
    ctx: _Context, source: Token, candidates: list[_Candidate]
) -> tuple[int, int, str] | None:
    doc = ctx.doc
    if _is_pronoun(source):
        if source.lower_ in PERSON_PRONOUNS:
            found = _antecedent(ctx, source, candidates)
            if found is not None:
                return found
        return (source.idx, source.idx + len(source), source.text)
    mention = ctx.mention_at(source.idx)
    if mention is None:
        mention = _appositive_person(ctx, source)
    if mention is not None:
        return (mention.start, mention.end, mention.text)
    s, e = _source_chars(source)
    return (s, e, doc.text[s:e])


def _appositive_person(ctx: _Context, source: Token) -> Mention | None:
    """'Iran's defense minister, NAME, said': the name in apposition speaks."""
    for child in source.children:
        if child.dep_ == "appos":
            mention = ctx.mention_at(child.idx)
            if mention is not None and mention.type == "PERSON":
                return mention
    return None


def _antecedent(
    ctx: _Context, pronoun: Token, candidates: list[_Candidate]
) -> tuple[int, int, str] | None:
    """The latest earlier speaker (tier 1) or person mention (tier 2) within the window."""
    here = ctx.sent_index(pronoun.idx)
    best: dict[int, _Candidate] = {}
    for cand in candidates:
        end, tier, start, text = cand
        if end > pronoun.idx or here - ctx.sent_index(start) > PRONOUN_WINDOW_SENTENCES:
            continue
        if tier == 1 and not _person_like(ctx, start, text):
            continue
        if tier not in best or end > best[tier][0]:
            best[tier] = cand
    for tier in (1, 2):
        if tier in best:
            _, _, start, text = best[tier]
            return (start, best[tier][0], text)
    return None


def _person_like(ctx: _Context, start: int, text: str) -> bool:
    """A person mention, a name the model did not tag, or a phrase headed by a person noun."""
    mention = ctx.mention_at(start)
    if mention is not None:
        return mention.type == "PERSON"
    words = text.split()
    if not words:
        return False
    if all(w[:1].isupper() for w in words):
        return True
    last = words[-1].lower()
    return last in PERSON_NOUNS or last.rstrip("s") in PERSON_NOUNS


def _to_quotes(doc: Doc, report_id: str, drafts: list[_Draft]) -> list[Quote]:
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for draft in drafts:
        if (draft.start, draft.end) in seen:
            continue
        seen.add((draft.start, draft.end))
        origin = draft.inherited or draft
        source = origin.source
        source_span = _source_chars(source) if source is not None else (-1, -1)
        speaker = draft.speaker
        quotes.append(
            Quote(
                id=f"{report_id}:q{len(quotes)}",
                report_id=report_id,
                start=draft.start,
                end=draft.end,
                text=doc.text[draft.start : draft.end],
                kind=draft.kind,
                cue=origin.cue,
                speaker_text=speaker[2] if speaker else None,
                speaker_start=speaker[0] if speaker else -1,
                speaker_end=speaker[1] if speaker else -1,
                via=origin.via,
                source_start=source_span[0],
                source_end=source_span[1],
            )
        )
    return quotes


def _source_chars(source: Token) -> tuple[int, int]:
    """Character span of the source phrase as written."""
    doc = source.doc
    start, end = attr.phrase_bounds(source)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
