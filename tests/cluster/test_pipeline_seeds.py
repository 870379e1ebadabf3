"""Stories through the real pipeline (normalize, analyze, cluster stage), not from raw text.

The seed reports (read from ../shared at run time) and the bundled demo corpus are ingested
once per module into a temporary store; the stories that come out are compared with the truth.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.demo import EXPECTED, corpus_files
from newsprism.pipeline import ingest
from newsprism.store import Store
from newsprism.types import Report

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _ingest(paths: list[Path], db: Path) -> Store:
    store = Store(db)
    summary = ingest([str(p) for p in paths], store, Settings(workers=1))
    assert summary.ok, summary.errors
    return store


def _partition(store: Store, name: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(name[rid] for rid in s.report_ids) for s in store.stories()}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed reports not found at {seeds} (../shared is absent)")
    store = _ingest(sorted(seeds.glob("*.txt")),
                    tmp_path_factory.mktemp("seeds") / "seeds.db")
    yield store
    store.close()


def _seed_names(store: Store) -> dict[str, str]:
    """Stored report id -> the seed's three-digit file prefix."""
    return {r.id: Path(r.source).name[:3] for r in store.reports()}


def test_seeds_form_their_two_stories(seed_store: Store) -> None:
    stories = _partition(seed_store, _seed_names(seed_store))
    assert stories == {frozenset({"000", "001"}), frozenset({"002", "003", "004"})}


def test_seed_pairs_that_share_text_have_reuse_edges(seed_store: Store) -> None:
    name = _seed_names(seed_store)
    pairs = {frozenset({name[e.from_report_id], name[e.to_report_id]})
             for e in seed_store.reuse()}
    assert frozenset({"000", "001"}) in pairs
    assert frozenset({"003", "004"}) in pairs


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _ingest(corpus_files(), tmp_path_factory.mktemp("demo") / "demo.db")
    yield store
    store.close()


def _locator(report: Report) -> str:
    """The demo locator of a stored report: by its URL when the corpus lists one, else by
    its file name (and ``#`` fragment)."""
    by_url = {rep["url"]: loc for loc, rep in EXPECTED["reports"].items() if rep["url"]}
    if report.url and report.url in by_url:
        return by_url[report.url]
    path, _, fragment = report.source.partition("#")
    return Path(path).name + (f"#{fragment}" if fragment else "")


@pytest.mark.slow  # 21 reports through the whole pipeline: about a minute on a busy machine
def test_demo_corpus_forms_its_four_stories(demo_store: Store) -> None:
    name = {r.id: _locator(r) for r in demo_store.reports()}
    expected = {frozenset(s["reports"]) for s in EXPECTED["stories"].values()}
    assert len(expected) == 4
    assert _partition(demo_store, name) == expected
