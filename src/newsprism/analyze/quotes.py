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
from newsprism.analyze.nlp import doc_text, sentence_starts
from newsprism.analyze.quotemarks import QuoteSpan, find_quote_spans
from newsprism.types import Mention, Quote, QuoteKind

# How far a cue may stand from the quote it introduces (tokens outside the marks). News
# frames are short ("..., the minister told reporters on Tuesday"); calibrated on PolNeAR
# train: longer windows attached cues of the next clause.
FRAME_MAX_TOKENS = 12
# A name signing a quote ('"..." — Jane Doe') has at most this many tokens.
SIGNATURE_MAX_TOKENS = 6
_DASHES = frozenset({"—", "―", "–", "-", "--"})
# A sentence after a quote this short is the quote's frame split off by the sentence splitter.
FRAME_SENTENCE_MAX_TOKENS = 8
# A quote with no cue that starts a sentence continues the speaker of an attribution at most
# this many sentences earlier (a multi-sentence or multi-paragraph quote).
CONTINUATION_MAX_SENTENCES = 3
# "he"/"she" refer to a person named at most this many sentences earlier.
PRONOUN_WINDOW_SENTENCES = 4
# A quoted phrase of at most this many words that modifies a noun is a term or title
# (the "open door" policy), not speech.
TERM_MAX_WORDS = 6
# A name before a colon ("Senator Smith: ...") has at most this many tokens.
COLON_SOURCE_MAX_TOKENS = 7
# A direct quote with no speaker and fewer words than this is a scare quote or a term.
MIN_UNATTRIBUTED_WORDS = 5
# An indirect content this much inside a direct quote is that quote, not a second one.
DIRECT_COVERS_CONTENT = 0.6


# A possible antecedent of "he"/"she": (position referred at, tier, start, end, text); tier 1 =
# an earlier speaker, 2 = a person mention that is a subject, 3 = any other person mention.
_Candidate = tuple[int, int, int, int, str]


@dataclass(slots=True)
class _Draft:
    """A quote being assembled: content span, cue and source as found in the sentence."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_span: tuple[int, int] = (-1, -1)
    source: Token | None = None
    via: str | None = None
    inherited: _Draft | None = None
    speaker: tuple[int, int, str] | None = None


class _Context:
    """Lookups over one document shared by the steps below."""

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


def extract_quotes(doc: Doc, report_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and indirect quotes in ``doc`` in text order, ids ``{report_id}:q{index}``."""
    ctx = _Context(doc, mentions)
    spans = find_quote_spans(ctx.text)
    directs = _direct_drafts(ctx, spans)
    ctx.set_direct([s for s, _ in directs])
    drafts = [d for _, d in directs if d is not None]
    drafts += _indirect_drafts(ctx, drafts)
    drafts += _colon_drafts(ctx)
    drafts.sort(key=lambda d: (d.start, d.end))
    _continue_speakers(ctx, drafts)
    _resolve_speakers(ctx, drafts)
    return _to_quotes(ctx.text, report_id, drafts)


# --- direct quotes -------------------------------------------------------------------------


def _direct_drafts(ctx: _Context, spans: list[QuoteSpan]) -> list[tuple[QuoteSpan, _Draft | None]]:
    out: list[tuple[QuoteSpan, _Draft | None]] = []
    for span in spans:
        inner = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        if inner is None or not any(t.is_alpha or t.is_digit for t in inner):
            out.append((span, None))
            continue
        governing = _governing_cue(inner)
        if governing is None and _is_term(inner):
            out.append((span, None))
            continue
        draft = _Draft(span.start, span.end, "direct")
        cue = governing or _frame_cue(ctx, span)
        signed = _signature(ctx, span) if cue is None else None
        if signed is not None:
            draft.cue, draft.cue_span, draft.source = signed
        elif cue is not None:
            _attach(draft, cue)
            if draft.source is None:
                draft.source = _frame_subject(ctx, span, cue)
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
    return _trailing_cue(ctx, span) or _leading_cue(ctx, span)


def _trailing_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    doc = ctx.doc
    if span.close_at < 0:
        return None
    mark = doc.char_span(span.close_at, span.close_at + 1, alignment_mode="expand")
    if mark is None or mark.end >= len(doc):
        return None
    first = doc[mark.end]
    if first.is_space or (first.is_sent_start and not _frame_sentence(first)):
        return None
    for token in doc[first.i : min(first.sent.end, first.i + FRAME_MAX_TOKENS)]:
        if _is_open_mark(token):
            break
        if attr.is_cue(token) and not ctx.in_direct(token.idx):
            return token
    return None


def _signature(
    ctx: _Context, span: QuoteSpan
) -> tuple[str, tuple[int, int], Token] | None:
    """'"..." — Name' closing a paragraph (testimonials, epigraphs): the name speaks."""
    if span.close_at < 0:
        return None
    doc = ctx.doc
    mark = doc.char_span(span.close_at, span.close_at + 1, alignment_mode="expand")
    if mark is None or mark.end + 1 >= len(doc):
        return None
    dash = doc[mark.end]
    if dash.text not in _DASHES:
        return None
    end = dash.i + 1
    while end < len(doc) and not doc[end].is_space and "\n" not in doc[end - 1].whitespace_:
        end += 1
    name = doc[dash.i + 1 : end]
    if not 0 < len(name) <= SIGNATURE_MAX_TOKENS:
        return None
    if not any(t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" for t in name):
        return None
    return dash.text, (dash.idx, dash.idx + len(dash)), name.root


def _frame_sentence(first: Token) -> bool:
    """A 'sentence' split off after a quote that ends in '!' or '?' ('"... a pathetic
    figure!" he wrote.'): lower-case start or short enough to be just the frame."""
    return first.is_lower or len(first.sent) <= FRAME_SENTENCE_MAX_TOKENS


def _leading_cue(ctx: _Context, span: QuoteSpan) -> Token | None:
    doc = ctx.doc
    if span.open_at < 0:
        return None
    mark = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
    if mark is None:
        return None
    stop = max(mark.sent.start, mark.start - FRAME_MAX_TOKENS)
    for i in range(mark.start - 1, stop - 1, -1):
        token = doc[i]
        if _is_close_mark(token) or ctx.in_direct(token.idx):
            break
        if attr.is_cue(token):
            return token
    return None


def _frame_subject(ctx: _Context, span: QuoteSpan, cue: Token) -> Token | None:
    """Repair for a cue the parser left without a subject ('"...," Delegate X, wearing a
    hat, said'): the first person named between the quote and its cue."""
    doc = ctx.doc
    if span.close_at >= 0 and cue.idx > span.close_at:
        first = doc.char_span(span.close_at, span.close_at + 1, alignment_mode="expand")
        window = doc[first.end : cue.i] if first is not None else doc[cue.i : cue.i]
    else:
        window = doc[cue.sent.start : cue.i]
    for token in window:
        mention = ctx.mention_at(token.idx)
        if mention is not None and mention.type in ("PERSON", "ORG", "NORP"):
            named = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            return named.root if named is not None else token
        if token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_NOUNS:
            return token
    return None


def _is_open_mark(token: Token) -> bool:
    if token.text == '"':
        return token.whitespace_ == ""  # a straight mark glued to the next word opens
    return token.text in ("“", "„", "«", "``")


def _is_close_mark(token: Token) -> bool:
    return token.text in ("”", "»", "''")


def _colon_source(ctx: _Context, draft: _Draft, span: QuoteSpan) -> None:
    """'NAME: "..."' (headline and transcript style), or a paragraph ending in a colon
    ("X released the following statement:") followed by a paragraph that is the quote."""
    if span.open_at < 0:
        return
    doc = ctx.doc
    before = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
    if before is None or before.start == 0:
        return
    previous = doc[before.start - 1]
    if previous.is_space and before.start > 1:
        previous = doc[before.start - 2]
    if previous.text != ":":
        return
    source = colon_source(previous)
    if source is not None:
        draft.cue, draft.source = ":", source
        draft.cue_span = (previous.idx, previous.idx + 1)
        return
    if "\n" in ctx.text[previous.idx : span.open_at]:
        cue = _last_cue(previous.sent)
        if cue is not None:
            _attach(draft, cue)


def _last_cue(sent: Span) -> Token | None:
    """The last cue of a sentence, else its main verb if that has a subject."""
    for token in reversed(sent):
        if attr.is_cue(token):
            return token
    root = sent.root
    return root if root.pos_ == "VERB" and attr.source_of(root) is not None else None


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


def _attach(draft: _Draft, cue: Token) -> None:
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


def _colon_drafts(ctx: _Context) -> list[_Draft]:
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
            drafts.append(_Draft(start, end, "indirect", ":", cue_span, source))
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
    prefix = ctx.text[ctx.sent_starts[sent] : draft.start]
    return all(not ch.isalnum() for ch in prefix)


def _resolve_speakers(ctx: _Context, drafts: list[_Draft]) -> None:
    """Speakers in the order their sources appear, so that "he" can take the person an
    earlier quote was attributed to (itself possibly through a pronoun)."""
    candidates = _mention_candidates(ctx)
    sourced = sorted((d for d in drafts if d.inherited is None and d.source is not None),
                     key=lambda d: d.source.i if d.source is not None else -1)
    for draft in sourced:
        assert draft.source is not None
        draft.speaker = _speaker_of(ctx, draft.source, candidates)
        if draft.speaker is not None:
            start, end, text = draft.speaker
            at = draft.source.idx + len(draft.source)
            candidates.append((max(at, end), 1, start, end, text))
    for draft in drafts:
        if draft.inherited is not None:
            draft.speaker = draft.inherited.speaker


def _mention_candidates(ctx: _Context) -> list[_Candidate]:
    """Person mentions as antecedents: subjects of their clause rank above other mentions."""
    out: list[_Candidate] = []
    for m in ctx.mentions:
        if m.type != "PERSON":
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
        out.append((m.end, 2 if subject else 3, m.start, m.end, m.text))
    return out


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON"


def _speaker_of(
    ctx: _Context, source: Token, candidates: list[_Candidate]
) -> tuple[int, int, str] | None:
    antecedent = attr.relative_antecedent(source)
    if antecedent is not None:
        source = antecedent  # "X, who said ...": the speaker is X
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
    return (s, e, ctx.text[s:e])


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
    """The latest earlier speaker, else subject person, else person mention in the window."""
    here = ctx.sent_index(pronoun.idx)
    best: dict[int, _Candidate] = {}
    for cand in candidates:
        at, tier, start, _end, text = cand
        if at > pronoun.idx or here - ctx.sent_index(at - 1) > PRONOUN_WINDOW_SENTENCES:
            continue
        if tier == 1 and not _person_like(ctx, start, text):
            continue
        if tier not in best or at > best[tier][0]:
            best[tier] = cand
    for tier in (1, 2, 3):
        if tier in best:
            _, _, start, end, text = best[tier]
            return (start, end, text)
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


def _to_quotes(text: str, report_id: str, drafts: list[_Draft]) -> list[Quote]:
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for draft in drafts:
        if (draft.start, draft.end) in seen:
            continue
        if draft.speaker is None and len(text[draft.start : draft.end].split()) < (
            MIN_UNATTRIBUTED_WORDS
        ):
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
                text=text[draft.start : draft.end],
                kind=draft.kind,
                cue=origin.cue,
                speaker_text=speaker[2] if speaker else None,
                speaker_start=speaker[0] if speaker else -1,
                speaker_end=speaker[1] if speaker else -1,
                via=origin.via,
                source_start=source_span[0],
                source_end=source_span[1],
                cue_start=origin.cue_span[0],
                cue_end=origin.cue_span[1],
            )
        )
    return quotes


def _source_chars(source: Token) -> tuple[int, int]:
    """Character span of the source phrase as written."""
    doc = source.doc
    start, end = attr.phrase_bounds(source)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
