"""HTML pages: main text, title, byline, outlet, date with its source, hostile markup."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.errors import EmptyInput, UnsafeInput
from newsprism.normalize import normalize
from newsprism.normalize.maintext import parse_html
from newsprism.normalize.pubdate import html_date, url_date
from newsprism.types import RawDocument

PARAGRAPHS = [
    "The harbour authority of Port Almond said on Tuesday that the new ferry line would open "
    "in June, after two years of delays that officials blamed on a shortage of steel plate.",
    "\u201cWe are finally ready,\u201d the authority\u2019s director, Mara Quill, told "
    "reporters at the pier, adding that a single ticket would cost 4.50 crowns.",
    "Residents of the outer islands have waited for the link since the old ferry was "
    "withdrawn, and the council said it would review the timetable after one season.",
]


def page(head: str = "", body_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html lang='en'><head><title>Ferry line opens | Almond Gazette"
            f"</title>{head}</head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
            f"<article><h1>Ferry line to open in June</h1>{paragraphs}{body_extra}</article>"
            f"<footer>Copyright Almond Gazette</footer></body></html>")


def _normalize(html: str, url: str | None = None):
    return normalize(RawDocument(source="page.html", data=html.encode(), url=url), Settings())


def test_main_text_and_metadata() -> None:
    head = ("<meta property='og:site_name' content='Almond Gazette'>"
            "<meta name='author' content='Mara Quill'>"
            "<meta property='article:published_time' content='2024-06-03T08:15:00+02:00'>")
    report = _normalize(page(head), url="https://www.almond.example/news/ferry")
    assert "shortage of steel plate" in report.text
    assert "Home" not in report.text and "Copyright" not in report.text
    assert report.title and "Ferry line" in report.title
    assert report.outlet == "Almond Gazette"
    assert report.byline == "Mara Quill"
    assert report.published_at == "2024-06-03T08:15:00+02:00"
    assert report.published_precision == "second"
    assert report.published_source == "metadata"
    assert report.language == "en"


def test_outlet_falls_back_to_host_and_date_to_url() -> None:
    report = _normalize(page(), url="https://www.almond.example/2024/06/03/ferry-opens")
    assert report.outlet == "almond.example"
    assert report.published_at == "2024-06-03"
    assert report.published_source == "url"


def test_script_content_never_reaches_the_text() -> None:
    report = _normalize(page(body_extra="<script>var secret = 'alert(1)';</script>"))
    assert "secret" not in report.text and "alert" not in report.text


def test_page_of_only_scripts_is_empty() -> None:
    html = "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"
    with pytest.raises(EmptyInput, match=r"page\.html"):
        _normalize(html)


def test_deeply_nested_html_is_refused() -> None:
    depth = Settings().max_html_depth + 10
    html = "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    with pytest.raises(UnsafeInput, match="max_html_depth"):
        _normalize(html)


def test_date_helpers() -> None:
    assert url_date("https://x.example/2023/02/15/story") is not None
    assert url_date("https://x.example/story-2") is None
    tree = parse_html("<html><head><script type='application/ld+json'>"
                      '{"@type": "NewsArticle", "datePublished": "2023-02-15"}'
                      "</script></head><body><p>x</p></body></html>", "t")
    found = html_date(tree, None)
    assert found.value is not None and found.value.iso == "2023-02-15"
    assert (found.value.precision, found.source) == ("day", "metadata")
