"""Speakers of quotes: the mention a source names, the describing noun phrase when no name
is given, the nearest earlier person for "he"/"she", the nearest earlier group for "they",
and the previous speaker for a cue-less quote that opens a sentence (a quote running on over
sentences or paragraphs).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsprism.analyze import attribution as attr
from newsprism.analyze.cues import PERSON_NOUNS, PERSON_PRONOUNS
from newsprism.analyze.place_evidence import ORG_NOUNS
from newsprism.analyze.quote_draft import Candidate, Draft, QuoteContext, source_chars
from newsprism.types import Mention

# A quote with no cue that starts a sentence continues the speaker of an attribution at most
# this many sentences earlier (a multi-sentence or multi-paragraph quote).
CONTINUATION_MAX_SENTENCES = 3
# "he"/"she" refer to a person named at most this many sentences earlier.
PRONOUN_WINDOW_SENTENCES = 4
# Pronouns of a speaking group: the subject of an earlier clause that is people ("officials",
# "Smith and Jones") or an organisation. "we" is left as written: as a source outside a
# quote it is the writer or the outlet, not a group named before.
PLURAL_PRONOUNS = frozenset({"they"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_GROUP_MENTIONS = frozenset({"ORG", "NORP"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def continue_speakers(ctx: QuoteContext, drafts: list[Draft]) -> None:
    """A cue-less direct quote opening a sentence goes on with the previous speaker."""
    last: Draft | None = None
    for draft in drafts:
        if draft.kind == "direct" and draft.cue is None and last is not None:
            gap = ctx.sent_index(draft.start) - ctx.sent_index(last.end)
            if gap <= CONTINUATION_MAX_SENTENCES and _opens_sentence(ctx, draft):
                draft.inherited = last.inherited or last
        if draft.source is not None or draft.inherited is not None:
            last = draft


def _opens_sentence(ctx: QuoteContext, draft: Draft) -> bool:
    sent = ctx.sent_index(draft.start)
    prefix = ctx.text[ctx.sent_starts[sent] : draft.start]
    return all(not ch.isalnum() for ch in prefix)


def resolve_speakers(ctx: QuoteContext, drafts: list[Draft]) -> None:
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


def _mention_candidates(ctx: QuoteContext) -> list[Candidate]:
    """Person mentions as antecedents: subjects of their clause rank above other mentions."""
    out: list[Candidate] = []
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
    ctx: QuoteContext, source: Token, candidates: list[Candidate]
) -> tuple[int, int, str] | None:
    antecedent = attr.relative_antecedent(source)
    if antecedent is not None:
        source = antecedent  # "X, who said ...": the speaker is X
    if _is_pronoun(source):
        found = None
        if source.lower_ in PERSON_PRONOUNS:
            found = _antecedent(ctx, source, candidates)
        elif source.lower_ in PLURAL_PRONOUNS:
            found = _group_antecedent(ctx, source)
        if found is not None:
            return found
        return (source.idx, source.idx + len(source), source.text)
    mention = ctx.mention_at(source.idx)
    if mention is None:
        mention = _appositive_person(ctx, source)
    if mention is not None:
        return (mention.start, mention.end, mention.text)
    s, e = source_chars(source)
    return (s, e, ctx.text[s:e])


def _appositive_person(ctx: QuoteContext, source: Token) -> Mention | None:
    """'Iran's defense minister, NAME, said': the name in apposition speaks."""
    for child in source.children:
        if child.dep_ == "appos":
            mention = ctx.mention_at(child.idx)
            if mention is not None and mention.type == "PERSON":
                return mention
    return None


def _antecedent(
    ctx: QuoteContext, pronoun: Token, candidates: list[Candidate]
) -> tuple[int, int, str] | None:
    """The latest earlier speaker, else subject person, else person mention in the window."""
    here = ctx.sent_index(pronoun.idx)
    best: dict[int, Candidate] = {}
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


def _person_like(ctx: QuoteContext, start: int, text: str) -> bool:
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


def _group_antecedent(ctx: QuoteContext, pronoun: Token) -> tuple[int, int, str] | None:
    """The nearest earlier subject in the plural or naming a group, in the pronoun's window,
    when nothing else could be meant: None when that subject is not recognizably people or an
    organisation ("prices rose"), when its sentence has another group as a subject ("nurses
    protested while doctors waited"), or when other people in the plural are named between it
    and the pronoun ("X interviewed crew members. They described ...")."""
    here = ctx.sent_index(pronoun.idx)
    others = False
    for sent in range(here, max(-1, here - PRONOUN_WINDOW_SENTENCES - 1), -1):
        end = pronoun.idx if sent == here else ctx.sent_starts[sent + 1]
        span = ctx.doc.char_span(ctx.sent_starts[sent], end, alignment_mode="expand")
        if span is None:
            continue
        tokens = [t for t in span if t.i < pronoun.i and t.pos_ != "PRON"
                  and not ctx.in_direct(t.idx)]
        # subjects of reported content ("X say changes are needed") are what was said
        subjects = [t for t in tokens if t.dep_ in _SUBJECT_DEPS and t.head.dep_ != "ccomp"
                    and (t.tag_ in _PLURAL_TAGS or _group_like(ctx, t))]
        if subjects:
            nearest = subjects[-1]
            groups = [t for t in subjects if _group_like(ctx, t)]
            if nearest not in groups:
                return None  # the nearest plural subject is not known to be people
            if len(groups) > 1 or others or any(
                    _plural_people(ctx, t) for t in tokens if t.i > nearest.right_edge.i):
                return None
            return _group_chars(ctx, nearest)
        others = others or any(_plural_people(ctx, t) for t in tokens)
    return None


def _plural_people(ctx: QuoteContext, token: Token) -> bool:
    return token.tag_ in _PLURAL_TAGS and _group_like(ctx, token)


def _group_like(ctx: QuoteContext, token: Token) -> bool:
    """People in the plural, coordinated people, or an organisation."""
    if token.pos_ == "PRON":
        return False
    mention = ctx.mention_at(token.idx)
    if mention is not None and mention.type in _GROUP_MENTIONS:
        return True
    if any(c.dep_ == "conj" for c in token.children) and (
            (mention is not None and mention.type == "PERSON")
            or token.lemma_.lower() in PERSON_NOUNS):
        return True  # "Smith and Jones", "the minister and his aides"
    lemma = token.lemma_.lower()
    if token.tag_ in _PLURAL_TAGS:
        return lemma in PERSON_NOUNS or token.lower_ in PERSON_NOUNS
    return lemma in ORG_NOUNS  # "the ministry", "the union"


def _group_chars(ctx: QuoteContext, token: Token) -> tuple[int, int, str]:
    """An organisation's name as its mention; people as their noun phrase."""
    mention = ctx.mention_at(token.idx)
    if mention is not None and mention.type in _GROUP_MENTIONS and not any(
            c.dep_ == "conj" for c in token.children):
        return (mention.start, mention.end, mention.text)
    s, e = source_chars(token)
    return (s, e, ctx.text[s:e])
