"""Watching feeds and pages: poll sources on an interval, politely, into the store.

``Watcher(sources, store, settings, options).run()`` is the loop behind ``newsprism watch``;
``load_sources`` reads a TOML sources file (see docs/sources.md).
"""

from newsprism.watch.poller import PollResult, Watcher, WatchOptions, WatchSummary
from newsprism.watch.sources import (
    DEFAULT_INTERVAL_S,
    MIN_INTERVAL_S,
    WatchSource,
    check_unique,
    load_sources,
    parse_interval,
    sources_from_urls,
)

__all__ = [
    "DEFAULT_INTERVAL_S",
    "MIN_INTERVAL_S",
    "PollResult",
    "WatchOptions",
    "WatchSource",
    "WatchSummary",
    "Watcher",
    "check_unique",
    "load_sources",
    "parse_interval",
    "sources_from_urls",
]
