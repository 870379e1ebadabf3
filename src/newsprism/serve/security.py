"""HTTP hardening for ``newsprism serve``: security headers, host checks, the ingest token.

Article text is untrusted. Templates escape it; these headers are the second line of defence:
the Content-Security-Policy forbids inline script, plugins and every other origin, so even a
markup bug cannot run an injected script or load anything from elsewhere.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def allowed_hosts(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host header values the server answers to. Bound to loopback, only loopback names are
    accepted, which stops DNS-rebinding pages from reading the API through the browser."""
    hosts = set(LOOPBACK_NAMES) | {bind_host} | set(extra)
    if bind_host in ("0.0.0.0", "::"):
        return frozenset({"*"})
    return frozenset(hosts)


def _host_name(raw: str) -> str:
    if raw.startswith("["):  # [::1]:8750
        return raw[: raw.find("]") + 1]
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class SecurityMiddleware:
    """Pure ASGI middleware: refuse unknown Host headers; add the security headers to every
    HTTP response. (Pure ASGI rather than BaseHTTPMiddleware: it costs almost nothing per
    request, which matters for the story-page throughput target.)"""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "*" not in self.hosts and not self._host_ok(scope):
            await _plain_response(send, 400, b"unknown Host header")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _host_ok(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"host":
                return _host_name(value.decode("latin-1").lower()) in self.hosts
        return True  # HTTP/1.0 without Host: nothing a browser would send


async def _plain_response(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, or None when there is none."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so response timing does not reveal how much matched."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
