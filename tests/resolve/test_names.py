"""Name normalisation, phonetic keys and person-name matching."""

from __future__ import annotations

import pytest

from newsprism.resolve.names import (
    clean,
    fold,
    head_word,
    name_key,
    person_names_conflict,
    person_names_match,
    phonetic_key,
    pronoun_of,
    singular,
    token_similarity,
    words_match,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("the Northern Ferry Union's", "Northern Ferry Union"),
    ("in western Lunaria", "western Lunaria"),
    ("Kovalenko’s", "Kovalenko"),
    ("“Brandt,”", "Brandt"),
    ("the", "the"),
    ("the Dockers'", "Dockers"),
])
def test_clean_strips_articles_prepositions_possessives(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_fold_and_name_key() -> None:
    assert fold("U.S.") == "us"
    assert fold("José-María Núñez") == "jose maria nunez"
    assert name_key("the Ministry of Ports'") == "ministry of ports"


@pytest.mark.parametrize(("a", "b"), [
    ("Khazali", "Hazali"), ("Mahmoud", "Mahmud"), ("Mohammed", "Muhammad"),
    ("Sadeghi", "Sadeqi"), ("Yusuf", "Iusuf"), ("Vasiliev", "Wasiliev"),
    ("Tabrizi", "Tabrisi"), ("Rostami", "Rostamy"), ("Borzou", "Borzu"),
    ("Hryhoriy", "Grigoriy"), ("Zhelenko", "Schelenko"), ("Zhelenko", "Zelenko"),
])
def test_transliteration_variants_share_a_phonetic_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)
    assert words_match(fold(a), fold(b))


def test_letter_swap_is_one_name_but_short_names_need_their_vowels() -> None:
    assert words_match("karimani", "karimnai")
    assert not words_match("john", "joan")
    assert not words_match("lin", "lan")
    assert words_match("rait", "raite")


def test_unrelated_names_are_far_apart() -> None:
    assert token_similarity("petrosyan", "oduya") < 0.6
    assert not words_match("brandt", "berrin")


def test_person_names_match_short_forms_and_extensions() -> None:
    assert person_names_match(("lin",), ("lin", "haoran"))
    assert person_names_match(("haoran",), ("lin", "haoran"))
    assert person_names_match(("ali", "reza", "karimi"), ("ali", "reza", "moradi", "karimi"))
    assert person_names_match(("j", "smith"), ("john", "smith"))
    assert not person_names_match(("aj", "smith"), ("adam", "j", "smith"))
    assert person_names_conflict(("ali", "karimi"), ("ali", "moradi"))
    assert person_names_conflict(("john", "smith"), ("mary", "smith"))
    assert person_names_match(("fred", "lario"), ("frederick", "c", "lario"))
    assert not person_names_conflict(("karimi",), ("ali", "karimi"))


def test_heads_and_pronouns() -> None:
    assert head_word("leaders of a breakaway faction") == "leader"
    assert head_word("the two ferry companies") == "company"
    assert singular("women") == "woman"
    assert singular("crises") == "crisis"
    assert pronoun_of("She") == "she"
    assert pronoun_of("they'll") == "they"
    assert pronoun_of("Brandt") is None
