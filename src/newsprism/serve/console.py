"""What every CLI command shares: the --db option, stores, output and exit codes."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from newsprism.config import db_path_from_env
from newsprism.store import Store

# Exit codes. 1 means the command ran but some inputs failed; the others mean it could not run.
EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_STORE = 4
EXIT_CONFIG = 5
EXIT_MODEL = 6
EXIT_INTERRUPTED = 130

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store file. Default: $NEWSPRISM_DB, else ./newsprism.db.",
                 show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def open_store(db: str | None, *, readonly: bool = False) -> Store:
    return Store(db_path_from_env(db), readonly=readonly)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def short(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
