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
PLACE_NOUNS = words(
    "country state nation republic kingdom province region district quarter town city village "
    "capital county municipality island valley river lake reservoir dam border street square "
    "avenue road port harbour harbor airport station bridge suburb neighbourhood neighborhood "
    "area territory"
)
ORG_NOUNS = words(
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
    if _calls_itself(span):
        return "org-noun"  # "a group calling itself X": "itself" is not a person
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        return "place-preposition"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in INHABITANT_NOUNS:
        return "place-noun"  # "residents of X"
    nouns: list[Token | None] = [
        head.head if root.dep_ == "pobj" and head.lower_ == "of" else None,  # "the town of X"
        head if root.dep_ == "compound" and head.i >= span.end else None,  # "the X district"
        head if root.dep_ == "appos" else None,
        *[c for c in root.children if c.dep_ == "appos"],  # "X, a landlocked country"
        _lexical_appositive(span),  # the same, for parses that miss the apposition
        *[t for t in root.lefts if t.dep_ == "compound"],  # "the state energy company X"
    ]
    for noun in nouns:
        kind = noun_kind(noun) if noun is not None else None
        if kind is not None:
            return kind
    if root.dep_ == "poss" and (head.lower_ in OWNED_BY_PLACES or (
            head.lower_ in ("minister", "ministers")
            and any(c.lower_ in PORTFOLIOS for c in head.lefts))):
        return "possession"  # "X's parliament", "X's interior minister"
    return None


def _calls_itself(span: Span) -> bool:
    head = span.root.head
    return head.lemma_ in ("call", "name", "style") and any(
        c.lower_ == "itself" for c in head.children)


def _lexical_appositive(span: Span) -> Token | None:
    """"X, the state-owned company that ...": a comma, then a noun phrase whose head (its
    last noun) is a place or organisation noun ("X, the company's chairman" is not)."""
    doc = span.doc
    i = span.end
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an", "the"):
        return None
    last: Token | None = None
    for tok in doc[i + 2 : i + 2 + _APPOSITIVE_WINDOW]:
        if tok.pos_ == "NOUN":
            last = tok
        elif not (tok.pos_ in ("ADJ", "ADV", "PROPN", "PART") or tok.text in ("-", "–")
                  or tok.tag_ in ("VBN", "VBG")):
            break
    return last


def noun_kind(tok: Token) -> str | None:
    """"place-noun" or "org-noun" for a common noun that says what a name is."""
    if tok.pos_ != "NOUN":
        return None
    forms = (tok.lower_, tok.lemma_.lower())
    if any(f in PLACE_NOUNS for f in forms):
        return "place-noun"
    if any(f in ORG_NOUNS for f in forms):
        return "org-noun"
    return None
