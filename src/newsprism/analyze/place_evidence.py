"""Evidence in a sentence that a name is a place or an organisation, not a person.

The type correction in ``entities.py`` turns a GPE/ORG the model tagged into PERSON when the
sentence says so (a title, a speech verb). Places and organisations are subjects of speech
verbs too ("Varnhold said", "the ministry said"), and a name the model once tagged PERSON
spreads through the report; so before correcting, the report is searched for what only a
place or an organisation takes: "in X", "the town of X", "X, a country of ...", "X's interior
minister", an organisation word in the name ("... Railways"), or a gazetteer entry.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsprism.analyze.plover import words

# Prepositions whose object is a location ("in Mirovka", "into Zarichna"); "at", "from" and
# "to" are left out because people are their objects as often ("a letter from Smith").
PLACE_PREPS = words("in inside outside near across throughout into within")
# Common nouns that name what a place or an organisation is: in apposition ("X, the state
# company"), before it ("the town of X", "the energy company X") or after it ("the X district").
PLACE_ORG_NOUNS = words(
    "country state nation republic kingdom province region district quarter town city village "
    "capital county municipality island valley river lake reservoir dam border street square "
    "avenue road port harbour harbor airport station bridge suburb neighbourhood neighborhood "
    "area territory "
    "company firm group operator agency ministry department service party bank newspaper "
    "broadcaster channel network utility corporation organisation organization association "
    "union council committee institute university school hospital court"
)
# Nouns of people who belong to a place: "residents of X", "the mayor of X".
INHABITANT_NOUNS = words("resident residents inhabitants citizens people mayor governor")
# Ministers' portfolios: "X's interior minister" names a state.
PORTFOLIOS = words("interior foreign defence defense finance economy trade health transport "
                   "justice education energy agriculture")
# Tokens after "X, the" within which the appositive's head noun is looked for.
_APPOSITIVE_WINDOW = 6
# Words inside a name that make it an organisation ("Eskarian Railways", "Harbour Gazette").
ORG_WORDS = words(
    "ministry service agency party railways railway airlines airways company corporation "
    "corp inc ltd bank gazette times news post herald tribune journal courier daily "
    "association union council committee directorate authority institute university "
    "college school hospital court army navy police commission office bureau fund "
    "foundation group club federation league network television radio press"
)
# What a state or an organisation has and a person does not: "X's interior minister",
# "X's capital", "X's flood defences".
OWNED_BY_PLACES = words(
    "ministry capital parliament border borders territory population economy embassy "
    "defences defenses directorate agency interior"
)


def place_or_org_evidence(span: Span) -> str | None:
    """Why ``span`` names a place or an organisation; None if its sentence does not say."""
    if any(t.lower_ in ORG_WORDS for t in span):
        return "org-word"
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return "place-preposition"
    if root.dep_ == "pobj" and head.lower_ == "of" and (
            _place_noun(head.head) or head.head.lower_ in INHABITANT_NOUNS):
        return "place-noun"  # "the town of X"
    if root.dep_ == "compound" and head.i >= span.end and _place_noun(head):
        return "place-noun"  # "the X district"
    if any(c.dep_ == "appos" and _place_noun(c) for c in root.children):
        return "place-noun"  # "X, a landlocked country"
    if root.dep_ == "appos" and _place_noun(head):
        return "place-noun"
    if _lexical_appositive(span):
        return "place-noun"  # the same, for parses that miss the apposition
    if any(t.dep_ == "compound" and _place_noun(t) for t in root.lefts):
        return "place-noun"  # "the state energy company X"
    if root.dep_ == "poss" and (head.lower_ in OWNED_BY_PLACES or (
            head.lower_ in ("minister", "ministers")
            and any(c.lower_ in PORTFOLIOS for c in head.lefts))):
        return "possession"  # "X's parliament", "X's interior minister"
    return None


def _lexical_appositive(span: Span) -> bool:
    """"X, the state-owned company that ...": a comma, then a noun phrase whose head (its
    last noun) is a place or organisation noun ("X, the company's chairman" is not)."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != "," or i + 1 >= len(doc) or doc[i + 1].pos_ != "DET":
        return False
    last: Token | None = None
    for tok in doc[i + 2 : i + 2 + _APPOSITIVE_WINDOW]:
        if tok.pos_ == "NOUN":
            last = tok
        elif not (tok.pos_ in ("ADJ", "ADV", "PROPN", "PART") or tok.text in ("-", "–")
                  or tok.tag_ in ("VBN", "VBG")):
            break
    return last is not None and _place_noun(last)


def _place_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lower_ in PLACE_ORG_NOUNS
                                   or tok.lemma_.lower() in PLACE_ORG_NOUNS)
