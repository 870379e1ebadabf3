"""Direct quotes: quotation-mark spans tied to their cue, source and channel.

Each span from ``quotemarks`` is tied to a cue verb that governs it in the parse, or that
stands in the sentence right after or right before it; failing that, a signature
('"..." — Name') or a colon before the quote ('NAME: "..."') names the source. Short quoted
phrases that modify a noun are terms or titles, not speech.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.cues import PERSON_NOUNS
from newsprism.analyze.quote_draft import Draft, QuoteContext, attach, colon_source
from newsprism.analyze.quotemarks import QuoteSpan

# How far a cue may stand from the quote it introduces (tokens outside the marks). News
# frames are short ("..., the minister told reporters on Tuesday"); calibrated on PolNeAR
# train: longer windows attached cues of the next clause.
FRAME_MAX_TOKENS = 12
# A name signing a quote ('"..." — Jane Doe') has at most this many tokens.
SIGNATURE_MAX_TOKENS = 6
_DASHES = frozenset({"—", "―", "–", "-", "--"})
# A sentence after a quote this short is the quote's frame split off by the sentence splitter.
FRAME_SENTENCE_MAX_TOKENS = 8
# A quoted phrase of at most this many words that modifies a noun is a term or title
# (the "open door" policy), not speech.
TERM_MAX_WORDS = 6


def direct_drafts(
    ctx: QuoteContext, spans: list[QuoteSpan]
) -> list[tuple[QuoteSpan, Draft | None]]:
    """Each quote-mark span with its draft, or None where the span is not speech."""
    out: list[tuple[QuoteSpan, Draft | None]] = []
    for span in spans:
        inner = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        if inner is None or not any(t.is_alpha or t.is_digit for t in inner):
            out.append((span, None))
            continue
        governing = _governing_cue(inner)
        if governing is None and _is_term(inner):
            out.append((span, None))
            continue
        draft = Draft(span.start, span.end, "direct")
        cue = governing or _frame_cue(ctx, span)
        signed = _signature(ctx, span) if cue is None else None
        if signed is not None:
            draft.cue, draft.cue_span, draft.source = signed
        elif cue is not None:
            attach(draft, cue)
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


def _frame_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    """A cue in the words right after the closing mark, else right before the opening one."""
    return _trailing_cue(ctx, span) or _leading_cue(ctx, span)


def _trailing_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
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
    ctx: QuoteContext, span: QuoteSpan
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


def _leading_cue(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
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


def _frame_subject(ctx: QuoteContext, span: QuoteSpan, cue: Token) -> Token | None:
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


def _colon_source(ctx: QuoteContext, draft: Draft, span: QuoteSpan) -> None:
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
            attach(draft, cue)


def _last_cue(sent: Span) -> Token | None:
    """The last cue of a sentence, else its main verb if that has a subject."""
    for token in reversed(sent):
        if attr.is_cue(token):
            return token
    root = sent.root
    return root if root.pos_ == "VERB" and attr.source_of(root) is not None else None
