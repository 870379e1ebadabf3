"""Tell what a byte string is by its content, not by its name."""

from __future__ import annotations

import re
import zlib
from typing import Literal

from newsprism.ingest.text import bom_encoding

Kind = Literal["warc", "gzip", "feed", "jsonl", "html", "text"]

GZIP_MAGIC = b"\x1f\x8b"
# How much of the (decompressed) start of an input is looked at to classify it.
HEAD_BYTES = 4096

_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|article)[\s>/]",
                         re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(p|div|span|a|br|h[1-6]|table|ul|li|script|style|section)[\s>/]",
                        re.IGNORECASE)
# Leading noise allowed before the root element of an XML feed.
_XML_PROLOG = re.compile(rb"\s*(<\?xml[^>]*\?>|<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^\[>]*"
                         rb"(\[.*?\]\s*)?>|\s)*", re.DOTALL | re.IGNORECASE)
# Entity declarations: whatever the root, such a document goes through the XML checks
# (defusedxml), which refuse it, instead of reaching a parser that would expand them.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
# A text with at least this many HTML tags in its head is HTML even without <html>.
MIN_TAGS_FOR_HTML = 3


def gunzip_head(data: bytes, limit: int = HEAD_BYTES) -> bytes:
    """The first `limit` decompressed bytes of a gzip stream ("" if it is not gzip)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], limit)
    except zlib.error:
        return b""


def _ascii_head(data: bytes) -> bytes:
    """The head as bytes in which ASCII markup can be matched, whatever the encoding."""
    bom = bom_encoding(data)
    head = data[: HEAD_BYTES * 4]
    if bom and bom.startswith(("utf-16", "utf-32")):
        try:
            return head.decode(bom, errors="ignore").encode("utf-8", errors="ignore")
        except (LookupError, ValueError):
            return b""
    return head.removeprefix(b"\xef\xbb\xbf")


def _looks_like_jsonl(head: bytes) -> bool:
    """A first line that opens a JSON object with a key, or is a whole {...} object."""
    first = head.split(b"\n", 1)[0].strip()
    return first.startswith((b'{"', b"{ \"")) or (first.startswith(b"{") and first.endswith(b"}")
                                                   and b"\n" in head)


def sniff(data: bytes) -> Kind:
    """Classify `data`: WARC, gzip container, RSS/Atom feed, JSONL, HTML or plain text."""
    if data.startswith(b"WARC/"):
        return "warc"
    if data.startswith(GZIP_MAGIC):
        return "warc" if gunzip_head(data).startswith(b"WARC/") else "gzip"
    head = _ascii_head(data)
    stripped = head.lstrip()
    if _looks_like_jsonl(stripped):
        return "jsonl"
    prolog = _XML_PROLOG.match(head)
    rest = head[prolog.end():] if prolog else head
    if _FEED_ROOT.match(rest) or _ENTITY_DECL.search(head[:prolog.end() if prolog else 0]):
        return "feed"
    if _HTML_START.search(head[:HEAD_BYTES]) and stripped.startswith(b"<"):
        return "html"
    if stripped.startswith(b"<") and len(_HTML_TAGS.findall(head)) >= MIN_TAGS_FOR_HTML:
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    """The same decision for already-decoded text."""
    return sniff(text[:HEAD_BYTES].encode("utf-8", errors="ignore")) == "html"

