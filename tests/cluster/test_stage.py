"""The cluster stage over a store: stories rewritten when a later report regroups them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.cluster import stage, stories
from newsprism.cluster.features import ReportFeatures
from newsprism.config import Settings
from newsprism.store import Store, StoredItem
from newsprism.types import Analysis, Report

# Vectors chosen so that the undated report resembles both stories below the strong threshold,
# the later one more (the stage's bookkeeping is under test, not the features).
_VECTORS = {
    "a1": {"n:alpha": 0.8, "t:x": 0.6},
    "a2": {"n:alpha": 0.8, "t:x": 0.6},
    "0b": {"n:beta": 0.8, "t:z": 0.6},
    "0u": {"n:alpha": 0.3, "n:beta": 0.4, "t:y": 0.866},
}
_DATES = {"a1": "2031-05-01", "a2": "2031-05-02", "0b": "2031-11-01"}


def _features(report: Report, analysis: Analysis | None = None) -> ReportFeatures:
    del analysis
    day = date.fromisoformat(_DATES[report.id]).toordinal() if report.id in _DATES else None
    return ReportFeatures(report.id, _VECTORS[report.id], (day,) if day else (), day, None)


def _report(rid: str) -> Report:
    published = _DATES.get(rid)
    return Report(id=rid, source=rid, text=f"Report {rid}.", published_at=published,
                  published_precision="day" if published else None,
                  published_source="metadata" if published else "unknown")


def _add(store: Store, ids: list[str]) -> None:
    store.add_reports([StoredItem(_report(rid), None, Analysis(rid)) for rid in ids])
    stage.update_stories(store, ids, Settings())


def _stories(store: Store) -> dict[str, set[str]]:
    return {s.id: set(s.report_ids) for s in store.stories()}


def test_a_better_match_in_a_later_batch_moves_an_undated_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stories, "report_features", _features)
    with Store(tmp_path / "s.db") as store:
        _add(store, ["a1", "a2", "0u"])
        assert _stories(store) == {"0u": {"0u", "a1", "a2"}}
        assert store.get_report("0u").published_source == "estimated"
        _add(store, ["0b"])
        assert _stories(store) == {"0b": {"0b", "0u"}, "a1": {"a1", "a2"}}
        # Its estimated date follows its new story.
        assert (store.get_report("0u").published_at or "").startswith("2031-1")
