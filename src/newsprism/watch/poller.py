"""The poll loop of ``newsprism watch``.

Each source is polled on its interval with a conditional GET (If-None-Match /
If-Modified-Since from the last good response). A 304 or a body identical to the last one is
"unchanged" and not parsed again. A changed body is read like any ingested input (feed, page,
JSONL, ...); its items get the source's outlet name and go through the whole pipeline
(``pipeline.ingest_documents``), which skips items already stored, so nothing is stored twice
even across restarts. A failed poll backs off exponentially (longer when the server sends
Retry-After), and the validators of the last good response are kept, so a feed that turns into
garbage is read afresh once it recovers.

Clock and sleep are injectable so that tests run the loop without waiting. ``stop()`` (from a
signal handler) lets the current poll finish; its state is saved before ``run`` returns.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from newsprism.config import Settings
from newsprism.errors import FetchError, InputError
from newsprism.ingest import _PARSER_FAILURES, fetch_page
from newsprism.ingest.blob import read_bytes
from newsprism.ingest.fetch import Fetched, fetch
from newsprism.pipeline import ingest_documents
from newsprism.store import Store
from newsprism.types import RawDocument
from newsprism.watch.politeness import (
    DEFAULT_MIN_HOST_INTERVAL_S,
    HostLimiter,
    RobotsCache,
    backoff_delay,
    host_of,
    parse_retry_after,
)
from newsprism.watch.sources import DEFAULT_INTERVAL_S, WatchSource, outlet_metadata
from newsprism.watch.state import SourceState, load_state, save_state

Outcome = Literal["new", "unchanged", "not-modified", "failed", "disallowed", "backing-off"]
Clock = Callable[[], float]
Sleep = Callable[[float], object]
Log = Callable[[str], None]
Fetcher = Callable[..., Fetched]

# Statuses returned to the poller instead of raised: 304 answers a conditional request; 429
# and 503 carry the Retry-After the backoff honours.
_PASS_STATUS = frozenset({304, 429, 503})


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval_s: float = DEFAULT_INTERVAL_S  # for sources without their own interval
    min_host_interval_s: float = DEFAULT_MIN_HOST_INTERVAL_S
    respect_robots: bool = True
    analyze: bool = True


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one source did; ``line()`` is its log line."""

    url: str
    outcome: Outcome
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    reason: str | None = None
    retry_in: float | None = None
    errors: tuple[str, ...] = ()  # per-item failures of a poll that otherwise worked

    def line(self) -> str:
        if self.outcome == "failed":
            return (f"{self.url}: failed: {self.reason}; retry in "
                    f"{_duration(self.retry_in or 0.0)}")
        if self.outcome == "not-modified":
            return f"{self.url}: new 0, unchanged (304 not modified)"
        if self.outcome == "disallowed":
            return f"{self.url}: skipped: robots.txt disallows it (--ignore-robots overrides)"
        if self.outcome == "backing-off":
            return (f"{self.url}: skipped: backing off for {_duration(self.retry_in or 0.0)} "
                    f"after: {self.reason}")
        if self.outcome == "unchanged" and self.reason:
            return f"{self.url}: new 0, unchanged ({self.reason})"
        text = f"{self.url}: new {self.new}, unchanged {self.unchanged}, failed {self.failed}"
        return text + (f": {self.errors[0]}" if self.errors else "")


@dataclass(slots=True)
class WatchSummary:
    polls: int = 0
    new: int = 0
    failed_polls: int = 0
    results: list[PollResult] = field(default_factory=list)


class _AlreadyFetched(InputError):
    """Raised for a feed item's link whose page an earlier poll fetched."""


class Watcher:
    """Polls sources into a store. ``run()`` loops; ``poll()`` polls one source now."""

    def __init__(self, sources: Sequence[WatchSource], store: Store, settings: Settings,
                 options: WatchOptions | None = None, *, clock: Clock = time.time,
                 sleep: Sleep | None = None, log: Log | None = None,
                 fetcher: Fetcher = fetch) -> None:
        self.sources = list(sources)
        self.store = store
        self.settings = settings
        self.options = options or WatchOptions()
        self.clock = clock
        self._stop = threading.Event()
        # Waiting for the next due poll ends early on stop(); the short waits between two
        # requests to one host (inside a poll) are plain sleeps, so the poll finishes.
        self._idle: Sleep = sleep or self._stop.wait
        self._pause: Sleep = sleep or time.sleep
        self.log: Log = log or (lambda _line: None)
        self.fetcher = fetcher
        self.limiter = HostLimiter(self.options.min_host_interval_s)
        self.robots = RobotsCache(settings, clock, self.limiter, self._wait_for_host)
        self.states = {s.url: load_state(store, s.url) for s in self.sources}
        for name, info in outlet_metadata(self.sources).items():
            store.put_outlet(name, country=info.get("country"), language=info.get("language"),
                             owner=info.get("owner"), homepage=info.get("homepage"),
                             meta=info.get("meta"))

    # -- the loop ----------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the loop to end after the current poll (safe to call from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def interval(self, source: WatchSource) -> float:
        return source.interval_s or self.options.interval_s

    def due_at(self, source: WatchSource) -> float:
        """When the source should next be polled (clock seconds; 0 = now)."""
        state = self.states[source.url]
        if state.retry_at is not None:
            return state.retry_at
        if state.last_polled is None:
            return 0.0
        return state.last_polled + self.interval(source)

    def run(self, *, once: bool = False, max_polls: int | None = None) -> WatchSummary:
        """Poll until stop() (or, with ``once``, until every source was polled once; with
        ``max_polls``, until that many polls were made). ``once`` ignores the schedule but
        still skips sources that are backing off after failures."""
        summary = WatchSummary()
        pending = list(self.sources)
        if once:
            for source in list(pending):
                skipped = self._skip_if_backing_off(source)
                if skipped is not None:
                    pending.remove(source)
                    self._account(summary, skipped)
        while not self._stop.is_set() and self.sources:
            if max_polls is not None and summary.polls >= max_polls:
                break
            if once and not pending:
                break
            now = self.clock()
            candidates = pending if once else self.sources
            source = min(candidates, key=lambda s: self._ready_at(s, once))
            ready = self._ready_at(source, once)
            if ready > now:
                self._idle(ready - now)
                continue
            result = self.poll(source)
            if once:
                pending.remove(source)
            self._account(summary, result)
        return summary

    def _ready_at(self, source: WatchSource, once: bool) -> float:
        due = 0.0 if once else self.due_at(source)
        return max(due, self.limiter.ready_at(host_of(source.url)))

    def _skip_if_backing_off(self, source: WatchSource) -> PollResult | None:
        state = self.states[source.url]
        now = self.clock()
        if state.retry_at is None or state.retry_at <= now:
            return None
        return PollResult(source.url, "backing-off", reason=state.last_error,
                          retry_in=state.retry_at - now)

    def _account(self, summary: WatchSummary, result: PollResult) -> None:
        if result.outcome != "backing-off":
            summary.polls += 1
        summary.new += result.new
        summary.failed_polls += result.outcome == "failed"
        summary.results.append(result)
        self.log(result.line())
        for error in result.errors[1:]:
            self.log(f"  {error}")

    # -- one poll ----------------------------------------------------------------------------

    def poll(self, source: WatchSource) -> PollResult:
        """Poll one source now (rate limit and robots.txt still apply); save its state."""
        state = self.states[source.url]
        try:
            result = self._poll(source, state)
        finally:
            save_state(self.store, source.url, state)
        return result

    def _poll(self, source: WatchSource, state: SourceState) -> PollResult:
        url = source.url
        try:
            if self.options.respect_robots and not self.robots.allowed(url):
                self._succeeded(state)
                return PollResult(url, "disallowed")
            self._wait_for_host(host_of(url))
            fetched = self.fetcher(url, self.settings, headers=_validators(state),
                                   pass_status=_PASS_STATUS)
        except InputError as exc:
            return self._failed(state, url, exc.reason, None)
        if fetched.status == 304:
            self._succeeded(state)
            return PollResult(url, "not-modified")
        if fetched.status in (429, 503):
            wait = parse_retry_after(fetched.headers.get("retry-after"), self.clock())
            return self._failed(state, url, f"HTTP {fetched.status}", wait)
        sha = hashlib.sha256(fetched.data).hexdigest()
        if sha == state.content_sha:
            self._succeeded(state, fetched, sha)
            return PollResult(url, "unchanged", reason="same content as last time")
        return self._read(source, state, fetched, sha)

    def _read(self, source: WatchSource, state: SourceState, fetched: Fetched, sha: str
              ) -> PollResult:
        followed: list[str] = []
        skipped: set[str] = set()

        def page(link: str, item_source: str) -> RawDocument:
            if link in state.seen_links:
                skipped.add(item_source)
                raise _AlreadyFetched(item_source, "page fetched by an earlier poll")
            if self.options.respect_robots and not self.robots.allowed(link):
                raise FetchError(item_source, f"robots.txt disallows {link}")
            self._wait_for_host(host_of(link))
            doc = fetch_page(link, item_source, self.settings)
            followed.append(link)
            return doc

        try:
            items = list(read_bytes(fetched.data, source.url, self.settings, page,
                                    url=fetched.url, encoding=fetched.charset))
        except InputError as exc:
            return self._failed(state, source.url, exc.reason, None)
        except _PARSER_FAILURES as exc:
            return self._failed(state, source.url,
                                f"unreadable ({type(exc).__name__}: {exc})", None)
        docs: list[RawDocument] = []
        errors: list[str] = []
        seen_before = 0
        for item in items:
            if isinstance(item, _AlreadyFetched):
                seen_before += 1
            elif isinstance(item, InputError):
                errors.append(str(item))
            elif not (item.meta.get("summary_only") and item.source in skipped):
                docs.append(replace(item, outlet=source.outlet) if source.outlet else item)
        summary = ingest_documents(docs, self.store, self.settings,
                                   analyze=self.options.analyze)
        errors += summary.errors
        state.remember_links(followed)
        self._succeeded(state, fetched, sha)
        return PollResult(source.url, "new" if summary.stored else "unchanged",
                          new=summary.stored, unchanged=summary.duplicates + seen_before,
                          failed=len(errors), errors=tuple(errors))

    def _succeeded(self, state: SourceState, fetched: Fetched | None = None,
                   sha: str | None = None) -> None:
        state.last_polled = self.clock()
        state.failures = 0
        state.retry_at = None
        state.last_error = None
        if fetched is not None:
            state.etag = fetched.headers.get("etag")
            state.last_modified = fetched.headers.get("last-modified")
            state.content_sha = sha

    def _failed(self, state: SourceState, url: str, reason: str, retry_after: float | None
                ) -> PollResult:
        now = self.clock()
        state.failures += 1
        delay = max(backoff_delay(state.failures), retry_after or 0.0)
        state.last_polled = now
        state.retry_at = now + delay
        state.last_error = reason
        return PollResult(url, "failed", reason=reason, retry_in=delay)

    def _wait_for_host(self, host: str) -> None:
        """Keep the host's minimum gap, then record this request."""
        while (wait := self.limiter.ready_at(host) - self.clock()) > 0:
            self._pause(wait)
        self.limiter.record(host, self.clock())


def _validators(state: SourceState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
