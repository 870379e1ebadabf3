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

Environment: `NEWSPRISM_DB` (the store), `NEWSPRISM_TOKEN` (`serve`: the token that allows
writes), `NEWSPRISM_CLAIM_ENCODER` (`minilm-onnx`, the default; `minilm`, torch; `static`, a
word-piece table distilled from the same model: far faster, claim groups less like
MiniLM's, see docs/quality.md; `hybrid`),
`NEWSPRISM_CACHE_DIR` (where the encoders' built files live; default
`$XDG_CACHE_HOME/newsprism`, else `~/.cache/newsprism`), `NEWSPRISM_EMBED_THREADS` (encoder
threads; default: what the machine has free), `NEWSPRISM_EMBED_BF16` (1/0: torch encoding in
bfloat16; default: when the CPU computes it natively), `NEWSPRISM_LOG_LEVEL` (`serve`: the web
server's log level, default warning).
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
