"""Backoff, Retry-After and the per-host gap, without a network."""

from __future__ import annotations

import itertools
from email.utils import formatdate

from newsprism.watch.politeness import (
    BACKOFF_BASE_S,
    BACKOFF_MAX_S,
    CRAWL_DELAY_MAX_S,
    RETRY_AFTER_MAX_S,
    HostLimiter,
    backoff_delay,
    host_of,
    parse_retry_after,
)

NOW = 1_750_000_000.0


def test_backoff_doubles_up_to_a_cap() -> None:
    delays = [backoff_delay(n) for n in range(1, 20)]
    assert delays[:3] == [BACKOFF_BASE_S, 2 * BACKOFF_BASE_S, 4 * BACKOFF_BASE_S]
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert delays[-1] == BACKOFF_MAX_S


def test_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after(formatdate(NOW + 900, usegmt=True), NOW) == 900.0
    assert parse_retry_after(formatdate(NOW - 900, usegmt=True), NOW) == 0.0
    assert parse_retry_after(str(10 * 86400), NOW) == RETRY_AFTER_MAX_S
    for junk in (None, "", "soon", "-5", "Mon, 99 Foo"):
        assert parse_retry_after(junk, NOW) is None


def test_host_gap_and_crawl_delay() -> None:
    limiter = HostLimiter(5.0)
    host = host_of("https://Post.Brenmoor.example/rss")
    assert host == "post.brenmoor.example:443"
    assert host_of("http://post.brenmoor.example:8080/x") == "post.brenmoor.example:8080"
    assert limiter.ready_at(host) == 0.0
    limiter.record(host, NOW)
    assert limiter.ready_at(host) == NOW + 5.0
    assert limiter.ready_at("other.example:443") == 0.0
    limiter.set_crawl_delay(host, 30)
    assert limiter.ready_at(host) == NOW + 30.0
    limiter.set_crawl_delay(host, 10**6)
    assert limiter.ready_at(host) == NOW + CRAWL_DELAY_MAX_S
    limiter.set_crawl_delay(host, None)
    assert limiter.ready_at(host) == NOW + 5.0
