"""PLOVER-typed events with source and target actors, read from the dependency parse.

A trigger is a verb from the PLOVER lexicon ("met", "accused"), a light verb with an event
noun as object ("held talks", "imposed sanctions", "restore ties"), or an event noun with an
attached actor ("Wei's visit to Tehran", "an attack by rebels"). The source actor is the
trigger's subject (climbing through "wants to", "is about to", shared subjects of "and"), or
the "by" agent of a passive; the target is the direct object when it names an actor, else the
object of "with/to/against/on/at/from/into" on the trigger or on its event noun. Actors are
mapped to the report's mentions when they overlap one, so resolve can attach entity ids.

Every event carries the sentence span, the nearest resolved time expression in the sentence,
a place (a GPE/LOC/FAC mention, preferring one after "in"/"at"), a quantity (a number in the
trigger's object), and whether the trigger is negated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism.analyze.plover import (
    ABSTRACT_FOES,
    AGREEMENT_NOUNS,
    AID_NOUNS,
    CLAIM_VERBS,
    COMBAT_NOUNS,
    COOPERATIVE_TYPES,
    DIPLOMATIC_NOUNS,
    EVENT_NOUNS,
    HOPE_VERBS,
    HOSTILE_TYPES,
    INTENT_VERBS,
    LIGHT_VERBS,
    NOMINAL_VERBS,
    OBJECT_NOUNS,
    OBJECT_VERB,
    RECEIVING_VERBS,
    RECIPROCAL_VERBS,
    STATEMENT_VERBS,
    TRAVEL_VERBS,
    VERBS,
    WEAPON_NOUNS,
    words,
)
from newsprism.types import Event, Mention, NumberExpr, TimeExpr

# Prepositions that introduce the target of an event ("met with X", "sanctions on X").
_TARGET_PREPS = ("with", "against", "on", "to", "at", "into", "upon", "toward", "towards",
                 "from", "for")
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                             "QUANTITY"})
# Event types whose venue is their counterpart when no other actor is named.
_HOSTED_TYPES = frozenset({"CONSULT", "PROTEST", "MOBILIZE"})
# Visits: the place arrived in is the host ("arrived in Gondor" targets Gondor).
_VISIT_VERBS = frozenset({"arrive", "visit", "travel", "tour", "land", "leave", "depart",
                          "head", "fly"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
# Nouns that name actors even without a named entity ("the government", "protesters").
_ACTOR_NOUNS = words(
    "government governments official officials minister ministers president leader leaders "
    "troops soldiers forces army military police protesters demonstrators rebels militants "
    "insurgents fighters civilians people residents students workers authorities regime "
    "administration ministry parliament lawmakers legislators court judge prosecutors "
    "diplomats ambassador ambassadors envoy delegation spokesman spokeswoman country "
    "countries nation nations state states allies opposition party activists group groups "
    "militia militias gunmen police officers journalists refugees prisoners hostages "
    "counterpart counterparts company firm bank agency council committee commission "
    "coalition alliance union navy navies mayor mayors governor governors chairman member "
    "members man men woman women child children boy boys girl girls person persons suspect "
    "suspects detainee detainees captive captives dissident dissidents opponent opponents "
    "crowd crowds mob citizens nationals migrants inspectors foe foes enemy enemies rival "
    "rivals neighbour neighbours neighbor neighbors partner partners protestor protestors "
    "rioters reporter reporters journalist correspondent activist peacekeepers peacekeeper "
    "soldier fighter militant rebel protester demonstrator official diplomat lawmaker "
    "student worker resident civilian refugee prisoner hostage migrant dissident detainee "
    "commander commanders general generals officer advisor adviser leader"
)
_PRONOUNS = words("he she they we it him her them us i you")
# Objects after which "meet" or "release" do not name a meeting or a concession.
_NON_EVENT_OBJECTS = {
    "meet": words("demand demands target targets deadline deadlines need needs requirement "
                  "requirements criterion criteria standard standards expectation "
                  "expectations goal goals obligation obligations cost costs"),
    "release": words("report statement video photo photos image images data figure figures "
                     "result results album film book findings details footage picture "
                     "pictures information list document documents version product "
                     "products song record records earnings"),
}
_MAX_ACTORS = 3  # conjoined actors per side ("Iran and China") before we stop pairing


@dataclass(slots=True)
class _Actor:
    text: str
    entity_id: str | None
    start: int
    end: int


@dataclass(slots=True)
class _Trigger:
    token: Token
    kind: str
    obj: Token | None  # the event noun of a light-verb construction, if any
    reverse: bool = False  # "received aid from X": X is the source


def _stems(word: str) -> list[str]:
    """Crude de-inflections of a verb form, for when the lemmatizer errs ("staged")."""
    out: list[str] = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # "stopped" -> "stop"
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _lemma(tok: Token) -> str:
    """The token's lemma, repaired from its form when the lemma is unknown to the lexicon
    but a de-inflected form is known."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma in VERBS or lemma in LIGHT_VERBS or lemma in INTENT_VERBS:
        return lemma
    for stem in _stems(tok.lower_):
        if stem in VERBS or stem in LIGHT_VERBS or stem in INTENT_VERBS:
            return stem
    return lemma


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _dobj(tok: Token) -> Token | None:
    objs = _children(tok, "dobj", "obj")
    return objs[0] if objs else None


def _classify(tok: Token) -> _Trigger | None:
    """Is ``tok`` an event trigger, and of which PLOVER type?"""
    if tok.pos_ == "VERB":
        return _classify_verb(tok)
    if tok.pos_ == "NOUN":
        typed = _nominal_kind(tok)
        if typed is None:
            return None
        head = tok.head
        # "held talks" is typed from its verb; "welcomed the lifting of sanctions" is two acts
        governed = tok.dep_ in ("dobj", "obj", "nsubjpass") and (
            _lemma(head) in LIGHT_VERBS
            or (_lemma(head) in VERBS and tok.lower_ not in NOMINAL_VERBS))
        # "the signing of the agreement": the agreement is typed with its signing
        governed = governed or (tok.dep_ == "pobj" and head.lower_ == "of"
                                and head.head.lower_ in NOMINAL_VERBS)
        if _noun_owners(tok) and not governed:
            return _Trigger(tok, typed[0], typed[1])
    return None


def _nominal_kind(tok: Token) -> tuple[str, Token | None] | None:
    """Type of an event noun ("visit", "talks"), or of a nominalized light verb with its
    object ("the lifting of sanctions", "the resumption of ties"), with that object."""
    kind = EVENT_NOUNS.get(tok.lower_)
    if kind is not None:
        return kind, None
    verb = NOMINAL_VERBS.get(tok.lower_)
    if verb is None:
        return None
    for p in _prep_objects(tok, ("of",)):
        noun_kind = OBJECT_NOUNS.get(p.lower_) or OBJECT_NOUNS.get(_lemma(p))
        if noun_kind is not None:
            return OBJECT_VERB.get((verb, noun_kind), noun_kind), p
    return None


def _noun_owners(tok: Token) -> list[Token]:
    """Actors attached to an event noun: "Wei's visit", "an attack by rebels", "talks
    between X and Y" (X; Y is its conjunct)."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "between")
               for p in _children(c, "pobj")]
    if not owners:  # "the resumption of ties between X and Y"
        for p in _prep_objects(tok, ("of",)):
            owners += [q for c in p.children if c.dep_ == "prep" and c.lower_ == "between"
                       for q in _children(c, "pobj")]
    return owners


def _classify_verb(tok: Token) -> _Trigger | None:
    if tok.dep_ == "ccomp" and _lemma(tok.head) in HOPE_VERBS:
        return None  # "hoped the officials would be indicted": nothing has happened
    lemma = _lemma(tok)
    obj = _dobj(tok)
    noun = obj if obj is not None else next(iter(_children(tok, "nsubjpass")), None)
    if noun is not None and lemma in LIGHT_VERBS:
        # "imposed sanctions", and passive "evidence against X was presented by Y"
        noun_kind = OBJECT_NOUNS.get(noun.lower_) or OBJECT_NOUNS.get(_lemma(noun))
        if noun_kind is not None:
            return _Trigger(tok, OBJECT_VERB.get((lemma, noun_kind), noun_kind), noun)
    if lemma in TRAVEL_VERBS:
        return _travel(tok)
    if lemma == "order" and (_children(tok, "xcomp") or (
            obj is not None and (obj.lower_ in OBJECT_NOUNS or _lemma(obj) in OBJECT_NOUNS))):
        return _Trigger(tok, "REQUEST", None)  # "ordered troops to pull back", not "ordered jets"
    if lemma in ("fire", "launch", "strike", "hit"):
        if obj is not None and (obj.lower_ in WEAPON_NOUNS or _lemma(obj) in WEAPON_NOUNS):
            return _Trigger(tok, "ASSAULT", None)
        if lemma == "fire" and any(c.dep_ == "prep" and c.lower_ in ("at", "on", "into")
                                   for c in tok.children):
            return _Trigger(tok, "ASSAULT", None)
        if lemma in ("strike", "hit") and obj is not None and not obj.like_num:
            return _Trigger(tok, "ASSAULT", None)
        return None
    if lemma == "call":
        if obj is not None and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
            # "called off the talks / the strike": ending them
            called_off = OBJECT_NOUNS.get(obj.lower_) or OBJECT_NOUNS.get(_lemma(obj))
            ended = OBJECT_VERB.get(("end", called_off or ""))
            return _Trigger(tok, ended, obj) if ended is not None else None
        for c in tok.children:
            if (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")) or (
                c.dep_ == "prt" and c.lower_ == "for"
            ):
                return _Trigger(tok, "REQUEST", None)
        return None
    if lemma in ("break", "cut") and any(c.dep_ == "prt" and c.lower_ in ("off", "down")
                                         for c in tok.children):
        return _Trigger(tok, "SANCTION", None)
    if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return _Trigger(tok, "ASSAULT", None)
    if lemma == "engage" and any(p.lower_ in COMBAT_NOUNS for p in _prep_objects(tok, ("in",))):
        return _Trigger(tok, "ASSAULT", None)
    if lemma in RECEIVING_VERBS and obj is not None:
        received = _received_kind(tok, obj)
        if received is not None:
            return _Trigger(tok, received, None, reverse=True)
    if lemma == "expel" and obj is not None and obj.lower_ in DIPLOMATIC_NOUNS:
        return _Trigger(tok, "SANCTION", None)
    kind = VERBS.get(lemma)
    if kind is None:
        return None
    if lemma in INTENT_VERBS and _children(tok, "xcomp"):
        return None  # "seeks to deepen ties": the intention is typed from its complement
    if lemma in ("fight", "combat") and obj is not None and (
        obj.lower_ in ABSTRACT_FOES or _lemma(obj) in ABSTRACT_FOES
    ):
        return None  # "fighting terrorism" is a policy, not an assault
    if lemma in ("withdraw", "pull") and any(
        p.lower_ in AGREEMENT_NOUNS or _lemma(p) in AGREEMENT_NOUNS
        for p in _prep_objects(tok, ("from", "of"))
    ):
        return _Trigger(tok, "REJECT", None)  # "withdrew from the nuclear deal"
    if lemma == "restrict" and not _acts_on_actor(tok, obj):
        return None  # "restrict its programme": nobody is coerced
    if lemma in ("release", "free") and _released_thing(tok, obj):
        return None  # "released a photo": nobody is freed
    if lemma == "contribute" and any(p.lower_ in ("report", "story", "article", "reporting")
                                     for p in _prep_objects(tok, ("to",))):
        return None  # "X contributed to this report": a newsroom credit line
    if lemma == "yield" and not any(p for p in _prep_objects(tok, ("to",))):
        return None  # "bonds yielding 9 pct": only "yield to" pressure is a concession
    if lemma == "receive" and (obj is None or not _is_actor(obj)):
        return None  # receiving a visitor is a meeting; receiving shares is not
    blocked = _NON_EVENT_OBJECTS.get(lemma)
    if blocked and obj is not None and (_lemma(obj) in blocked or obj.lower_ in blocked):
        return None
    return _Trigger(tok, kind, None)


def _received_kind(tok: Token, obj: Token) -> str | None:
    """Type of "received aid/assurances/pressure from X", whose source is X."""
    givers = _givers(tok, obj)
    if not givers:
        return None
    if obj.lower_ in AID_NOUNS:
        return "AID"
    kind = OBJECT_NOUNS.get(obj.lower_) or OBJECT_NOUNS.get(_lemma(obj))
    if kind is None or not any(_is_actor(g) for g in givers):
        return None
    return kind


def _givers(tok: Token, obj: Token | None) -> list[Token]:
    """The "from" actors of a receiving verb, on the verb or on what was received."""
    givers = list(_prep_objects(tok, ("from",)))
    return givers or (list(_prep_objects(obj, ("from",))) if obj is not None else [])


def _travel(tok: Token) -> _Trigger | None:
    """"left for Beijing", "flew to Gondor": a trip to a named place is a visit (CAMEO 042)."""
    for p in _prep_objects(tok, ("for", "to")):
        if p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "LOC", "ORG", "FAC"):
            return _Trigger(tok, "CONSULT", None)
    return None


def _released_thing(tok: Token, obj: Token | None) -> bool:
    """Is what was released a thing (a report, a photo), not people?"""
    patients = [obj] if obj is not None else []
    patients += _children(tok, "nsubjpass")
    if tok.dep_ in ("acl", "relcl") and not patients:
        patients.append(tok.head)
    things = _NON_EVENT_OBJECTS["release"]
    return any(_lemma(p) in things or p.lower_ in things for p in patients)


def _acts_on_actor(tok: Token, obj: Token | None) -> bool:
    """Does the verb act on people (its object, or its passive subject)?"""
    patients = [obj] if obj is not None else []
    patients += _children(tok, "nsubjpass")
    if tok.dep_ in ("acl", "relcl") and not patients:
        patients.append(tok.head)  # "prisoners released by the army"
    return any(_is_actor(p) for p in patients)


def _subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject head of a verb, climbing through control verbs and shared subjects.

    Returns (token, passive) where passive means the token is the patient (nsubjpass).
    """
    cur = tok
    # "X were imprisoned and were released by Y": a passive conjunct shares its patient X
    # (only through "and": in "drones set to be sold to X" the drones are the raised subject)
    conjoined_passive = bool(_children(tok, "auxpass"))
    for _ in range(4):
        subj = _children(cur, "nsubj", "csubj")
        if subj:
            # "Old foes X and Y have renewed ties": the parser may split the subject
            named = [t for t in subj if t.pos_ == "PROPN"]
            return (_relcl_head((named or subj)[0]), cur.i != tok.i and conjoined_passive)
        subjpass = _children(cur, "nsubjpass")
        if subjpass:
            # only the trigger's own passive swaps roles; "X is scheduled to attend" keeps X
            return (_relcl_head(subjpass[0]), cur.i == tok.i or conjoined_passive)
        if cur.dep_ == "relcl":
            return cur.head, False
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp", "prep", "aux",
                        "dep") and cur.head.i != cur.i:
            # object control: "invited him to visit" -> "him" visits
            if cur.dep_ == "xcomp":
                obj = _dobj(cur.head)
                if obj is not None and _is_actor(obj):
                    return obj, False
            conjoined_passive = conjoined_passive and cur.dep_ == "conj"
            cur = cur.head
            continue
        break
    return None, False


def _relcl_head(tok: Token) -> Token:
    """A relative pronoun subject stands for the noun its clause modifies."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _is_actor(tok: Token) -> bool:
    if tok.ent_type_ in _NOT_ACTOR_ENTS:
        return False  # "the flood of March 3, which killed ...": a date is no actor
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC",
                                                     "FAC")
            or tok.lower_ in _PRONOUNS or tok.lower_ in _ACTOR_NOUNS
            or _lemma(tok) in _ACTOR_NOUNS)


def _prep_objects(tok: Token, preps: Iterable[str]) -> Iterator[Token]:
    wanted = tuple(preps)
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in wanted:
            yield from _children(c, "pobj")
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            yield c


def _target(trigger: _Trigger, source: Token | None) -> Token | None:
    tok = trigger.token
    obj = trigger.obj
    if obj is None:
        direct = _dobj(tok) if tok.pos_ == "VERB" else None
        if direct is not None and (_is_actor(direct) or _national(direct)):
            return direct
        obj = direct
    if obj is not None and obj.lower_ in EVENT_NOUNS:
        # "condemned an attack by X": the target is the attack's author
        for p in _prep_objects(obj, ("by",)):
            return p
    preps = _TARGET_PREPS + (("in",) if _lemma(tok) in _VISIT_VERBS else ())
    for holder in (obj, tok):
        if holder is None:
            continue
        for p in _prep_objects(holder, preps):
            if p.ent_type_ in ("DATE", "TIME"):
                # "met with President X Tuesday": the parser hangs the name on the date
                names = [c for c in p.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                         and c.ent_type_ not in ("DATE", "TIME")]
                if names:
                    return names[-1]
            if p.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
                continue
            if (source is None or p.i != source.i) and (_is_actor(p) or p.pos_ == "PROPN"):
                return p
    if trigger.kind == "ACCUSE" and tok.pos_ == "VERB":
        # "alleged that X was aware": the accused is the complement's subject
        for comp in _children(tok, "ccomp"):
            accused = next(iter(_children(comp, "nsubj", "nsubjpass")), None)
            if accused is not None and _is_actor(accused) and accused.lower_ not in _PRONOUNS:
                return accused
    if tok.pos_ == "NOUN":
        for p in _prep_objects(tok, ("to", "with", "on", "against", "of")):
            if p.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
                return p
    return None


def _national(tok: Token) -> bool:
    """A noun a nationality or state modifies ("Filipino peacekeepers") names people."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in tok.lefts)


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    if tok.ent_type_ == "GPE":
        # "The US, Russia, and Switzerland met": the parser makes the list an apposition
        for appos in _children(tok, "appos"):
            if appos.ent_type_ == "GPE":
                out += [appos, *appos.conjuncts]
    for c in tok.conjuncts:
        if c.pos_ in ("PROPN", "NOUN", "PRON") and c.i > tok.i and c not in out:
            out.append(c)
    return out[:_MAX_ACTORS]


class _Mentions:
    """Mentions of one report indexed by character offset."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._items = sorted(mentions, key=lambda m: m.start)

    def at(self, start: int, end: int) -> Mention | None:
        best: Mention | None = None
        for m in self._items:
            if m.start >= end:
                break
            if m.end > start and (best is None or (m.end - m.start) > (best.end - best.start)):
                best = m
        return best

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self._items if m.start >= start and m.end <= end]


def _actor(tok: Token, mentions: _Mentions) -> _Actor:
    """The actor a head token names: the mention over it, else a mention among its
    modifiers ("the Calenardhon government"), else its own noun phrase."""
    m = mentions.at(tok.idx, tok.idx + len(tok))
    if m is not None:
        return _Actor(m.text, m.entity_id, m.start, m.end)
    for appos in _children(tok, "appos"):
        m = mentions.at(appos.idx, appos.idx + len(appos))
        if m is not None and m.type in ("PERSON", "ORG", "GPE"):
            return _Actor(m.text, m.entity_id, m.start, m.end)  # "his counterpart, Gen. X"
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")]
    start = min([tok.idx] + [t.left_edge.idx for t in left])
    found = [m for m in mentions.within(start, tok.idx + len(tok))
             if m.type in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]
    if not found:  # "the ambassadors of X", "dissidents from X"
        for p in _prep_objects(tok, ("of", "from")):
            found = [m for m in mentions.within(p.left_edge.idx, p.right_edge.idx +
                                                len(p.right_edge))]
            break
    if found:
        m = found[0]
        return _Actor(m.text, m.entity_id, m.start, m.end)
    first = min([tok.i] + [t.left_edge.i for t in left])
    return _Actor(tok.doc[first : tok.i + 1].text, None, start, tok.idx + len(tok))


def _names_actor(tok: Token, mentions: _Mentions) -> bool:
    if _is_actor(tok) or mentions.at(tok.idx, tok.idx + len(tok)) is not None:
        return True
    start = min([tok.idx] + [t.left_edge.idx for t in tok.lefts])
    return bool(mentions.within(start, tok.idx + len(tok)))


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children):
        return True
    obj = _dobj(tok) if tok.pos_ == "VERB" else None
    return obj is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in obj.children)


def _time(sent: Span, anchor_char: int, times: Sequence[TimeExpr]) -> str | None:
    best: tuple[int, str] | None = None
    for t in times:
        if t.start < sent.start_char or t.start >= sent.end_char or t.value is None:
            continue
        if t.kind not in ("date", "time"):
            continue
        dist = abs(t.start - anchor_char)
        if best is None or dist < best[0]:
            best = (dist, t.value)
    return best[1] if best else None


def _place(sent: Span, mentions: _Mentions, exclude: Iterable[tuple[int, int]]) -> str | None:
    skip = set(exclude)
    doc = sent.doc
    candidates: list[tuple[int, Mention]] = []
    for m in mentions.within(sent.start_char, sent.end_char):
        if m.type not in ("GPE", "LOC", "FAC") or (m.start, m.end) in skip:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        prep_in = span is not None and span.root.dep_ == "pobj" and (
            span.root.head.lower_ in _PLACE_PREPS
        )
        candidates.append((0 if prep_in else 1, m))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1].start))
    return candidates[0][1].text


def _quantity(trigger: _Trigger, numbers: Sequence[NumberExpr], sent: Span) -> float | None:
    doc = sent.doc
    tok = trigger.token
    for n in numbers:
        if n.start < sent.start_char or n.start >= sent.end_char or n.value is None:
            continue
        if n.kind in ("year", "ordinal", "age", "duration"):
            continue
        span = doc.char_span(n.start, n.end, alignment_mode="expand")
        if span is None:
            continue
        # the number must hang under the trigger without passing through another verb
        cur = span.root
        for _ in range(5):
            if cur.i == tok.i:
                return n.value
            if cur.head.i == cur.i or (cur.pos_ == "VERB" and cur.i != span.root.i):
                break
            cur = cur.head
    return None


def extract_events(
    doc: Doc,
    report_id: str,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    numbers: Sequence[NumberExpr],
) -> list[Event]:
    """PLOVER events of a parsed report, one per trigger and (source, target) pair."""
    index = _Mentions(mentions)
    events: list[Event] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    for sent in doc.sents:
        for tok in sent:
            trigger = _classify(tok)
            if trigger is None:
                continue
            events.extend(_events_for(trigger, sent, report_id, index, times, numbers, seen))
    return events


def _events_for(
    trigger: _Trigger,
    sent: Span,
    report_id: str,
    index: _Mentions,
    times: Sequence[TimeExpr],
    numbers: Sequence[NumberExpr],
    seen: set[tuple[int, str, str | None, str | None]],
) -> Iterator[Event]:
    tok = trigger.token
    subj, obj = _roles(trigger)
    sources: list[_Actor | None] = [None]
    targets: list[_Actor | None] = [None]
    if subj is not None and not _names_actor(subj, index):
        subj = None  # "the visit improved ties": a thing, not an actor
    if obj is not None and not _names_actor(obj, index):
        obj = None  # "buildings were destroyed": a thing
    if subj is not None:
        sources = [_actor(t, index) for t in _conjuncts(subj)]
    if obj is not None:
        targets = [_actor(t, index) for t in _conjuncts(obj)]
    elif len(sources) > 1 and _reciprocal(trigger):
        targets = list(sources)  # "X and Y held talks": each is the other's counterpart
    used = [(a.start, a.end) for a in (*sources, *targets) if a is not None]
    when = _time(sent, tok.idx, times)
    where = _place(sent, index, used)
    quantity = _quantity(trigger, numbers, sent)
    negated = _negated(tok)
    # (trigger, type, sources, targets) of the event and of the events it implies
    kinds: list[tuple[Token, str, list[_Actor | None], list[_Actor | None]]] = [
        (tok, trigger.kind, sources, targets)
    ]
    intent = _intent(trigger, index)
    if intent is not None:
        trig, kind, wanted = intent
        wisher: list[_Actor | None] = [
            _actor(t, index) for t in _conjuncts(_subject(trig)[0] or tok)]
        kinds.append((trig, kind, wisher if wanted else sources, wanted or targets))
    if negated and _modal(tok) and trigger.kind in COOPERATIVE_TYPES | {"AGREE"}:
        # "will not provide support": a refusal, which PLOVER types as REJECT
        kinds.append((tok, "REJECT", sources, targets))
    elif _promised(tok) and trigger.kind in COOPERATIVE_TYPES:
        # "X said it would free the prisoners": an expression of intent (CAMEO 03)
        kinds.append((tok, "AGREE", sources, targets))
    claim = _claim(trigger, subj, index)
    if claim is not None:
        speaker, accused = claim
        kinds.append((tok.head, "ACCUSE", [speaker], [accused]))
    for trig, kind, srcs, tgts in kinds:
        for src in srcs:
            for tgt in tgts:
                if src is None and tgt is None:
                    continue  # no actor: nothing CAMEO or PLOVER could code
                if src is not None and tgt is not None and src.start == tgt.start:
                    continue
                key = (trig.i, kind, src.text if src else None, tgt.text if tgt else None)
                if key in seen:
                    continue
                seen.add(key)
                yield Event(
                    report_id=report_id,
                    start=sent.start_char,
                    end=sent.end_char,
                    type=kind,
                    trigger=trig.text,
                    source_text=src.text if src else None,
                    target_text=tgt.text if tgt else None,
                    source_entity_id=src.entity_id if src else None,
                    target_entity_id=tgt.entity_id if tgt else None,
                    time=when,
                    place=where,
                    quantity=quantity,
                    negated=negated or _negated(trig),
                )


def _roles(trigger: _Trigger) -> tuple[Token | None, Token | None]:
    """(source, target) head tokens of a trigger."""
    tok = trigger.token
    if tok.pos_ == "NOUN":
        owners = _noun_owners(tok)
        if owners and owners[0].head.lower_ == "between":
            partners = [c for c in owners[0].conjuncts if c.i > owners[0].i]
            return owners[0], (partners[0] if partners else None)
        owner = owners[0] if owners else None
        return owner, _target(trigger, owner)
    subj, passive = _subject(tok)
    agents = [p for c in _children(tok, "agent") for p in _children(c, "pobj")]
    if agents and tok.tag_ == "VBN" and tok.dep_ == "advcl":
        passive = True  # "Rebuked by X, Y ...": the participle's subject is its patient
    if passive and trigger.obj is not None and trigger.obj.dep_ == "nsubjpass":
        # "evidence against X was presented by Y": the noun is not an actor
        source = agents[0] if agents else None
        return source, _target(trigger, source)
    if passive:
        # "X was attacked by Y": Y is the source, X the target
        return (agents[0] if agents else None), subj
    if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
        # "soldiers killed by X": the noun a participle modifies is its patient
        return (agents[0] if agents else None), tok.head
    if trigger.reverse:
        givers = _givers(tok, _dobj(tok))
        return (givers[0] if givers else None), subj
    if subj is not None and subj.lower_ in _PRONOUNS:
        subj = _reporter(tok) or subj
    return subj, _target(trigger, subj) or _host(trigger)


def _host(trigger: _Trigger) -> Token | None:
    """The place a meeting, protest or exercise is held in, which CAMEO codes as its target
    when no other actor is named ("met in Zurich", "a protest in Beijing")."""
    if trigger.kind not in _HOSTED_TYPES:
        return None
    tok = trigger.token
    holders = [tok, trigger.obj if trigger.obj is not None else _dobj(tok)]
    for holder in holders:
        if holder is None:
            continue
        for p in _prep_objects(holder, ("in", "at")):
            if p.ent_type_ in ("GPE", "LOC", "FAC"):
                return p
    return None


def _reporter(tok: Token) -> Token | None:
    """"Israel announced it would free...": the speaker a pronoun subject stands for."""
    if tok.dep_ != "ccomp" or _lemma(tok.head) not in STATEMENT_VERBS:
        return None
    speaker = next(iter(_children(tok.head, "nsubj")), None)
    if speaker is None or speaker.lower_ in _PRONOUNS or not _is_actor(speaker):
        return None
    return speaker


def _reciprocal(trigger: _Trigger) -> bool:
    """Does the act join its conjoined subjects ("X and Y met", "... clashed")?"""
    if trigger.kind in ("CONSULT", "AGREE", "COOPERATE"):
        return True
    if _lemma(trigger.token) in RECIPROCAL_VERBS:
        return True
    noun = trigger.obj
    return noun is not None and OBJECT_NOUNS.get(noun.lower_) == "CONSULT"


def _promised(tok: Token) -> bool:
    """Is ``tok`` a future act announced by its speaker ("said it will send a team")?"""
    return (tok.dep_ == "ccomp" and _lemma(tok.head) in STATEMENT_VERBS
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll")
                    for c in tok.children))


def _modal(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "can", "ca")
               for c in tok.children)


def _claim(
    trigger: _Trigger, actor: Token | None, index: _Mentions
) -> tuple[_Actor, _Actor | None] | None:
    """"X said (that) Y attacked Z" reports an accusation by X against Y (ACCUSE).
    Returns (speaker, accused)."""
    tok = trigger.token
    if tok.dep_ != "ccomp" or trigger.kind not in HOSTILE_TYPES:
        return None
    head = tok.head
    if _lemma(head) not in CLAIM_VERBS:
        return None
    speaker = next(iter(_children(head, "nsubj")), None)
    if speaker is None or (actor is not None and actor.i == speaker.i):
        return None
    return _actor(speaker, index), (_actor(actor, index) if actor is not None else None)


def _intent(trigger: _Trigger, index: _Mentions) -> tuple[Token, str, list[_Actor | None]] | None:
    """An intention to act is an event of its own in CAMEO/PLOVER terms: "seeks to deepen
    ties" is willingness to cooperate (AGREE), "wants to attack" a threat (THREATEN), and
    "wants Y to attack" a request to Y (REQUEST). Returns (trigger, type, targets); an empty
    target list means "the same targets as the act"."""
    tok = trigger.token
    if tok.dep_ not in ("xcomp", "ccomp") or tok.pos_ != "VERB":
        return None
    head = tok.head
    if _lemma(head) not in INTENT_VERBS:
        return None
    wanted = _dobj(head) if tok.dep_ == "xcomp" else next(iter(_children(tok, "nsubj")), None)
    if wanted is not None and _is_actor(wanted) and wanted.i < tok.i:
        return head, "REQUEST", [_actor(wanted, index)]
    if tok.dep_ == "ccomp":
        return None
    if trigger.kind in COOPERATIVE_TYPES:
        return head, "AGREE", []
    if trigger.kind in HOSTILE_TYPES:
        return head, "THREATEN", []
    return None
