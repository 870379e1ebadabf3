"""A store holding the fictional Velmora story of tests/triangulate, triangulated."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from newsprism.config import Settings
from newsprism.store import Store, StoredItem
from newsprism.triangulate import update_triangulation
from newsprism.types import Reuse

# Article text that tries to become markup; every renderer must show it as text.
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _fixture_module() -> ModuleType:
    name = "newsprism_test_story_fixture"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "triangulate" / "story_fixture.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def velmora_store(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    story, reports, analyses = _fixture_module().build()
    reports = [replace(reports[0], title=f"Strike {HOSTILE}"), *reports[1:]]
    db = tmp_path / "dossier.db"
    with Store(db) as store:
        store.add_reports([StoredItem(r, None, analyses[r.id]) for r in reports])
        store.replace_stories([story])
        store.put_reuse([Reuse("rep-a", "rep-b", 120, ((0, 120, 0, 120),), 0.3, 0.4)])
        update_triangulation(store, [r.id for r in reports], Settings(db_path=db))
    yield db, story.id
