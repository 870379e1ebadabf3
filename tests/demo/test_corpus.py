"""The bundled demo corpus: files present and parseable, and carrying what EXPECTED says."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from defusedxml import ElementTree

from newsprism.demo import EXPECTED, FEED, JSONL, README, corpus_files, corpus_path

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
MIN_REPORTS, MIN_STORIES, MIN_OUTLETS = 18, 3, 6
MIN_WORDS, MAX_WORDS = 250, 700
# Reports of one story are published within this many days of each other.
STORY_SPAN_DAYS = 3
# XML and schema.org namespace identifiers are names, not links, so they may be real hosts.
NAMESPACE_HOSTS = {"purl.org", "www.w3.org", "schema.org"}
# Block elements of an article page that are not article text.
NON_TEXT_TAGS = ("script", "style", "figure", "header", "footer", "aside", "nav")
NON_TEXT_CLASSES = ("read-also", "embed")
# Shorter blank-line-separated blocks are headlines, bylines or furniture, not paragraphs.
PROSE_WORDS = 20
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _paragraphs_text(root: lxml.html.HtmlElement) -> str:
    for tag in NON_TEXT_TAGS:
        for node in root.findall(f".//{tag}"):
            node.drop_tree()
    for cls in NON_TEXT_CLASSES:
        for node in root.find_class(cls):
            node.drop_tree()
    return "\n\n".join(p.text_content().strip() for p in root.iter("p"))


def _html_article(path: Path) -> str:
    articles = lxml.html.fromstring(path.read_bytes()).findall(".//article")
    assert len(articles) == 1, f"{path.name}: expected one <article>, found {len(articles)}"
    return _paragraphs_text(articles[0])


def _feed_items(path: Path) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(path.read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0", f"{path.name} is not RSS 2.0"
    return root.findall("./channel/item")


def _jsonl_records(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _load_reports() -> dict[str, str]:
    """Locator -> the report's article text, read the simple way (no newsprism stages)."""
    texts: dict[str, str] = {}
    for path in corpus_files():
        if path.name == FEED:
            for item in _feed_items(path):
                body = lxml.html.fromstring(item.findtext(CONTENT_NS) or "<p></p>")
                texts[f"{FEED}#{item.findtext('link')}"] = _paragraphs_text(body)
        elif path.name == JSONL:
            for number, record in enumerate(_jsonl_records(path), start=1):
                texts[f"{JSONL}#{number}"] = record["text"]
        elif path.suffix == ".html":
            texts[path.name] = _html_article(path)
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    return _load_reports()


def test_corpus_is_a_packaged_directory_with_a_readme() -> None:
    root = corpus_path()
    assert root.is_dir()
    assert (root / README).is_file()
    assert "fictional" in (root / README).read_text(encoding="utf-8").lower()
    assert all(path.parent == root for path in corpus_files())


def test_every_file_is_in_expected_and_every_locator_resolves(
        reports: dict[str, str]) -> None:
    on_disk = {path.name for path in corpus_files()}
    named = {loc.split("#", 1)[0] for loc in EXPECTED["reports"]}
    assert on_disk == named
    assert set(reports) == set(EXPECTED["reports"])


def test_minimum_counts() -> None:
    assert len(EXPECTED["reports"]) >= MIN_REPORTS
    assert len(EXPECTED["stories"]) >= MIN_STORIES
    assert len(EXPECTED["outlets"]) >= MIN_OUTLETS
    formats = Counter(rep["format"] for rep in EXPECTED["reports"].values())
    assert set(formats) == {"text", "html", "rss", "jsonl"}
    assert 3 <= formats["rss"] <= 4


def test_stories_list_their_reports_consistently() -> None:
    for key, story in EXPECTED["stories"].items():
        members = {loc for loc, rep in EXPECTED["reports"].items() if rep["story"] == key}
        assert set(story["reports"]) == members
        assert len(members) >= 3, f"story {key} has only {len(members)} reports"
        assert len({EXPECTED["reports"][loc]["outlet"] for loc in members}) >= 3


def test_report_lengths_are_realistic(reports: dict[str, str]) -> None:
    for loc, text in reports.items():
        words = len(text.split())
        assert MIN_WORDS <= words <= MAX_WORDS, f"{loc}: {words} words"


def test_feed_parses_as_rss_with_full_text() -> None:
    path = corpus_path() / FEED
    items = _feed_items(path)
    assert 3 <= len(items) <= 4
    for item in items:
        for child in ("title", "link", "guid", "pubDate", "description"):
            assert (item.findtext(child) or "").strip(), f"feed item lacks <{child}>"
        assert len((item.findtext(CONTENT_NS) or "").split()) >= MIN_WORDS
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(items)


def test_jsonl_lines_are_reports() -> None:
    path = corpus_path() / JSONL
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"
        for key in ("text", "url", "outlet", "title", "published_at"):
            assert isinstance(record.get(key), str) and record[key].strip(), (number, key)
        datetime.fromisoformat(record["published_at"])


def test_html_pages_carry_metadata_and_page_furniture() -> None:
    for loc, rep in EXPECTED["reports"].items():
        if rep["format"] != "html":
            continue
        page = lxml.html.fromstring((corpus_path() / loc).read_bytes())
        meta = {m.get("property") or m.get("name"): m.get("content")
                for m in page.iter("meta") if m.get("content")}
        assert meta["og:title"] == rep["title"], loc
        assert meta["og:site_name"] == rep["outlet"], loc
        assert meta["author"] == rep["byline"], loc
        assert meta["og:url"] == rep["url"], loc
        assert meta["article:published_time"].startswith(rep["published"]), loc
        for tag in ("nav", "footer", "aside"):
            assert page.findall(f".//{tag}"), f"{loc} lacks <{tag}> boilerplate"


def _published_in_text_file(text: str) -> date | None:
    head = "\n".join(text.splitlines()[:6])
    if m := re.search(rf"\b({'|'.join(MONTHS)}) (\d{{1,2}}), (20\d\d)", head):
        return date(int(m[3]), MONTHS.index(m[1]) + 1, int(m[2]))
    if m := re.search(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}) (20\d\d)", head):
        return date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1]))
    if m := re.search(r"\b(\d\d)\.(\d\d)\.(20\d\d)\b", head):
        return date(int(m[3]), int(m[2]), int(m[1]))
    return None


def _published_on_file(loc: str) -> date | None:
    name, _, item = loc.partition("#")
    path = corpus_path() / name
    if name == FEED:
        for entry in _feed_items(path):
            if entry.findtext("link") == item:
                return parsedate_to_datetime(entry.findtext("pubDate") or "").date()
        raise AssertionError(f"no feed item {item}")
    if name == JSONL:
        record = _jsonl_records(path)[int(item) - 1]
        return datetime.fromisoformat(record["published_at"]).date()
    if path.suffix == ".html":
        page = lxml.html.fromstring(path.read_bytes())
        stamp = page.xpath("string(//meta[@property='article:published_time']/@content)")
        return datetime.fromisoformat(stamp).date()
    return _published_in_text_file(path.read_text(encoding="utf-8"))


def test_publication_dates_match_the_files_and_cluster_by_story() -> None:
    months: list[str] = []
    for key, story in EXPECTED["stories"].items():
        dates = []
        for loc in story["reports"]:
            found = _published_on_file(loc)
            expected = EXPECTED["reports"][loc]["published"]
            assert (found.isoformat() if found else None) == expected, loc
            if found:
                dates.append(found)
                assert found.isoformat()[:7] == story["month"], loc
        assert (max(dates) - min(dates)).days <= STORY_SPAN_DAYS, key
        months.append(story["month"])
    assert len(set(months)) == len(months), "stories must fall in different months"


def test_exactly_the_listed_reports_are_undated() -> None:
    undated = {loc for loc, rep in EXPECTED["reports"].items() if rep["published"] is None}
    assert undated == set(EXPECTED["undated"])
    assert len(undated) >= 1


def test_urls_use_reserved_example_domains() -> None:
    for path in corpus_path().iterdir():
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"https?://[^\s\"'<>)\]]+", text):
            host = urlsplit(url).hostname or ""
            reserved = host.endswith(".example") or host.split(".")[-2:] in (
                ["example", "com"], ["example", "org"], ["example", "net"])
            assert reserved or host in NAMESPACE_HOSTS, f"{path.name}: {url}"


def test_hard_cases_are_where_expected_says(reports: dict[str, str]) -> None:
    for case in EXPECTED["hard_cases"]:
        assert case["evidence"] in reports[case["report"]], case


def test_same_kind_stories_share_place_and_kind(reports: dict[str, str]) -> None:
    for first, second in EXPECTED["same_kind_pairs"]:
        for key in (first, second):
            for loc in EXPECTED["stories"][key]["reports"]:
                assert "Mirovka" in reports[loc] and "flood" in reports[loc].lower(), loc


def _paragraphs(text: str) -> list[str]:
    """Paragraphs long enough to be prose, not a headline, byline block or page furniture."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= PROSE_WORDS]


def test_republication_is_near_verbatim_with_a_notice(reports: dict[str, str]) -> None:
    for pair in EXPECTED["republications"]:
        original = _paragraphs(reports[pair["original"]])
        copy = reports[pair["copy"]]
        kept = [p for p in original if p in copy]
        assert len(kept) >= 0.75 * len(original), pair
        notice = copy.strip().splitlines()[-1]
        assert pair["original_outlet"] in notice and "republished" in notice


def test_partial_copy_shares_exactly_the_listed_paragraphs(reports: dict[str, str]) -> None:
    for pair in EXPECTED["partial_copies"]:
        original = _paragraphs(reports[pair["original"]])
        copy = _paragraphs(reports[pair["copy"]])
        shared = [p for p in copy if p in original]
        assert len(shared) == pair["shared_paragraphs"], pair
        assert len(copy) - len(shared) >= 3, "the copier must add material of its own"


def test_name_variants_and_acronyms_occur(reports: dict[str, str]) -> None:
    corpus = "\n".join(reports.values())
    for canonical, variants in EXPECTED["people"].items():
        assert canonical in variants
        for variant in variants:
            assert variant in corpus, variant
    full_spellings = [v for v in EXPECTED["people"]["Heorhiy Zhuravko"] if " " in v]
    outlets_per_spelling = [
        {EXPECTED["reports"][loc]["outlet"] for loc, text in reports.items() if v in text}
        for v in full_spellings
    ]
    assert len(full_spellings) >= 3
    assert all(outlets_per_spelling)
    for acronym, expansion in EXPECTED["acronyms"].items():
        assert f"{expansion} ({acronym})" in corpus or f"{acronym} ({expansion})" in corpus
        assert re.search(rf"\b{acronym}\b(?! \()", corpus), f"{acronym} never used alone"


def test_only_the_marked_page_has_script_that_could_run() -> None:
    for path in corpus_files():
        raw = path.read_text(encoding="utf-8")
        executable = re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", raw)
        handlers = re.findall(r"\son\w+\s*=", raw)
        if path.name == EXPECTED["script_report"]:
            assert executable and handlers
            for marker in EXPECTED["script_markers"]:
                assert marker in raw
        else:
            assert not executable and not handlers, path.name
