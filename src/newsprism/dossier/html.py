"""The dossier as one self-contained HTML file: inline CSS, no script, no external resource.
Jinja autoescaping is on for every value, so article text cannot inject markup."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, Environment, Template

TEMPLATE = "dossier.html.j2"


@lru_cache(maxsize=1)
def _template() -> Template:
    source = resources.files("newsprism.dossier").joinpath("templates", TEMPLATE).read_text(
        encoding="utf-8")
    env = Environment(loader=BaseLoader(), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def render_html(dossier: dict[str, Any]) -> str:
    reports = dossier["reports"]
    col = {r["id"]: f"R{i + 1}" for i, r in enumerate(reports)}
    names = {r["id"]: r["label"] for r in reports}
    quotes = [{**g, "multi": len({m["report_id"] for m in g["members"]}) > 1}
              for g in dossier["quotes"]]
    return _template().render(**{**dossier, "quotes": quotes}, col=col, names=names)
