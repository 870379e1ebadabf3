"""Feeds, WARC and JSONL: every item ingested; a bad item is an error naming it."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.errors import FetchError, InputError, MalformedInput
from newsprism.normalize import normalize
from newsprism.types import RawDocument, Report

from .conftest import LocalServer
from .helpers import ARTICLE, html_page, outcome, read_all

LOCAL = dataclasses.replace(Settings(), allow_private=True, fetch_timeout_s=5.0)
LONG = (ARTICLE * 3).replace("\n", " ")


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><description><![CDATA[{d}]]>"
                   f"</description><pubDate>Tue, 04 Jun 2024 09:30:00 GMT</pubDate></item>"
                   for t, link, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Almond Gazette</title>{body}</channel></rss>").encode()


def test_rss_items_with_full_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"  # a feed is a feed whatever its name
    path.write_bytes(rss([("Ferry opens", "", f"<p>{LONG}</p>"),
                          ("Fares set", "", f"<p>{LONG}</p><script>bad()</script>")]))
    items = read_all([str(path)])
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2"]
    report = normalize(items[1], Settings())  # type: ignore[arg-type]
    assert report.title == "Fares set" and report.outlet == "Almond Gazette"
    assert report.published_at == "2024-06-04T09:30:00+00:00"
    assert report.published_source == "metadata"
    assert "bad()" not in report.text


def test_summary_item_follows_its_link(tmp_path: Path, server: LocalServer) -> None:
    page = server.add("/ferry", html_page("Ferry line opens in June"))
    atom = (f"<feed xmlns='http://www.w3.org/2005/Atom'><title>Harbour Wire</title>"
            f"<entry><title>Ferry</title><link href='{page}'/><summary>Short teaser."
            f"</summary><updated>2024-06-04T09:30:00Z</updated></entry></feed>").encode()
    path = tmp_path / "atom.xml"
    path.write_bytes(atom)
    [doc] = read_all([str(path)], LOCAL)
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{path}#{page}" and doc.kind == "html" and doc.url == page
    report = normalize(doc, LOCAL)
    assert "shortage of steel plate" in report.text
    assert report.title == "Ferry" and report.outlet == "Harbour Wire"


def test_summary_item_fetch_failure_is_reported_then_summary_kept(
        tmp_path: Path, server: LocalServer) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([("Ferry", server.base + "/gone", "A short teaser.")]))
    error, doc = read_all([str(path)], LOCAL)
    assert isinstance(error, FetchError) and "404" in str(error)
    assert isinstance(doc, RawDocument) and doc.meta.get("summary_only") is True
    forbidden = read_all([str(path)], Settings())
    assert type(forbidden[0]).__name__ == "ForbiddenAddress"


def test_feed_url(server: LocalServer) -> None:
    feed = server.add("/rss", rss([("Ferry opens", "", LONG)]),
                      Content_Type="application/rss+xml")
    [doc] = read_all([feed], LOCAL)
    assert doc.source == feed + "#1"


def _warc(records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response",
                                                      payload=io.BytesIO(payload),
                                                      http_headers=headers))
    return buffer.getvalue()


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    records = [("https://almond.example/a", "text/html; charset=utf-8", html_page("A")),
               ("https://almond.example/logo.png", "image/png", b"\x89PNG...."),
               ("https://almond.example/b", "text/html", html_page("B"))]
    for gz in (False, True):
        path = tmp_path / f"crawl{'.warc.gz' if gz else '.warc'}"
        path.write_bytes(_warc(records, gz))
        results = outcome([str(path)])
        assert [r.source for r in results] == [f"{path}#https://almond.example/a",
                                               f"{path}#https://almond.example/b"]
        assert all(isinstance(r, Report) and r.outlet == "almond.example" for r in results)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records(tmp_path: Path, gz: bool) -> None:
    data = _warc([("https://almond.example/a", "text/html", html_page("A")),
                  ("https://almond.example/b", "text/html", html_page("B") * 50)], gz=gz)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 100])
    first, last = read_all([str(path)])
    assert isinstance(first, RawDocument)
    assert isinstance(last, InputError) and f"{path}#" in str(last)


def test_jsonl_lines_and_a_bad_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ARTICLE, "url": "https://www.wire.example/x", "title": "T",
                         "byline": "Ann Lee", "published_at": "2024-06-04"}),
             "{not json",
             json.dumps({"title": "no text"}),
             json.dumps({"text": ARTICLE, "outlet": "Harbour Wire"})]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n")
    results = outcome([str(path)])
    assert [r.source for r in results] == [f"{path}#{n}" for n in (1, 2, 3, 4)]
    first, bad, missing, last = results
    assert isinstance(first, Report) and first.outlet == "wire.example"
    assert (first.title, first.byline, first.published_at) == ("T", "Ann Lee", "2024-06-04")
    assert isinstance(bad, MalformedInput) and isinstance(missing, MalformedInput)
    assert isinstance(last, Report) and last.outlet == "Harbour Wire"


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"text": ARTICLE}).encode()))
    [report] = outcome([str(path)])
    assert isinstance(report, Report) and report.source == f"{path}#1"
