"""``newsprism dossier STORY``: one story's claims lined up across its reports."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsprism.dossier import build_dossier, render_html, render_markdown
from newsprism.errors import StoreError
from newsprism.serve import console


class DossierFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("dossier")
    def dossier_cmd(
        story: Annotated[str, typer.Argument(help="Story id or a unique prefix of it.")],
        fmt: Annotated[DossierFormat, typer.Option("--format", "-f",
                                                   help="md, html or json.")
                       ] = DossierFormat.md,
        output: Annotated[Path | None, typer.Option("--output", "-o",
                                                    help="Write to this file, not stdout.")
                          ] = None,
        db: console.DbOption = None,
    ) -> None:
        """A story's dossier: who states, attributes, hedges, changes or leaves out each
        claim, quotes side by side, sources and timeline."""
        with console.open_store(db, readonly=True) as store:
            dossier = build_dossier(store, story)
        if fmt is DossierFormat.json:
            text = json.dumps(dossier, ensure_ascii=False, indent=2, default=str) + "\n"
        elif fmt is DossierFormat.html:
            text = render_html(dossier)
        else:
            text = render_markdown(dossier)
        if output is None:
            console.out.file.write(text)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot write the dossier to {output}: {exc}") from exc
        console.err.print(f"dossier of story {dossier['story']['id']} written to {output}",
                          markup=False)
