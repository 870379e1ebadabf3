"""Fetch one http(s) URL safely.

Every hop of a redirect chain is checked before it is requested: scheme, no userinfo, and
every address the host resolves to must be public (unless settings.allow_private; cloud
metadata addresses are refused even then). The
connection then goes to the checked address itself (Host header and TLS SNI keep the name),
so a second DNS answer cannot swap in a private address. No cookies, credentials, proxies or
netrc are used. The body is streamed and cut off at the size cap.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsprism.config import Settings
from newsprism.errors import FetchError, ForbiddenAddress, InputTooLarge

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints: refused always, even with settings.allow_private.
METADATA_ADDRESSES = frozenset({
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("169.254.170.2"),
    ipaddress.ip_address("100.100.100.200"),
    ipaddress.ip_address("fd00:ec2::254"),
})
# Shared address space (carrier-grade NAT) is not "private" to ipaddress, but not public.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Request headers the fetcher sets itself; a caller's extra headers never replace them.
_OWN_HEADERS = frozenset({"host", "user-agent", "accept-encoding", "accept", "cookie",
                          "authorization"})


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL after redirects
    data: bytes
    content_type: str | None
    charset: str | None
    status: int = 200
    # Response headers, names in lower case (ETag, Last-Modified, Retry-After, ...).
    headers: Mapping[str, str] = field(default_factory=dict)


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_forbidden(address: IPAddress) -> bool:
    """True for every address that is not plainly public."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None and is_forbidden(mapped):
            return True
    return (address in METADATA_ADDRESSES or not address.is_global or address.is_private
            or address.is_loopback or address.is_link_local or address.is_multicast
            or address.is_reserved or address.is_unspecified
            or (isinstance(address, ipaddress.IPv4Address) and address in _CGNAT))


def resolve(host: str, port: int, source: str) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(source, f"cannot resolve host {host!r} ({exc})") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        # Strip an IPv6 zone id ("fe80::1%eth0") before parsing.
        text = str(info[4][0]).split("%", 1)[0]
        addresses.append(ipaddress.ip_address(text))
    if not addresses:
        raise FetchError(source, f"host {host!r} has no address")
    return addresses


def check_url(url: str, source: str, settings: Settings) -> tuple[str, IPAddress]:
    """Validate one hop; return the URL to connect to (host replaced by a checked address)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(source, f"malformed URL {url!r} ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(source, f"only http and https URLs are fetched, not {url!r}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ForbiddenAddress(source, "URLs with a user name or password are refused")
    if not parts.hostname:
        raise FetchError(source, f"URL {url!r} has no host")
    addresses = resolve(parts.hostname, port, source)
    metadata = [a for a in addresses if _unmapped(a) in METADATA_ADDRESSES]
    if metadata:
        # Even with allow_private: a metadata endpoint hands out cloud credentials.
        raise ForbiddenAddress(source, f"{parts.hostname} resolves to cloud metadata address "
                                       f"{metadata[0]}; always refused")
    if not settings.allow_private:
        bad = [a for a in addresses if is_forbidden(a)]
        if bad:
            raise ForbiddenAddress(source, f"{parts.hostname} resolves to non-public address "
                                           f"{bad[0]}; refused (settings.allow_private is off)")
    address = addresses[0]
    literal = f"[{address}]" if address.version == 6 else str(address)
    pinned = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query, ""))
    return pinned, address


def charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    value = msg.get_param("charset")
    return value if isinstance(value, str) else None


def _read_capped(response: httpx.Response, source: str, cap: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise InputTooLarge(source, f"the server announces {declared} bytes, over the "
                                    f"{cap}-byte limit")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > cap:
            raise InputTooLarge(source, f"the response is over the {cap}-byte limit; "
                                        "download stopped")
        if time.monotonic() > deadline:
            raise FetchError(source, "the download took too long (settings.fetch_timeout_s)")
    return bytes(body)


def _send(client: httpx.Client, url: str, source: str, settings: Settings,
          extra: Mapping[str, str], pass_status: Collection[int]
          ) -> tuple[httpx.Response, bytes]:
    pinned, _ = check_url(url, source, settings)
    parts = urlsplit(url)
    host = parts.netloc
    client.cookies.clear()  # a cookie set by one hop must never travel to the next
    request = client.build_request(
        "GET", pinned,
        headers={**{k: v for k, v in extra.items() if k.lower() not in _OWN_HEADERS},
                 "Host": host, "User-Agent": settings.user_agent,
                 "Accept-Encoding": "gzip, deflate", "Accept": "*/*"},
        extensions={"sni_hostname": parts.hostname or ""},
    )
    deadline = time.monotonic() + settings.fetch_timeout_s
    cap = min(settings.fetch_max_bytes, settings.max_input_bytes)
    response = client.send(request, stream=True, follow_redirects=False)
    try:
        if response.status_code in _REDIRECTS:
            return response, b""
        if response.status_code in pass_status:
            return response, b""
        if response.status_code >= 400:
            raise FetchError(source, f"HTTP {response.status_code} from {url}")
        return response, _read_capped(response, source, cap, deadline)
    finally:
        response.close()


def fetch(url: str, settings: Settings, source: str | None = None, *,
          headers: Mapping[str, str] | None = None, pass_status: Collection[int] = ()
          ) -> Fetched:
    """GET `url`, following at most settings.fetch_max_redirects redirects, each checked.

    ``headers`` are added to the request (conditional-request headers such as
    If-None-Match); they cannot set Host, User-Agent, Accept(-Encoding), Cookie or
    Authorization. A status in ``pass_status`` (e.g. 429) is returned with an empty body
    instead of raising FetchError, so that a caller can read its headers (Retry-After).
    """
    source = source or url
    timeout = httpx.Timeout(settings.fetch_timeout_s)
    try:
        with httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False) as client:
            for _hop in range(settings.fetch_max_redirects + 1):
                response, data = _send(client, url, source, settings, headers or {},
                                       pass_status)
                if response.status_code not in _REDIRECTS:
                    content_type = response.headers.get("content-type")
                    return Fetched(url, data, content_type, charset_of(content_type),
                                   response.status_code,
                                   {k.lower(): v for k, v in response.headers.items()})
                location = response.headers.get("location")
                if not location:
                    raise FetchError(source, f"redirect from {url} without a Location")
                url = urljoin(url, location)
    except httpx.HTTPError as exc:
        raise FetchError(source, f"cannot fetch {url}: {type(exc).__name__}: {exc}") from exc
    raise FetchError(source, f"more than {settings.fetch_max_redirects} redirects "
                             "(settings.fetch_max_redirects)")
