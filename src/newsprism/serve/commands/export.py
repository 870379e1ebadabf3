"""``newsprism export``."""

from __future__ import annotations

from typing import Annotated

import typer

from newsprism.exports import FORMATS, export
from newsprism.serve import console


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        target: Annotated[str, typer.Argument(help="File to write, or '-' for stdout.")],
        fmt: Annotated[str, typer.Option("--format", "-f",
                                         help=f"One of: {', '.join(FORMATS)}.")] = "json",
        db: console.DbOption = None,
    ) -> None:
        """Export the store: json (the stable export contract), jsonl or csv of reports."""
        with console.open_store(db, readonly=True) as store:
            counts = export(store, fmt, target)
        if target != "-":
            summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
            console.err.print(f"wrote {target}: {summary or 'nothing stored yet'}",
                              markup=False)
