"""Ingest from the API: submitted text or HTML, or a URL the server fetches, through the same
per-report stages and global stages as ``newsprism ingest``."""

from __future__ import annotations

import hashlib
from typing import Literal

from newsprism.config import Settings
from newsprism.errors import InputError, InputTooLarge, NewsprismError
from newsprism.pipeline import IngestSummary, process_batch, raw_sha, update_global
from newsprism.serve.models import IngestRequest
from newsprism.store import Store, StoredItem
from newsprism.types import RawDocument


def raw_from_request(req: IngestRequest, settings: Settings) -> RawDocument:
    """A RawDocument for submitted text or HTML; its source names the API and the content."""
    kind: Literal["html", "text"] = "html" if req.html else "text"
    data = (req.html or req.text or "").encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:16]
    source = f"api:{kind}:{digest}"
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(source, f"{len(data)} bytes is over the "
                                    f"{settings.max_input_bytes}-byte limit")
    return RawDocument(source=source, data=data, kind=kind, url=req.source_url,
                       outlet=req.outlet, title=req.title, byline=req.byline,
                       published_at=req.published_at, encoding="utf-8")


def ingest_request(req: IngestRequest, store: Store, settings: Settings) -> IngestSummary:
    """Store what the request carries; a URL may yield several documents (a feed)."""
    if req.url:
        from newsprism.pipeline import ingest

        return ingest([req.url], store, settings)
    return ingest_raws([raw_from_request(req, settings)], store, settings)


def ingest_raws(raws: list[RawDocument], store: Store, settings: Settings) -> IngestSummary:
    summary = IngestSummary()
    fresh = []
    for raw in raws:
        sha = raw_sha(raw)
        if store.report_for_raw(sha) is not None:
            summary.duplicates += 1
        else:
            fresh.append((raw, sha))
    items = []
    for p in process_batch(fresh, settings):
        if p.report is None:
            summary.failed += 1
            summary.errors.append(p.error or f"{p.source}: no report")
            continue
        items.append(StoredItem(p.report, p.raw_sha, p.analysis))
    for item, is_new in zip(items, store.add_reports(items), strict=True):
        if is_new:
            summary.stored += 1
            summary.new_report_ids.append(item.report.id)
        else:
            summary.duplicates += 1
    if summary.new_report_ids:
        update_global(store, summary.new_report_ids, settings)
    return summary


def only_failure(summary: IngestSummary) -> NewsprismError | None:
    """The error to answer with when nothing was stored and an input failed."""
    if summary.failed and not summary.stored and not summary.duplicates:
        return InputError("request", "; ".join(summary.errors) or "the input failed")
    return None
