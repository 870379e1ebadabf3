"""Shared passages, their offsets, kind and direction."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.cluster.reuse import find_reuse
from newsprism.types import Report

from .fixtures import FLOOD_2019, REPUBLISHED, UNRELATED, WIRE

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def test_republication_with_added_material() -> None:
    reuse = find_reuse(REPUBLISHED, WIRE)
    assert reuse is not None
    assert (reuse.from_report_id, reuse.to_report_id) == ("w-1", "w-2")
    assert reuse.direction_basis == "dates"
    assert reuse.kind == "partial"
    assert reuse.share_from > reuse.share_to
    for sa, ea, sb, eb in reuse.passages:
        a, b = WIRE.text[sa:ea], REPUBLISHED.text[sb:eb]
        assert a.split()[:3] == b.split()[:3]
    # the inserted "that" is bridged: the harbour master's sentence is one passage
    assert any("Varnholt" in WIRE.text[sa:ea] and "tide" in WIRE.text[sa:ea]
               for sa, ea, _, _ in reuse.passages)
    assert reuse.shared_chars == sum(ea - sa for sa, ea, _, _ in reuse.passages)


def test_without_dates_the_side_adding_material_is_the_copier() -> None:
    undated = [replace(r, published_at=None, published_precision=None) for r in (WIRE,
                                                                                  REPUBLISHED)]
    reuse = find_reuse(*undated)
    assert reuse is not None
    assert (reuse.from_report_id, reuse.direction_basis) == ("w-1", "added-material")


def test_exact_and_near_exact_copies() -> None:
    copy = replace(WIRE, id="w-copy", published_at=None)
    exact = find_reuse(WIRE, copy)
    assert exact is not None and exact.kind == "exact"
    edited = replace(copy, text=copy.text.replace("Thursday", "Wednesday")
                     .replace("next week", "soon"))
    near = find_reuse(WIRE, edited)
    assert near is not None and near.kind == "near-exact"
    assert len(near.passages) == 1


def test_unrelated_reports_share_nothing() -> None:
    assert find_reuse(FLOOD_2019[0], UNRELATED) is None
    assert find_reuse(FLOOD_2019[0], FLOOD_2019[1]) is None


def test_seed_reports_share_passages_within_stories_only() -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed reports not found at {seeds} (../shared is absent)")
    reports = [Report(id=p.name[:3], source=str(p), text=p.read_text(encoding="utf-8"))
               for p in sorted(seeds.glob("*.txt"))]
    found = {}
    for a, b in itertools.combinations(reports, 2):
        reuse = find_reuse(a, b)
        if reuse is not None:
            found[frozenset({a.id, b.id})] = reuse
    assert set(found) == {frozenset({"000", "001"}), frozenset({"003", "004"})}
    by_id = {r.id: r for r in reports}
    for reuse in found.values():
        src, dst = by_id[reuse.from_report_id], by_id[reuse.to_report_id]
        for sa, ea, sb, eb in reuse.passages:
            assert src.text[sa:ea].lower()[:20] == dst.text[sb:eb].lower()[:20]
