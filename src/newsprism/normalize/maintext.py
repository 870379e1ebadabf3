"""Main text and page metadata of an HTML page, with trafilatura.

Settings were chosen on the Scrapinghub article-extraction benchmark (scripts/
score_extraction.py): favor_precision without comments scored best of default, no-comments,
precision and recall (see docs/quality.md, "Main-text extraction").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import lxml.etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from newsprism.errors import EmptyInput, MalformedInput

EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
}
# When the precise pass keeps fewer characters than this, a recall-oriented pass is tried:
# short pages (briefs, wire items) are where favor_precision drops real paragraphs.
MIN_PRECISE_CHARS = 250


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    url: str | None
    language: str | None


def parse_html(markup: str, source: str) -> HtmlElement:
    try:
        tree = load_html(markup)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise MalformedInput(source, f"unreadable HTML ({exc})") from exc
    if tree is None:
        raise MalformedInput(source, "unreadable HTML (no document element)")
    return tree


# trafilatura's own date search is not used (pubdate.py reads the date, with precision), and
# its extensive variant was half of normalize's time on a page without date metadata.
DATE_OPTIONS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def _extract(tree: HtmlElement, url: str | None, **options: Any) -> Any:
    return bare_extraction(copy.deepcopy(tree), url=url, with_metadata=True,
                           date_extraction_params=DATE_OPTIONS, **options)


def extract_html(tree: HtmlElement, url: str | None, source: str) -> Extracted:
    """Main text plus title/author/site name as the page states them."""
    try:
        doc = _extract(tree, url, **EXTRACT_OPTIONS)
        if doc is None or len(doc.text or "") < MIN_PRECISE_CHARS:
            recall = _extract(tree, url, include_comments=False, favor_recall=True)
            if recall is not None and len(recall.text or "") > len((doc and doc.text) or ""):
                doc = recall
    except (lxml.etree.LxmlError, ValueError, TypeError, AttributeError) as exc:
        raise MalformedInput(source, f"main-text extraction failed ({exc})") from exc
    if doc is None or not (doc.text or "").strip():
        raise EmptyInput(source, "no article text found in the HTML (only markup, scripts "
                                 "or navigation)")
    language = tree.get("lang") or tree.get("xml:lang")
    return Extracted(doc.text, doc.title or None, doc.author or None, doc.sitename or None,
                     doc.url or None, language)
