"""Read a header line that holds only dates, as news pages print them.

"April 28, 2022Updated: April 28, 2022", "Published 3 March 2025, 14:05 GMT",
"Wednesday, 27 April 2022 | 09:30", "2022-04-28T14:05:00Z". A line is a date line only when,
once its dates and date labels are taken out, nothing but punctuation is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from newsprism.types import Precision

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_ZONES = {"gmt": 0, "utc": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120,
          "eest": 180, "msk": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
          "mst": -420, "mdt": -360, "pst": -480, "pdt": -420}
_TIME = (r"(?:\s*(?:,|at|-|–|\||T)?\s*(?P<hh>[0-2]?\d)[:.h](?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?"
         r"(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>gmt|utc|bst|cest|cet|eest|eet|msk|est|edt"
         r"|cst|cdt|mst|mdt|pst|pdt|z|[+-]\d\d:?\d\d)?(?:\s*[+-]\d\d:?\d\d)?)?")
_DATE = re.compile(
    "(?:" + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r",?\s+" + _YEAR.format(g="y1")
    + "|" + _DAY.format(g="d2") + r"\s+(?:of\s+)?" + _MONTH.format(g="m2") + r",?\s+"
    + _YEAR.format(g="y2")
    + "|" + _YEAR.format(g="y3") + r"-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
    + "|" + r"(?P<a4>[0-3]?\d)[./](?P<b4>[01]?\d)[./]" + _YEAR.format(g="y4")
    + ")" + _TIME,
    re.IGNORECASE,
)
_LABELS = re.compile(
    r"\b(?:first\s+|last\s+|originally\s+)?(?:published|posted|updated|modified|edited|"
    r"created|date|dated|on|at|am|le|publié|mis à jour|veröffentlicht|aktualisiert|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun)\b\.?",
    re.IGNORECASE)
_UPDATED = re.compile(r"updated|modified|edited|aktualisiert|mis à jour", re.IGNORECASE)
_RESIDUE_OK = re.compile(r"[\s,|•·:;\-–—/()\[\]]*")
# Longest line read as a date line; a header date line is short.
MAX_DATE_LINE_CHARS = 120


@dataclass(frozen=True, slots=True)
class DateValue:
    iso: str
    precision: Precision  # "day", "minute" or "second" here; "month" for a URL date


@dataclass(frozen=True, slots=True)
class DateLine:
    published: DateValue | None
    updated: DateValue | None


def _day(match: re.Match[str]) -> date | None:
    g = match.groupdict()
    try:
        if g["m1"]:
            return date(int(g["y1"]), _MONTHS[g["m1"][:3].lower()], int(g["d1"]))
        if g["m2"]:
            return date(int(g["y2"]), _MONTHS[g["m2"][:3].lower()], int(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        first, second = int(g["a4"]), int(g["b4"])
        # Dotted and slashed numeric dates: read day-first (most of the world) unless only
        # month-first is possible; an impossible reading yields no date.
        if first > 12 or second <= 12:
            return date(int(g["y4"]), second, first)
        return date(int(g["y4"]), first, second)
    except (ValueError, KeyError):
        return None


def _value(match: re.Match[str]) -> DateValue | None:
    day = _day(match)
    if day is None:
        return None
    if match.group("hh") is None:
        return DateValue(day.isoformat(), "day")
    hour, minute = int(match.group("hh")), int(match.group("mm"))
    ampm = (match.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    second = int(match.group("ss") or 0)
    try:
        stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None
    zone = _zone(match.group("tz"))
    if zone is not None:
        stamp = stamp.replace(tzinfo=zone)
    return DateValue(stamp.isoformat(), "second" if match.group("ss") else "minute")


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    lowered = text.lower()
    if lowered in _ZONES:
        return timezone(timedelta(minutes=_ZONES[lowered]))
    digits = lowered.replace(":", "")
    sign = -1 if digits[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5])))


def parse_date_line(line: str) -> DateLine | None:
    """The published and updated dates of a date-only line, or None if it is not one."""
    line = line.strip()
    if not line or len(line) > MAX_DATE_LINE_CHARS:
        return None
    published: DateValue | None = None
    updated: DateValue | None = None
    residue: list[str] = []
    position = 0
    for match in _DATE.finditer(line):
        label = line[position:match.start()]
        residue.append(label)
        position = match.end()
        value = _value(match)
        if value is None:
            return None
        if _UPDATED.search(label):
            updated = updated or value
        elif published is None:
            published = value
    residue.append(line[position:])
    if published is None and updated is None:
        return None
    leftover = _LABELS.sub(" ", " ".join(residue))
    if not _RESIDUE_OK.fullmatch(leftover):
        return None
    return DateLine(published, updated)
