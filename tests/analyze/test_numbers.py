"""Numbers: values in any locale, what they count, qualifiers, kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsprism.analyze.numbers import extract_numbers, parse_numeral, words_value
from newsprism.types import NumberExpr

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def _numbers(nlp: Language, text: str) -> dict[str, NumberExpr]:
    return {n.text: n for n in extract_numbers(nlp(text), "r")}


@pytest.mark.parametrize(
    ("raw", "value"),
    [("15.000", 15000.0), ("15,000", 15000.0), ("1.5", 1.5), ("3,5", 3.5),
     ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("2,500,000", 2500000.0),
     ("0.500", 0.5), ("42", 42.0), ("12\u00a0000", 12000.0)],
)
def test_parse_numeral_locales(raw: str, value: float) -> None:
    assert parse_numeral(raw) == value


def test_words_value() -> None:
    assert words_value("twenty-five") == 25
    assert words_value("three hundred") == 300
    assert words_value("a dozen") == 12
    assert words_value("two million") == 2_000_000
    assert words_value("blue") is None


def test_thousands_in_both_locales_count_the_same_noun(nlp: Language) -> None:
    found = _numbers(nlp, "The guild sold 12.000 woollen blankets and bought 12,000 of our "
                          "blankets back.")
    assert found["12.000"].value == found["12,000"].value == 12000
    assert found["12.000"].unit == found["12,000"].unit == "blankets"
    assert found["12.000"].kind == "count"


def test_scales_money_percent(nlp: Language) -> None:
    found = _numbers(nlp, "The port earned $3.2bn, up 12 per cent, and 1.5 million euros "
                          "came from fees.")
    assert found["$3.2bn"].value == pytest.approx(3.2e9)
    assert (found["$3.2bn"].kind, found["$3.2bn"].unit) == ("money", "USD")
    assert (found["12 per cent"].value, found["12 per cent"].kind) == (12, "percent")
    assert found["1.5 million"].value == pytest.approx(1.5e6)
    assert (found["1.5 million"].kind, found["1.5 million"].unit) == ("money", "EUR")


def test_qualifiers(nlp: Language) -> None:
    found = extract_numbers(nlp("At least 6,000 sheep crossed, and some 4,000 goats."), "r")
    quals = {(n.value, n.qualifier) for n in found}
    assert (6000, "at least") in quals
    assert (4000, "about") in quals


def test_multipliers_and_durations(nlp: Language) -> None:
    found = _numbers(nlp, "Output grew three times and exports five times under a 25-year "
                          "lease that ran for four days.")
    assert (found["three times"].kind, found["three times"].value) == ("multiplier", 3)
    assert found["five times"].value == 5
    assert (found["25-year"].kind, found["25-year"].value, found["25-year"].unit) == (
        "duration", 25, "year")
    assert (found["four"].kind, found["four"].unit) == ("duration", "day")


def test_words_and_ranges(nlp: Language) -> None:
    found = _numbers(nlp, "Two navies sent dozens of boats and hundreds of sailors; a dozen "
                          "divers stayed.")
    assert (found["Two"].value, found["Two"].unit) == (2, "navies")
    dozens = found["dozens"]
    assert (dozens.kind, dozens.value, dozens.low, dozens.unit) == ("range", None, 24, "boats")
    assert found["hundreds"].low == 200
    assert (found["a dozen"].value, found["a dozen"].unit) == (12, "divers")


def test_years_ordinals_and_ages_are_not_counts(nlp: Language) -> None:
    numbers = extract_numbers(nlp("In 2019 the seventh round opened; a 6-year-old and a man of "
                                  "52 years old watched 2019 ducks."), "r")
    years = [n.kind for n in numbers if n.text == "2019"]
    assert years == ["year", "count"]  # a plural noun after it makes it a count
    found = {n.text: n for n in numbers}
    assert (found["seventh"].kind, found["seventh"].value) == ("ordinal", 7)
    assert found["6"].kind == "age"
    assert found["52"].kind == "age"


def test_dates_and_clock_times_are_left_to_times(nlp: Language) -> None:
    found = _numbers(nlp, "On April 27 at 10:30 a.m. the mayor opened 3 bridges.")
    assert list(found) == ["3"]
    assert found["3"].unit == "bridges"


def test_one_as_pronoun_is_skipped(nlp: Language) -> None:
    assert _numbers(nlp, "One of the clerks said no one knew.") == {}


def test_spans_point_into_text(nlp: Language) -> None:
    text = "Some 1.5 million people fled; 40% returned within two weeks."
    for n in extract_numbers(nlp(text), "r"):
        assert text[n.start : n.end] == n.text


def test_seed_thousands_separators_agree(nlp: Language) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not available at {SEEDS}")
    files = sorted(SEEDS.glob("000_*.txt"))
    if not files:
        pytest.skip("seed report 000 missing")
    numbers = extract_numbers(nlp(files[0].read_text(encoding="utf-8")), "000")
    dotted = [n for n in numbers if n.text == "15.000"]
    commas = [n for n in numbers if n.text == "15,000"]
    assert dotted and commas
    assert {(n.value, n.unit) for n in dotted + commas} == {(15000.0, "drones")}


def test_wire_abbreviations(nlp: Language) -> None:
    found = _numbers(nlp, "The mill's profit rose 10.8 pct to 5.5 mln dlrs.")
    assert (found["10.8 pct"].kind, found["10.8 pct"].value) == ("percent", 10.8)
    assert found["5.5 mln"].value == pytest.approx(5.5e6)
    assert (found["5.5 mln"].kind, found["5.5 mln"].unit) == ("money", "USD")
