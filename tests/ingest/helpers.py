"""Fictional article texts and small helpers shared by the ingest tests."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.errors import InputError
from newsprism.ingest import read_sources
from newsprism.normalize import normalize
from newsprism.types import RawDocument, Report

ARTICLE = (
    "The harbour authority of Port Almond said on Tuesday that the new ferry line would open "
    "in June, after two years of delays that officials blamed on a shortage of steel plate.\n"
    "\u201cWe are finally ready,\u201d the authority\u2019s director, Mara Quill, told reporters "
    "at the pier, adding that a single ticket would cost 4.50 crowns.\n"
    "Residents of the outer islands have waited for the link since the old ferry was withdrawn, "
    "and the council said it would review the timetable after one season.\n"
)


def html_page(title: str = "Ferry line opens", body: str = ARTICLE) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
            ).encode()


def read_all(sources: list[str], settings: Settings | None = None, **kw: object
             ) -> list[RawDocument | InputError]:
    return list(read_sources(sources, settings or Settings(), **kw))  # type: ignore[arg-type]


def outcome(sources: list[str], settings: Settings | None = None) -> list[Report | InputError]:
    """Ingest then normalize, collecting errors from either stage."""
    settings = settings or Settings()
    results: list[Report | InputError] = []
    for item in read_sources(sources, settings):
        if isinstance(item, InputError):
            results.append(item)
            continue
        try:
            results.append(normalize(item, settings))
        except InputError as exc:
            results.append(exc)
    return results
