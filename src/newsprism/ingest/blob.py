"""Turn the bytes of one input into RawDocuments, whatever container they turn out to be."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import IO

from newsprism.config import Settings
from newsprism.errors import InputError, MalformedInput
from newsprism.ingest.detect import sniff
from newsprism.ingest.feeds import read_feed
from newsprism.ingest.gzipped import gunzip
from newsprism.ingest.jsonl import read_jsonl
from newsprism.ingest.text import check_bytes, decode
from newsprism.ingest.warc import read_warc
from newsprism.types import RawDocument

Fetcher = Callable[[str, str], RawDocument]


class _Chained:
    """A read-only stream: bytes already read, then the rest of the underlying stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._rest.read(size)


def read_stream(stream: IO[bytes], source: str, settings: Settings, fetcher: Fetcher
                ) -> Iterator[RawDocument | InputError]:
    """Read an input stream: WARC is streamed, anything else is read up to the size cap."""
    head = stream.read(65536)
    if sniff(head) == "warc":
        yield from read_warc(_Chained(head, stream), source, settings)  # type: ignore[arg-type]
        return
    data = head + stream.read(settings.max_input_bytes + 1 - len(head))
    yield from read_bytes(data, source, settings, fetcher)


def read_bytes(data: bytes, source: str, settings: Settings, fetcher: Fetcher,
               *, url: str | None = None, encoding: str | None = None, _depth: int = 0
               ) -> Iterator[RawDocument | InputError]:
    """Dispatch on the content: WARC, gzip, feed, JSONL, HTML or plain text."""
    kind = sniff(data)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), source, settings)
        return
    if kind == "gzip":
        if _depth:
            raise MalformedInput(source, "gzip inside gzip is not read")
        cap = min(settings.max_input_bytes, settings.max_decompressed_bytes)
        inner = gunzip(data, source, cap)
        yield from read_bytes(inner, source, settings, fetcher, url=url, _depth=1)
        return
    check_bytes(data, source, settings)
    if kind == "feed":
        yield from read_feed(data, source, settings, fetcher)
    elif kind == "jsonl":
        yield from read_jsonl(decode(data, source, encoding), source)
    else:
        yield RawDocument(source=source, data=data, kind=kind, url=url, encoding=encoding)
