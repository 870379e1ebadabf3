"""What the resolver knows about one mention: its kind of referent, whether it is a name, a
description or a pronoun, its name without titles, the roles attached to it and its keys."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.resolve.acronyms import acronym_letters
from newsprism.resolve.gazetteer import country_of, lookup_place
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
# Number words written as figures, so that "eight years" and "8 years" are one amount.
NUMBER_VALUES = {w: str(k) for k, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve"))}
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
# Suffixes after a person's name that tell generations apart (folded).
GENERATIONAL_SUFFIXES = word_set("jr sr ii iii iv junior senior")
# Lower-case words that are part of a person's name.
NAME_PARTICLES = word_set("de da di del della van von der den bin ibn al el la le du dos y")
# Degrees and credentials written after a person's name ("Ana Ruiz, MD, MBA").
CREDENTIALS = word_set("md phd mba dds dmd rn np esq jd llm mph dvm facs frcs")
# A one-word name that is a word of a person's full name in the same story is that person's
# name, unless it names a country or a place at least this populous ("Lopez" the surname, not
# the town of 26,000; "Washington" may be the city).
SURNAME_OVER_PLACE_POPULATION = 500_000
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
    # The name without a locating tail ("Harbour Clinic in Mombasa, Kenya" -> "harbour
    # clinic"): one place or body is often named with and without where it is.
    base: str = ""

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
        described, text = _split_description(text)
        if described:
            roles.append(described)
        text = " ".join(w for w in text.split() if not _NUMBER.match(w.strip(",")))
        text = _strip_suffix(text)
    key = fold(text)
    if fam == "loc":
        key = " ".join(PLACE_ABBREVIATIONS.get(w, w) for w in key.split())
    tokens = tuple(key.split()) if key else ()
    head = _time_head(tokens) if fam == "time" else head_word(text)
    numbers = [t for t in tokens if t[:1].isdigit() or t in NUMBER_WORDS]
    if form == "nominal" and numbers and head:
        # "20 points" and "nine points" are different amounts: the number is part of the head.
        head = f"{head}#{'-'.join(NUMBER_VALUES.get(t, t) for t in numbers)}"
    plural = form == "nominal" and bool(head) and _plural(text, head)
    return Node(
        i=i, report=m.report_id, idx=idx, story=story, start=m.start, end=m.end, type=m.type,
        fam=fam, form=form, display=text, key=key, tokens=tokens, head=head, pronoun=pronoun,
        roles=tuple(roles), role_keys=tuple(role_key(r) for r in roles),
        acronym=acronym_letters(text) if form == "name" else None, plural=plural,
        gender=_gender(pronoun, head if form == "nominal" else "", roles),
        role_words={singular(w) for r in roles for w in fold(r).split()},
        base=_base(text, key) if form == "name" and fam in ("loc", "org") else key,
    )


def _split_description(text: str) -> tuple[str | None, str]:
    """("MacArthur fellow", "Ana Ruiz") from "MacArthur fellow Ana Ruiz": a person's name
    span that holds a lower-case word other than a name particle ("de", "van") is a
    description followed by the name, the trailing run of capitalized words."""
    words = text.split()
    j = len(words) - 1
    while j >= 0 and (words[j].lstrip("\"'(“‘")[:1].isupper()
                      or fold(words[j]) in NAME_PARTICLES):
        j -= 1
    if j < 0 or j == len(words) - 1:
        return None, text
    name = [w for w in words[j + 1:] if w[:1].isupper()]
    if not name:
        return None, text
    return " ".join(words[:j + 1]), " ".join(words[j + 1:]).strip(" ,\"'")


def _strip_suffix(text: str) -> str:
    """A person's name without a generational suffix ("W. Mark Felt, Sr." -> "W. Mark
    Felt") or credentials ("Ana Ruiz, M.D." -> "Ana Ruiz"): the suffix tells a father from a
    son only where both are named, and reports drop both freely."""
    words = text.split()
    while len(words) > 2 and (fold(words[-1]) in GENERATIONAL_SUFFIXES
                              or fold(words[-1]) in CREDENTIALS):
        words.pop()
    return " ".join(words).rstrip(" ,")


def _form(m: Mention, text: str, pronoun: str | None, fam: str) -> str:
    if pronoun is not None and not (m.type in NAME_TYPES and text.isupper()):
        return "pronoun"
    if fam == "time" or not text:
        return "nominal"
    if m.type in NAME_TYPES or acronym_letters(text):
        return "name"
    return "nominal"


_LOCATING_TAIL = re.compile(r",| in | at | near ", re.IGNORECASE)


def _base(text: str, key: str) -> str:
    head = _LOCATING_TAIL.split(text, maxsplit=1)[0]
    return fold(head) or key


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


def repair_types(nodes: Sequence[Node]) -> None:
    """Make one story's names agree on their type, as the statistical tagger often does not:
    every spelling of a name takes the type most of its mentions have, and a one-word name
    that is the family name of a person named in full in the story, and no known place, is
    that person's name ("Okonkwo" tagged a place where "Chidi Okonkwo" is a person), and one
    that ends an organisation's name is that organisation's ("Dockers" tagged a person where
    the story names "Mombasa Dockers")."""
    by_story: dict[str, list[Node]] = defaultdict(list)
    described: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.form == "name" and node.key and node.type in NAME_TYPES:
            by_story[node.story].append(node)
        elif node.form == "nominal" and node.key and node.fam not in ("time",):
            described[node.story].append(node)
    for story, members in by_story.items():
        pending = described.get(story, ())
        _name_descriptions(members, pending)
        # Descriptions now read as names vote on their name's type too.
        members.extend(n for n in pending if n.form == "name")
    for members in by_story.values():
        by_key: dict[str, list[Node]] = defaultdict(list)
        for node in members:
            by_key[node.key].append(node)
        surnames = {t for n in members if n.type == "PERSON" and n.multi
                    for t in (n.tokens[0], n.tokens[-1]) if len(t) > 2}
        org_ends = {n.tokens[-1] for n in members if n.type == "ORG" and n.multi}
        for key, same in by_key.items():
            counts = Counter(n.type for n in same)
            best = max(counts, key=lambda t: (counts[t], t == "PERSON", t))
            if not _is_place(same[0].display):
                if key in surnames and key not in org_ends:
                    best = "PERSON"
                elif key in org_ends and key not in surnames:
                    best = "ORG"
            for node in same:
                node.type, node.fam = best, FAMILY.get(best, best.lower())
                if node.fam != "per":
                    node.base = node.base or node.key


def _name_descriptions(names: Sequence[Node], descriptions: Sequence[Node]) -> None:
    """A description spelled as a name of the story, capitalized, is that name (the tagger
    missed it in one place): "Okonkwo" described as a person where "Okonkwo" is a name."""
    by_key = {n.key: n for n in names}
    people: dict[str, Node] = {}
    bodies: dict[str, Node] = {}
    for n in names:
        if n.type == "PERSON" and n.multi:
            people.setdefault(n.tokens[-1], n)
        elif n.type == "ORG" and n.multi and len(n.tokens[-1]) > 3:
            bodies.setdefault(n.tokens[-1], n)
    for node in descriptions:
        name = by_key.get(node.key)
        if name is None and node.fam == "hum" and node.tokens and _capitalized(node.display):
            # "Gupta" or "Mo Gupta" left untagged where "Dr. Anil Gupta" is a person;
            # "Herons" where "Lakeside Herons" is a team.
            name = people.get(node.tokens[-1])
            if name is None and len(node.tokens) == 1:
                name = bodies.get(node.tokens[0])
        if name is not None and _name_word(node.display):
            node.form, node.type, node.fam = "name", name.type, name.fam
            node.acronym = acronym_letters(node.display)
            node.base = name.base if name.key == node.key else node.key


def _capitalized(text: str) -> bool:
    words = text.split()
    return bool(words) and all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """A word written as a name: capitalized, or a figure with letters ("76ers")."""
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isalpha() for c in word))


def _is_place(text: str) -> bool:
    if country_of(text) is not None:
        return True
    place = lookup_place(text)
    return place is not None and place.population >= SURNAME_OVER_PLACE_POPULATION


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
