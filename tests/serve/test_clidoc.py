from __future__ import annotations

from pathlib import Path

from newsprism.serve.clidoc import render_cli_reference, undocumented_commands

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_every_command_has_help() -> None:
    assert undocumented_commands() == []


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_cli_reference(), (
        "docs/cli.md is out of date: run `python scripts/gen_cli_docs.py`"
    )
