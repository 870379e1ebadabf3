from __future__ import annotations

from datetime import date

import pytest

from newsprism.triangulate.similarity import content_terms, parse_number
from newsprism.triangulate.values import (
    ClaimValues,
    DateValue,
    NameValue,
    NumberValue,
    date_interval,
    dates_agree,
    disagreements,
    names_match,
    number_value,
    numbers_agree,
    precision_of,
)
from newsprism.types import NumberExpr


def test_numbers_in_any_locale_are_one_number() -> None:
    assert parse_number("15.000") == parse_number("15,000") == 15000.0
    assert parse_number("1.234.567") == 1234567.0
    assert parse_number("2.5") == 2.5
    assert parse_number("3,75") == 3.75
    assert parse_number("drones") is None
    assert "#15000" in content_terms("15.000 drones") and "#15000" in content_terms("15,000")


def _n(value: float, qualifier: str | None = None, unit: str = "workers") -> NumberValue:
    return number_value(NumberExpr("r", 0, 1, str(value), value, unit, qualifier=qualifier))


def test_numbers_compare_as_intervals() -> None:
    assert numbers_agree(_n(15000), _n(15000.0))
    assert not numbers_agree(_n(1200), _n(900))
    assert numbers_agree(_n(6000, "at least"), _n(6500))
    assert not numbers_agree(_n(6000, "at least"), _n(5000))
    assert numbers_agree(_n(100, "about"), _n(95))
    assert not numbers_agree(_n(100, "about"), _n(80))


def test_dates_compare_at_their_precision() -> None:
    month, day = DateValue("April", "2022-04", "month"), DateValue("27 April", "2022-04-27", "day")
    assert dates_agree(month, day)
    assert not dates_agree(day, DateValue("26 April", "2022-04-26", "day"))
    assert dates_agree(DateValue("2022", "2022", "year"), day)
    assert date_interval("2022-W17") == (date(2022, 4, 25), date(2022, 5, 1))
    assert date_interval("2022-Q2") == (date(2022, 4, 1), date(2022, 6, 30))
    assert date_interval("PRESENT_REF") is None and date_interval("P25Y") is None
    assert precision_of("2022-04") == "month" and precision_of("2022-04-27") == "day"


def test_names_tolerate_spelling_but_not_other_people() -> None:
    def person(text: str, key: str | None = None) -> NameValue:
        return NameValue(text, key or text.lower(), "PERSON", resolved=key is not None)

    assert names_match(person("Katalin Ostrowska"), person("Ostrowksa"))
    assert not names_match(person("Katalin Ostrowska"), person("Piet Vandermeer"))
    assert names_match(person("Vandermeer", "e1"), person("Van der Meer", "e1"))
    assert not names_match(person("Lind", "e1"), person("Lind", "e2"))


def test_disagreement_needs_values_on_both_sides_that_conflict() -> None:
    a = ClaimValues(numbers=(_n(1200),), dates=(DateValue("May", "2030-05", "month"),))
    b = ClaimValues(numbers=(_n(1200),), dates=(DateValue("3 May", "2030-05-03", "day"),))
    c = ClaimValues(numbers=(_n(900),))
    assert disagreements({"a": a, "b": b}) == []
    diffs = disagreements({"a": a, "b": b, "c": c})
    assert [d["field"] for d in diffs] == ["number"]
    assert set(diffs[0]["values"]) == {"a", "b", "c"}
    d = ClaimValues(dates=(DateValue("4 May", "2030-05-04", "day"),))
    assert [x["field"] for x in disagreements({"b": b, "d": d})] == ["date"]


def test_embed_threads_override(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.errors import ConfigError
    from newsprism.triangulate.similarity import embed_threads

    monkeypatch.setenv("NEWSPRISM_EMBED_THREADS", "3")
    assert embed_threads() == 3
    monkeypatch.setenv("NEWSPRISM_EMBED_THREADS", "many")
    with pytest.raises(ConfigError):
        embed_threads()
    monkeypatch.delenv("NEWSPRISM_EMBED_THREADS")
    assert embed_threads() >= 1
