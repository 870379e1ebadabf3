"""Absolute dates written in a report, and a publication-date estimate for undated reports.

``absolute_dates`` is a cheap reader of dates as printed ("March 14, 2013", "14 March 2013",
"2013-03-14", "April 27" when the year is known, "March 2021", "in 2018"). It serves clustering
when no Analysis is at hand; the analyze stage's time expressions are richer and preferred.

``estimate_date`` guesses when an undated report was published from the story it belongs to:
reports of one story appear within days of each other, so the dated members bound it; without
dated members, the dates the story's reports mention bound it more loosely.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsprism.types import Precision, Report

# Spread of the dated story members (days) up to which the estimate is given to the day, then
# to the week; wider spreads give a month. Reports of one event cluster within a day or two.
DAY_SPREAD = 2
WEEK_SPREAD = 10

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,\s*|\s+){_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"(?<![\d.,/-]){_YEAR}(?![\d%]|\.\d|,\d)"),
]


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A date as written in a text: ``day`` is its first day at ``precision``."""

    day: date
    precision: Precision
    start: int
    end: int


def absolute_dates(text: str, year_hint: int | None = None) -> list[WrittenDate]:
    """Dates written in ``text``; a month and day without a year take ``year_hint``, else the
    year most full dates in the same text carry, else they are skipped."""
    taken: list[tuple[int, int]] = []
    found: list[WrittenDate] = []
    yearless: list[tuple[int, int, int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            parts = m.groupdict()
            if (parts.get("month") and parts["month"].rstrip(".").lower() == "may"
                    and text[m.start():m.start() + 3] == "may"):
                continue  # the verb, not the month
            month = (_MONTHS[parts["month"].rstrip(".").lower()] if parts.get("month")
                     else int(parts["mnum"]) if parts.get("mnum") else None)
            day = int(parts["day"]) if parts.get("day") else None
            year = int(parts["year"]) if parts.get("year") else None
            if year is None and month is not None and day is not None:
                yearless.append((month, day, m.start(), m.end()))
                taken.append((m.start(), m.end()))
                continue
            written = _make(year, month, day, m.start(), m.end())
            if written is not None:
                found.append(written)
                taken.append((m.start(), m.end()))
    hint = year_hint or _common_year(found)
    if hint is not None:
        for month, day, start, end in yearless:
            written = _make(hint, month, day, start, end)
            if written is not None:
                found.append(written)
    return sorted(found, key=lambda w: w.start)


def _make(year: int | None, month: int | None, day: int | None, start: int, end: int,
          ) -> WrittenDate | None:
    if year is None:
        return None
    try:
        if month is None:
            return WrittenDate(date(year, 1, 1), "year", start, end)
        if day is None:
            return WrittenDate(date(year, month, 1), "month", start, end)
        return WrittenDate(date(year, month, day), "day", start, end)
    except ValueError:
        return None


def _common_year(found: Sequence[WrittenDate]) -> int | None:
    years = Counter(w.day.year for w in found if w.precision == "day")
    return years.most_common(1)[0][0] if years else None


def report_day(report: Report) -> date | None:
    """The report's publication day when it is known to the day."""
    if not report.published_at or report.published_source == "estimated":
        return None
    if report.published_precision not in (None, "second", "minute", "hour", "day"):
        return None
    try:
        return date.fromisoformat(report.published_at[:10])
    except ValueError:
        return None


def estimate_date(report: Report, story_reports: Sequence[Report]) -> tuple[str, str] | None:
    """(ISO date, precision) for when ``report`` was likely published, or None.

    From the dated members of its story when there are any: their median day, precise to the
    day, week or month depending on how far apart they are. Otherwise from the full dates the
    story's reports mention: the latest such date (a report comes out at or after the events
    it tells), precise to the week. The caller marks the result as "estimated".
    """
    others = [r for r in story_reports if r.id != report.id]
    days = sorted(d for d in (report_day(r) for r in others) if d is not None)
    if days:
        spread = (days[-1] - days[0]).days
        middle = date.fromordinal(int(statistics.median_low(d.toordinal() for d in days)))
        precision = "day" if spread <= DAY_SPREAD else "week" if spread <= WEEK_SPREAD else "month"
        return middle.isoformat(), precision
    mentioned = _event_dates([report, *others])
    if mentioned is None:
        return None
    return mentioned.isoformat(), "week"


def _event_dates(reports: Sequence[Report]) -> date | None:
    """The latest full date the reports mention (a report is not older than what it tells)."""
    days = [d for r in reports if (d := _latest_day(r.text)) is not None]
    return max(days) if days else None


@lru_cache(maxsize=8192)
def _latest_day(text: str) -> date | None:
    # Cached: estimating every undated member of a story reads each member's text once,
    # not once per member.
    days = [w.day for w in absolute_dates(text) if w.precision == "day"]
    return max(days) if days else None
