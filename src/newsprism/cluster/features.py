"""What a report says and when, as one weighted sparse vector for story clustering.

A report becomes a map of prefixed features to weights:

    t:stem   content words, weighted by how rare the word is in general English
    n:token  tokens of named participants (people, organisations, groups)
    p:token  tokens of places
    #:value  numbers that are not years (15000, 4.6)
    d:date   full dates mentioned (2013-03-14), y:year for bare years

plus the days the report is anchored to in time (its publication day, else the full dates it
mentions), which the clusterer uses as a time window.

Word rarity comes from wordfreq's general-English frequencies, not from the store: a report's
vector must never change as other reports arrive, or story membership would depend on the order
of ingestion. The same vector is built with or without an ``Analysis``; with one, its mentions,
numbers and times replace the cheap text heuristics.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from newsprism.cluster.dates import absolute_dates, report_day
from newsprism.types import Analysis, Report

# Weight of each feature group relative to content words, after each group is L2-normalised.
# Calibrated on ECB+ train+dev topics (scripts/score_stories.py --tune): names and places carry
# most of what separates two events of one kind; numbers and dates help where present.
GROUP_WEIGHTS: dict[str, float] = {"t": 1.0, "n": 0.8, "p": 0.6, "#": 0.35, "d": 0.35, "y": 0.1}
# Zipf frequency (log10 per billion words) at and above which a word carries no weight; below it
# a word's weight grows linearly with rarity, capped at IDF_CAP (unknown words are not all
# names: typos and tokenizer debris should not dominate). Calibrated on ECB+ train+dev.
ZIPF_CEILING = 6.0
IDF_CAP = 4.5
# A report keeps only its strongest features: bounds memory and per-pair cost at scale; ECB+
# train+dev F1 was unchanged from 64 features up.
MAX_FEATURES = 96
# A lone capitalized word opening a sentence is a name only if it is at least this rare (the
# idf of "Following" or "Despite" is below it; "Tehran" is far above).
COMMON_OPENER_IDF = 2.5
# Numbers that say little about which event a report is about (counts like "two", "10").
MIN_SPECIFIC_NUMBER = 13

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?(?:-[^\W_]+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.]\d{3})+(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_CAPSEQ = re.compile(
    r"(?:[A-Z][\w’'.-]*|[A-Z]\.)(?:\s+(?:(?:of|de|al|bin|van|von|der|la|the)\s+)?"
    r"(?:[A-Z][\w’'.-]*))*"
)
# Words inside names that say nothing about who is named.
_NAME_FILLERS = frozenset({"the", "of", "and", "for", "in", "on", "at", "de", "al", "la", "der",
                           "van", "von", "bin", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "co",
                           "corp", "llc", "plc", "jr", "sr"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """One report's clustering features. ``vector`` is L2-normalised; ``days`` are day
    ordinals (date.toordinal) the report is anchored to: its publication day when known, else
    the full dates it mentions."""

    report_id: str
    vector: dict[str, float]
    days: tuple[int, ...]
    published_day: int | None

    def keys(self, count: int) -> list[str]:
        """The ``count`` strongest non-date features: what the candidate index files it under."""
        ranked = sorted(
            (item for item in self.vector.items() if item[0][0] not in "dy"),
            key=lambda kv: (-kv[1], kv[0]),
        )
        return [k for k, _ in ranked[:count]]


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")


def idf(word: str) -> float:
    """Rarity weight of a lowercase word from its general-English Zipf frequency."""
    freq = _frequencies().get(word)
    zipf = math.log10(freq * 1e9) if freq else 0.0
    return min(IDF_CAP, max(0.0, ZIPF_CEILING - zipf))


def stem(word: str) -> str:
    """A deliberately crude suffix stripper: "charges", "charged", "charge" -> "charg"."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_terms(text: str) -> dict[str, float]:
    """Content-word weights: stem -> (1 + log count) x rarity of its rarest spelling."""
    counts: Counter[str] = Counter()
    rarity: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if len(word) < 3 or word.isdigit():
            continue
        weight = idf(word)
        if weight > 0:
            key = stem(word)
            counts[key] += 1
            rarity[key] = max(rarity.get(key, 0.0), weight)
    return {k: (1.0 + math.log(n)) * rarity[k] for k, n in counts.items()}


def name_tokens(name: str) -> list[str]:
    """Lowercase tokens of a name, without possessives, stop words or initials."""
    tokens = []
    for match in _WORD.finditer(name):
        word = match.group().lower().replace("’", "'").removesuffix("'s")
        if len(word) >= 2 and word not in _NAME_FILLERS and not word.isdigit():
            tokens.append(word)
    return tokens


def capitalized_names(text: str) -> list[str]:
    """Capitalized word sequences: a cheap stand-in for named entities.

    A single capitalized word opening a sentence is kept only when it is rare as a word, so
    "Following" and "The" are dropped but "Tehran" is kept.
    """
    names = []
    for match in _CAPSEQ.finditer(text):
        name = match.group().rstrip(".")
        if (" " not in name and _opens_sentence(text, match.start())
                and idf(name.lower()) < COMMON_OPENER_IDF):
            continue
        names.append(name)
    return names


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t")
    return start == 0 or not before or before[-1] in "\n.!?\"“”:‘'("


def number_values(text: str) -> list[str]:
    """Numbers in the text that are not years, as canonical strings ("15000", "4.6")."""
    out = []
    for match in _NUMBER.finditer(text):
        value = _parse_number(match.group())
        if value is not None:
            out.append(value)
    return out


def _parse_number(raw: str) -> str | None:
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", raw):
        value = float(re.sub(r"[,.]", "", raw))
    else:
        try:
            value = float(raw)
        except ValueError:
            return None
    if value.is_integer() and (1800 <= value <= 2100 or value < MIN_SPECIFIC_NUMBER):
        return None
    return f"{value:g}" if not value.is_integer() else str(int(value))


def _normalise(counts: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in counts.values()))
    return {k: w / norm for k, w in counts.items()} if norm else {}


def _sublinear(counts: Counter[str], prefix: str, weight_of: dict[str, float] | None = None,
               ) -> dict[str, float]:
    return {
        prefix + key: (1.0 + math.log(n)) * (weight_of[key] if weight_of else 1.0)
        for key, n in counts.items() if n > 0
    }


def report_features(report: Report, analysis: Analysis | None = None) -> ReportFeatures:
    """Build the clustering features of ``report`` (from ``analysis`` when given)."""
    text = "\n".join(part for part in (report.title, report.text) if part)
    day = report_day(report)
    published = day.toordinal() if day else None
    terms = content_terms(text)
    names: Counter[str] = Counter()
    places: Counter[str] = Counter()
    if analysis is not None and analysis.mentions:
        for mention in analysis.mentions:
            bucket = places if mention.type in _PLACE_TYPES else names
            if mention.type in _PLACE_TYPES or mention.type in _NAME_TYPES:
                bucket.update(name_tokens(mention.text))
    else:
        for name in capitalized_names(text):
            names.update(name_tokens(name))
    numbers = Counter(_analysis_numbers(analysis) if analysis and analysis.numbers
                      else number_values(text))
    full, years = _mentioned_dates(text, analysis, published)
    groups = {
        "t": {"t:" + k: w for k, w in terms.items()},
        "n": {"n:" + k: (1.0 + math.log(n)) * max(idf(k), 1.0) for k, n in names.items()},
        "p": {"p:" + k: (1.0 + math.log(n)) * max(idf(k), 1.0) for k, n in places.items()},
        "#": _sublinear(numbers, "#:"),
        "d": _sublinear(Counter(date.fromordinal(d).isoformat() for d in full), "d:"),
        "y": _sublinear(Counter(str(y) for y in years), "y:"),
    }
    vector: dict[str, float] = {}
    for group, feats in groups.items():
        for key, weight in _normalise(feats).items():
            vector[key] = weight * GROUP_WEIGHTS[group]
    # float32 values: what the clusterer stores, so saved and live features rank keys alike.
    vector = {k: float(np.float32(w)) for k, w in _normalise(_strongest(vector, MAX_FEATURES)).items()}
    days = (published,) if published is not None else tuple(sorted(set(full)))
    return ReportFeatures(report.id, vector, days, published)


def _strongest(vector: dict[str, float], count: int) -> dict[str, float]:
    if len(vector) <= count:
        return vector
    ranked = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
    return dict(ranked)


def _analysis_numbers(analysis: Analysis) -> Iterable[str]:
    for number in analysis.numbers:
        if number.kind == "year" or number.value is None:
            continue
        value = number.value
        if value.is_integer() and value < MIN_SPECIFIC_NUMBER:
            continue
        yield f"{value:g}" if not value.is_integer() else str(int(value))


def _mentioned_dates(text: str, analysis: Analysis | None, published: int | None,
                     ) -> tuple[list[int], list[int]]:
    """Day ordinals of full dates and bare years the report mentions."""
    full: list[int] = []
    years: list[int] = []
    if analysis is not None and analysis.times:
        for time in analysis.times:
            value = time.value or ""
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and len(value) >= 10:
                try:
                    full.append(date.fromisoformat(value[:10]).toordinal())
                except ValueError:
                    continue
            elif re.fullmatch(r"\d{4}", value):
                years.append(int(value))
        return full, years
    year_hint = date.fromordinal(published).year if published else None
    for found in absolute_dates(text, year_hint):
        if found.precision == "day":
            full.append(found.day.toordinal())
        elif found.precision == "year":
            years.append(found.day.year)
    return full, years
