"""Ingest: turn what the user named into RawDocuments.

``read_sources`` expands files, directories (recursive, sorted, hidden files skipped), globs,
"-" (stdin), http(s) URLs, RSS/Atom feeds, WARC/WARC.gz and JSONL, detected by content. A
failure of one input, feed item, WARC record or JSONL line is yielded as an InputError naming
it; the other inputs go on. Nothing here raises for a bad input.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

from newsprism.config import Settings
from newsprism.errors import InputError, InputTooLarge, MalformedInput
from newsprism.ingest.blob import read_bytes, read_stream
from newsprism.ingest.detect import sniff
from newsprism.ingest.fetch import fetch as fetch_url
from newsprism.ingest.sources import Input, count, expand
from newsprism.ingest.text import check_bytes
from newsprism.types import RawDocument

__all__ = ["count_hint", "fetch_page", "read_sources"]

# What third-party parsers (feedparser, warcio, lxml) raise on hostile bytes of their own
# accord; caught per input so that one bad input never stops the run.
_PARSER_FAILURES = (ValueError, LookupError, UnicodeError, RecursionError, MemoryError,
                    io.UnsupportedOperation)


def fetch_page(url: str, item_source: str, settings: Settings) -> RawDocument:
    """Fetch a single page (a feed item's link) as a RawDocument; containers are refused."""
    fetched = fetch_url(url, settings, item_source)
    check_bytes(fetched.data, item_source, settings)
    kind = sniff(fetched.data)
    if kind not in ("html", "text"):
        raise MalformedInput(item_source, f"{url} is a {kind} document, not an article page")
    return RawDocument(source=item_source, data=fetched.data, kind=kind, url=fetched.url,
                       encoding=fetched.charset)


def _read_file(path: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(65536)
            if sniff(head) != "warc" and size > settings.max_input_bytes:
                raise InputTooLarge(path, f"{size} bytes is over the "
                                          f"{settings.max_input_bytes}-byte limit "
                                          "(settings.max_input_bytes)")
            handle.seek(0)
            yield from read_stream(handle, path, settings, partial(fetch_page, settings=settings))
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _read_url(url: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    fetched = fetch_url(url, settings, url)
    yield from read_bytes(fetched.data, url, settings, partial(fetch_page, settings=settings),
                          url=fetched.url, encoding=fetched.charset)


def _read_one(item: Input, settings: Settings, stdin: BinaryIO | None
              ) -> Iterator[RawDocument | InputError]:
    if item.kind == "url":
        return _read_url(item.source, settings)
    if item.kind == "stdin":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return read_stream(stream, item.source, settings, partial(fetch_page, settings=settings))
    return _read_file(item.source, settings)


def _guarded(item: Input, settings: Settings, stdin: BinaryIO | None
             ) -> Iterator[RawDocument | InputError]:
    """Yield what one input gives; turn any failure into an InputError naming it."""
    try:
        yield from _read_one(item, settings, stdin)
    except InputError as exc:
        yield exc
    except _PARSER_FAILURES as exc:
        # Third-party parsers fail on hostile input in ways of their own; the input is bad,
        # the run goes on, and the user is told which input and why.
        yield MalformedInput(item.source, f"unreadable input ({type(exc).__name__}: {exc})")


def read_sources(sources: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
                 ) -> Iterator[RawDocument | InputError]:
    """Expand each source into RawDocuments; yield an InputError for each failed input."""
    seen: set[str] = set()
    for source in sources:
        for item in expand(source):
            if isinstance(item, InputError):
                yield item
                continue
            key = item.source if item.kind != "file" else os.path.realpath(item.source)
            if key in seen and item.kind != "stdin":
                continue  # the same file or URL named twice is read once
            seen.add(key)
            yield from _guarded(item, settings, stdin)


def count_hint(sources: Sequence[str]) -> int | None:
    """How many inputs the sources expand to (containers count once); for progress bars."""
    try:
        return count(list(sources))
    except OSError:
        return None
