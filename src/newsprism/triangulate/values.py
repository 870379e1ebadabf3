"""Comparable values of a claim (numbers, dates, names, places) and when two of them disagree.

Values are compared at their precision: numbers as numbers whatever their notation ("15.000"
is 15,000), ranges and qualified numbers ("at least 6,000", "some 6,000") as intervals, dates as
the calendar interval their precision spans ("2022-04" contains "2022-04-27", so they do not
disagree), names through resolved entity ids or, failing that, a spelling-tolerant comparison.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import jellyfish

from newsprism.triangulate.similarity import parse_number
from newsprism.types import Analysis, ClaimUnit, Mention, NumberExpr, TimeExpr

# Qualified numbers become intervals: "about 100" spans 90..110. Ten percent is the usual
# reading of round-number hedges in news copy ("some", "nearly", "roughly").
APPROX_TOLERANCE = 0.10
# Two surface names are the same person when their last words are this alike (Jaro-Winkler):
# tolerates transliteration and typing slips ("Ashtiani"/"Ashtinai" ~0.96) while keeping
# distinct short names apart; set by hand on transliteration pairs written for the tests.
NAME_SIMILARITY = 0.88

_APPROX = {"about", "around", "some", "nearly", "almost", "approximately", "roughly", "close to",
           "an estimated", "estimated", "circa", "approx.", "~"}
_AT_LEAST = {"at least", "more than", "over", "upwards of", "in excess of", "above", "no fewer than",
             "no less than", "exceeding"}
_AT_MOST = {"at most", "less than", "under", "up to", "fewer than", "below", "no more than"}
_PERSON_TYPES = {"PERSON"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that)\s+$")
_NOT_DATES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


@dataclass(frozen=True, slots=True)
class NumberValue:
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    kind: str

    def interval(self) -> tuple[float, float] | None:
        if self.low is not None or self.high is not None:
            lo = self.low if self.low is not None else float("-inf")
            hi = self.high if self.high is not None else float("inf")
            return lo, hi
        if self.value is None:
            return None
        return self.value, self.value

    def slot(self) -> tuple[str, str]:
        """What the number counts: kind plus a stemmed unit ("drones" and "drone" agree)."""
        unit = (self.unit or "").lower().strip()
        unit = re.sub(r"(?:ies)$", "y", unit)
        unit = re.sub(r"(?<=[^s])s$", "", unit)
        return self.kind or "count", unit


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as the report states it: ``value`` is the resolved TIMEX3 value ("" when a
    relative expression could not be resolved), ``relative`` the normalizer's template for a
    relative expression and ``anchor`` what it was resolved against (TimeExpr.anchor)."""

    text: str
    value: str
    precision: str | None
    relative: str | None = None
    anchor: str = "absolute"

    def interval(self) -> tuple[date, date] | None:
        return date_interval(self.value)

    @property
    def firm(self) -> bool:
        """Resolved from the text itself or against the report's own publication date; a
        value resolved against an estimated date is a guess, an unresolved one has none."""
        return self.interval() is not None and self.anchor in ("absolute", "publication")


@dataclass(frozen=True, slots=True)
class NameValue:
    text: str
    key: str  # entity id when resolved, else the lower-cased surface
    type: str
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class ClaimValues:
    numbers: tuple[NumberValue, ...] = ()
    dates: tuple[DateValue, ...] = ()
    names: tuple[NameValue, ...] = ()
    places: tuple[NameValue, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        out["numbers"] = [{"text": n.text, "value": n.value, "low": n.low, "high": n.high,
                           "unit": n.unit, "kind": n.kind} for n in self.numbers]
        out["dates"] = [{"text": d.text, "value": d.value or None, "precision": d.precision,
                         "anchor": d.anchor} for d in self.dates]
        out["names"] = [n.text for n in self.names]
        out["places"] = [p.text for p in self.places]
        return out


# -- dates -----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def date_interval(value: str | None) -> tuple[date, date] | None:
    """The calendar days a TIMEX3 date value spans, or None when it is no calendar date."""
    if not value or value in _NOT_DATES or value.startswith("P"):
        return None
    v = value.split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, date.fromisocalendar(int(m[1]), int(m[2]), 7)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return _months(y, 3 * q - 2, 3 * q)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return _months(y, 6 * h - 5, 6 * h)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            first, last = _SEASON_MONTHS[m[2]]
            return _months(int(m[1]), first, last)
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 1, 1), date(int(v), 12, 31)
        if re.fullmatch(r"\d{3}", v):
            return date(int(v) * 10, 1, 1), date(int(v) * 10 + 9, 12, 31)
        if re.fullmatch(r"\d{2}", v):
            return date(max(1, int(v) * 100), 1, 1), date(int(v) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year = year + (last - 1) // 12
    end_month = (last - 1) % 12 + 1
    return date(year, first, 1), date(end_year, end_month,
                                      calendar.monthrange(end_year, end_month)[1])


def precision_of(value: str) -> str:
    """The precision a TIMEX3 value is written at, for values stored without one."""
    v = value.split("T")[0]
    if "T" in value:
        return "minute" if re.search(r"T\d{2}:\d{2}", value) else "day"
    for pattern, name in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-W\d{2}", "week"),
                          (r"\d{4}-\d{2}", "month"), (r"\d{4}-Q\d", "quarter"),
                          (r"\d{4}-H\d", "quarter"), (r"\d{4}-(SP|SU|FA|WI)", "season"),
                          (r"\d{4}", "year"), (r"\d{3}", "decade"), (r"\d{2}", "century")):
        if re.fullmatch(pattern, v):
            return name
    return "unknown"


def dates_agree(a: DateValue, b: DateValue) -> bool:
    """Two dates agree when the intervals their precisions span overlap.

    A relative expression that is unresolved, or resolved only against an estimated date,
    has no trustworthy interval: it disagrees only where what its own words fix (a weekday,
    a month, a day of the month) cannot be true of the other date ("Tuesday" is never
    27 April 2022, a Wednesday; "last month" may be any month)."""
    if a.firm and b.firm:
        ia, ib = a.interval(), b.interval()
        assert ia is not None and ib is not None
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    fa, fb = calendar_fields(a), calendar_fields(b)
    return all(fa[k] == fb[k] for k in fa.keys() & fb.keys())


def calendar_fields(d: DateValue) -> dict[str, int]:
    """What a date fixes of the calendar: "weekday" (0 = Monday), "month", "day" (of the
    month). A firm date gives what its interval fixes; any other date what its relative
    template fixes (normalizer templates of analyze/times.py: "wd|2|past|" is a Wednesday,
    "md|4|27|past|" 27 April, "mon|3|past" a March)."""
    if d.firm:
        span = d.interval()
        assert span is not None
        first, last = span
        if first == last:
            return {"weekday": first.weekday(), "month": first.month, "day": first.day}
        if (first.year, first.month) == (last.year, last.month):
            return {"month": first.month}
        return {}
    parts = (d.relative or "").split("|")
    out: dict[str, int] = {}
    try:
        if parts[0] == "wd" and len(parts) > 1:
            out["weekday"] = int(parts[1])
        elif parts[0] == "md" and len(parts) > 2:
            out["month"], out["day"] = int(parts[1]), int(parts[2])
            if len(parts) > 4 and parts[4]:
                out["weekday"] = int(parts[4])
        elif parts[0] == "mon" and len(parts) > 1:
            out["month"] = int(parts[1])
    except ValueError:
        return {}
    return out


# -- numbers ---------------------------------------------------------------------------------

def numbers_agree(a: NumberValue, b: NumberValue) -> bool:
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return True
    tol = 1e-9 * max(1.0, abs(ia[0]), abs(ib[0]))
    return ia[0] <= ib[1] + tol and ib[0] <= ia[1] + tol


def number_value(n: NumberExpr) -> NumberValue:
    low, high = n.low, n.high
    q = (n.qualifier or "").lower().strip()
    if n.value is not None and low is None and high is None:
        if q in _APPROX:
            low, high = n.value * (1 - APPROX_TOLERANCE), n.value * (1 + APPROX_TOLERANCE)
        elif q in _AT_LEAST:
            low, high = n.value, None
        elif q in _AT_MOST:
            low, high = None, n.value
    return NumberValue(n.text, n.value, low, high, n.unit, n.kind)


# -- names -----------------------------------------------------------------------------------

def _surface_key(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return " ".join(words)


def names_match(a: NameValue, b: NameValue) -> bool:
    """Same entity id, or surfaces whose words (typically a surname) are spelled alike."""
    if a.resolved and b.resolved:
        return a.key == b.key
    return _surfaces_match(a.text, b.text)


@lru_cache(maxsize=65536)
def _surfaces_match(a: str, b: str) -> bool:
    wa, wb = _surface_key(a).split(), _surface_key(b).split()
    if not wa or not wb:
        return False
    if set(wa) & set(wb):
        return True
    return any(jellyfish.jaro_winkler_similarity(x, y) >= NAME_SIMILARITY
               for x in wa for y in wb if len(x) > 2 and len(y) > 2)


def name_value(m: Mention) -> NameValue:
    if m.entity_id:
        return NameValue(m.text, m.entity_id, m.type, resolved=True)
    return NameValue(m.text, _surface_key(m.text), m.type)


# -- a claim's values ------------------------------------------------------------------------

def _inside(start: int, end: int, claim: ClaimUnit) -> bool:
    return start >= claim.start and end <= claim.end


def claim_values(claim: ClaimUnit, analysis: Analysis | None, report_text: str = "") -> ClaimValues:
    """The numbers, dates, people and event places a claim states, from its report's analysis
    (spans inside the claim) or, without one, from the claim's own ``values``."""
    if analysis is None:
        return _from_claim_dict(claim)
    numbers = tuple(number_value(n) for n in analysis.numbers
                    if _inside(n.start, n.end, claim) and n.kind != "year")
    dates = tuple(_date_value(t) for t in analysis.times
                  if _inside(t.start, t.end, claim) and t.kind == "date"
                  and (date_interval(t.value) is not None or _unresolved(t))
                  and not _is_attributive(report_text, t.start, t.end))
    names = tuple(_dedupe(name_value(m) for m in analysis.mentions
                          if _inside(m.start, m.end, claim) and m.type in _PERSON_TYPES))
    places = tuple(_dedupe(
        name_value(m) for m in analysis.mentions
        if _inside(m.start, m.end, claim) and m.type in _PLACE_TYPES
        and _is_locative(report_text, m.start)))
    # The claim's own "times" were read when the report was analysed; a relative one may
    # have been resolved since (an estimated publication date): "dates" above replaces them.
    extra = {k: v for k, v in claim.values.items() if k != "times"}
    return ClaimValues(numbers, dates, names, places, extra)


def _date_value(t: TimeExpr) -> DateValue:
    value = t.value or ""
    if date_interval(value) is None:
        value = ""
    precision = (t.precision or precision_of(value)) if value else None
    return DateValue(t.text, value, precision, t.relative, t.anchor)


def _unresolved(t: TimeExpr) -> bool:
    """A relative date the report could not resolve (no publication date to count from)."""
    return t.relative is not None and date_interval(t.value) is None


def _is_attributive(text: str, start: int, end: int) -> bool:
    """A date used to name a thing ("the 2015 deal", "its 2021 agreement") is not when the
    claim happened, so it takes no part in date comparisons."""
    if not text:
        return False
    before = text[max(0, start - 8):start].lower()
    after = text[end:end + 2]
    return (_DETERMINER.search(before) is not None
            and len(after) == 2 and after[0] == " " and after[1].isalpha())


def _is_locative(text: str, start: int) -> bool:
    """Whether a place name is where something happened ("in Tehran"), not a party to it."""
    if not text:
        return False
    return _LOCATIVE.search(text[max(0, start - 12):start]) is not None


def _dedupe(values: Iterable[NameValue]) -> list[NameValue]:
    seen: set[str] = set()
    out = []
    for v in values:
        if v.key not in seen:
            seen.add(v.key)
            out.append(v)
    return out


def _from_claim_dict(claim: ClaimUnit) -> ClaimValues:
    """Read the claim's own ``values`` written by analyze, tolerating several layouts."""
    raw = claim.values or {}
    numbers: list[NumberValue] = []
    for item in _as_list(raw.get("numbers")):
        if isinstance(item, dict):
            value = item.get("value")
            numbers.append(NumberValue(str(item.get("text", value)), _float(value),
                                       _float(item.get("low")), _float(item.get("high")),
                                       item.get("unit"), str(item.get("kind") or "count")))
        elif (num := _float(item)) is not None:
            numbers.append(NumberValue(str(item), num, None, None, None, "count"))
    if not numbers:
        for tok in re.findall(r"\d+(?:[.,]\d+)*", claim.text):
            num = parse_number(tok)
            if num is not None and not (len(tok) == 4 and 1800 <= num <= 2100):
                numbers.append(NumberValue(tok, num, None, None, None, "count"))
    dates = []
    for item in _as_list(raw.get("times") or raw.get("dates")):
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, str) and date_interval(value) is not None:
            text = item.get("text", value) if isinstance(item, dict) else value
            prec = item.get("precision") if isinstance(item, dict) else None
            dates.append(DateValue(str(text), value, prec or precision_of(value)))
    names = [NameValue(str(n), _surface_key(str(n)), "PERSON")
             for n in _as_list(raw.get("names") or raw.get("people"))]
    places = [NameValue(str(p), _surface_key(str(p)), "GPE") for p in _as_list(raw.get("places"))]
    return ClaimValues(tuple(numbers), tuple(dates), tuple(names), tuple(places), dict(raw))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return parse_number(str(value))


# -- disagreements ---------------------------------------------------------------------------

def _unmatched(mine: Sequence[Any], theirs: Sequence[Any], agree: Any) -> bool:
    """Both sides state values and some value of mine agrees with none of theirs."""
    return bool(mine) and bool(theirs) and any(
        not any(agree(a, b) for b in theirs) for a in mine)


def _conflict(a: Sequence[Any], b: Sequence[Any], agree: Any) -> bool:
    """A conflict needs a value on each side that the other side does not support."""
    return _unmatched(a, b, agree) and _unmatched(b, a, agree)


def disagreements(values: dict[str, ClaimValues],
                  comparable: Any = None) -> list[dict[str, Any]]:
    """Fields on which the reports of one claim group state incompatible values.

    ``values`` maps report id to that report's values for the claim (members merged). A field
    disagrees when two reports both state it and neither's value is compatible with the other.
    ``comparable(a, b)``, when given, says whether two reports state the claim closely enough
    for their values to be compared at all.
    """
    out: list[dict[str, Any]] = []
    rids = sorted(values)
    slots = {n.slot() for v in values.values() for n in v.numbers}
    for slot in sorted(slots):
        per = {rid: [n for n in values[rid].numbers if n.slot() == slot] for rid in rids}
        if _any_conflict(per, numbers_agree, comparable=comparable):
            out.append({"field": "number", "unit": slot[1] or None, "kind": slot[0],
                        "values": {rid: "; ".join(n.text for n in ns)
                                   for rid, ns in per.items() if ns},
                        "normalized": {rid: [n.value for n in ns]
                                       for rid, ns in per.items() if ns}})
    dates = {rid: list(values[rid].dates) for rid in rids}
    if _any_conflict(dates, dates_agree, comparable=comparable):
        out.append(_date_entry(dates))
    for name, getter in (("name", lambda v: v.names), ("place", lambda v: v.places)):
        per_name = {rid: list(getter(values[rid])) for rid in rids}
        # A sentence names several people or places; only wholly different ones conflict.
        if _any_conflict(per_name, names_match, disjoint=True, comparable=comparable):
            out.append({"field": name, "values": {
                rid: "; ".join(x.text for x in xs) for rid, xs in per_name.items() if xs}})
    return out


def _date_entry(per: dict[str, list[DateValue]]) -> dict[str, Any]:
    """A date disagreement shows each report's resolved dates (the wording in ``texts``), so
    that two wordings of one day ("Tuesday", "26 April") read as the same value."""
    return {"field": "date",
            "values": {rid: "; ".join(_unique_strs(date_label(x) for x in xs))
                       for rid, xs in per.items() if xs},
            "texts": {rid: "; ".join(x.text for x in xs) for rid, xs in per.items() if xs},
            "normalized": {rid: [x.value or None for x in xs] for rid, xs in per.items() if xs},
            "precision": {rid: [x.precision for x in xs] for rid, xs in per.items() if xs}}


def date_label(d: DateValue) -> str:
    """A date as a disagreement shows it: the resolved value, marked when it is a guess."""
    if not d.value:
        return f"{d.text} (unresolved)"
    if not d.firm:
        return f"{d.value} (estimated, from “{d.text}”)"
    return d.value


def _unique_strs(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _any_conflict(per: dict[str, list[Any]], agree: Any, disjoint: bool = False,
                  comparable: Any = None) -> bool:
    rids = [r for r, xs in per.items() if xs]
    for i, a in enumerate(rids):
        for b in rids[i + 1:]:
            if comparable is not None and not comparable(a, b):
                continue
            if disjoint:
                if not any(agree(x, y) for x in per[a] for y in per[b]):
                    return True
            elif _conflict(per[a], per[b], agree):
                return True
    return False


def merge(values: Sequence[ClaimValues]) -> ClaimValues:
    """One report's values for a claim group when several of its sentences belong to it."""
    if len(values) == 1:
        return values[0]
    return ClaimValues(
        tuple(n for v in values for n in v.numbers),
        tuple(d for v in values for d in v.dates),
        tuple(_dedupe(n for v in values for n in v.names)),
        tuple(_dedupe(p for v in values for p in v.places)),
    )
