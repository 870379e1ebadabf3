"""A loopback feed server whose answers tests change between polls, and a fake clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# The fictional town of Brenmoor and its outlets; every text here is written for these tests.
PARAGRAPH = (
    "The council of Brenmoor voted on {day} to close the old tram depot on Quarry Lane, after "
    "engineers reported that {n} of its roof beams had rotted through. Councillor Edda Marsh "
    "said the depot would be demolished before winter and that the trams would be kept at "
    "the northern yard until a new shed is built. \"We cannot ask drivers to work under a roof "
    "that may fall,\" Marsh told the meeting. The transport union said its members had warned "
    "the council about the beams two years ago and accused officials of waiting for an "
    "accident. A spokesman for the mayor denied that any warning had been ignored and said a "
    "survey in the spring had found the building safe. Repairs were estimated at {n}00,000 "
    "crowns, a sum the finance committee called too high for a building due to be replaced. "
)


def story(title: str, n: int, day: str = "Monday") -> tuple[str, str]:
    """A fictional full-text item (long enough that no link is followed)."""
    return title, (PARAGRAPH.format(day=day, n=n) * 2).strip()


def rss(items: list[tuple[str, str]], title: str = "Brenmoor Evening Post",
        link_base: str = "https://post.brenmoor.example/news") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link_base}/{i}</link><guid>{link_base}/{i}</guid>"
        f"<pubDate>Mon, 0{1 + i % 8} Sep 2025 10:00:00 +0000</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for i, (t, body) in enumerate(items)
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{title}</title><link>{link_base}</link>{entries}</channel></rss>").encode()


@dataclass
class Route:
    """What one path answers. ``statuses`` are served first, one per request; then the body,
    with ETag/Last-Modified validators honoured when ``conditional``."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    conditional: bool = True
    etag: str | None = None
    last_modified: str | None = None
    statuses: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    delay_s: float = 0.0

    def set_body(self, body: bytes, version: int) -> None:
        self.body = body
        self.etag = f'"v{version}"'
        self.last_modified = formatdate(1_750_000_000 + version * 3600, usegmt=True)


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str], int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = server.routes.get(self.path)
                status, headers, body = server.answer(route, dict(self.headers.items()))
                server.requests.append((self.path, dict(self.headers.items()), status))
                if route is not None and route.delay_s:
                    time.sleep(route.delay_s)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @staticmethod
    def answer(route: Route | None, headers: dict[str, str]
               ) -> tuple[int, dict[str, str], bytes]:
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not here"
        if route.statuses:
            status, extra = route.statuses.pop(0)
            return status, {"Content-Type": "text/plain", **extra}, b"error page"
        out = {"Content-Type": route.content_type}
        if route.conditional and route.etag:
            out["ETag"] = route.etag
        if route.conditional and route.last_modified:
            out["Last-Modified"] = route.last_modified
        if route.conditional and (
                (route.etag and headers.get("If-None-Match") == route.etag)
                or (not headers.get("If-None-Match") and route.last_modified
                    and headers.get("If-Modified-Since") == route.last_modified)):
            return 304, out, b""
        return 200, out, route.body

    def route(self, path: str, **kw: object) -> Route:
        self.routes[path] = Route(**kw)  # type: ignore[arg-type]
        return self.routes[path]

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        return [(h, s) for p, h, s in self.requests if p == path]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    local = FeedServer()
    thread = threading.Thread(target=local.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()


class FakeClock:
    """Wall-clock seconds that only move when the watcher sleeps."""

    def __init__(self, start: float = 1_750_000_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


LogLines = list[str]
Logger = Callable[[str], None]
