"""The poll loop against a loopback feed server, with a fake clock (nothing really waits
except the timeout test)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from email.utils import formatdate
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.ingest.fetch import Fetched, fetch
from newsprism.store import Store
from newsprism.watch import Watcher, WatchOptions, WatchSource
from newsprism.watch.politeness import BACKOFF_BASE_S
from newsprism.watch.state import load_state, state_key

from .conftest import FakeClock, FeedServer, rss, story

LOCAL = Settings(allow_private=True, fetch_timeout_s=5.0)
QUICK = WatchOptions(analyze=False)
OUTLET = "Brenmoor Evening Post"
ITEMS = [story("Council votes to close tram depot", 14),
         story("Union says it warned of rotten beams", 9, "Tuesday")]
NEW_ITEM = story("Trams move to the northern yard", 21, "Friday")


@contextmanager
def watcher(db: Path, sources: list[WatchSource], clock: FakeClock,
            options: WatchOptions = QUICK, settings: Settings = LOCAL,
            **kw: Any) -> Iterator[tuple[Watcher, list[str]]]:
    lines: list[str] = []
    with Store(db) as store:
        yield Watcher(sources, store, settings, options, clock=clock, sleep=clock.sleep,
                      log=lines.append, **kw), lines


def feed(feed_server: FeedServer, items: list[tuple[str, str]] = ITEMS,
         path: str = "/feed.xml", **kw: Any) -> WatchSource:
    feed_server.route(path, **kw).set_body(rss(items), 1)
    return WatchSource(feed_server.url(path), outlet=OUTLET)


def test_new_items_once_then_304_on_the_interval(feed_server: FeedServer, clock: FakeClock,
                                                 db_path: Path) -> None:
    source = feed(feed_server)
    with watcher(db_path, [source], clock) as (w, lines):
        summary = w.run(max_polls=3)
        reports = w.store.reports()
    assert [r.outcome for r in summary.results] == ["new", "not-modified", "not-modified"]
    assert summary.new == 2 and len(reports) == 2
    assert {r.outlet for r in reports} == {OUTLET}
    hits = feed_server.hits("/feed.xml")
    assert [status for _, status in hits] == [200, 304, 304]
    assert "If-None-Match" not in hits[0][0]
    assert hits[1][0]["If-None-Match"] == '"v1"'
    assert hits[1][0]["If-Modified-Since"]
    # robots.txt first, the host's gap before the feed, then one default interval per poll.
    assert clock.sleeps == [5.0, 600.0, 600.0]
    assert lines[0] == f"{source.url}: new 2, unchanged 0, failed 0"
    assert lines[1] == f"{source.url}: new 0, unchanged (304 not modified)"


def test_changed_feed_adds_only_its_new_item(feed_server: FeedServer, clock: FakeClock,
                                             db_path: Path) -> None:
    source = feed(feed_server)
    with watcher(db_path, [source], clock) as (w, _):
        w.run(once=True)
        feed_server.routes["/feed.xml"].set_body(rss([*ITEMS, NEW_ITEM]), 2)
        [result] = w.run(once=True).results
        assert (result.outcome, result.new, result.unchanged) == ("new", 1, 2)
        assert w.store.count_reports() == 3


def test_same_bytes_without_validators_are_not_read_again(
        feed_server: FeedServer, clock: FakeClock, db_path: Path) -> None:
    source = feed(feed_server, conditional=False)
    with watcher(db_path, [source], clock) as (w, lines):
        w.run(max_polls=2)
    assert [s for _, s in feed_server.hits("/feed.xml")] == [200, 200]
    assert lines[1] == f"{source.url}: new 0, unchanged (same content as last time)"


def test_server_errors_back_off_exponentially(feed_server: FeedServer, clock: FakeClock,
                                              db_path: Path) -> None:
    source = feed(feed_server, statuses=[(500, {})] * 3)
    with watcher(db_path, [source], clock) as (w, lines):
        summary = w.run(max_polls=4)
        assert w.store.count_reports() == 2
    outcomes = [(r.outcome, r.retry_in) for r in summary.results]
    base = BACKOFF_BASE_S
    assert outcomes == [("failed", base), ("failed", 2 * base), ("failed", 4 * base),
                        ("new", None)]
    assert summary.failed_polls == 3
    assert lines[0] == f"{source.url}: failed: HTTP 500 from {source.url}; retry in 60 s"
    assert clock.sleeps[1:4] == [base, 2 * base, 4 * base]


def test_429_and_503_honour_retry_after(feed_server: FeedServer, clock: FakeClock,
                                        db_path: Path) -> None:
    later = formatdate(clock.now + 7200, usegmt=True)
    source = feed(feed_server, statuses=[(429, {"Retry-After": "3600"}),
                                         (503, {"Retry-After": later})])
    with watcher(db_path, [source], clock) as (w, lines):
        summary = w.run(max_polls=3)
    first, second, third = summary.results
    assert (first.outcome, first.reason, first.retry_in) == ("failed", "HTTP 429", 3600.0)
    assert (second.outcome, second.reason) == ("failed", "HTTP 503")
    # The date was two hours ahead of the first poll; an hour and the host gap have passed.
    assert second.retry_in is not None and 3590 < second.retry_in < 3600
    assert third.outcome == "new"
    assert "retry in 60 min" in lines[0]


def test_slow_server_times_out_and_is_retried(feed_server: FeedServer, clock: FakeClock,
                                              db_path: Path) -> None:
    source = feed(feed_server, delay_s=1.0)
    quick = replace(LOCAL, fetch_timeout_s=0.3)
    with watcher(db_path, [source], clock, settings=quick) as (w, _):
        [result] = w.run(once=True).results
        state = load_state(w.store, source.url)
    assert result.outcome == "failed" and result.reason is not None
    assert "Timeout" in result.reason
    assert state.failures == 1 and state.retry_at == clock.now + BACKOFF_BASE_S


def test_feed_turning_into_garbage_fails_and_recovers(
        feed_server: FeedServer, clock: FakeClock, db_path: Path) -> None:
    source = feed(feed_server)
    route = feed_server.routes["/feed.xml"]
    with watcher(db_path, [source], clock) as (w, lines):
        w.run(once=True)
        route.set_body(b"<?xml version='1.0'?><rss><channel><item><title>cut off", 2)
        w.run(max_polls=1)
        route.set_body(b"\x00\x9c\xff\xfe" * 400, 3)
        w.run(max_polls=1)
        route.set_body(rss([*ITEMS, NEW_ITEM]), 4)
        summary = w.run(max_polls=1)
        assert w.store.count_reports() == 3
        state = load_state(w.store, source.url)
    assert "failed: malformed feed XML" in lines[1]
    assert ": failed: " in lines[2]
    assert summary.results[0].new == 1 and state.etag == '"v4"' and state.failures == 0
    # The validators of the last good answer were kept while the feed was garbage.
    assert [h["If-None-Match"] for h, _ in feed_server.hits("/feed.xml")[1:]] == ['"v1"'] * 3


def test_restart_resumes_without_duplicates(feed_server: FeedServer, clock: FakeClock,
                                            db_path: Path) -> None:
    source = feed(feed_server)
    with watcher(db_path, [source], clock) as (w, _):
        assert w.run(once=True).new == 2
    # A new process: validators come from the store, so the server answers 304.
    with watcher(db_path, [source], clock) as (w, _):
        assert w.due_at(source) == load_state(w.store, source.url).last_polled + 600
        [result] = w.run(once=True).results
        assert result.outcome == "not-modified"
        # Lost validators (state cleared): the feed is read again, nothing is stored twice.
        w.store.set_state(state_key(source.url), b"{}")
    with watcher(db_path, [source], clock) as (w, _):
        [result] = w.run(once=True).results
        assert (result.outcome, result.new, result.unchanged) == ("unchanged", 0, 2)
        assert w.store.count_reports() == 2


def test_summary_items_fetch_each_page_once(feed_server: FeedServer, clock: FakeClock,
                                            db_path: Path) -> None:
    pages = {}
    for n, (title, body) in enumerate([*ITEMS, NEW_ITEM]):
        path = f"/news/{n}.html"
        pages[path] = feed_server.url(path)
        html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        html += "".join(f"<p>{s}.</p>" for s in body.split(". ")) + "</article></body></html>"
        feed_server.route(path, content_type="text/html; charset=utf-8",
                          conditional=False).set_body(html.encode(), 1)

    def teasers(n: int) -> bytes:
        entries = "".join(
            f"<item><title>{t}</title><link>{pages[f'/news/{i}.html']}</link>"
            f"<description>{t}: read on.</description></item>"
            for i, (t, _) in enumerate([*ITEMS, NEW_ITEM][:n]))
        return (f"<rss version='2.0'><channel><title>Brenmoor Wire</title>{entries}"
                "</channel></rss>").encode()

    route = feed_server.route("/teasers.xml")
    route.set_body(teasers(2), 1)
    source = WatchSource(feed_server.url("/teasers.xml"))
    with watcher(db_path, [source], clock) as (w, _):
        assert w.run(once=True).new == 2
        route.set_body(teasers(3), 2)
        [result] = w.run(once=True).results
        reports = w.store.reports()
    assert (result.new, result.unchanged) == (1, 2)
    assert len(reports) == 3 and all(r.outlet == "Brenmoor Wire" for r in reports)
    assert [len(feed_server.hits(f"/news/{n}.html")) for n in range(3)] == [1, 1, 1]


def test_robots_txt_is_obeyed_unless_ignored(feed_server: FeedServer, clock: FakeClock,
                                             db_path: Path) -> None:
    feed_server.route("/robots.txt", content_type="text/plain").set_body(
        b"User-agent: *\nDisallow: /private/\n", 1)
    source = feed(feed_server, path="/private/feed.xml")
    with watcher(db_path, [source], clock) as (w, lines):
        [result] = w.run(once=True).results
    assert result.outcome == "disallowed" and "robots.txt disallows" in lines[0]
    assert feed_server.hits("/private/feed.xml") == []
    with watcher(db_path, [source], clock, replace(QUICK, respect_robots=False)) as (w, _):
        assert w.run(once=True).new == 2


def test_unreadable_robots_txt_fails_the_poll(feed_server: FeedServer, clock: FakeClock,
                                              db_path: Path) -> None:
    feed_server.route("/robots.txt", statuses=[(503, {})])
    source = feed(feed_server)
    with watcher(db_path, [source], clock) as (w, _):
        [result] = w.run(once=True).results
    assert result.outcome == "failed" and "robots.txt answered HTTP 503" in str(result.reason)
    assert feed_server.hits("/feed.xml") == []


def test_one_host_is_asked_at_most_once_per_gap(feed_server: FeedServer, clock: FakeClock,
                                                db_path: Path) -> None:
    feed_server.route("/robots.txt", content_type="text/plain").set_body(
        b"User-agent: newsprism\nCrawl-delay: 30\n", 1)
    sources = [feed(feed_server, [item], path=f"/feed{i}.xml")
               for i, item in enumerate([*ITEMS, NEW_ITEM])]
    asked: list[tuple[str, float]] = []

    def recording_fetch(url: str, settings: Settings, **kw: Any) -> Fetched:
        asked.append((url, clock.now))
        return fetch(url, settings, **kw)

    with watcher(db_path, sources, clock, fetcher=recording_fetch) as (w, _):
        summary = w.run(once=True)
    assert summary.new == 3
    times = [t for _, t in asked]
    assert [b - a for a, b in itertools.pairwise(times)] == [30.0, 30.0]
    assert times[0] == clock.sleeps[0] + 1_750_000_000.0  # after robots.txt, one gap


def test_private_addresses_need_permission(feed_server: FeedServer, clock: FakeClock,
                                           db_path: Path) -> None:
    source = feed(feed_server)
    with watcher(db_path, [source], clock, settings=Settings()) as (w, lines):
        [result] = w.run(once=True).results
    assert result.outcome == "failed" and "non-public address" in lines[0]
    assert feed_server.requests == []


def test_once_skips_a_source_backing_off(feed_server: FeedServer, clock: FakeClock,
                                         db_path: Path) -> None:
    source = feed(feed_server, statuses=[(500, {})])
    with watcher(db_path, [source], clock) as (w, lines):
        w.run(once=True)
        summary = w.run(once=True)
    assert summary.polls == 0 and summary.results[0].outcome == "backing-off"
    assert "skipped: backing off for 60 s after: HTTP 500" in lines[1]
    assert len(feed_server.hits("/feed.xml")) == 1


def test_stop_finishes_the_current_poll_and_saves_state(
        feed_server: FeedServer, clock: FakeClock, db_path: Path) -> None:
    sources = [feed(feed_server, [item], path=f"/feed{i}.xml")
               for i, item in enumerate(ITEMS)]
    with watcher(db_path, sources, clock) as (w, _):
        def stop_during_fetch(url: str, settings: Settings, **kw: Any) -> Fetched:
            w.stop()
            return fetch(url, settings, **kw)

        w.fetcher = stop_during_fetch
        summary = w.run()
        assert summary.polls == 1 and summary.new == 1 and w.stopping
        assert load_state(w.store, sources[0].url).etag == '"v1"'
        assert load_state(w.store, sources[1].url).last_polled is None


def test_outlet_metadata_goes_to_the_store(feed_server: FeedServer, clock: FakeClock,
                                           db_path: Path) -> None:
    source = replace(feed(feed_server), country="BM", language="en",
                     meta={"kind": "evening daily"})
    with watcher(db_path, [source], clock) as (w, _):
        info = w.store.outlet_info()[OUTLET]
    assert info["country"] == "BM" and info["language"] == "en"
    assert info["kind"] == "evening daily"


def test_new_items_go_through_the_whole_pipeline(feed_server: FeedServer, clock: FakeClock,
                                                 db_path: Path) -> None:
    source = feed(feed_server)
    with watcher(db_path, [source], clock, WatchOptions()) as (w, _):
        w.run(once=True)
        ids = w.store.report_ids()
        assert len(ids) == 2 and w.store.analyzed_ids() == set(ids)
        assert w.store.unclustered_ids() == [] and w.store.stories()
        assert any(m.entity_id for m in w.store.mentions())


def test_extra_request_headers_cannot_replace_the_fetchers_own(feed_server: FeedServer
                                                              ) -> None:
    source = feed(feed_server)
    fetched = fetch(source.url, LOCAL, headers={"user-agent": "spoof", "Cookie": "a=b",
                                                "If-None-Match": '"v0"'})
    assert fetched.status == 200 and fetched.headers["etag"] == '"v1"'
    [(sent, _)] = feed_server.hits("/feed.xml")
    assert sent["User-Agent"] == LOCAL.user_agent and "Cookie" not in sent
    assert sent["If-None-Match"] == '"v0"'
    assert fetch(source.url, LOCAL, headers={"If-None-Match": '"v1"'}).status == 304
