"""Acronyms and their expansions ("NFWU" and "the Northern Ferry Workers Union").

An acronym's letters are the initials of its expansion's words, in order, where short function
words ("of", "the", "and") may give a letter or not ("JCPOA": Joint Comprehensive Plan Of
Action; "NATO": North Atlantic Treaty Organization). A hyphenated or slashed word gives the
initial of each part ("HP": Hewlett-Packard). News writers often expand an acronym loosely,
adding a country or a generic word ("the Lunarian People's Lunaria News Agency" for LPNA), so an
acronym of four letters or more may leave out one content word of the expansion.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsprism.resolve.names import normalize_text, word_set

STOPWORDS = word_set("of the and for on in at to de du des la le el al von van der und y &")
# Acronyms this long may skip one content word of the expansion (see the module docstring).
MIN_LETTERS_FOR_SKIP = 4
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,8}s?$|^[A-Z][A-Za-z]?[A-Z]{1,7}$")


def acronym_letters(text: str) -> str | None:
    """The letters of ``text`` if it is written as an acronym ("U.S." -> "US", "NFWU"), else
    None. A one-word span of 2-8 capitals, dots allowed."""
    t = normalize_text(text).strip(" .,;:'\"()")
    if " " in t or (not _ACRONYM.match(t) and not _ACRONYM.match(t + ".")):
        return None
    letters = t.replace(".", "")
    if letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    return letters.upper() if len(letters) >= 2 else None


def _words(expansion: str) -> list[str]:
    parts = re.split(r"[\s\-/]+", normalize_text(expansion))
    return [p.strip(".,;:'\"()") for p in parts if p.strip(".,;:'\"()")]


@lru_cache(maxsize=100_000)
def matches(letters: str, expansion: str) -> bool:
    """Whether the acronym ``letters`` stands for ``expansion`` (see the module docstring).
    The first letter must come from the first content word and the last from the last."""
    words = [w for w in _words(expansion) if w]
    if len(words) < 2 or not letters:
        return False
    letters = letters.upper()
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]
    if len(words) < 2 or not all(w[0].isalpha() or w[0].isdigit() for w in words):
        return False
    skips = 1 if len(letters) >= MIN_LETTERS_FOR_SKIP else 0
    return _align(letters, tuple(words), skips)


def _align(letters: str, words: tuple[str, ...], skips: int) -> bool:
    """Dynamic programme over (letter, word): each content word gives its initial (or is one
    of ``skips`` skipped words); a stopword gives its initial or nothing."""

    @cache
    def go(i: int, j: int, left: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        stop = word.lower() in STOPWORDS
        initial = word[0].upper()
        if i < len(letters) and letters[i] == initial and go(i + 1, j + 1, left):
            return True
        inner = acronym_letters(word)  # "U.S. Geological Survey" gives U, S, G, S
        if inner and letters.startswith(inner, i) and go(i + len(inner), j + 1, left):
            return True
        if stop:
            return go(i, j + 1, left)
        # The last word must give the last letter; others may be skipped.
        return left > 0 and 0 < j < len(words) - 1 and go(i, j + 1, left - 1)

    return go(0, 0, skips)


def initials(expansion: str) -> str:
    """Initials of the content words ("Northern Ferry Workers Union" -> "NFWU")."""
    return "".join(w[0].upper() for w in _words(expansion)
                   if w.lower() not in STOPWORDS and w[0].isalnum())
