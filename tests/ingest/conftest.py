"""A loopback HTTP server for fetch and feed tests (nothing leaves 127.0.0.1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# path -> (status, headers, body); "seen" collects the request headers per path. A header
# given as "omit" is not sent (Content-Length="omit": the body ends when the socket closes).
Routes = dict[str, tuple[int, dict[str, str], bytes]]


class LocalServer:
    def __init__(self) -> None:
        self.routes: Routes = {}
        self.seen: dict[str, dict[str, str]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.seen[self.path] = dict(self.headers.items())
                status, headers, body = server.routes.get(self.path, (404, {}, b"missing"))
                self.send_response(status)
                for key, value in headers.items():
                    if value != "omit":
                        self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, path: str, body: bytes, status: int = 200, **headers: str) -> str:
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        self.routes[path] = (status, {k.replace("_", "-"): v for k, v in headers.items()}, body)
        return self.base + path


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    thread = threading.Thread(target=local.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()
