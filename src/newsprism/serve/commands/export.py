"""``newsprism export``."""

from __future__ import annotations

from typing import Annotated

import typer

from newsprism.exports import FORMATS, export
from newsprism.serve import console


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        target: Annotated[str, typer.Argument(
            help="File or directory to write ('-' for stdout with json, jsonl or csv).")],
        fmt: Annotated[str, typer.Option("--format", "-f",
                                         help=f"One of: {', '.join(FORMATS)}.")] = "json",
        db: console.DbOption = None,
    ) -> None:
        """Export the store for other tools.

        json: the stable export contract (one file). jsonl: one report per line. csv: to a
        FILE.csv (or '-') the reports alone; to a directory one CSV per table (reports,
        stories, entities, mentions, quotes, numbers, times, events, claims, claim_groups,
        quote_groups, reuse). parquet: one Parquet file per table into a directory.
        graphml: entities and their relations (co-occurrence, quote, event) as one GraphML
        file for Gephi.
        """
        with console.open_store(db, readonly=True) as store:
            counts = export(store, fmt, target)
        if target != "-":
            summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
            console.err.print(f"wrote {target}: {summary or 'nothing stored yet'}",
                              markup=False)
