"""Mentions of people, organisations, places and groups, with types checked against the
sentence and roles attached.

The statistical NER often calls an unfamiliar surname a place or an organisation. The sentence
usually says otherwise: a title before the name, the name as the one who "told" or "was quoted
as saying", a "his"/"her" that refers back to it, or the same name tagged as a person elsewhere
in the report. Each correction records which evidence made it in ``type_source``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsprism.analyze.cues import (
    COGNITION_VERBS,
    PERSON_TITLES,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from newsprism.analyze.gazetteer import known_places
from newsprism.analyze.name_filter import has_name_letters, table_row_labels, trim_figures
from newsprism.analyze.nlp import doc_text
from newsprism.analyze.place_evidence import ORG_WORDS, place_or_org_evidence
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
# Demonyms: a NORP at most this many letters longer than a one-word name, sharing its stem
# of at least _MIN_DEMONYM_STEM letters ("Eskaria"/"Eskarian", "Iran"/"Iranian"); short
# stems are left out because too many words share them.
_DEMONYM_SUFFIX = 3
_MIN_DEMONYM_STEM = 4
# Pronouns that, later in a sentence whose subject is a name, show the name is a person.
_PERSON_BACKREF = frozenset({"he", "she", "his", "himself", "herself"})


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
    spans = _name_spans(doc)
    places = _place_names(spans)
    names = _person_names(spans, places)
    mentions: list[Mention] = []
    for model_label, span in spans:
        label, source = _checked_type(span, model_label, names, places)
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


def _name_spans(doc: Doc) -> list[tuple[str, Span]]:
    """(model label, trimmed span) of the entities that are names: with an uppercase letter,
    without figures, and not the row labels of a figures table nor units counted by a figure
    (see ``name_filter``)."""
    text = doc_text(doc)
    lowercase_doc = text == text.lower()
    spans: list[tuple[str, Span]] = []
    for ent in doc.ents:  # Doc.ents builds Spans on each read: read it once
        if ent.label_ not in MENTION_TYPES:
            continue
        start, end = _trim(ent)
        end = trim_figures(doc, start, end)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1  # "Dravik, 12.5" cut before the figure
        if start < end and has_name_letters(doc[start:end].text, lowercase_doc):
            spans.append((ent.label_, doc[start:end]))
    labels = table_row_labels(spans, text)
    return [(label, span) for label, span in spans if span.start not in labels]


def _checked_type(
    span: Span, label: str, names: _PersonNames, places: _PlaceNames
) -> tuple[str, str]:
    """(type, type_source) of a mention: the model's label unless the report says otherwise."""
    if label in _CORRECTABLE and span.text not in places.all:
        evidence = _type_evidence(span, label, names)
        if evidence is not None:
            return "PERSON", evidence
    titled = span.start > 0 and is_title(span.doc[span.start - 1])
    if label == "PERSON" and not titled:
        # "Eskarian Railways" tagged PERSON; "Zarichna" tagged PERSON once, GPE elsewhere
        if any(t.lower_ in ORG_WORDS for t in span):
            return "ORG", "evidence:org-word"
        if span.text in places.labels:
            return places.labels[span.text], "evidence:place"
        own = place_or_org_evidence(span)
        if own in ("place-preposition", "place-noun"):
            # a gazetteer city or country is a GPE; a named reservoir or quarter a LOC
            known = span.text.lower() in known_places()
            return ("GPE" if known else "LOC"), "evidence:place"
        if own == "org-noun":
            return "ORG", "evidence:org-noun"
    return label, "model"


def _spread_corrections(mentions: list[Mention]) -> list[Mention]:
    """A name corrected to PERSON in one sentence is a person everywhere in the report."""
    corrected = {m.text for m in mentions if m.type == "PERSON"
                 and m.type_source.startswith("evidence:") and m.type_source not in (
                     "evidence:org-word", "evidence:place", "evidence:org-noun")}
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


def _person_names(spans: Sequence[tuple[str, Span]], places: _PlaceNames) -> _PersonNames:
    full: set[str] = set()
    parts: set[str] = set()
    for label, span in spans:
        if label != "PERSON" or span.text in places.all:
            continue  # a PERSON tag on a name that is a place elsewhere is no evidence
        full.add(span.text)
        if len(span) > 1:
            parts.add(span[0].text)
            parts.add(span[-1].text)
    return _PersonNames(frozenset(full), frozenset(parts))


@dataclass(frozen=True, slots=True)
class _PlaceNames:
    """Names the report shows to be places or organisations (``all``: never corrected to
    PERSON), and of those, the ones the model also tagged as a place or an organisation
    somewhere, with its most frequent such label (``labels``)."""

    all: frozenset[str]
    labels: dict[str, str]


def _place_names(spans: Sequence[tuple[str, Span]]) -> _PlaceNames:
    found: set[str] = set()
    votes: Counter[tuple[str, str]] = Counter()
    demonyms = {span.text for label, span in spans if label == "NORP"}
    for label, span in spans:
        if label in _CORRECTABLE:
            votes[(span.text, label)] += 1
        if span.text in found:
            continue
        if (span.text.lower() in known_places() or place_or_org_evidence(span) is not None
                or _has_demonym(span.text, demonyms)):
            found.add(span.text)
    labels: dict[str, str] = {}
    for (text, label), _ in votes.most_common():
        if text in found:
            labels.setdefault(text, label)
    return _PlaceNames(frozenset(found), labels)


def _has_demonym(name: str, demonyms: set[str]) -> bool:
    """"Eskaria" when the report also says "Eskarian": a people is named after a place."""
    stem = name.rstrip("aeiou")
    if len(stem) < _MIN_DEMONYM_STEM or " " in name:
        return False
    return any(d != name and d.startswith(stem) and len(d) - len(name) <= _DEMONYM_SUFFIX
               for d in demonyms)
