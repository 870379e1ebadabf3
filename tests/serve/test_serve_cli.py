"""``newsprism serve``: options, token rules and the defaults it hands to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.serve import console
from newsprism.serve.cli import main

from . import storefix


@pytest.fixture()
def captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kw: Any) -> None:
        seen.update(kw, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_defaults_are_loopback_port_8750_read_only(fixture_db: Path,
                                                    captured: dict[str, Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    assert main(["serve", "--db", str(fixture_db)]) == 0
    assert captured["host"] == "127.0.0.1" and captured["port"] == 8750
    assert captured["app"].state.token is None
    assert not captured["app"].state.access.writable


def test_token_from_environment_enables_ingest(fixture_db: Path, captured: dict[str, Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_TOKEN", storefix.TOKEN)
    assert main(["serve", "--db", str(fixture_db), "--port", "8799"]) == 0
    assert captured["app"].state.token == storefix.TOKEN and captured["port"] == 8799


def test_short_token_is_refused(fixture_db: Path, captured: dict[str, Any]) -> None:
    assert main(["serve", "--db", str(fixture_db), "--token", "short"]) == console.EXIT_CONFIG
    assert not captured


def test_missing_store_is_not_found(tmp_path: Path, captured: dict[str, Any],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == console.EXIT_NOT_FOUND
    assert not captured
