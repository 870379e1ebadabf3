"""Fixtures for the serve tests: a fictional store and clients over the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.serve.app import create_app

from . import storefix


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return storefix.build(tmp_path_factory.mktemp("serve") / "fixture.db")


@pytest.fixture(scope="module")
def client(fixture_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(fixture_db), base_url="http://127.0.0.1") as c:
        yield c
