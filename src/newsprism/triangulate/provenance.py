"""Where a report's information comes from: the agencies, outlets and reports it names, its
republication notices, and the reports it shares text with.

Named sources are read from the text by the shapes news copy cites them in: "according to a
report by the X news agency", "a X report", "X reported", "state media X reported",
"the X news agency quoted", "X contributed to this report"; the ``via`` of quotes and the
attribution chains of claims add the channels the analyze stage found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.types import Analysis, Report, Reuse

# Capitalized words (with inner "of/the/and/for" and hyphenated or dotted parts): a name.
_CAP = r"(?:[A-Z][\w’'&.-]*|[A-Z]{2,})"
_NAME = rf"{_CAP}(?:\s+(?:(?:of(?:\s+the)?|and|for|de|al)\s+)?{_CAP})*"
_AGENCY_NOUN = (r"(?:news\s+agency|press\s+agency|agency|newspaper|daily|weekly|"
                r"television|TV|broadcaster|radio|news\s+website|website|outlet|magazine|"
                r"news\s+channel|channel|wire\s+service|wire)")
_ADJ = r"(?:(?:[a-z][\w-]*)\s+){0,2}"  # lower-case descriptors: "moderate", "state-run"
_MEDIA = r"(?:state|official|local|national|government|semi-official)\s+(?:media|television|TV|press|news)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agency", re.compile(rf"\b[Tt]he\s+{_ADJ}(?P<name>{_NAME})\s+{_AGENCY_NOUN}\b")),
    ("report", re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>{_NAME})\s+report\b")),
    ("report", re.compile(rf"\breport\s+(?:by|from|in|of)\s+(?:the\s+)?{_ADJ}(?P<name>{_NAME})")),
    ("outlet", re.compile(rf"\b(?:[Aa]ccording\s+to|[Cc]iting|[Qq]uoted\s+by|[Rr]eported\s+by|"
                          rf"[Tt]old)\s+(?:the\s+)?(?P<name>{_NAME})(?=\s*[,.;]|\s*$)")),
    ("outlet", re.compile(rf"(?:\b{_MEDIA}\s+|\b[Tt]he\s+|(?<![\w\s])\s*|^)(?P<name>{_NAME})"
                          r"\s+(?:reported|reports|said\s+in\s+a\s+report|quoted)\b")),
    ("state-media", re.compile(rf"\b(?P<name>{_MEDIA})\b", re.IGNORECASE)),
    ("contribution", re.compile(rf"\b(?:[Tt]he\s+)?(?P<name>{_NAME})\s+contributed\s+to\s+"
                                r"this\s+report")),
)
# Capitalized words that open sentences or name no source.
_NOT_NAMES = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "his",
              "her", "their", "its", "our", "in", "on", "at", "but", "and", "as", "state",
              "according", "when", "while", "after", "before", "if"}
_MEDIA_WORDS = re.compile(r"\b(?:news|agency|press|times|post|journal|herald|tribune|gazette|"
                          r"telegraph|guardian|tv|television|radio|broadcasting|network|"
                          r"media|daily|weekly|wire|reuters|associated)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return normalize_name(self.name)


def normalize_name(name: str) -> str:
    words = re.findall(r"[\w’']+", name.lower())
    drop = {"the", "news", "agency", "moderate", "official", "state", "run", "s"}
    core = [w for w in words if w not in drop]
    return " ".join(core or words)


def find_sources(text: str, offset: int = 0) -> list[Source]:
    """Named sources cited in a text, each with its span (plus ``offset``)."""
    found: list[Source] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name = m.group("name").strip(" ,.;’'")
            start = m.start("name")
            if kind != "state-media":
                name, start = _trim_name(name, start)
            if not name or name.lower() in _NOT_NAMES:
                continue
            end = start + len(name)
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "outlet" and not _looks_like_outlet(name):
                continue
            taken.append((start, end))
            if kind == "outlet" and re.search(r"\bagency\b", name, re.IGNORECASE):
                kind = "agency"
            found.append(Source(name, kind, start + offset, end + offset, m.group(0).strip()))
    found.sort(key=lambda s: s.start)
    return found


def _trim_name(name: str, start: int) -> tuple[str, int]:
    """Drop a sentence-opening word glued to a name ("The", "State")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _NOT_NAMES:
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in {"the", "of", "and", "for"}:
        words = words[:-1]
    return " ".join(words), start


def _looks_like_outlet(name: str) -> bool:
    """A bare "X reported" names an outlet when X reads like one (a media word, or an
    all-capitals acronym such as a wire service or broadcaster)."""
    return bool(_MEDIA_WORDS.search(name)) or bool(re.fullmatch(r"[A-Z]{2,6}", name))


def report_sources(report: Report, analysis: Analysis | None) -> list[dict[str, Any]]:
    """Every source one report names, deduplicated by name, in order of first mention."""
    sources = find_sources(report.text)
    if analysis is not None:
        for q in analysis.quotes:
            if q.via:
                sources.append(Source(q.via, "via", q.start, q.end, q.text[:80]))
        for c in analysis.claims:
            for link in c.attribution[1:]:
                if _MEDIA_WORDS.search(link):
                    sources.append(Source(link, "via", c.start, c.end, c.text[:80]))
    for n in report.notices:
        if n.kind == "republication" and n.original_outlet:
            sources.append(Source(n.original_outlet, "republication", n.start, n.end, n.text))
    return _merge(sources)


def _merge(sources: Iterable[Source]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for s in sorted(sources, key=lambda s: (s.start < 0, s.start)):
        entry = merged.get(s.key)
        if entry is None:
            merged[s.key] = {"name": s.name, "kind": s.kind, "count": 1,
                             "spans": [[s.start, s.end]], "context": s.text}
            continue
        entry["count"] += 1
        entry["spans"].append([s.start, s.end])
        if entry["kind"] in {"via", "outlet"} and s.kind in {"agency", "report"}:
            entry["kind"] = s.kind
    return list(merged.values())


def claim_sources(text: str, attribution: Sequence[str], offset: int = 0) -> list[str]:
    """The outlets and agencies a claim names for itself: media links of its attribution
    chain and sources cited inside its sentence."""
    names: list[str] = []
    for link in attribution:
        if _MEDIA_WORDS.search(link) or find_sources(link):
            names.append(link)
    names += [s.name for s in find_sources(text, offset) if s.kind != "state-media"]
    names += [s.name for s in find_sources(text, offset) if s.kind == "state-media"]
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        key = normalize_name(n)
        if key and key not in seen and not any(key in k or k in key for k in seen):
            seen.add(key)
            out.append(n)
    return out


def reuse_summary(edges: Sequence[Reuse], outlets: dict[str, str | None]) -> list[dict[str, Any]]:
    """Reuse edges as "who relies on whom", largest share first."""
    out: list[dict[str, Any]] = []
    for e in edges:
        if e.from_report_id not in outlets or e.to_report_id not in outlets:
            continue
        out.append({
            "from_report_id": e.from_report_id, "to_report_id": e.to_report_id,
            "from_outlet": outlets.get(e.from_report_id),
            "to_outlet": outlets.get(e.to_report_id),
            "shared_chars": e.shared_chars, "share_to": round(e.share_to, 3),
            "share_from": round(e.share_from, 3), "kind": e.kind,
            "direction_basis": e.direction_basis, "passages": [list(p) for p in e.passages],
        })
    out.sort(key=lambda d: (-float(d["share_to"]), -int(d["shared_chars"])))
    return out
