"""Benchmark corpora read from ../shared at run time (never copied into the repository).

Reuters-21578 gives ~19,000 dated newswire texts; larger corpora are derived from it with small
edits (a changed date, a few swapped words, a varied number) so that copies are near, not exact,
duplicates and every derived report has its own content hash.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from lxml import etree

SHARED = Path(__file__).resolve().parents[2] / "shared"
REUTERS = SHARED / "datasets" / "reuters21578_xml"

_SWAPS = [("said", "stated"), ("company", "firm"), ("year", "twelve months"),
          ("shares", "stock"), ("market", "markets"), ("expected", "forecast")]
_NUMBER = re.compile(r"\b\d{2,}\b")


def reuters_available() -> bool:
    return REUTERS.is_dir()


def reuters_docs() -> list[dict[str, str]]:
    """Every Reuters story with a body: title, text, published_at (ISO), id."""
    docs: list[dict[str, str]] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    for path in sorted(REUTERS.glob("reut2-*.xml")):
        root = etree.fromstring(path.read_bytes(), parser)
        for node in root.iter("REUTERS"):
            body = node.findtext("TEXT/BODY")
            if not body or not body.strip():
                continue
            date = _reuters_date(node.findtext("DATE", ""))
            docs.append({"id": node.get("NEWID", ""),
                         "title": " ".join((node.findtext("TEXT/TITLE") or "").split()).title(),
                         "text": _clean_body(body),
                         "published_at": date.isoformat() + "+00:00"})
    return docs


def _reuters_date(raw: str) -> datetime:
    # A few DATE fields carry malformed times ("605:12:19"); the day is always well formed.
    day, _, clock = raw.strip().partition(" ")
    try:
        return datetime.strptime(f"{day} {clock.split('.')[0]}", "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return datetime.strptime(day, "%d-%b-%Y")


def _clean_body(body: str) -> str:
    # Reuters bodies end with a "Reuter" signature line and wrap at ~65 columns.
    body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body.strip())
    paras = [" ".join(p.split()) for p in re.split(r"\n\s{2,}", body)]
    return "\n\n".join(p for p in paras if p)


def derived(docs: list[dict[str, str]], n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` reports: the originals first, then edited copies (date shifted, words varied)."""
    rnd = random.Random(seed)
    for i in range(n):
        base = docs[i % len(docs)]
        if i < len(docs):
            yield base
            continue
        generation = i // len(docs)
        text = base["text"]
        for old, new in rnd.sample(_SWAPS, 2):
            text = text.replace(f" {old} ", f" {new} ", 1)
        text = _NUMBER.sub(partial(_bump, by=generation), text, count=1)
        date = datetime.fromisoformat(base["published_at"]) + timedelta(days=30 * generation)
        yield {"id": f"{base['id']}-{generation}", "title": base["title"],
               "text": f"{text}\n\n(Edition {generation}.)",
               "published_at": date.isoformat()}


def _bump(match: re.Match[str], by: int) -> str:
    return str(int(match.group()) + by)


def write_jsonl(docs: Iterator[dict[str, str]] | list[dict[str, str]], folder: Path,
                per_file: int = 2000) -> list[Path]:
    """Write reports as JSONL files of ``per_file`` lines (the batch input format)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    paths: list[Path] = []
    handle = None
    for i, doc in enumerate(docs):
        if i % per_file == 0:
            if handle:
                handle.close()
            paths.append(folder / f"part-{len(paths):04d}.jsonl")
            handle = paths[-1].open("w", encoding="utf-8")
        assert handle is not None
        handle.write(json.dumps({"text": doc["text"], "title": doc["title"],
                                 "outlet": "Reuters", "published_at": doc["published_at"],
                                 "url": f"https://reuters.example/{doc['id']}"}) + "\n")
    if handle:
        handle.close()
    return paths
