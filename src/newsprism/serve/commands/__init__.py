"""CLI commands, one module per group; each module has ``register(app)``."""

from __future__ import annotations

import typer

from newsprism.serve.commands import (
    dossier,
    entities,
    export,
    ingest,
    reports,
    serve,
    stories,
    watch,
)


def register_all(app: typer.Typer) -> None:
    for module in (ingest, reports, stories, entities, export, serve, dossier, watch):
        module.register(app)
