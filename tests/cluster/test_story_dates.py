"""Written dates and publication-date estimates for undated reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsprism.cluster.dates import absolute_dates, estimate_date
from newsprism.types import Report

from .fixtures import FLOOD_2019

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _days(text: str, hint: int | None = None) -> list[tuple[str, str]]:
    return [(w.day.isoformat(), w.precision) for w in absolute_dates(text, hint)]


def test_written_dates() -> None:
    assert _days("It opened on March 14, 2013 and closed 2 June 2014.") == [
        ("2013-03-14", "day"), ("2014-06-02", "day")]
    assert _days("Filed 2020-01-31.") == [("2020-01-31", "day")]
    assert _days("Talks began in November 2021.") == [("2021-11-01", "month")]
    assert _days("Since 2018, prices rose 15,000 times.") == [("2018-01-01", "year")]


def test_yearless_dates_take_the_hint_or_the_texts_year() -> None:
    assert _days("He spoke on Wednesday (April 27).", 2022) == [("2022-04-27", "day")]
    assert _days("He spoke on April 27.") == []
    assert _days("Signed on May 2, 2015. Ratified on June 9.") == [
        ("2015-05-02", "day"), ("2015-06-09", "day")]


def test_may_the_verb_is_not_a_month() -> None:
    assert _days("Prices may 12 times rise.") == []
    assert _days("She arrived May 12, 2020.") == [("2020-05-12", "day")]


def test_estimate_from_dated_story_members() -> None:
    undated = replace(FLOOD_2019[2], published_at=None, published_precision=None)
    estimate = estimate_date(undated, [FLOOD_2019[0], FLOOD_2019[1], undated])
    assert estimate == ("2019-03-04", "day")


def test_wide_spread_of_members_lowers_precision() -> None:
    undated = replace(FLOOD_2019[2], published_at=None)
    late = replace(FLOOD_2019[1], published_at="2019-03-30")
    assert estimate_date(undated, [FLOOD_2019[0], late])[1] == "month"  # type: ignore[index]


def test_estimate_from_mentioned_dates_when_nobody_is_dated() -> None:
    a = Report(id="a", source="t", text="The dam failed on August 3, 2017, officials said.")
    b = Report(id="b", source="t", text="Repairs were announced on August 5, 2017.")
    assert estimate_date(a, [a, b]) == ("2017-08-05", "week")
    assert estimate_date(Report(id="c", source="t", text="No dates here."), []) is None


def test_seed_estimates() -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed reports not found at {seeds} (../shared is absent)")
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    story = [
        Report(id="002", source="s", text=texts["002"]),
        Report(id="003", source="s", text=texts["003"], published_at="2022-04-28",
               published_precision="day", published_source="text"),
        Report(id="004", source="s", text=texts["004"]),
    ]
    iso, precision = estimate_date(story[2], story) or ("", "")
    assert abs((date.fromisoformat(iso) - date(2022, 4, 28)).days) <= 1
    assert precision == "day"
    drones = [Report(id=k, source="s", text=texts[k]) for k in ("000", "001")]
    # the drone-sale reports name no full date at all: nothing to estimate from
    assert estimate_date(drones[0], drones) is None
