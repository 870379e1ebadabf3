"""RSS/Atom feeds: every item becomes a RawDocument (or an InputError naming the item).

The XML is first parsed by defusedxml, which refuses entity declarations (billion laughs) and
external references; only XML that passed is handed to feedparser.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import defusedxml
import defusedxml.ElementTree as DET
import feedparser

from newsprism.config import Settings
from newsprism.errors import InputError, MalformedInput, UnsafeInput
from newsprism.ingest.html import fragment_to_text
from newsprism.types import RawDocument

# An item whose text is shorter than this (characters, after stripping markup) holds only a
# summary, so its link is followed to fetch the full page. Full-text feeds carry articles of
# 1,500+ characters; summaries and teasers run 100-500.
SUMMARY_MAX_CHARS = 800

Fetcher = Callable[[str, str], RawDocument]


def check_xml(data: bytes, source: str) -> None:
    """Refuse entity bombs and external entities; refuse XML that does not parse."""
    try:
        DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeInput(source, f"XML declares entities or external references "
                                  f"({type(exc).__name__}); refused as a possible entity bomb"
                          ) from exc
    except (ET.ParseError, ValueError, UnicodeError) as exc:
        raise MalformedInput(source, f"malformed feed XML ({exc})") from exc


def _item_text(entry: Any, source: str) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return fragment_to_text(value, source)
    summary = entry.get("summary") or entry.get("description") or ""
    return fragment_to_text(summary, source) if summary.strip() else ""


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    return None


def _document(entry: Any, item_source: str, text: str, feed_title: str | None) -> RawDocument:
    return RawDocument(
        source=item_source,
        data=text.encode("utf-8"),
        kind="text",
        url=entry.get("link"),
        outlet=feed_title,
        title=entry.get("title"),
        byline=entry.get("author"),
        published_at=_published(entry),
        encoding="utf-8",
        meta={"container": "feed"},
    )


def _follow(entry: Any, item_source: str, summary: str, feed_title: str | None,
            fetcher: Fetcher) -> Iterator[RawDocument | InputError]:
    """Fetch the item's page; on failure report why and fall back to the summary."""
    try:
        page = fetcher(entry["link"], item_source)
    except InputError as exc:
        yield exc
        if summary:
            doc = _document(entry, item_source, summary, feed_title)
            yield replace(doc, meta={**doc.meta, "summary_only": True})
        return
    yield replace(page, url=page.url or entry.get("link"),
                  title=entry.get("title") or page.title,
                  outlet=page.outlet or feed_title,
                  byline=entry.get("author") or page.byline,
                  published_at=_published(entry) or page.published_at,
                  meta={**page.meta, "container": "feed"})


def read_feed(data: bytes, source: str, settings: Settings, fetcher: Fetcher
              ) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per feed item; follow links of summary-only items."""
    check_xml(data, source)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if parsed.get("bozo") and not parsed.entries:
        raise MalformedInput(source, f"malformed feed ({parsed.get('bozo_exception')})")
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        item_source = f"{source}#{entry.get('link') or index}"
        try:
            text = _item_text(entry, item_source)
        except InputError as exc:
            yield exc
            continue
        link = entry.get("link") or ""
        if len(text) < SUMMARY_MAX_CHARS and link.startswith(("http://", "https://")):
            yield from _follow(entry, item_source, text, feed_title, fetcher)
        elif text:
            yield _document(entry, item_source, text, feed_title)
        else:
            yield MalformedInput(item_source, "feed item has no text and no link to follow")
