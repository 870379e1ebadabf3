"""The extraction scorer itself: its measure on known strings, and a 5-page run on ../shared."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction",
                                                  REPO / "scripts" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measure_on_known_strings() -> None:
    scorer = _scorer()
    assert scorer.page_counts("a b c d", "a b c d", 1) == (1.0, 0.0, 0.0)
    tp, fp, fn = scorer.page_counts("a b c d", "a b x", 1)
    assert (tp, fp, fn) == pytest.approx((2 / 5, 1 / 5, 2 / 5))
    result = scorer.aggregate([(0.5, 0.5, 0.0), (1.0, 0.0, 0.0)])
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(1.0)


def test_five_pages(shared_dir: Path) -> None:
    dataset = shared_dir / "datasets" / "scrapinghub_article_extraction_benchmark"
    if not (dataset / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {dataset}")
    scorer = _scorer()
    results = scorer.score(dataset, limit=5)
    assert results["pages"]["count"] == 5
    for name in ("newsprism", "trafilatura (default)"):
        assert 0.5 < results[name]["token"]["f1"] <= 1.0
    assert "newsprism" in scorer.table(results)
