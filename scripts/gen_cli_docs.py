"""Regenerate docs/cli.md from the CLI's own help texts."""

from __future__ import annotations

from pathlib import Path

from newsprism.serve.clidoc import render_cli_reference

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    target.write_text(render_cli_reference(), encoding="utf-8")
    print(f"wrote {target}")
