"""Claim units: the sentences of a report that state something checkable, with the stance
the report takes towards each.

A sentence is a claim unit when it quotes someone, carries a number or a date, or names an
entity in a clause with a verb. Questions, headline fragments and site furniture are not.
The stance says how the report presents the claim:

    denied      a denial verb or a negated main verb ("X denied ...", "no evidence")
    hedged      distancing words ("reportedly", "is believed to", "may", "X claimed")
    quoted      mostly a direct quote
    attributed  given as someone's words ("according to X", "X said that ...")
    asserted    stated in the report's own voice

Everything is computed from the parse and the other extractors' spans: one pass over the
sentences, each looked at once.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import numpy as np
from spacy.attrs import IS_ALPHA, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.cues import (
    BOILERPLATE_LINES,
    DENIAL_ADJECTIVES,
    DENIAL_NOUNS,
    DENIAL_VERBS,
    HEDGE_ADVERBS,
    HEDGE_CUES,
    HEDGE_MODALS,
    HEDGE_RAISING,
    HEDGE_SEEM,
    VAGUE_SOURCES,
)
from newsprism.analyze.nlp import doc_text
from newsprism.types import ClaimUnit, Mention, NumberExpr, Quote, Stance, TimeExpr

# A sentence is "quoted" when at least this share of its characters lies in direct quotes.
QUOTED_SHARE = 0.5
# Fewer words than this is a fragment (a caption, a label), not a claim.
MIN_CLAIM_WORDS = 4
# A line without final punctuation whose words are capitalized at least this much is a
# headline; headlines repeat the body's claims in a clipped form.
HEADLINE_CAPITALIZED_SHARE = 0.6
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP"})
# Words whose presence makes a token worth a closer look for hedges, denials, 'according'.
_TRIGGER_HASHES = np.array(
    sorted(
        attr.hash_string(w)
        for w in HEDGE_ADVERBS | HEDGE_MODALS | HEDGE_RAISING | HEDGE_SEEM | HEDGE_CUES
        | VAGUE_SOURCES | DENIAL_VERBS | DENIAL_ADJECTIVES | {"no", "according"}
    ),
    dtype=np.uint64,
)
_FINAL = (".", "!", "”", '"', "'", "’", ")", "…", ":")


class _ByStart:
    """Records sorted by start, for the ones inside a character range."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out


def extract_claims(
    doc: Doc,
    report_id: str,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    numbers: Sequence[NumberExpr],
    times: Sequence[TimeExpr],
) -> list[ClaimUnit]:
    """Claim units of ``doc`` in text order, ids ``{report_id}:c{index}``."""
    by_mention, by_number, by_time = _ByStart(mentions), _ByStart(numbers), _ByStart(times)
    ordered_quotes = sorted(quotes, key=lambda q: q.start)
    index = _TokenIndex(doc)
    full = doc_text(doc)
    claims: list[ClaimUnit] = []
    for sent in doc.sents:
        start, end = _trimmed(full, sent.start_char, sent.end_char)
        if end <= start:
            continue
        text = full[start:end]
        overlapping = [q for q in ordered_quotes if q.start < end and start < q.end]
        sent_mentions = by_mention.within(start, end)
        sent_numbers = by_number.within(start, end)
        sent_times = by_time.within(start, end)
        if not sent_mentions and not sent_numbers and not sent_times and not overlapping:
            continue
        if not _checkable(sent, text, index):
            continue
        triggers = index.triggers(sent)
        direct = [q for q in overlapping if q.kind == "direct"]
        hedges = _hedges(triggers, direct, overlapping)
        stance = _stance(sent, triggers, start, end, overlapping, direct, hedges)
        claims.append(
            ClaimUnit(
                id=f"{report_id}:c{len(claims)}",
                report_id=report_id,
                start=start,
                end=end,
                text=text,
                stance=stance,
                attribution=_attribution(triggers, overlapping),
                hedges=tuple(hedges),
                values=_values(sent_mentions, sent_numbers, sent_times),
            )
        )
    return claims


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _TokenIndex:
    """Per-document token counts and the few tokens that can signal a hedge, a denial or an
    'according to', found in one vectorized pass so that sentences are not re-scanned."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        if len(doc) == 0:
            self.alpha = self.verbs = np.zeros(1, dtype=np.int64)
            self.trigger_ids: list[int] = []
            return
        table = doc.to_array([LOWER, LEMMA, POS, IS_ALPHA])
        lower, lemma, pos = table[:, 0], table[:, 1], table[:, 2]
        self.alpha = np.concatenate(([0], np.cumsum(table[:, 3].astype(np.int64))))
        verbs = (pos == POS_IDS["VERB"]) | (pos == POS_IDS["AUX"])
        self.verbs = np.concatenate(([0], np.cumsum(verbs.astype(np.int64))))
        hit = np.isin(lower, _TRIGGER_HASHES) | np.isin(lemma, _TRIGGER_HASHES)
        self.trigger_ids = [int(i) for i in np.flatnonzero(hit)]

    def count_alpha(self, sent: Span) -> int:
        return int(self.alpha[sent.end] - self.alpha[sent.start])

    def has_verb(self, sent: Span) -> bool:
        return bool(self.verbs[sent.end] > self.verbs[sent.start])

    def triggers(self, sent: Span) -> list[Token]:
        lo = bisect.bisect_left(self.trigger_ids, sent.start)
        hi = bisect.bisect_left(self.trigger_ids, sent.end)
        return [self.doc[i] for i in self.trigger_ids[lo:hi]] + [sent.root]


def _checkable(sent: Span, text: str, index: _TokenIndex) -> bool:
    """Not a question, site furniture, fragment or headline; has a verb. (The caller has
    checked that the sentence quotes, counts, dates or names something.)"""
    if text.rstrip("”\"'’ ").endswith("?") or _is_furniture(text):
        return False
    if index.count_alpha(sent) < MIN_CLAIM_WORDS or not index.has_verb(sent):
        return False
    return not _is_headline(sent, text)


def _is_furniture(text: str) -> bool:
    line = text.strip().lower().rstrip(".:!")
    return line in BOILERPLATE_LINES or line.startswith(("http://", "https://", "www."))


def _is_headline(sent: Span, text: str) -> bool:
    """A line with no final punctuation in title case ("Iran Seeks Closer Ties")."""
    if text.endswith(_FINAL):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if not words:
        return True
    return sum(1 for t in words if t.is_title) >= HEADLINE_CAPITALIZED_SHARE * len(words)


def _outside(token: Token, direct: Sequence[Quote]) -> bool:
    return not any(q.start <= token.idx < q.end for q in direct)


def _inside_content(token: Token, quotes: Sequence[Quote]) -> bool:
    return any(q.start <= token.idx < q.end for q in quotes)


def _hedges(triggers: list[Token], direct: Sequence[Quote], quotes: Sequence[Quote]) -> list[str]:
    """Hedging words in the report's own voice (not inside quoted or reported content)."""
    found: list[str] = []
    for token in triggers:
        if not _outside(token, direct) or _in_modifier_clause(token):
            continue
        hedge = _hedge_of(token, quotes)
        if hedge is not None:
            found.append(hedge)
    return list(dict.fromkeys(found))


def _hedge_of(token: Token, quotes: Sequence[Quote]) -> str | None:
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in HEDGE_ADVERBS:
        return token.text
    if lemma in HEDGE_MODALS and token.dep_ == "aux" and not _inside_content(token, quotes):
        return token.text
    if lemma in HEDGE_RAISING and _is_raising(token):
        return _raising_text(token)
    if lemma in HEDGE_SEEM and any(c.dep_ == "xcomp" for c in token.children):
        return token.text
    if lemma in HEDGE_CUES and attr.is_cue(token):
        return token.text
    if lower in VAGUE_SOURCES and token.dep_ in ("nsubj", "pobj") and _speech_near(token):
        return token.text
    return None


def _in_modifier_clause(token: Token) -> bool:
    """Inside a relative clause, participle or apposition: it qualifies a noun, not the
    claim ("the adviser, whose name apparently stayed secret, said ...")."""
    return any(a.dep_ in ("relcl", "acl", "appos") for a in [token, *token.ancestors])


def _is_raising(token: Token) -> bool:
    """'is believed to', 'are said to', 'is expected to': passive verb with an infinitive."""
    children = list(token.children)
    return any(c.dep_ == "auxpass" for c in children) and any(
        c.dep_ == "xcomp" for c in children
    )


def _raising_text(token: Token) -> str:
    aux = next((c for c in token.children if c.dep_ == "auxpass"), None)
    return f"{aux.text} {token.text} to" if aux is not None else token.text


def _speech_near(token: Token) -> bool:
    """'sources said', 'according to sources': the vague noun is a source of speech."""
    head = token.head
    if token.dep_ == "nsubj":
        return attr.is_cue(head)
    return head.lower_ == "to" and head.head.lower_ == "according"


def _stance(
    sent: Span,
    triggers: list[Token],
    start: int,
    end: int,
    quotes: Sequence[Quote],
    direct: Sequence[Quote],
    hedges: Sequence[str],
) -> Stance:
    if _denies(sent, triggers, direct):
        return "denied"
    if hedges:
        return "hedged"
    quoted = sum(max(0, min(end, q.end) - max(start, q.start)) for q in direct)
    if quoted >= QUOTED_SHARE * (end - start):
        return "quoted"
    if quotes or any(attr.is_according(t) for t in triggers):
        return "attributed"
    return "asserted"


def _denies(sent: Span, triggers: list[Token], direct: Sequence[Quote]) -> bool:
    for token in triggers:
        if not _outside(token, direct):
            continue
        lemma = token.lemma_.lower()
        if lemma in DENIAL_VERBS and token.pos_ == "VERB" and token.dep_ not in ("amod", "acl"):
            return True
        if token.lower_ == "no" and token.head.lemma_.lower() in DENIAL_NOUNS:
            return True
        if lemma in DENIAL_ADJECTIVES and token.dep_ in ("acomp", "attr"):
            return True
    root = sent.root
    mains = [root]
    if attr.is_cue(root):
        # "X did not buy boats, officials insist": the reported clause carries the denial
        mains += [c for c in root.children if c.dep_ == "ccomp"]
    return any(
        _outside(verb, direct) and any(c.dep_ == "neg" for c in verb.children) for verb in mains
    )


def _attribution(triggers: list[Token], quotes: Sequence[Quote]) -> tuple[str, ...]:
    """Sources from innermost to outermost: speaker, then the channel, then any
    'according to' of the sentence not already named."""
    chain: list[str] = []
    main = sorted(quotes, key=lambda q: -(q.end - q.start))
    for quote in main[:1]:
        if quote.speaker_text:
            chain.append(quote.speaker_text)
        if quote.via:
            chain.append(quote.via)
    for token in triggers:
        if attr.is_according(token):
            source = attr.source_of(token)
            if source is not None:
                bounds = attr.channel_bounds if attr.is_channel(source) else attr.phrase_bounds
                start, end = bounds(source)
                text = source.doc[start:end].text
                if not any(text in known or known in text for known in chain):
                    chain.append(text)
    return tuple(dict.fromkeys(chain))


def _values(
    mentions: Sequence[Mention], numbers: Sequence[NumberExpr], times: Sequence[TimeExpr]
) -> dict[str, Any]:
    return {
        "numbers": [
            {"text": n.text, "value": n.value, "unit": n.unit, "kind": n.kind, "low": n.low,
             "high": n.high, "qualifier": n.qualifier}
            for n in numbers
        ],
        "times": [{"text": t.text, "value": t.value, "precision": t.precision} for t in times],
        "entities": list(dict.fromkeys(m.text for m in mentions if m.type in ENTITY_TYPES)),
        "places": list(dict.fromkeys(m.text for m in mentions if m.type in PLACE_TYPES)),
    }
