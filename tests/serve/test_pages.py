"""Server-rendered pages: they render, escape article text, link spans, and cope with stores
where later stages have produced nothing yet."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.serve.app import create_app
from newsprism.store import Store, StoredItem
from newsprism.types import Report

from . import storefix


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag as a browser's tokenizer sees it (attribute values decoded)."""
    parser = _Tags()
    parser.feed(html)
    return parser.tags


PAGES = ("/", "/reports", "/entities", "/api", "/search?q=bridge",
         f"/stories/{storefix.STORY}", f"/stories/{storefix.HOSTILE_STORY}",
         f"/reports/{storefix.A}", f"/reports/{storefix.H}",
         f"/entities/{storefix.VARGA}", f"/entities/{storefix.HOSTILE_ENTITY}",
         "/search?q=pwned")


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_never_echo_markup_from_articles(client: TestClient,
                                                          path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    for raw in ("<script>window", "<img src=x", "<svg onload", "<iframe", "</textarea>",
                "href=\"javascript:", "<b onmouseover"):
        assert raw not in html, (path, raw)
    tags = parse_tags(html)
    assert [a for t, a in tags if t == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in tags if t in ("iframe", "img", "object", "embed", "textarea")]


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    html = client.get(f"/reports/{storefix.H}").text
    assert "&lt;script&gt;window.__pwned=1" in html
    assert "onerror=&#34;window.__pwned=2" in html or "onerror=&quot;window.__pwned=2" in html
    # a javascript: URL from the data is never made a link
    assert 'href="javascript:' not in html and "javascript:window.__pwned=5" in html


def test_no_event_handlers_or_script_urls_anywhere(client: TestClient) -> None:
    for path in PAGES:
        for tag, attrs in parse_tags(client.get(path).text):
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), value


def test_story_page_matrix_cells(client: TestClient) -> None:
    html = client.get(f"/stories/{storefix.STORY}").text
    row = html[html.index('id="cg-cg-1"'):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r'<td class="cell ([^"]+)"', row)
    assert cells == ["s-asserted differs", "s-hedged differs outlier", "s-asserted differs"]
    assert "number: 12" in row
    cost = html[html.index('id="cg-cg-2"'):]
    cost = cost[:cost.index("</tr>")]
    assert re.findall(r'<td class="cell ([^"]+)"', cost) == [
        "s-attributed", "s-asserted", "s-absent omitted"]
    assert f'href="/reports/{storefix.A}#c-a%3Ac0"' in html
    assert 'id="qg-qg-1"' in html and "<svg" in html


def test_report_page_links_spans(client: TestClient) -> None:
    html = client.get(f"/reports/{storefix.A}").text
    assert f'<a href="/entities/{storefix.VARGA}" class="hl hl-mention' in html
    assert f'href="/stories/{storefix.STORY}#cg-cg-1"' in html
    assert f'href="/stories/{storefix.STORY}#qg-qg-1"' in html
    assert 'id="c-a:c0"' in html and 'class="hl hl-number' in html
    assert 'class="hl hl-time' in html


def test_unknown_ids_give_html_404(client: TestClient) -> None:
    for path in ("/stories/nope", "/reports/nope", "/entities/nope", "/no/such/page",
                 "/?page=99", "/stories/nope/claims.csv"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "text/html" in response.headers["content-type"]


def test_bad_page_number_is_400(client: TestClient) -> None:
    assert client.get("/?page=0").status_code == 400
    assert client.get("/reports?page=x").status_code == 400


def test_claim_matrix_csv_is_spreadsheet_safe(client: TestClient) -> None:
    response = client.get(f"/stories/{storefix.STORY}/claims.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["claim_group_id", "summary", "status", "differs_in"]
    assert rows[1][0] == "cg-1" and rows[1][5] == "hedged (number: 12) [differs]"
    assert rows[1][4] == "asserted (number: 14)"
    hostile = client.get(f"/stories/{storefix.HOSTILE_STORY}/claims.csv").text
    header = next(csv.reader(io.StringIO(hostile)))
    assert header[4].startswith("'=HYPERLINK")


def test_dossier_json_download(client: TestClient) -> None:
    response = client.get(f"/stories/{storefix.STORY}/dossier.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.json()
    assert client.get(f"/stories/{storefix.STORY}/dossier.exe").status_code == 404


def test_pages_work_on_a_store_with_reports_only(tmp_path: Path) -> None:
    db = tmp_path / "bare.db"
    with Store(db) as store:
        store.add_reports([StoredItem(Report(id="only-one", source="/x.txt",
                                             text="A lone fictional report.",
                                             outlet="Lakeside Courier"))])
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        for path in ("/", "/reports", "/entities", "/reports/only-one", "/search?q=lone"):
            response = c.get(path)
            assert response.status_code == 200, path
        assert "No stories yet" in c.get("/").text
        assert "not been analysed" in c.get("/reports/only-one").text
        assert c.get("/api/v1/reports/only-one").json()["spans"] == []


def test_pages_work_on_an_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        for path in ("/", "/reports", "/entities", "/api/v1/reports", "/api/v1/stories",
                     "/api/v1/entities"):
            assert c.get(path).status_code == 200, path


def test_page_cache_sees_new_writes(tmp_path: Path) -> None:
    db = storefix.build(tmp_path / "live.db", with_hostile=False)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        before = c.get("/reports").text
        assert "A later fictional report" not in before
        with Store(db) as store:
            store.add_reports([StoredItem(Report(
                id="later", source="/later.txt", text="Text.", outlet="Valley Wire",
                title="A later fictional report", published_at="2024-06-01"))])
        assert "A later fictional report" in c.get("/reports").text


def test_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


def test_large_pages_are_gzipped_for_clients_that_ask(client: TestClient) -> None:
    path = f"/stories/{storefix.STORY}"
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.text == plain.text  # the client decodes it
    assert zipped.headers["vary"] == "Accept-Encoding"
    assert int(zipped.headers["content-length"]) < len(plain.content) / 2
