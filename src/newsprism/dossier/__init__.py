"""The story dossier: one story's claims, stances, disagreements, omissions, quotes, sources
and timeline, as a dict (JSON), Markdown or one self-contained HTML file."""

from newsprism.dossier.build import build_dossier
from newsprism.dossier.html import render_html
from newsprism.dossier.markdown import render_markdown

__all__ = ["build_dossier", "render_html", "render_markdown"]
