"""Fixtures for pipeline tests: a generator of many small, distinct fictional reports."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

TOWNS = ["Orvel", "Castamere Bay", "Lindholt", "Perrow", "Sallow Creek", "Vantmoor"]
BODIES = ["port authority", "water board", "district council", "transit office",
          "health agency"]
EVENTS = ["reopened the northern bridge", "approved a new budget", "ordered an inspection",
          "suspended ferry traffic", "announced a hiring freeze"]
PEOPLE = ["Ilse Varga", "Tobias Renn", "Marta Quell", "Oren Blaike", "Sunniva Hald"]


def synth_report(i: int) -> str:
    rnd = random.Random(i)
    town, body, event, person = (rnd.choice(TOWNS), rnd.choice(BODIES), rnd.choice(EVENTS),
                                 rnd.choice(PEOPLE))
    n = rnd.randint(2, 90_000)
    # Ten days apart: outside the story window, so each report is a story of its own and the
    # global stages' cost stays flat however many reports a test makes.
    day = date(2001, 1, 1) + timedelta(days=10 * i)
    return (
        f"{town} {body} {event} - Report {i}\n"
        f"{day:%B} {day.day}, {day.year}\n\n"
        f"The {body} of {town} {event} on Tuesday, report number {i} says.\n"
        f'"This decision affects {n:,} residents," {person} told reporters in {town}.\n'
        f"Officials said the measure would be reviewed in {rnd.randint(2, 11)} months.\n"
    )


@pytest.fixture
def make_corpus() -> Callable[[Path, int], list[Path]]:
    def build(folder: Path, n: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(n):
            path = folder / f"r{i:05d}.txt"
            path.write_text(synth_report(i), encoding="utf-8")
            paths.append(path)
        return paths

    return build
