"""JSONL: one report per line, with at least ``text``.

Optional keys: url, outlet, title, published_at, byline (and html, when the record carries
the page rather than its text). A bad line is yielded as an InputError naming
``source#line``; the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsprism.errors import EmptyInput, InputError, MalformedInput
from newsprism.types import RawDocument


def _optional(record: dict[str, Any], key: str, item_source: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise MalformedInput(item_source, f"field {key!r} must be a string, not "
                                      f"{type(value).__name__}")


def parse_line(line: str, item_source: str) -> RawDocument:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise MalformedInput(item_source, f"not a JSON object ({exc})") from exc
    if not isinstance(record, dict):
        raise MalformedInput(item_source, "each JSONL line must be a JSON object")
    body, kind = record.get("text"), "text"
    if not isinstance(body, str) and isinstance(record.get("html"), str):
        body, kind = record["html"], "html"
    if not isinstance(body, str):
        raise MalformedInput(item_source, "the record has no string field 'text'")
    if not body.strip():
        raise EmptyInput(item_source, "the record's 'text' is empty")
    return RawDocument(
        source=item_source,
        data=body.encode("utf-8", errors="replace"),
        kind="html" if kind == "html" else None,
        encoding="utf-8",
        meta={"container": "jsonl"},
        url=_optional(record, "url", item_source),
        outlet=_optional(record, "outlet", item_source),
        title=_optional(record, "title", item_source),
        byline=_optional(record, "byline", item_source),
        published_at=_optional(record, "published_at", item_source),
    )


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line, f"{source}#{number}")
        except InputError as exc:
            yield exc
