"""WARC and WARC.gz: every HTML response record, streamed record by record with warcio."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprism.config import Settings
from newsprism.errors import InputError, InputTooLarge, MalformedInput
from newsprism.ingest.fetch import charset_of
from newsprism.types import RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_response(record: object) -> bool:
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "response":
        headers = getattr(record, "http_headers", None)
        if headers is None:
            return False
        status = headers.get_statuscode() or ""
        content_type = (headers.get_header("Content-Type") or "").lower()
        return status.startswith("2") and content_type.startswith(_HTML_TYPES)
    if rec_type == "resource":
        rec_headers = record.rec_headers  # type: ignore[attr-defined]
        content_type = (rec_headers.get_header("Content-Type") or "").lower()
        return content_type.startswith(_HTML_TYPES)
    return False


def _record(record: object, item_source: str, url: str | None, settings: Settings
            ) -> RawDocument:
    cap = settings.max_input_bytes
    stream = record.content_stream()  # type: ignore[attr-defined]
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputTooLarge(item_source, f"WARC record is over the {cap}-byte limit "
                                         "(settings.max_input_bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:  # type: ignore[attr-defined]
        raise MalformedInput(item_source, "WARC record is truncated (the file ends inside it)")
    headers = getattr(record, "http_headers", None)
    content_type = headers.get_header("Content-Type") if headers is not None else None
    return RawDocument(source=item_source, data=data, kind="html", url=url,
                       encoding=charset_of(content_type), meta={"container": "warc"})


def read_warc(stream: IO[bytes], source: str, settings: Settings
              ) -> Iterator[RawDocument | InputError]:
    """Yield one RawDocument per HTML response; a bad record is yielded as an InputError."""
    seen: set[str] = set()
    index = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            index += 1
            if not _is_html_response(record):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            key = url if url and url not in seen else str(index)
            seen.add(key)
            try:
                yield _record(record, f"{source}#{key}", url, settings)
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield MalformedInput(f"{source}#{index + 1}", f"unreadable WARC record ({exc})")
    except (OSError, EOFError, ValueError) as exc:
        yield MalformedInput(f"{source}#{index + 1}",
                             f"truncated or corrupt WARC ({type(exc).__name__}: {exc})")
