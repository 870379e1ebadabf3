"""Fetching over loopback only: redirects checked hop by hop, caps, refusals."""

from __future__ import annotations

import dataclasses
import ipaddress

import pytest

from newsprism.config import Settings
from newsprism.errors import FetchError, ForbiddenAddress, InputTooLarge
from newsprism.ingest import fetch as fetch_module
from newsprism.ingest.fetch import check_url, fetch, is_forbidden
from newsprism.types import RawDocument

from .conftest import LocalServer
from .helpers import html_page, read_all

LOCAL = dataclasses.replace(Settings(), allow_private=True, fetch_timeout_s=5.0)


def test_fetch_page_with_user_agent_and_no_cookies(server: LocalServer) -> None:
    url = server.add("/page", html_page())
    server.add("/start", b"", status=302, Location="/page", Set_Cookie="session=abc")
    fetched = fetch(server.base + "/start", LOCAL)
    assert fetched.url == url and fetched.data == html_page()
    assert fetched.charset == "utf-8"
    assert server.seen["/page"]["User-Agent"] == LOCAL.user_agent
    assert "Cookie" not in server.seen["/page"]
    assert "Authorization" not in server.seen["/page"]


def test_url_source_keeps_the_given_url(server: LocalServer) -> None:
    server.add("/page", html_page())
    server.add("/old", b"", status=301, Location="/page")
    [doc] = read_all([server.base + "/old"], LOCAL)
    assert isinstance(doc, RawDocument)
    assert doc.source == server.base + "/old"
    assert doc.url == server.base + "/page"
    assert doc.kind == "html"


def test_loopback_refused_without_allow_private(server: LocalServer) -> None:
    url = server.add("/page", html_page())
    with pytest.raises(ForbiddenAddress, match=r"127\.0\.0\.1"):
        fetch(url, Settings())
    [error] = read_all([url], Settings())
    assert isinstance(error, ForbiddenAddress)
    assert "/page" not in server.seen  # refused before any request


def test_localhost_name_is_resolved_then_refused(server: LocalServer) -> None:
    port = server.base.rsplit(":", 1)[1]
    with pytest.raises(ForbiddenAddress, match="localhost"):
        fetch(f"http://localhost:{port}/page", Settings())


def test_metadata_address_refused_even_when_private_allowed(server: LocalServer) -> None:
    server.add("/hop", b"", status=302, Location="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ForbiddenAddress, match=r"169\.254\.169\.254"):
        fetch(server.base + "/hop", LOCAL)


def test_every_redirect_hop_is_checked(server: LocalServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend only the test server's address is public; the redirect target (another
    # loopback address, so nothing leaves the machine) must then be refused at hop two.
    monkeypatch.setattr(fetch_module, "is_forbidden", lambda a: str(a) != "127.0.0.1")
    port = server.base.rsplit(":", 1)[1]
    server.add("/hop", b"", status=302, Location=f"http://127.0.0.2:{port}/page")
    with pytest.raises(ForbiddenAddress, match=r"127\.0\.0\.2"):
        fetch(server.base + "/hop", Settings())
    assert "/hop" in server.seen and "/page" not in server.seen


def test_redirect_limit(server: LocalServer) -> None:
    server.add("/loop", b"", status=302, Location="/loop")
    with pytest.raises(FetchError, match="redirects"):
        fetch(server.base + "/loop", LOCAL)


def test_size_cap_stops_the_download(server: LocalServer) -> None:
    settings = dataclasses.replace(LOCAL, fetch_max_bytes=50_000)
    announced = server.add("/announced", b"y" * 60_000)
    with pytest.raises(InputTooLarge, match="announces"):
        fetch(announced, settings)
    streamed = server.add("/streamed", b"x" * 200_000, Content_Length="omit")
    with pytest.raises(InputTooLarge, match="download stopped"):
        fetch(streamed, settings)


def test_http_error_status(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="404"):
        fetch(server.base + "/absent", LOCAL)


def test_userinfo_and_other_schemes_refused() -> None:
    with pytest.raises(ForbiddenAddress, match="password"):
        check_url("http://user:secret@127.0.0.1/", "s", LOCAL)
    with pytest.raises(FetchError, match="http"):
        check_url("file:///etc/passwd", "s", LOCAL)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1", "fd00:ec2::254",
    "::ffff:127.0.0.1", "ff02::1",
])
def test_forbidden_addresses(address: str) -> None:
    assert is_forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::1"])
def test_public_addresses(address: str) -> None:
    assert not is_forbidden(ipaddress.ip_address(address))
