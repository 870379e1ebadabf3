"""The CLI reference (docs/cli.md), generated from the commands themselves.

A test regenerates it and fails when docs/cli.md is out of date, so the documentation can never
drift from the code: run ``python scripts/gen_cli_docs.py`` after changing a command.
"""

from __future__ import annotations

from typing import Any

import typer.main

HEADER = """# CLI reference

Generated from the code by `python scripts/gen_cli_docs.py`; a test checks it is current.
Every command takes `--db PATH` (default `$NEWSPRISM_DB`, else `./newsprism.db`) where it reads
or writes a store, and prints JSON with `--json` where it lists things.

Exit codes: 0 success; 1 some inputs failed (the others were stored); 2 usage error;
3 not found; 4 store error; 5 configuration error; 6 spaCy pipeline missing; 130 interrupted.
"""


def render_cli_reference() -> str:
    from newsprism.serve.cli import app

    root: Any = typer.main.get_command(app)
    root_ctx = root.context_class(root, info_name="newsprism", terminal_width=100,
                                  max_content_width=100)
    parts = [HEADER, "## newsprism\n", "```text", _plain(root.get_help(root_ctx)), "```\n"]
    for name in sorted(root.commands):
        cmd = root.commands[name]
        ctx = cmd.context_class(cmd, info_name=name, parent=root_ctx, terminal_width=100,
                                max_content_width=100)
        parts += [f"## newsprism {name}\n", "```text", _plain(cmd.get_help(ctx)), "```\n"]
    return "\n".join(parts)


def _plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def undocumented_commands() -> list[str]:
    """Commands or options that have no help text (a test requires there are none)."""
    from newsprism.serve.cli import app

    root: Any = typer.main.get_command(app)
    missing = []
    for name, cmd in root.commands.items():
        if not (cmd.help or "").strip():
            missing.append(name)
    return missing
