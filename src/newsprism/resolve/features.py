"""What the resolver knows about one mention: its kind of referent, whether it is a name, a
description or a pronoun, its name without titles, the roles attached to it and its keys."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.resolve.acronyms import acronym_letters
from newsprism.resolve.names import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    clean,
    fold,
    head_word,
    phonetic_key,
    pronoun_of,
    singular,
    word_set,
)
from newsprism.resolve.roles import RoleKey, role_key, split_title
from newsprism.types import Mention

# Mention types by the kind of referent they can share an entity with. Besides newsprism's
# own types (PERSON, ORG, GPE, LOC, NORP, FAC), spaCy's other labels and the coarse classes of
# descriptions in public coreference sets (HUM people, NON things, PLACE places, TIM times)
# are understood.
FAMILY: dict[str, str] = {
    "PERSON": "per", "ORG": "org", "GPE": "loc", "LOC": "loc", "FAC": "loc", "NORP": "norp",
    "DATE": "time", "TIME": "time", "TIM": "time", "HUM": "hum", "NON": "thing",
    "PRODUCT": "thing", "WORK_OF_ART": "thing", "LAW": "thing", "EVENT": "event",
    "LANGUAGE": "norp", "PLACE": "loc",
}
# Families whose members may be one entity: a description of people ("hum") may be a person,
# an organisation or a nationality group; an organisation may be named as a thing it makes
# ("thing"); a name tagged PERSON in one place and ORG or a place in another is one referent
# only when spelled the same (checked where the pair is made).
COMPATIBLE: frozenset[frozenset[str]] = frozenset(
    frozenset(p) for p in (("per", "hum"), ("org", "hum"), ("norp", "hum"), ("org", "thing"),
                           ("per", "org"), ("org", "loc"), ("hum", "thing"))
)
# Types whose spans are names (spaCy's labels); other types are descriptions unless written
# as a name (capitalized words).
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT",
                        "WORK_OF_ART", "LAW", "LANGUAGE"})
_WEEKDAYS_MONTHS = word_set("""
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """)
# Abbreviations in place names, written out so that "Mt Cook" is "Mount Cook".
PLACE_ABBREVIATIONS = {"mt": "mount", "mtn": "mountain", "ft": "fort", "mts": "mountains"}
NUMBER_WORDS = word_set("""
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion dozen dozens hundreds thousands millions first second
    third fourth fifth
    """)
# Head nouns that say whether a person is a man or a woman.
FEMALE_NOUNS = word_set("""
    woman girl mother mom mum wife daughter sister grandmother aunt niece actress lady queen
    princess girlfriend bride widow businesswoman chairwoman spokeswoman congresswoman
    heroine waitress maid nun madam mrs ms miss
    """)
MALE_NOUNS = word_set("""
    man boy father dad husband son brother grandfather uncle nephew actor gentleman king
    prince boyfriend groom widower businessman chairman spokesman congressman hero waiter
    monk mr sir
    """)
_NUMBER = re.compile(r"^\d[\d,.]*$")


def families_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in COMPATIBLE


@dataclass(slots=True)
class Node:
    """One mention as the resolver sees it."""

    i: int
    report: str
    idx: int  # the mention's index in its report
    story: str
    start: int
    end: int
    type: str
    fam: str
    form: str  # "name", "nominal" or "pronoun"
    display: str  # the name without titles, or the cleaned description
    key: str
    tokens: tuple[str, ...]
    head: str
    pronoun: str | None
    roles: tuple[str, ...]
    role_keys: tuple[RoleKey, ...]
    acronym: str | None
    plural: bool
    gender: str | None  # "m"/"f" from a pronoun, a noun ("woman") or a title ("Mrs.")
    # Words that describe the referent where it is named: its roles' words and the words just
    # before the name ("76ers coach Maurice Cheeks"), singular and lower case.
    role_words: set[str]

    @property
    def multi(self) -> bool:
        return len(self.tokens) >= 2


def build_node(i: int, m: Mention, idx: int, story: str) -> Node:
    fam = FAMILY.get(m.type, m.type.lower())
    pronoun = pronoun_of(m.text)
    text = clean(m.text)
    roles: list[str] = [m.role] if m.role else []
    form = _form(m, text, pronoun, fam)
    if form == "name" and fam in ("per", "hum"):
        title, text = split_title(text)
        if title:
            roles.append(title)
        text = " ".join(w for w in text.split() if not _NUMBER.match(w.strip(",")))
    key = fold(text)
    if fam == "loc":
        key = " ".join(PLACE_ABBREVIATIONS.get(w, w) for w in key.split())
    tokens = tuple(key.split()) if key else ()
    head = _time_head(tokens) if fam == "time" else head_word(text)
    numbers = [t for t in tokens if t[:1].isdigit() or t in NUMBER_WORDS]
    if form == "nominal" and numbers and head:
        # "20 points" and "nine points" are different amounts: the number is part of the head.
        head = f"{head}#{'-'.join(numbers)}"
    plural = form == "nominal" and bool(head) and _plural(text, head)
    return Node(
        i=i, report=m.report_id, idx=idx, story=story, start=m.start, end=m.end, type=m.type,
        fam=fam, form=form, display=text, key=key, tokens=tokens, head=head, pronoun=pronoun,
        roles=tuple(roles), role_keys=tuple(role_key(r) for r in roles),
        acronym=acronym_letters(text) if form == "name" else None, plural=plural,
        gender=_gender(pronoun, head if form == "nominal" else "", roles),
        role_words={singular(w) for r in roles for w in fold(r).split()},
    )


def _form(m: Mention, text: str, pronoun: str | None, fam: str) -> str:
    if pronoun is not None:
        return "pronoun"
    if fam == "time" or not text:
        return "nominal"
    if m.type in NAME_TYPES or acronym_letters(text):
        return "name"
    return "nominal"


def _gender(pronoun: str | None, head: str, roles: list[str]) -> str | None:
    words = {head} | {w for r in roles for w in fold(r).split()}
    if pronoun in MALE_PRONOUNS or words & MALE_NOUNS:
        return "m"
    if pronoun in FEMALE_PRONOUNS or words & FEMALE_NOUNS:
        return "f"
    return None


def _time_head(tokens: tuple[str, ...]) -> str:
    for t in tokens:
        if t in _WEEKDAYS_MONTHS:
            return t
    return singular(tokens[-1]) if tokens else ""


def _plural(text: str, head: str) -> bool:
    for w in fold(text).split():
        if singular(w) == head:
            return w != head
    return False


def token_blocks(node: Node) -> set[str]:
    """Keys under which a name is compared with others: each word's phonetic key and its
    first three letters (a transposition or one wrong letter keeps one of the two)."""
    out: set[str] = set()
    for t in node.tokens:
        if len(t) < 2:
            continue
        out.add("p:" + phonetic_key(t))
        out.add("f:" + t[:3])
    return out
