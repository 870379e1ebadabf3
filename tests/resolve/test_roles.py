"""Roles as (country, office) and titles split from names."""

from __future__ import annotations

from newsprism.resolve.roles import role_key, roles_conflict, roles_match, split_title


def test_one_role_many_wordings() -> None:
    a = role_key("Norwegian Prime Minister")
    b = role_key("Norway's prime minister")
    c = role_key("prime minister of Norway")
    assert a == b == c
    assert a.country == "NO" and a.specific


def test_spelling_variants_and_ranks() -> None:
    assert role_key("Kenyan defence minister") == role_key("Kenya's Defense Minister")
    rank = role_key("Brigadier General")
    assert not rank.specific and not rank.office


def test_match_and_conflict() -> None:
    ke = role_key("Kenyan Defense Minister")
    ug = role_key("Ugandan Defense Minister")
    assert roles_match(ke, role_key("Kenya's defence minister"))
    assert not roles_match(ke, ug)
    assert roles_conflict(ke, ug)
    assert not roles_conflict(ke, role_key("Defense Minister"))
    assert role_key("former Chilean President") != role_key("Chilean President")


def test_split_title() -> None:
    assert split_title("Maj. Gen. Oskar Brandt") == ("Maj. Gen.", "Oskar Brandt")
    assert split_title("Harbour Minister Lin Haoran") == ("Harbour Minister", "Lin Haoran")
    assert split_title("Lin Haoran") == (None, "Lin Haoran")
    assert split_title("Peter Bishop") == (None, "Peter Bishop")


def test_nations_the_gazetteer_lacks_count_by_stem() -> None:
    a = role_key("Lunarian Harbour Minister")
    assert a == role_key("Lunaria's harbour minister") == role_key("harbour minister of Lunaria")
    assert a.specific
    assert role_key("Harbour Minister").country is None
    assert roles_conflict(a, role_key("Kenyan Harbour Minister"))
