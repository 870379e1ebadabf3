"""``newsprism watch``."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from types import FrameType
from typing import Annotated

import typer

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.serve import console
from newsprism.watch import (
    DEFAULT_INTERVAL_S,
    Watcher,
    WatchOptions,
    check_unique,
    load_sources,
    parse_interval,
    sources_from_urls,
)
from newsprism.watch.politeness import DEFAULT_MIN_HOST_INTERVAL_S


def _log(line: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    console.err.print(f"{stamp} {line}", markup=False, soft_wrap=True)


@contextmanager
def _stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """SIGINT/SIGTERM: finish the current poll, then stop; a second signal stops at once
    (the store is transactional, so that is safe too)."""
    stopping = False

    def handler(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping:
            raise KeyboardInterrupt
        stopping = True
        _log(f"{signal.Signals(signum).name}: stopping after the current poll "
             "(again to stop at once)")
        stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_cmd(
        urls: Annotated[list[str] | None, typer.Argument(
            help="Feed or page URLs to poll (outlet names come from the feeds).",
            show_default=False)] = None,
        sources_file: Annotated[str | None, typer.Option(
            "--sources", help="TOML file of sources with outlet names, metadata and "
                              "intervals (docs/sources.md).", show_default=False)] = None,
        interval: Annotated[str, typer.Option(
            "--interval", help="Default time between polls of one source: seconds or "
                               "30s/10m/2h.")] = f"{DEFAULT_INTERVAL_S / 60:.0f}m",
        host_gap: Annotated[float, typer.Option(
            "--min-host-interval", min=0.0,
            help="Least seconds between two requests to one host.")
        ] = DEFAULT_MIN_HOST_INTERVAL_S,
        once: Annotated[bool, typer.Option(
            "--once", help="Poll every source once and exit (for cron); sources backing "
                           "off after failures are skipped.")] = False,
        max_polls: Annotated[int | None, typer.Option(
            "--max-polls", min=1, help="Exit after this many polls.",
            show_default=False)] = None,
        ignore_robots: Annotated[bool, typer.Option(
            "--ignore-robots", help="Do not read or obey robots.txt.")] = False,
        allow_private: Annotated[bool, typer.Option(
            "--allow-private", help="Allow fetching loopback/private/link-local addresses.")
        ] = False,
        timeout: Annotated[float | None, typer.Option(
            "--timeout", min=0.1, help="Seconds one fetch may take.", show_default=False)
        ] = None,
        model: Annotated[str | None, typer.Option(
            "--model", help="Installed spaCy pipeline to analyze with.",
            show_default=False)] = None,
        no_analyze: Annotated[bool, typer.Option(
            "--no-analyze", help="Only ingest and normalize new items.")] = False,
        db: console.DbOption = None,
    ) -> None:
        """Poll feeds and pages politely and ingest new items as they appear.

        Requests are conditional (ETag / Last-Modified), one host is asked at most once per
        --min-host-interval, robots.txt is obeyed, failures back off exponentially (longer
        when the server sends Retry-After). One log line per poll goes to stderr. Ctrl-C
        finishes the current poll and exits 0; state kept in the store lets a restart resume.
        With --once or --max-polls the exit code is 1 when a poll failed.
        """
        sources = sources_from_urls(urls or [])
        if sources_file:
            sources += load_sources(sources_file)
            check_unique(sources, "the command line and --sources")
        if not sources:
            raise ConfigError("nothing to watch: give feed URLs or --sources FILE.toml")
        settings = Settings(allow_private=allow_private)
        if model:
            settings = replace(settings, model=model)
        if timeout:
            settings = replace(settings, fetch_timeout_s=timeout)
        options = WatchOptions(interval_s=parse_interval(interval, "--interval"),
                               min_host_interval_s=host_gap,
                               respect_robots=not ignore_robots, analyze=not no_analyze)
        with console.open_store(db) as store:
            watcher = Watcher(sources, store, settings, options, log=_log)
            _log(f"watching {len(sources)} source(s) into {store.path}")
            with _stop_on_signals(watcher.stop):
                summary = watcher.run(once=once, max_polls=max_polls)
        _log(f"stopped after {summary.polls} poll(s): {summary.new} new report(s), "
             f"{summary.failed_polls} failed poll(s)")
        if (once or max_polls) and summary.failed_polls and not watcher.stopping:
            raise typer.Exit(console.EXIT_INPUT_FAILED)
