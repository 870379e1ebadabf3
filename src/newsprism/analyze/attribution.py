"""Who said it, through whom, and what: cue verbs, their sources, channels and content.

These functions read one sentence's dependency parse around a cue token. They are shared by
the quote extractor (speakers, content of indirect quotes) and the claim extractor
(attribution chains).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newsprism.analyze.cues import (
    ABSTRACT_NOUNS,
    COGNITION_VERBS,
    EVIDENCE_VERBS,
    MEDIA_NOUNS,
    OBJECT_CONTENT_VERBS,
    PERSON_NOUNS,
    REPORT_NOUNS,
    REPORTING_VERBS,
    SPEECH_VERBS,
)

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How far after a cue a misattached "that"-clause is looked for (tokens); the PP that the
# parser hangs it on ("during a news conference on Friday") is rarely longer.
STRAY_CLAUSE_WINDOW = 20
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# Word classes a source can be; a clause or a date parsed as a subject is not one.
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_NOT_SOURCE_ENTS = frozenset({"DATE", "TIME", "MONEY"})
# Dependencies of a cue's children that carry what was said when there is no clause.
_OBJECT_DEPS = frozenset({"dobj", "obj", "oprd", "attr", "dative"})
# Prepositions after a cue that introduce its content ("called for", "accused X of").
_CONTENT_PREPS = frozenset({"for", "of", "about", "on", "against", "over"})
# Dependencies through which a verb without a subject shares its head's subject
# ("X criticized ..., saying that ..."; "X arrived and said ...").
_SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
_VERB_POS = POS_IDS["VERB"]
_STRINGS = StringStore()


def hash_string(word: str) -> int:
    """spaCy's 64-bit hash of ``word``, as stored in ``Doc.to_array``."""
    return int(_STRINGS.add(word))


_CUE_HASHES = np.array(
    sorted({hash_string(w) for w in SPEECH_VERBS | COGNITION_VERBS | EVIDENCE_VERBS}),
    dtype=np.uint64,
)
_QUOTE_HASH = hash_string("quote")
_ACCORDING_HASH = hash_string("according")


def candidate_cues(doc: Doc) -> list[Token]:
    """Verbs whose lemma is a cue, plus every "according" and "quote(d)": one vectorized pass."""
    if len(doc) == 0:
        return []
    table = doc.to_array([LEMMA, POS, LOWER])
    lemmas, pos, lower = table[:, 0], table[:, 1], table[:, 2]
    verbs = (pos == _VERB_POS) & np.isin(lemmas, _CUE_HASHES)
    special = (lower == _ACCORDING_HASH) | (lemmas == _QUOTE_HASH)
    return [doc[int(i)] for i in np.flatnonzero(verbs | special)]


def _passive(verb: Token) -> bool:
    if verb.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in verb.children}
    if "auxpass" in deps:
        return True
    return verb.dep_ in ("advcl", "acl") and "aux" not in deps and not deps & _SUBJECTS


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def is_quote_as(token: Token) -> bool:
    """'quoted X as saying', 'X was quoted as saying', 'quoted X as slamming ...', and the
    passive 'X was quoted by the agency'."""
    if token.lemma_ != "quote" or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if any(c.dep_ == "nsubjpass" for c in children) and any(
        c.dep_ == "agent" for c in children
    ):
        return True
    return any(
        c.lower_ == "as" or any(g.lower_ == "as" and g.dep_ == "mark" for g in c.children)
        for c in children
    )


def is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in SPEECH_VERBS | COGNITION_VERBS | EVIDENCE_VERBS:
        # a participle used as an adjective ("pledged delegates") reports nothing, and a
        # passive one ("when questioned", "he was told") hides who spoke
        return token.dep_ not in _MODIFIER_DEPS and not _passive(token)
    return is_according(token) or is_quote_as(token)


def quote_as_complement(quoted: Token) -> Token | None:
    """What follows 'as' in 'quoted X as saying/slamming ...'."""
    for child in quoted.children:
        if child.lower_ == "as":
            return next((c for c in child.children if c.dep_ in ("pcomp", "pobj")), None)
        if any(g.lower_ == "as" and g.dep_ == "mark" for g in child.children):
            return child
    return None


def quote_as_verb(cue: Token) -> Token | None:
    """For 'saying' in '... quoted (X) as saying', the 'quoted' verb."""
    head = cue.head
    if head.lower_ == "as" and head.head.lemma_ == "quote" and head.head.i != cue.i:
        return head.head
    if head.lemma_ == "quote" and any(c.lower_ == "as" and c.dep_ == "mark" for c in cue.children):
        return head
    return None


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def source_of(cue: Token) -> Token | None:
    """The head token of who says it: the subject, or the object of 'according to'."""
    if is_according(cue):
        to = next(c for c in cue.children if c.lower_ == "to")
        return _child(to, {"pobj"})
    quoted = quote_as_verb(cue) or (cue if is_quote_as(cue) else None)
    if quoted is not None:
        passive = _child(quoted, {"nsubjpass"})
        return passive if passive is not None else _child(quoted, {"dobj", "obj"})
    token = cue
    for _ in range(5):  # climb a short chain of subjectless verbs
        subject = _subject(token)
        if subject is not None:
            # A passive cue ("it was said", "he was told") hides who spoke.
            return None if subject.dep_ == "nsubjpass" else subject
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "a statement saying ...", "the official, speaking ..."
        if token.dep_ not in _SHARED_SUBJECT_DEPS or token.head.i == token.i:
            return _phrase_before(cue) if token is cue else None
        head = token.head
        if token.dep_ == "conj" and head.dep_ == "ccomp" and is_cue(head.head):
            # "X says A was so, and says B": the second cue hangs off the first's content
            head = head.head
        token = head
    return None


def _phrase_before(cue: Token) -> Token | None:
    """Repair for a subject the parser attached elsewhere ("Explaining X, the adviser, who
    ..., also noted that ..."): the person noun phrase that ends right before the cue."""
    doc = cue.doc
    k = cue.i - 1
    while k >= 0 and (doc[k].is_punct or doc[k].dep_ in ("advmod", "aux", "neg")):
        k -= 1
    if k < 0:
        return None
    token = doc[k]
    while True:
        if token.pos_ in ("NOUN", "PROPN") and (
            token.ent_type_ == "PERSON" or token.lemma_.lower() in PERSON_NOUNS
        ):
            return token
        head = token.head
        if head.i == token.i or head.i >= cue.i or head.right_edge.i > k + 1:
            return None
        token = head


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a subject before the verb wins over one after it."""
    found = [
        c
        for c in verb.children
        if c.dep_ in _SUBJECTS and c.pos_ in _SOURCE_POS and c.ent_type_ not in _NOT_SOURCE_ENTS
    ]
    if not found:
        return None
    before = [c for c in found if c.i < verb.i]
    return before[-1] if before else found[0]


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun ('who', 'which', 'that') stands for; None otherwise."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return token.head.head
    return None


def via_of(cue: Token, source: Token | None) -> Token | None:
    """The channel the words come through: the agency that 'quoted' or 'reported', the
    object of an 'according to' that is not the source itself."""
    quoted = quote_as_verb(cue) or (cue if is_quote_as(cue) else None)
    if quoted is not None:
        complement = quote_as_complement(quoted)
        for verb in (quoted, cue) if complement is None else (quoted, cue, complement):
            for child in verb.children:
                if child.dep_ in ("agent", "prep") and child.lower_ == "by":
                    pobj = _child(child, {"pobj"})
                    if pobj is not None:
                        return pobj
        subject = _child(quoted, {"nsubj"})
        if subject is not None and subject is not source:
            return subject
    for token in cue.sent:
        if token is cue or token is source:
            continue
        if is_according(token) and not _inside(source, token):
            channel = source_of(token)
            if channel is not None and channel is not source:
                return channel
        if token.lemma_ in REPORTING_VERBS and token.pos_ == "VERB" and _governs(token, cue):
            subject = _child(token, {"nsubj"})
            if subject is not None and subject is not source and is_channel(subject):
                return subject
    return None


def _inside(token: Token | None, ancestor: Token) -> bool:
    return token is not None and ancestor.left_edge.i <= token.i <= ancestor.right_edge.i


def _governs(verb: Token, cue: Token) -> bool:
    """``verb`` is an ancestor of ``cue`` or its sibling clause ('..., X said, Y reported')."""
    if verb.i == cue.i:
        return False
    return verb.is_ancestor(cue) or cue.is_ancestor(verb) or verb.head.i == cue.head.i


def is_channel(token: Token) -> bool:
    """A news outlet or agency: an organisation name or a media noun ('state media')."""
    if token.ent_type_ == "ORG":
        return True
    return token.lemma_.lower() in MEDIA_NOUNS or token.lower_ in MEDIA_NOUNS


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by ``token``, without trailing
    appositives, relative clauses or anything after a comma."""
    doc = token.doc
    start = token.left_edge.i
    end = token.i + 1
    for i in range(token.i + 1, token.right_edge.i + 1):
        t = doc[i]
        if t.text in (",", "(", "—", "–", ";", ":") or t.dep_ in ("relcl", "appos", "acl"):
            break
        if t.dep_ == "prep" and _is_time_prep(t):
            break
        end = i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _is_time_prep(prep: Token) -> bool:
    """'on Wednesday', 'in March': a preposition whose object is a date or time."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def channel_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of a channel's name: 'a report by the moderate X news agency' -> 'X news
    agency'; leading articles and lower-case adjectives are dropped."""
    if token.lemma_.lower() in REPORT_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of", "in"):
                pobj = _child(child, {"pobj"})
                if pobj is not None:
                    token = pobj
                    break
    start, end = phrase_bounds(token)
    doc = token.doc
    while start < token.i and (
        doc[start].pos_ in ("DET", "PRON") or (doc[start].pos_ == "ADJ" and doc[start].is_lower)
    ):
        start += 1
    return start, end


def has_clause(cue: Token) -> bool:
    """The cue reports a clause ('said that ...'), not just a noun phrase ('denied the
    report'): the stronger sign that it reports speech or thought."""
    return any(c.dep_ == "ccomp" for c in cue.children) or _trails_content(cue)


def is_agent(token: Token) -> bool:
    """A source that can speak or stand for a speaker; not an abstraction ("the idea calls
    for ...", "the change emphasized ...")."""
    return token.lemma_.lower() not in ABSTRACT_NOUNS


def content_bounds(cue: Token) -> tuple[int, int] | None:
    """Token bounds of what an indirect cue reports: its clausal complement, else (for verbs
    of saying) its object and content prepositions; None when the cue has no content."""
    lemma = cue.lemma_.lower()
    clauses = []
    for child in cue.children:
        if child.dep_ != "ccomp":
            continue
        if trails_as_channel(child):
            # the parser may hang the content under the trailing "the agency reported"
            clauses += [c for c in child.children if c.dep_ == "ccomp" and c.i < child.i]
        else:
            clauses.append(child)
    if clauses:
        return _span_of(clauses)
    if _trails_content(cue):
        # "Taxes will rise, he said." parsed with the cue hanging off the content.
        return strip_punct(cue.doc, cue.head.left_edge.i, cue.left_edge.i)
    stray = _stray_that_clause(cue)
    if stray is not None:
        return _span_of([stray])
    if lemma not in SPEECH_VERBS:
        return None
    parts = [c for c in cue.children if c.dep_ == "xcomp"]
    if lemma in OBJECT_CONTENT_VERBS:
        parts += [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.i > cue.i]
        parts += [
            c
            for c in cue.children
            if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS and c.i > cue.i
            and not _is_time_prep(c)
        ]
    if not parts:
        return None
    return _span_of(parts)


def _stray_that_clause(cue: Token) -> Token | None:
    """'X said during a conference that ...' with the that-clause attached to the noun: the
    nearest clause in the cue's subtree, within STRAY_CLAUSE_WINDOW tokens, that has 'that'
    and a subject of its own."""
    doc = cue.doc
    last = min(cue.right_edge.i, cue.i + STRAY_CLAUSE_WINDOW)
    for i in range(cue.i + 1, last + 1):
        mark = doc[i]
        if mark.lower_ != "that" or mark.dep_ != "mark":
            continue
        clause = mark.head
        if cue.i < clause.i <= cue.right_edge.i and any(
            c.dep_ in _SUBJECTS for c in clause.children
        ):
            return clause
    return None


def trails_as_channel(verb: Token) -> bool:
    """'<X said ...>, the agency reported': a reporting verb with a channel subject placed
    after the words of a cue that has a source of its own."""
    if verb.lemma_ not in REPORTING_VERBS or verb.i <= verb.head.i:
        return False
    subject = _subject(verb)
    if subject is None or not is_channel(subject):
        return False
    before = subject.left_edge.i - 1
    if before < 0 or verb.doc[before].text != ",":
        return False
    return is_cue(verb.head) and source_of(verb.head) is not None


def _trails_content(cue: Token) -> bool:
    """'<content>, X said': a cue after a comma, attached to the content's verb."""
    if cue.dep_ not in ("parataxis", "ccomp", "conj") or cue.head.i >= cue.i:
        return False
    left = cue.left_edge.i
    return left > 0 and cue.doc[left - 1].text == "," and _subject(cue) is not None


def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
    doc = tokens[0].doc
    start = min(t.left_edge.i for t in tokens)
    end = max(t.right_edge.i for t in tokens) + 1
    for token in tokens:
        for conj in token.conjuncts:
            # "... A was so, and says B": the later cue starts an attribution of its own
            if conj.i > token.i and is_cue(conj) and _subject(conj) is None:
                cut = conj.left_edge.i
                while cut > start and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
                end = min(end, cut)
    return strip_punct(doc, start, end)


def strip_punct(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def according_content(according: Token) -> tuple[int, int] | None:
    """The clause an 'according to X' attaches to, without the 'according to X' phrase when
    it stands at the clause's edge."""
    head = according.head
    if head.i == according.i:
        return None
    start, end = head.left_edge.i, head.right_edge.i + 1
    a_start, a_end = according.left_edge.i, according.right_edge.i + 1
    if a_start <= start:
        start = a_end
    elif a_end >= end:
        end = a_start
    return strip_punct(according.doc, start, end)
