"""Read the head of a plain-text report as a person would.

A first line "Story title - Outlet" (split on the LAST separator when the right part reads
as an outlet name), a "By Name" line, the byline name repeated on the following lines, and a
date-only line ("April 28, 2022Updated: April 28, 2022"). Lines recognised as header are
reported by index so the caller can take them out of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.normalize.dateline import DateLine, parse_date_line


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Longest first line taken as a title; headlines run 40-120 characters.
TITLE_MAX_CHARS = 200
# Lines after the title examined for a byline or date line before the body starts.
HEADER_SCAN_LINES = 8
# Outlet names are short: "HowPakistan", "The New York Times", "Voice of America".
OUTLET_MAX_WORDS = 5
OUTLET_MAX_CHARS = 40
# Share of a line's longer words (4+ letters) that must be capitalized for Title Case.
TITLE_CASE_SHARE = 0.6

_SEPARATORS = (" - ", " | ", " — ", " – ", " :: ")
_CONNECTORS = _words("of the for and & de la le el al du der die das di da y on")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_BYLINE = re.compile(r"by\s+(?P<name>.{2,100})", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|[a-z]{1,3}|and|&")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")


@dataclass
class Header:
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    names: list[str] = field(default_factory=list)
    date: DateLine | None = None
    consumed: set[int] = field(default_factory=set)


def looks_like_outlet(text: str) -> bool:
    """Short, capitalized, no sentence punctuation (a domain name is allowed)."""
    text = text.strip()
    if not text or len(text) > OUTLET_MAX_CHARS:
        return False
    if _DOMAIN.fullmatch(text):
        return True
    words = text.split()
    if len(words) > OUTLET_MAX_WORDS or re.search(r"[.!?,;:\"“”]", text):
        return False
    if words[0].lower() in _CONNECTORS - {"the", "al", "el", "la", "le", "de"}:
        return False
    if words[-1].lower() in _CONNECTORS - {"al"}:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words)


def split_title(line: str) -> tuple[str, str | None]:
    """("Story title", "Outlet") when the line ends with a separator and an outlet name."""
    for separator in _SEPARATORS:
        left, found, right = line.rpartition(separator)
        if found and left.strip() and looks_like_outlet(right):
            return left.strip(), right.strip()
    return line.strip(), None


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    if not words:
        return False
    return sum(1 for w in words if w[0].isupper()) >= TITLE_CASE_SHARE * len(words)


def _headline_shaped(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > TITLE_MAX_CHARS:
        return False
    if stripped[-1] in ".,;:" or (stripped.endswith(("”", '"')) and stripped[-2:-1] in ".,"):
        return False
    return len(re.findall(r"[.!?]\s+[A-Z]", stripped)) == 0


def parse_byline(line: str) -> list[str] | None:
    """The names of a "By Name" line, or None."""
    match = _BYLINE.fullmatch(line.strip())
    if not match:
        return None
    name = match.group("name").split("|")[0].strip()
    names = [n for n in _NAME_SPLIT.split(name) if n]
    for candidate in names:
        words = candidate.split()
        if not 1 <= len(words) <= 5 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return None
        if not candidate[0].isupper():
            return None
    return names or None


def _nonblank(lines: list[str], start: int, limit: int) -> list[int]:
    found = [i for i in range(start, len(lines)) if lines[i].strip()]
    return found[:limit]


def parse_header(lines: list[str]) -> Header:
    header = Header()
    head = _nonblank(lines, 0, HEADER_SCAN_LINES + 1)
    if not head:
        return header
    rest = _read_meta_lines(lines, head, header)
    first = head[0]
    if first not in header.consumed:
        _read_title(lines, first, rest, header)
    return header


def _read_meta_lines(lines: list[str], head: list[int], header: Header) -> list[int]:
    """Consume byline, repeated-name and date lines at the top; return the lines after."""
    for position, index in enumerate(head):
        line = lines[index].strip()
        names = parse_byline(line) if header.byline is None else None
        if names:
            header.byline = ", ".join(names)
            header.names = names
        elif header.names and (line in header.names or line == header.byline):
            pass
        elif header.date is None and (date_line := parse_date_line(line)):
            header.date = date_line
        elif position == 0:
            continue  # the title line, read afterwards
        else:
            return head[position:]
        header.consumed.add(index)
    return []


def _read_title(lines: list[str], first: int, rest: list[int], header: Header) -> None:
    title, outlet = split_title(lines[first])
    if outlet is not None:
        header.title, header.outlet = title, outlet
        header.consumed.add(first)
        return
    if not _headline_shaped(title):
        return
    follows_header = len(header.consumed) > 0
    blank_after = first + 1 < len(lines) and not lines[first + 1].strip()
    if follows_header or blank_after or _title_case(title):
        header.title = title
        header.consumed.add(first)
