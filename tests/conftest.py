"""Shared fixtures: paths to ../shared data (skipping cleanly when absent) and small stores."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); tests on public data need it beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed reports not found at {path}")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus through the whole pipeline, built once per test session. Tests open
    it read-only (``Store(demo_db, readonly=True)``) and copy it before changing anything."""
    from newsprism.config import Settings
    from newsprism.demo import corpus_files
    from newsprism.pipeline import ingest
    from newsprism.store import Store

    path = tmp_path_factory.mktemp("demo-store") / "demo.db"
    with Store(path) as store:
        summary = ingest([str(p) for p in corpus_files()], store, Settings(db_path=path))
    assert summary.ok and summary.stored, summary.errors
    return path
