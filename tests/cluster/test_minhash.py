"""Near-duplicate candidates through MinHash/LSH over passage windows."""

from __future__ import annotations

import pytest

from newsprism.cluster.minhash import NearDuplicateIndex
from newsprism.errors import ConfigError

from .fixtures import FLOOD_2019, FLOOD_2023, REPUBLISHED, UNRELATED, WIRE


def test_partial_copy_is_a_candidate_and_unrelated_reports_are_not() -> None:
    index = NearDuplicateIndex()
    assert index.add(WIRE.id, WIRE.text) == []
    for report in (*FLOOD_2019, *FLOOD_2023, UNRELATED):
        assert index.add(report.id, report.text) == []
    assert index.add(REPUBLISHED.id, REPUBLISHED.text) == ["w-1"]
    assert len(index) == 8


def test_exact_copy_is_found() -> None:
    index = NearDuplicateIndex()
    index.add("a", UNRELATED.text)
    assert index.add("b", UNRELATED.text) == ["a"]


def test_same_id_twice_is_an_error() -> None:
    index = NearDuplicateIndex()
    index.add("a", WIRE.text)
    with pytest.raises(ConfigError, match="already"):
        index.add("a", WIRE.text)


def test_short_text_has_no_windows() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", "Too short") == []
    assert index.add("b", "Too short") == []


def test_candidates_rank_by_shared_windows_and_stop_at_the_limit() -> None:
    index = NearDuplicateIndex()
    index.add("whole", WIRE.text)
    index.add("part", REPUBLISHED.text)
    for n in range(3):
        index.add(f"copy-{n}", WIRE.text)
    # Every earlier report shares the wire text; the whole copies share more of it.
    assert index.add("last", WIRE.text) == ["whole", "copy-0", "copy-1", "copy-2", "part"]
    assert index.add("again", WIRE.text, limit=2) == ["whole", "copy-0"]
