"""Stage order: ingest → normalize → analyze per report, then the global stages per story.

Per-report stages are pure functions of one document (``process_batch``) and run on an engine
(inline, a local process pool, or Dask). The parent process owns the store: it drops inputs it
has already stored, writes each batch in one transaction, then lets the global stages update the
stories the new reports touched.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from newsprism.config import Settings
from newsprism.errors import InputError, NewsprismError
from newsprism.ingest import read_sources
from newsprism.ingest.sources import expand
from newsprism.normalize import normalize
from newsprism.scale.local import Engine, make_engine
from newsprism.scale.worker_init import worker_setup
from newsprism.store import Store, StoredItem
from newsprism.timings import PhaseTime, Stopwatch
from newsprism.types import Analysis, RawDocument, Report

if TYPE_CHECKING:
    from newsprism.analyze import Analyzer


@dataclass(frozen=True, slots=True)
class Processed:
    """The per-report stages' result for one raw document: a report or the reason it failed."""

    source: str
    raw_sha: str
    report: Report | None = None
    analysis: Analysis | None = None
    error: str | None = None


@dataclass(slots=True)
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    new_report_ids: list[str] = field(default_factory=list)
    # Wall and CPU time per phase: "per-report" (reading, normalize and analyze on the
    # engine, storing), then each global stage that ran ("cluster", "resolve", "triangulate").
    timings: dict[str, PhaseTime] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def as_dict(self) -> dict[str, object]:
        return {"stored": self.stored, "duplicates": self.duplicates, "failed": self.failed,
                "errors": list(self.errors), "report_ids": list(self.new_report_ids)}

    def timings_dict(self) -> dict[str, dict[str, float]]:
        return {name: t.as_dict() for name, t in self.timings.items()}


ProgressFn = Callable[[int], None]
T = TypeVar("T")


def raw_sha(raw: RawDocument) -> str:
    """Identity of a raw input: its bytes plus the metadata its container gave it."""
    h = hashlib.sha256(raw.data)
    meta = [raw.url, raw.outlet, raw.title, raw.byline, raw.published_at, raw.kind]
    h.update(json.dumps(meta).encode())
    return h.hexdigest()


def process_batch(raws: Sequence[tuple[RawDocument, str]], settings: Settings,
                  analyze: bool = True) -> list[Processed]:
    """Normalize and analyze a batch of raw documents. Never raises for a bad input."""
    out: list[Processed] = []
    reports: list[Report] = []
    for raw, sha in raws:
        try:
            report = normalize(raw, settings)
        except InputError as exc:
            out.append(Processed(raw.source, sha, error=str(exc)))
            continue
        out.append(Processed(raw.source, sha, report=report))
        reports.append(report)
    if analyze and reports:
        analyses = {a.report_id: a for a in _analyzer(settings.model).analyze_many(reports)}
        out = [
            Processed(p.source, p.raw_sha, p.report, analyses.get(p.report.id), p.error)
            if p.report is not None else p
            for p in out
        ]
    return out


@lru_cache(maxsize=2)
def _analyzer(model: str) -> Analyzer:
    """One Analyzer (one loaded spaCy pipeline) per process and model."""
    # Imported here so that ingest without analysis never pays for loading spaCy.
    from newsprism.analyze import Analyzer

    return Analyzer(model)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(sources: Sequence[str], store: Store, settings: Settings, *,
           stdin: BinaryIO | None = None, analyze: bool = True,
           engine: Engine | None = None, progress: ProgressFn | None = None,
           on_error: Callable[[str], None] | None = None, resume: bool = False
           ) -> IngestSummary:
    """Read every source into the store and update the stories the new reports touch.

    Local files are tracked: once all of a file's reports are stored it is marked done, and
    with ``resume`` a file marked done (same size and modification time) is not read again.
    """
    summary = IngestSummary()
    clock = Stopwatch()
    own_engine = engine is None
    eng = engine or make_engine(settings.workers, worker_setup(settings.model))
    files = _FileTracker(store)

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error is not None:
            on_error(message)
        if progress is not None:
            progress(1)

    def fresh() -> Iterator[tuple[RawDocument, str, str | None]]:
        seen: set[str] = set()
        for item, file_key in _read(sources, settings, stdin, files, resume):
            if isinstance(item, NewsprismError):
                files.failed(file_key)
                fail(str(item))
                continue
            sha = raw_sha(item)
            if sha in seen or store.report_for_raw(sha) is not None:
                summary.duplicates += 1
                if progress is not None:
                    progress(1)
                continue
            seen.add(sha)
            files.sent(file_key)
            yield item, sha, file_key

    in_flight: deque[list[str | None]] = deque()

    def batches() -> Iterator[list[tuple[RawDocument, str]]]:
        for batch in _batches(fresh(), settings.batch_size):
            in_flight.append([key for _, _, key in batch])
            yield [(raw, sha) for raw, sha, _ in batch]

    work = partial(process_batch, settings=settings, analyze=analyze)
    try:
        for results in eng.map_batches(work, batches()):
            keys = in_flight.popleft()
            for processed, key in zip(results, keys, strict=True):
                if processed.error is not None:
                    files.failed(key)
            _store_batch(store, results, summary, fail, progress)
            files.stored(keys)
    finally:
        if own_engine:
            eng.close()
    files.finish()
    summary.timings["per-report"] = clock.lap()
    if summary.new_report_ids or store.unclustered_ids():
        update_global(store, summary.new_report_ids, settings, summary.timings)
    return summary


def ingest_documents(raws: Iterable[RawDocument], store: Store, settings: Settings, *,
                     analyze: bool = True, on_error: Callable[[str], None] | None = None
                     ) -> IngestSummary:
    """Store RawDocuments already in memory (fetched by a watcher, made from texts) the way
    ``ingest`` stores files: inputs already stored are skipped, the rest are normalized,
    analyzed and stored batch by batch in this process, then the global stages update the
    stories the new reports touch."""
    summary = IngestSummary()
    clock = Stopwatch()

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error is not None:
            on_error(message)

    def fresh() -> Iterator[tuple[RawDocument, str]]:
        seen: set[str] = set()
        for raw in raws:
            sha = raw_sha(raw)
            if sha in seen or store.report_for_raw(sha) is not None:
                summary.duplicates += 1
                continue
            seen.add(sha)
            yield raw, sha

    for batch in _batches(fresh(), settings.batch_size):
        _store_batch(store, process_batch(batch, settings, analyze), summary, fail, None)
    summary.timings["per-report"] = clock.lap()
    if summary.new_report_ids or store.unclustered_ids():
        update_global(store, summary.new_report_ids, settings, summary.timings)
    return summary


def _read(sources: Sequence[str], settings: Settings, stdin: BinaryIO | None,
          files: _FileTracker, resume: bool
          ) -> Iterator[tuple[RawDocument | InputError, str | None]]:
    """Every raw document (or input error) with the local file it came from, if any."""
    seen: set[str] = set()
    for source in sources:
        for item in expand(source):
            if isinstance(item, InputError):
                yield item, None
                continue
            path = item.source if item.kind == "file" else None
            if path is not None:
                key = os.path.realpath(path)
                if key in seen or (resume and files.done(path)):
                    continue
                seen.add(key)
            for doc in read_sources([item.source], settings, stdin=stdin):
                yield doc, path
            if path is not None:
                files.exhausted(path)


class _FileTracker:
    """Marks a local input file done once every report read from it is stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: dict[str, int] = {}
        self.read_all: set[str] = set()
        self.reports: dict[str, int] = {}
        self.bad: set[str] = set()  # files with a failed input: a resumed run retries them

    def failed(self, path: str | None) -> None:
        if path is not None:
            self.bad.add(path)

    def done(self, path: str) -> bool:
        st = os.stat(path)
        return self.store.file_done(os.path.realpath(path), st.st_size, st.st_mtime_ns)

    def sent(self, path: str | None) -> None:
        if path is not None:
            self.pending[path] = self.pending.get(path, 0) + 1

    def stored(self, paths: Sequence[str | None]) -> None:
        for path in paths:
            if path is not None:
                self.pending[path] -= 1
                self.reports[path] = self.reports.get(path, 0) + 1
                self._maybe_done(path)

    def exhausted(self, path: str) -> None:
        self.read_all.add(path)
        self._maybe_done(path)

    def _maybe_done(self, path: str) -> None:
        if path in self.bad:
            self.read_all.discard(path)
            return
        if path in self.read_all and self.pending.get(path, 0) == 0:
            try:
                st = os.stat(path)
            except OSError:
                return
            self.store.mark_file_done(os.path.realpath(path), st.st_size, st.st_mtime_ns,
                                      self.reports.get(path, 0))
            self.read_all.discard(path)

    def finish(self) -> None:
        for path in list(self.read_all):
            self._maybe_done(path)


def _store_batch(store: Store, results: Sequence[Processed], summary: IngestSummary,
                 fail: Callable[[str], None], progress: ProgressFn | None) -> None:
    items = []
    for p in results:
        if p.error is not None or p.report is None:
            fail(p.error or f"{p.source}: no report")
            continue
        items.append(StoredItem(p.report, p.raw_sha, p.analysis))
    added = store.add_reports(items)
    for item, is_new in zip(items, added, strict=True):
        if is_new:
            summary.stored += 1
            summary.new_report_ids.append(item.report.id)
        else:
            summary.duplicates += 1
    if progress is not None:
        progress(len(items))


def update_global(store: Store, new_report_ids: Sequence[str], settings: Settings,
                  timings: dict[str, PhaseTime] | None = None) -> None:
    """Run the global stages (cluster, resolve, triangulate) for newly stored reports, and
    record each one's time in ``timings`` when given.

    Global stages read their state from the store, update it and write it back; two ingests
    on one store take turns here (an exclusive lock file beside the store) so neither
    overwrites the other's stories.
    """
    with global_lock(store):
        # Reports stored by an earlier run that stopped before its global stages ran are
        # picked up here too.
        pending = list(dict.fromkeys([*store.unclustered_ids(), *new_report_ids]))
        for name, stage in global_stages():
            clock = Stopwatch()
            stage(store, pending, settings)
            if timings is not None:
                timings[name] = clock.lap()


@contextmanager
def global_lock(store: Store) -> Iterator[None]:
    lock_path = store.path.with_name(store.path.name + ".lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


GlobalStage = Callable[[Store, Sequence[str], Settings], None]


def global_stages() -> list[tuple[str, GlobalStage]]:
    """The global stages in order, by name. Each updates only the stories the new reports
    touch."""
    from newsprism.cluster.stage import update_stories
    from newsprism.resolve.stage import update_entities
    from newsprism.triangulate.stage import update_triangulation

    return [("cluster", update_stories), ("resolve", update_entities),
            ("triangulate", update_triangulation)]
