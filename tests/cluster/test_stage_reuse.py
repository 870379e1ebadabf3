"""Reuse edges from the cluster stage: verified against a bounded number of earlier copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.cluster import stage
from newsprism.config import Settings
from newsprism.store import Store, StoredItem
from newsprism.types import Analysis, Report

from .fixtures import WIRE


def _copy(n: int) -> Report:
    return Report(id=f"c{n:02d}", source=f"outlet-{n}", text=WIRE.text,
                  published_at=f"2031-03-{n + 1:02d}", published_precision="day",
                  published_source="metadata")


def test_each_new_copy_is_verified_against_at_most_the_cap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "MAX_REUSE_CANDIDATES", 3)
    copies = [_copy(n) for n in range(6)]
    with Store(tmp_path / "s.db") as store:
        store.add_reports([StoredItem(r, None, Analysis(r.id)) for r in copies])
        stage.update_stories(store, [r.id for r in copies], Settings())
        edges = store.reuse()
    pairs = {frozenset((e.from_report_id, e.to_report_id)) for e in edges}
    # Copy n has n earlier copies: min(n, 3) edges each, to the first indexed ones.
    assert len(pairs) == sum(min(n, 3) for n in range(6))
    assert frozenset(("c00", "c05")) in pairs
    assert frozenset(("c04", "c05")) not in pairs
