"""Acronyms and expansions."""

from __future__ import annotations

import pytest

from newsprism.resolve.acronyms import acronym_letters, initials, matches


def test_acronym_letters() -> None:
    assert acronym_letters("NFWU") == "NFWU"
    assert acronym_letters("U.N.") == "UN"
    assert acronym_letters("Brandt") is None
    assert acronym_letters("the port") is None


@pytest.mark.parametrize(("letters", "expansion"), [
    ("NFWU", "Northern Ferry Workers Union"),
    ("NFWU", "the Northern Ferry Workers' Union"),
    ("CPOA", "Coastal Plan of Action"),  # a stopword may give its letter
    ("LRP", "League for Rural Progress"),  # or not
    ("HK", "Halvorsen-Kjeldsen"),  # a hyphenated name gives both initials
    ("LPNA", "Lunarian People's Lunaria News Agency"),  # one content word left out
    ("USTB", "U.S. Tariff Board"),  # an acronym inside the expansion gives its letters
])
def test_matches(letters: str, expansion: str) -> None:
    assert matches(letters, expansion)


@pytest.mark.parametrize(("letters", "expansion"), [
    ("NFWU", "Northern Ferry Union"),
    ("LP", "Lunaria People's Lunaria"),  # two letters may not skip a word
    ("NFWU", "Southern Ferry Workers Union"),
    ("AB", "Brandt"),
])
def test_does_not_match(letters: str, expansion: str) -> None:
    assert not matches(letters, expansion)


def test_initials() -> None:
    assert initials("League for Rural Progress") == "LRP"
