"""Titles and roles: kept apart from names, and compared as (country, office).

"Maj. Gen. Oskar Brandt" is the name "Oskar Brandt" with the title "Maj. Gen.".
"Kenyan President", "Kenya's president" and "president of Kenya" are one role: the office
{president} of the country KE. Ranks and honorifics ("Brigadier General", "Dr.", "Ayatollah")
are titles, kept with the entity but too common to say who someone is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsprism.resolve.gazetteer import country_of
from newsprism.resolve.names import (
    fold,
    normalize_text,
    singular,
    strip_possessive,
    word_set,
)

# Honorifics and military or religious ranks: a title, not an office (folded, no dots).
RANKS = word_set("""
    mr mrs ms miss mx dr prof sir dame lord lady madam rev reverend fr father sister brother
    general gen lieutenant lt colonel col major maj captain capt commander cmdr cmdt admiral adm
    brigadier brig sergeant sgt corporal cpl private pvt marshal field rear vice
    ayatollah hojatoleslam sheikh sheik imam mullah rabbi cardinal bishop archbishop pastor
    mufti grand his her excellency highness majesty honorable hon
    """)
# Words that make a person's office ("defense minister", "chief of staff"): a name may be
# preceded by these and they are removed from it.
OFFICES = word_set("""
    president vicepresident premier minister chancellor secretary ambassador envoy consul
    governor senator congressman congresswoman representative rep sen gov mayor judge justice
    king queen prince princess emperor empress emir sultan pope leader chairman chairwoman
    chair chairperson ceo cfo coo cto founder director spokesman spokeswoman spokesperson
    commissioner inspector detective officer prosecutor attorney counsel lawyer professor
    coach manager head chief deputy adviser advisor aide commander superintendent sheriff
    speaker lawmaker legislator mp diplomat negotiator official executive editor anchor
    correspondent reporter host actor actress singer rapper player striker goalkeeper
    quarterback pitcher guard forward receiver tackle lineman defender midfielder captain
    """)
TITLE_WORDS = RANKS | OFFICES
# Words that say nothing about which office ("the", "of", "top", "visiting").
_FILLER = word_set("""
    the a an of for and to in on at s his her their its top senior visiting then current
    new incoming outgoing longtime long time veteran powerful
    """)
# Spelling variants of office words.
_SPELLING = {"defence": "defense", "programme": "program", "centre": "center",
             "organisation": "organization", "labour": "labor", "counsellor": "counselor"}


@dataclass(frozen=True, slots=True)
class RoleKey:
    """A role as compared: the office's words (singular, lower case, any order) and the
    country it is held for, when the role says."""

    office: frozenset[str]
    country: str | None

    @property
    def specific(self) -> bool:
        """Specific enough to identify one person in one story: an office with a country."""
        return bool(self.office) and self.country is not None


def _words(text: str) -> list[tuple[str, str]]:
    """(folded word, raw word) pairs of a role text."""
    out: list[tuple[str, str]] = []
    for raw in normalize_text(text).split(" "):
        word = fold(strip_possessive(raw))
        out.extend((w, raw) for w in word.split(" ") if w)
    return out


@lru_cache(maxsize=50_000)
def role_key(role: str) -> RoleKey:
    """The (office, country) of a role text. Ranks, honorifics and filler words are dropped;
    a country or nationality word anywhere in the role sets its country. A nation the
    gazetteer does not know counts by its stem ("Lunarian", "Lunaria's" and "of Lunaria" are
    one country)."""
    words = _words(role)
    country: str | None = None
    office: set[str] = set()
    i = 0
    while i < len(words):
        word, raw = words[i]
        pair = " ".join(w for w, _ in words[i:i + 2])
        code = country_of(pair) if i + 1 < len(words) else None
        if code is not None:
            country = country or code
            i += 2
            continue
        code = country_of(word) or _unknown_nation(word, raw, words[i - 1][0] if i else "")
        if code is not None:
            country = country or code
        elif word not in _FILLER and word not in RANKS:
            office.add(singular(_SPELLING.get(word, word)))
        i += 1
    return RoleKey(frozenset(office), country)


_NATION_SUFFIXES = ("ian", "ean", "ese", "ish", "ia", "an", "i", "a")


def _unknown_nation(word: str, raw: str, before: str) -> str | None:
    """A stem for a capitalized nationality adjective ("-ian", "-ese", "-ish"), a possessive
    name ("X's") or a name after "of" that is no office word: "~" + the word without its
    nationality ending and final vowels."""
    if not raw[:1].isupper() or word in TITLE_WORDS or len(word) < 4:
        return None
    nationality = word.endswith(("ian", "ean", "ese", "ish"))
    possessive = raw.endswith(("'s", "’s"))
    if not (nationality or possessive or before == "of"):
        return None
    stem = word
    for suffix in _NATION_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[:-len(suffix)]
            break
    return "~" + stem.rstrip("aeiouy")


def roles_conflict(a: RoleKey, b: RoleKey) -> bool:
    """Two specific roles of different countries: not held by one person in one story."""
    return a.specific and b.specific and a.country != b.country


def roles_match(a: RoleKey, b: RoleKey) -> bool:
    """The same specific role: same country and the same office words."""
    return a.specific and b.specific and a.country == b.country and a.office == b.office


def split_title(text: str) -> tuple[str | None, str]:
    """("Maj. Gen.", "Oskar Brandt") from "Maj. Gen. Oskar Brandt": everything up to
    the title word that the trailing run of capitalized name words follows."""
    words = text.split()
    j = len(words) - 1
    while j >= 0 and words[j][:1].isupper() and fold(words[j]) not in TITLE_WORDS:
        j -= 1
    if j < 0 or j == len(words) - 1 or fold(words[j]) not in TITLE_WORDS:
        return None, text
    return " ".join(words[:j + 1]), " ".join(words[j + 1:])
