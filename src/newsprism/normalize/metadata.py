"""Outlet names, hosts and bylines: small rules shared by the HTML and text paths."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Site names longer than this are page titles or slogans, not outlet names.
MAX_SITENAME_CHARS = 60


def host_of(url: str | None) -> str | None:
    """The URL's host without "www." ("https://www.example.org/x" -> "example.org")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def clean_sitename(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(name.split())
    if not name or len(name) > MAX_SITENAME_CHARS or name.startswith(("http://", "https://")):
        return None
    return name


def outlet_for(*, declared: str | None, sitename: str | None, url: str | None) -> str | None:
    """The container's outlet, else the page's site name, else the URL's host."""
    return clean_sitename(declared) or clean_sitename(sitename) or host_of(url)


def clean_byline(author: str | None) -> str | None:
    """Collapse whitespace, drop a leading "By", join several authors with ", "."""
    if not author:
        return None
    author = re.sub(r"^\s*by\s+", "", " ".join(author.split()), flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r"\s*;\s*", author) if p.strip()]
    return ", ".join(parts) or None


def byline_names(byline: str | None) -> list[str]:
    if not byline:
        return []
    return [n for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", byline) if n]
