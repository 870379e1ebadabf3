"""Places and nationalities from the offline gazetteer."""

from __future__ import annotations

from newsprism.resolve.gazetteer import country_of, lookup_place


def test_countries_and_nationalities() -> None:
    assert country_of("Kenyan") == "KE"
    assert country_of("Chinese") == "CN"
    assert country_of("U.S.") == "US"
    assert country_of("Britain") == "GB"
    assert country_of("French") == "FR"
    assert country_of("harbour") is None


def test_places_have_country_and_coordinates() -> None:
    city = lookup_place("Nairobi")
    assert city is not None and city.country == "KE" and city.latitude is not None
    assert lookup_place("Mombasa") is not None
    variant = lookup_place("Teheran")
    assert variant is not None and variant.name == "Tehran"
    country = lookup_place("Kenya")
    assert country is not None and country.kind == "country" and country.latitude is None
    assert lookup_place("Lunaria") is None
