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

# Weight of each feature group (each group L2-normalised first; the weights sum to 1, so the
# similarity of two reports is a weighted mean of the groups' cosines). Calibrated on ECB+
# train+dev topics only, after places joined the name group: random searches around the
# previous weighting (about 150 weightings), scored by B-cubed F1 of the story clusterer with the
# analyzer's mentions; this one scored 0.942, and 0.940-0.942 at five nearby weightings (+-7%;
# before the rule for strong links of reports without days, stories.py, which moved it to
# 0.941).
# Names carry most of what separates two events of one kind; words of the lead more than
# words further down.
GROUP_WEIGHTS: dict[str, float] = {"t": 0.040, "l": 0.191, "n": 0.435, "p": 0.126, "#": 0.113,
                                   "d": 0.050, "y": 0.045}
# Characters at the start of a report (headline and lead) whose words form the "l" group.
LEAD_CHARS = 300
# Zipf frequency (log10 per billion words) at and above which a word carries no weight; below it
# a word's weight grows linearly with rarity, capped at IDF_CAP (unknown words are not all
# names: typos and tokenizer debris should not dominate). Calibrated on ECB+ train+dev.
ZIPF_CEILING = 6.0
IDF_CAP = 4.5
# A report keeps only its strongest features: bounds memory and per-pair cost at scale; ECB+
# train+dev F1 was unchanged from 64 features up.
MAX_FEATURES = 96
# A lone capitalized word opening a sentence is a name only if it is at least this rare (the
# idf of "Following" or "Despite" is below it, that of "Tehran" above).
COMMON_OPENER_IDF = 2.0
# The anchor of times the cluster stage re-resolved against a story-estimated date.
ESTIMATED_ANCHOR = "story-estimated"
# Prefix of the specific-number features ("#" group), which the clusterer compares on their own.
NUMBER_PREFIX = "#:"
# Numbers that say little about which event a report is about (counts like "two", "10").
MIN_SPECIFIC_NUMBER = 13

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?(?:-[^\W_]+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.]\d{3})+(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_CAPWORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'-]*)"
_CAPSEQ = re.compile(
    rf"{_CAPWORD}(?:[ \t]+(?:(?:of|de|al|bin|van|von|der|la|the)[ \t]+)?{_CAPWORD})*"
)
# Words inside names that say nothing about who is named.
_NAME_FILLERS = frozenset({"the", "of", "and", "for", "in", "on", "at", "de", "al", "la", "der",
                           "van", "von", "bin", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "co",
                           "corp", "llc", "plc", "jr", "sr"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """One report's clustering features. ``vector`` holds each feature group L2-normalised and
    scaled by the square root of its weight; ``days`` are day ordinals (date.toordinal) the
    report is anchored to: its publication day when known, else the full dates it mentions.
    ``latest_year`` is its publication year, else the latest year it mentions."""

    report_id: str
    vector: dict[str, float]
    days: tuple[int, ...]
    published_day: int | None
    latest_year: int | None = None

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
        # A possessive is the word it qualifies: "Raisi's" and "Raisi" are one term.
        word = match.group().lower().replace("’", "'").removesuffix("'s").rstrip("'")
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


def feature_groups(report: Report, analysis: Analysis | None = None,
                   ) -> tuple[dict[str, dict[str, float]], tuple[int, ...], int | None, int | None]:
    """Each feature group of ``report`` L2-normalised on its own, with its anchor days,
    publication day and latest year."""
    text = "\n".join(part for part in (report.title, report.text) if part)
    day = report_day(report)
    published = day.toordinal() if day else None
    names: Counter[str] = Counter()
    places: Counter[str] = Counter()
    if analysis is not None:
        # An analysis that found no names means the report names no one: the capitalized-word
        # heuristics would take tabular labels ("Shr", "Revs") and headline words for names.
        # Every name goes into the name group whatever its type, places also into their own:
        # the type is the least stable part of a mention (one town is tagged PERSON in one
        # report, GPE or ORG in another, and a better tagger moves it), and which names two
        # reports share should not hinge on it.
        for mention in analysis.mentions:
            if mention.type in _PLACE_TYPES or mention.type in _NAME_TYPES:
                tokens = name_tokens(mention.text)
                names.update(tokens)
                if mention.type in _PLACE_TYPES:
                    places.update(tokens)
    else:
        for name in capitalized_names(text):
            names.update(name_tokens(name))
    numbers = Counter(_analysis_numbers(analysis) if analysis and analysis.numbers
                      else number_values(text))
    full, years = _mentioned_dates(text, analysis, published)
    groups = {
        "t": {"t:" + k: w for k, w in content_terms(text).items()},
        "l": {"l:" + k: w for k, w in content_terms(lead_text(text)).items()},
        "n": {"n:" + k: (1.0 + math.log(n)) * max(idf(k), 1.0) for k, n in names.items()},
        "p": {"p:" + k: (1.0 + math.log(n)) * max(idf(k), 1.0) for k, n in places.items()},
        "#": _sublinear(numbers, NUMBER_PREFIX),
        "d": _sublinear(Counter(date.fromordinal(d).isoformat() for d in full), "d:"),
        "y": _sublinear(Counter(str(y) for y in years), "y:"),
    }
    days = (published,) if published is not None else tuple(sorted(set(full)))
    mentioned_years = [*years, *(date.fromordinal(d).year for d in full)]
    latest = (day.year if day else max(mentioned_years)) if day or mentioned_years else None
    return {g: _normalise(f) for g, f in groups.items()}, days, published, latest


def lead_text(text: str) -> str:
    """The first LEAD_CHARS characters, cut at a word: headline and opening sentence."""
    if len(text) <= LEAD_CHARS:
        return text
    return text[:LEAD_CHARS].rsplit(" ", 1)[0]


def report_features(report: Report, analysis: Analysis | None = None) -> ReportFeatures:
    """Build the clustering features of ``report`` (from ``analysis`` when given).

    Each group is scaled by the square root of its weight, so that the dot product of two
    vectors is the weighted sum of the groups' cosines; a group one report lacks adds nothing.
    """
    groups, days, published, latest = feature_groups(report, analysis)
    vector: dict[str, float] = {}
    for group, feats in groups.items():
        scale = math.sqrt(GROUP_WEIGHTS[group])
        for key, weight in feats.items():
            vector[key] = weight * scale
    # float32 values: what the clusterer stores, so saved and live features rank keys alike.
    kept = _strongest(vector, MAX_FEATURES)
    return ReportFeatures(report.id, {k: float(np.float32(w)) for k, w in kept.items()},
                          days, published, latest)


def _strongest(vector: dict[str, float], count: int) -> dict[str, float]:
    if len(vector) <= count:
        return vector
    ranked = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
    return dict(ranked)


def _analysis_numbers(analysis: Analysis) -> Iterable[str]:
    for number in analysis.numbers:
        if number.kind == "year" or number.value is None:
            continue
        value = float(number.value)  # analyzers may hand over ints
        if value.is_integer() and (value < MIN_SPECIFIC_NUMBER or 1800 <= value <= 2100):
            continue
        yield f"{value:g}" if not value.is_integer() else str(int(value))


def _mentioned_dates(text: str, analysis: Analysis | None, published: int | None,
                     ) -> tuple[list[int], list[int]]:
    """Day ordinals of full dates and bare years the report mentions."""
    full: list[int] = []
    years: list[int] = []
    if analysis is not None and analysis.times:
        for time in analysis.times:
            if time.anchor == ESTIMATED_ANCHOR:
                # Resolved against a date estimated from the report's own story: clustering
                # on it would feed the clusterer's output back into its input.
                continue
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
