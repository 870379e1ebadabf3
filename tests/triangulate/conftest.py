"""The fictional Velmora story (story_fixture.py), loaded once per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def load_fixture_module() -> ModuleType:
    name = "newsprism_test_story_fixture"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).with_name("story_fixture.py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def velmora() -> tuple[Any, Any, Any]:
    return load_fixture_module().build()  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def velmora_groups(velmora: tuple[Any, Any, Any]) -> tuple[list[Any], list[Any]]:
    from newsprism.triangulate import triangulate_reports

    story, reports, analyses = velmora
    return triangulate_reports(story.id, reports, analyses)
