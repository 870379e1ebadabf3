"""Normalize: RawDocument -> Report.

HTML goes through main-text extraction and page metadata; plain text has its header read
(title - outlet, "By" line, date line). Both then lose boilerplate lines and repeated
bylines, have republication/contribution notices taken out into Report.notices, and are put
in canonical form (see textform). Metadata the container gave (feed item, JSONL record)
wins over what the text says. Report.id is the hash of the final text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from newsprism.config import Settings
from newsprism.errors import EmptyInput
from newsprism.ingest.detect import looks_like_html
from newsprism.ingest.html import check_html
from newsprism.ingest.text import check_bytes, check_lines, declared_charset, decode
from newsprism.normalize.boilerplate import drop_boilerplate
from newsprism.normalize.dateline import DateValue
from newsprism.normalize.header import parse_header
from newsprism.normalize.language import detect_language
from newsprism.normalize.maintext import extract_html, parse_html
from newsprism.normalize.metadata import byline_names, clean_byline, outlet_for
from newsprism.normalize.notices import extract_notices
from newsprism.normalize.pubdate import PubDate, container_date, html_date, url_date
from newsprism.normalize.textform import normalize_text
from newsprism.types import RawDocument, Report

__all__ = ["normalize", "report_id_for"]


def report_id_for(text: str) -> str:
    """Identity of a report: sha256 of its normalized text, first 16 hex characters."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Draft:
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    names: list[str] = field(default_factory=list)
    date: PubDate = field(default_factory=lambda: PubDate(None, "unknown"))
    updated: DateValue | None = None
    language_hint: str | None = None


def _from_html(markup: str, raw: RawDocument, settings: Settings) -> _Draft:
    check_html(markup, raw.source, settings)
    tree = parse_html(markup, raw.source)
    page = extract_html(tree, raw.url, raw.source)
    url = raw.url or page.url
    byline = clean_byline(page.author)
    return _Draft(text=page.text, url=url, title=page.title, byline=byline,
                  names=byline_names(byline),
                  outlet=outlet_for(declared=None, sitename=page.sitename, url=url),
                  date=html_date(tree, url),
                  language_hint=page.language)


def _from_text(text: str, raw: RawDocument, settings: Settings) -> _Draft:
    check_lines(text, raw.source, settings)
    text = normalize_text(text)
    lines = text.split("\n")
    header = parse_header(lines)
    body = "\n".join(line for i, line in enumerate(lines) if i not in header.consumed)
    draft = _Draft(text=body, url=raw.url, title=header.title, byline=header.byline,
                   names=list(header.names),
                   outlet=outlet_for(declared=header.outlet, sitename=None, url=raw.url))
    if header.date is not None and header.date.published is not None:
        draft.date = PubDate(header.date.published, "text")
    elif from_url := url_date(raw.url):
        draft.date = from_url
    draft.updated = header.date.updated if header.date else None
    return draft


def _apply_container(draft: _Draft, raw: RawDocument) -> None:
    """What the feed item or JSONL record said wins over what the text says."""
    draft.title = raw.title.strip() if raw.title and raw.title.strip() else draft.title
    draft.outlet = outlet_for(declared=raw.outlet, sitename=draft.outlet, url=None) or draft.outlet
    if raw.byline and raw.byline.strip():
        draft.byline = clean_byline(raw.byline)
        draft.names += byline_names(draft.byline)
    if (value := container_date(raw.published_at)) is not None:
        draft.date = PubDate(value, "metadata")


def normalize(raw: RawDocument, settings: Settings) -> Report:
    """Turn one RawDocument into a Report; raises an InputError subclass for a bad input."""
    check_bytes(raw.data, raw.source, settings)
    text = decode(raw.data, raw.source, raw.encoding or declared_charset(raw.data))
    kind = raw.kind or ("html" if looks_like_html(text) else "text")
    draft = _from_html(text, raw, settings) if kind == "html" else _from_text(text, raw, settings)
    _apply_container(draft, raw)
    body = normalize_text(drop_boilerplate(normalize_text(draft.text), draft.names))
    body, notices = extract_notices(body)
    body = normalize_text(body)
    if not body.strip():
        raise EmptyInput(raw.source, "no report text is left once boilerplate is removed")
    check_lines(body, raw.source, settings)
    value = draft.date.value
    return Report(
        id=report_id_for(body), source=raw.source, text=body, url=draft.url or raw.url,
        outlet=draft.outlet, title=draft.title, byline=draft.byline,
        published_at=value.iso if value else None,
        published_precision=value.precision if value else None,
        published_source=draft.date.source if value else "unknown",
        language=detect_language(body) or _hint(draft.language_hint),
        notices=notices, updated_at=draft.updated.iso if draft.updated else None,
    )


def _hint(lang: str | None) -> str | None:
    """A page's lang attribute ("en-GB") as a two-letter code, used when the text is unclear."""
    if not lang:
        return None
    code = lang.strip().lower().split("-")[0].split("_")[0]
    return code if len(code) == 2 and code.isalpha() else None
