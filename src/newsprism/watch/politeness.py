"""Polite polling: a minimum gap between requests to one host, exponential backoff after
failures (Retry-After wins when the server sends a longer one), and robots.txt.

robots.txt follows RFC 9309: a 4xx answer means no rules (everything allowed); a 5xx answer or
an unreachable server means the host is treated as disallowed until it can be read, and the
poll counts as failed (so it backs off). The Crawl-delay a host asks of us lengthens its gap.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsprism.config import Settings
from newsprism.errors import FetchError
from newsprism.ingest.fetch import Fetched, fetch

# Seconds between two requests to one host. Five seconds keeps a watcher of many feeds of one
# site far below what any news site minds, and is still 720 requests an hour.
DEFAULT_MIN_HOST_INTERVAL_S = 5.0
# Backoff after failed polls: BASE, 2×BASE, 4×BASE, ... up to MAX. One minute first (a server
# restart is usually over by then), six hours at most (a dead feed is still noticed daily).
BACKOFF_BASE_S = 60.0
BACKOFF_MAX_S = 6 * 3600.0
# A Retry-After longer than a day is taken as a day: the source is still retried daily.
RETRY_AFTER_MAX_S = 86400.0
# robots.txt is read again after a day, as RFC 9309 suggests for caches.
ROBOTS_TTL_S = 86400.0
# RFC 9309 requires parsing at least 500 KiB; anything beyond is ignored.
ROBOTS_MAX_BYTES = 500 * 1024
# A Crawl-delay above this is capped, so that a typo in robots.txt cannot stop polling.
CRAWL_DELAY_MAX_S = 600.0

Clock = Callable[[], float]
Fetch = Callable[[str, Settings], Fetched]


def host_of(url: str) -> str:
    """The host:port a URL's requests go to (the unit the rate limit applies to)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def backoff_delay(failures: int) -> float:
    """Seconds to wait after the ``failures``-th failure in a row (1 = the first)."""
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2.0 ** max(0, failures - 1))


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_MAX_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None  # HTTP dates are GMT; a date without a zone is not one
    return min(max(0.0, when.timestamp() - now), RETRY_AFTER_MAX_S)


class HostLimiter:
    """Remembers when each host was last asked and how long it wants between requests."""

    def __init__(self, min_interval_s: float = DEFAULT_MIN_HOST_INTERVAL_S) -> None:
        self.min_interval_s = min_interval_s
        self._last: dict[str, float] = {}
        self._gap: dict[str, float] = {}

    def ready_at(self, host: str) -> float:
        """The earliest time (clock seconds) a request to ``host`` may be sent."""
        last = self._last.get(host)
        if last is None:
            return 0.0
        return last + max(self.min_interval_s, self._gap.get(host, 0.0))

    def record(self, host: str, when: float) -> None:
        self._last[host] = when

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        if seconds is not None and seconds > 0:
            self._gap[host] = min(float(seconds), CRAWL_DELAY_MAX_S)
        else:
            self._gap.pop(host, None)


class RobotsCache:
    """robots.txt per host, read through the safe fetcher and kept for ROBOTS_TTL_S.

    ``before_request(host)`` is called before robots.txt is fetched, so that this request,
    too, keeps the host's rate limit.
    """

    def __init__(self, settings: Settings, clock: Clock, limiter: HostLimiter,
                 before_request: Callable[[str], None], fetcher: Fetch | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.limiter = limiter
        self.before_request = before_request
        self.fetcher = fetcher or _fetch_robots
        self._cache: dict[str, tuple[float, RobotFileParser]] = {}

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``. Raises FetchError when robots.txt
        cannot be read (5xx, timeout, refused): the poll fails and backs off."""
        parser = self._parser(url)
        return parser.can_fetch(self.settings.user_agent, url)

    def _parser(self, url: str) -> RobotFileParser:
        host = host_of(url)
        cached = self._cache.get(host)
        if cached is not None and self.clock() - cached[0] < ROBOTS_TTL_S:
            return cached[1]
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        self.before_request(host)
        fetched = self.fetcher(robots_url, self.settings)
        parser = RobotFileParser(robots_url)
        if fetched.status >= 500:
            raise FetchError(url, f"robots.txt answered HTTP {fetched.status}; the host is "
                                  "treated as disallowed until it can be read")
        # A 4xx means no robots.txt: no rules, everything allowed.
        text = "" if fetched.status >= 400 else (
            fetched.data[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace"))
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        self.limiter.set_crawl_delay(host, float(delay) if delay is not None else None)
        self._cache[host] = (self.clock(), parser)
        return parser


def _fetch_robots(url: str, settings: Settings) -> Fetched:
    # Every 4xx/5xx comes back as a status: the caller decides what each means.
    return fetch(url, settings, pass_status=range(400, 600))
