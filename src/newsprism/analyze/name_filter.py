"""Which entity spans of the model are names at all.

The small model tags words of figures tables as people and organisations: the row labels of
an earnings table ("Rev 4.5 mln vs 3.9 mln", "Avg shrs 1,234,000") and lowercase unit
abbreviations after a number ("12 cts"). Later stages take mentions for names, so such spans
would make unrelated tables look alike. The checks here are general: a name has an uppercase
letter (unless the whole text is lowercase), a name has no decimal figure, a one-word name
that only ever opens a verbless line of figures, with nothing else in the report saying it is
a name, is a row label, a name counted by a figure is a unit ("4 bln N.Z. Dlrs"), and the
portfolio in an office holder's title ("Finance Minister") is part of a role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsprism.analyze.cues import COGNITION_VERBS, SPEECH_VERBS
from newsprism.analyze.gazetteer import known_places
from newsprism.analyze.place_evidence import ORG_WORDS

# Labels a table row label is mistaken for (places are looked up in the gazetteer instead).
_LABEL_TYPES = frozenset({"PERSON", "ORG", "FAC", "LOC"})
# Labels of a span that a figure can count as a unit; a count of places or facilities
# ("3 Airports") is rare and left alone.
_COUNTED_TYPES = frozenset({"PERSON", "ORG"})
_COUNT_DEPS = frozenset({"nummod", "quantmod"})
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
# Titles whose portfolio is written next to them ("Defense Secretary", "Minister of Trade").
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_VERB_POS = frozenset({"VERB", "AUX"})
# A figure within this many tokens after a row label: "Avg shrs 1,234,000" has two words
# between; three covers "Oper shr loss two cts" (calibrated on Reuters-21578 earnings tables).
FIGURE_WINDOW_TOKENS = 3
# A decimal or grouped figure ("337.3", "1,234,000"): never part of a name, unlike a plain
# number ("Channel 4", "Group of 77").
_DECIMAL_FIGURE = re.compile(r"^\d[\d,.]*[.,]\d+$")
# Where a word opens a line or a sentence: after a line break, or after ., ! or ? with an
# optional closing quote, and spaces.
_LOOKBACK_CHARS = 6
_OPENER = re.compile(r"(?:^|\n|[.!?][\"”’')]?)[ \t]*$")


def trim_figures(doc: Doc, start: int, end: int) -> int:
    """End of the span [start, end) cut before its first decimal figure ("Revs 337.3 mln
    vs" is "Revs"); ``start`` when the span opens with one."""
    for i in range(start, end):
        if _DECIMAL_FIGURE.match(doc[i].text):
            return i
    return end


def has_name_letters(text: str, lowercase_doc: bool) -> bool:
    """A name has an uppercase letter, except in a text written all in lowercase."""
    return lowercase_doc or text != text.lower()


def table_row_labels(spans: Sequence[tuple[str, Span]], doc_text: str) -> set[int]:
    """Token starts of the spans that are row labels of a figures table or units counted
    by a figure, not names."""
    multi_parts = {tok.text for _, span in spans if len(span) > 1 for tok in span}
    labels: set[int] = set()
    verdicts: dict[str, bool] = {}
    for label, span in spans:
        if label not in _LABEL_TYPES or len(span) != 1 or not _opens_figures_line(span):
            continue
        text = span.text
        if text not in verdicts:
            verdicts[text] = not _name_evidence(span, doc_text, multi_parts)
        if verdicts[text] and not _speaks(span):
            labels.add(span.start)
    for label, span in spans:
        if label in _COUNTED_TYPES and (counted_unit(span) or portfolio_of_title(span)):
            labels.add(span.start)
    return labels


def counted_unit(span: Span) -> bool:
    """A PERSON/ORG span counted by a figure is a unit, not a name: "50 billion N.Z. Dlrs",
    "47 mln U.S. Dlrs" (the span in apposition to the scale word right before it)."""
    if span.text.lower() in known_places() or any(t.lower_ in ORG_WORDS for t in span):
        return False  # "MEXICO 37 7,500" in a quota table; "200,000 strong X Union"
    root = span.root
    if _has_figure_modifier(root, span.start):
        return True
    head = root.head
    return root.dep_ == "appos" and head.i == span.start - 1 and _has_figure_modifier(
        head, head.i)


def portfolio_of_title(span: Span) -> bool:
    """A one-word span naming an office holder's portfolio is part of a role, not an
    organisation acting: "Finance Minister NAME", "Secretary of State NAME"."""
    if len(span) != 1:
        return False
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2 : span.start]
    return after in PORTFOLIO_TITLES or (
        len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in PORTFOLIO_TITLES)


def _has_figure_modifier(token: Token, before: int) -> bool:
    return any(c.dep_ in _COUNT_DEPS and c.i < before and _has_digit(c) for c in token.lefts)


def _has_digit(token: Token) -> bool:
    """A figure other than a year ("the 1976 X Agreement" names which agreement)."""
    return any(ch.isdigit() for t in token.subtree if not _YEAR.match(t.text) for ch in t.text)


def _opens_figures_line(span: Span) -> bool:
    """The span opens its sentence, the sentence has no verb, and a figure follows it."""
    sent = span.sent
    first = sent.start
    doc = span.doc
    while first < span.start and doc[first].is_space:
        first += 1
    if first != span.start or any(t.pos_ in _VERB_POS for t in sent):
        return False
    window = doc[span.end : min(sent.end, span.end + FIGURE_WINDOW_TOKENS)]
    return any(t.like_num or t.pos_ == "NUM" for t in window)


def _speaks(span: Span) -> bool:
    root = span.root
    return root.dep_ in _SUBJECT_DEPS and root.head.lemma_ in SPEECH_VERBS | COGNITION_VERBS


def _name_evidence(span: Span, doc_text: str, multi_parts: set[str]) -> bool:
    """Something in the report says the word is a name: it is an acronym ("OPEC"), a known
    place, has an organisation word, is part of a longer name, or is capitalized somewhere
    other than at the opening of a line or a sentence."""
    text = span.text
    if (len(text) > 1 and text.isupper()) or text in multi_parts:
        return True
    if text.lower() in known_places() or text.lower() in ORG_WORDS:
        return True
    pattern = re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")
    return any(not _OPENER.search(doc_text, max(0, m.start() - _LOOKBACK_CHARS), m.start())
               for m in pattern.finditer(doc_text))
