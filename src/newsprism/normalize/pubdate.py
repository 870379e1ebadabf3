"""Publication dates: from page metadata, the URL, or the page text, with precision.

Order of trust: explicit publication metadata in the page (meta tags, JSON-LD, <time>),
then a date in the URL path, then htmldate's markup heuristics (metadata), then htmldate's
extensive text search ("text"). Time of day is kept when the metadata gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from htmldate import find_date
from lxml.html import HtmlElement

from newsprism.normalize.dateline import DateValue, parse_date_line
from newsprism.types import DateSource

_META_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "dc.date.issued", "dc.date", "dcterms.created", "pubdate", "publishdate",
    "sailthru.date", "parsely-pub-date", "publish-date", "article.published",
    "cxenseparse:recs:publishtime",
)
_ISO = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)"
                  r"(?:[T ]([0-2]\d):([0-5]\d)(?::([0-5]\d))?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?)?")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)(?:[/-]([0-3]?\d))?(?=/|[-_]|$)")
# Dates before this are not publication dates of web news (htmldate's own floor).
MIN_YEAR = 1995


@dataclass(frozen=True, slots=True)
class PubDate:
    value: DateValue | None
    source: DateSource


def parse_iso(text: str) -> DateValue | None:
    """An ISO-8601-ish date/time string as a DateValue, keeping the time when given."""
    match = _ISO.search(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if hour is None:
            return DateValue(date(int(year), int(month), int(day)).isoformat(), "day")
        stamp = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
        if zone:
            zone = "+00:00" if zone == "Z" else (zone if ":" in zone else zone[:3] + ":" + zone[3:])
            stamp += zone
        datetime.fromisoformat(stamp)
        return DateValue(stamp, "second" if second else "minute")
    except ValueError:
        return None


def _plausible(value: DateValue | None) -> DateValue | None:
    if value is None or int(value.iso[:4]) < MIN_YEAR:
        return None
    if date.fromisoformat(value.iso[:10]) > date.today():
        return None
    return value


def _from_meta(tree: HtmlElement) -> DateValue | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_KEYS and (value := _plausible(parse_iso(meta.get("content") or ""))):
            return value
    return None


def _from_json_ld(tree: HtmlElement) -> DateValue | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text)
        if match and (value := _plausible(parse_iso(match.group(1)))):
            return value
    return None


def _from_time(tree: HtmlElement) -> DateValue | None:
    for element in tree.iter("time"):
        published = element.get("itemprop") == "datePublished" or element.get("pubdate") is not None
        if published and (value := _plausible(parse_iso(element.get("datetime") or ""))):
            return value
    return None


def url_date(url: str | None) -> PubDate | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            value = DateValue(date(int(year), int(month), int(day)).isoformat(), "day")
        else:
            date(int(year), int(month), 1)
            value = DateValue(f"{year}-{int(month):02d}", "month")
    except ValueError:
        return None
    return PubDate(value, "url") if _plausible_day(value) else None


def _plausible_day(value: DateValue) -> bool:
    return _plausible(DateValue(value.iso + "-01" if len(value.iso) == 7 else value.iso,
                                value.precision)) is not None


def _htmldate(tree: HtmlElement, extensive: bool) -> DateValue | None:
    try:
        found = find_date(tree, extensive_search=extensive, original_date=True)
    except (ValueError, TypeError):
        return None
    return _plausible(parse_iso(found)) if found else None


def html_date(tree: HtmlElement, url: str | None) -> PubDate:
    for reader in (_from_meta, _from_json_ld, _from_time):
        if value := reader(tree):
            return PubDate(value, "metadata")
    if from_url := url_date(url):
        return from_url
    if value := _htmldate(tree, extensive=False):
        return PubDate(value, "metadata")
    if value := _htmldate(tree, extensive=True):
        return PubDate(value, "text")
    return PubDate(None, "unknown")


def container_date(text: str | None) -> DateValue | None:
    """A date given by a feed, JSONL record or caller (ISO, or any date line we can read)."""
    if not text:
        return None
    if value := parse_iso(text):
        return value
    line = parse_date_line(text)
    return line.published if line else None
