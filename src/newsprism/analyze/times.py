"""Time expressions: find them, normalize them to TIMEX3 values against the publication date.

Two steps. ``_find`` runs precompiled regular expressions over the text and turns each match
into a candidate that is either absolute ("March 2021" -> "2021-03") or relative: a small
template such as ``wd|2|past|`` ("the latest Wednesday on or before the anchor") kept in
``TimeExpr.relative``. ``_resolve`` then walks the candidates in text order against an anchor,
keeping a *focus* (the last date mentioned) for anaphoric expressions ("the quarter",
"a year earlier"). A report without an anchor keeps its relative expressions unresolved;
``resolve_times`` resolves them later from the templates alone, without the spaCy doc.

Direction of bare weekdays and month-days follows the tense of the governing verb (news
convention: "said on Wednesday" is the last Wednesday; "will meet on Wednesday" the next one).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsprism.analyze import timex_patterns as P
from newsprism.analyze.timex import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_FACTOR,
    UNITS,
    WEEKDAYS,
    Anchor,
    add_months,
    add_years,
    day_near,
    doc_text,
    fmt_day,
    fmt_month,
    fmt_week,
    fmt_year,
    month_near,
    number_value,
    parse_anchor,
    quarter_of,
    weekday_near,
)
from newsprism.types import Precision, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# ---------------------------------------------------------------------------------------------
# candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str  # date, time, duration, set
    value: str | None = None  # absolute value, when known without an anchor
    rel: str | None = None  # template for relative values
    prio: int = 0  # tie-break between overlapping candidates of equal length


@dataclass(slots=True)
class _Ctx:
    text: str
    tense: Callable[[int, int], str | None]
    sent_starts: list[int]


_Handler = Callable[[re.Match[str], _Ctx], "_Cand | None"]

_FUTURE_CUE = re.compile(
    r"\b(?:will|won['’]t|wo\s+n['’]t|['’]ll|shall|going\s+to|plans?\s+to|planning\s+to|planned"
    r"\s+to|scheduled|schedule|is\s+to|are\s+to|expected\s+to|expects?\s+to|due\s+to|set\s+to"
    r"|intends?\s+to|would|upcoming)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:\w+ed|said|says|was|were|had|did|met|told|made|took|came|went|gave|held|left"
    r"|began|saw|won|lost|rose|fell|paid|sold|bought|got|found|put|ran|shot|struck|hit|fought"
    r"|sent|spoke|brought|thought|wrote|became|kept|led|meant|felt|reported)\b",
    re.IGNORECASE,
)


# With a parse, fall back to sentence-wide tense cues when the governing verb says nothing?
# Calibrated on TimeBank: the cues ("set to" anywhere in the sentence) misdirect more
# weekdays than they fix, so the parse's silence means "no tense" (news default: past).
REGEX_TENSE_FALLBACK = False


def _regex_tense(text: str, sent_start: int, sent_end: int) -> str | None:
    window = text[sent_start:sent_end]
    if _FUTURE_CUE.search(window):
        return "future"
    if _PAST_CUE.search(window):
        return "past"
    return None


# Lemmas of verbs that put their infinitive complement in the future ("plans to meet Friday").
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "'d", "’d"})
_FUTURE_LEMMAS = frozenset(
    {"plan", "schedule", "expect", "intend", "aim", "hope", "want", "prepare", "set", "due",
     "go", "agree", "promise", "vow", "threaten", "propose", "seek", "decide", "try", "need",
     "be"}
)


def _verb_tense(verb: Token, depth: int = 0) -> str | None:
    """Tense of a spaCy verb token from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.lower_ == "to" for a in auxes) or verb.tag_ == "VB":
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in _FUTURE_LEMMAS:
            return "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and depth < 3:
            return _verb_tense(head, depth + 1)
        return None
    if verb.lemma_.lower() in ("schedule", "plan"):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
            return "future"  # "is meeting Friday": the progressive names a plan
        return "present"
    return None


def _doc_tense(doc: Doc, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return _verb_tense(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _sentence_of(ctx: _Ctx, pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(ctx.sent_starts, pos) - 1
    start = ctx.sent_starts[i] if i >= 0 else 0
    end = ctx.sent_starts[i + 1] if i + 1 < len(ctx.sent_starts) else len(ctx.text)
    return start, end


# ---------------------------------------------------------------------------------------------
# handlers: each turns one regex match into a candidate, or rejects it (None)


def _month(s: str) -> int:
    # three letters identify a month; the pattern also accepts misspellings ("Sepember")
    return MONTHS[s.lower()[:3]]


def _weekday(s: str) -> int:
    return WEEKDAYS[s.lower()[:3]]


def _dir(tense: str | None, default: str) -> str:
    return {"future": "future", "past": "past"}.get(tense or "", default)


def _span(m: re.Match[str], kind: str, **kw: object) -> _Cand:
    return _Cand(m.start(), m.end(), kind, **kw)  # type: ignore[arg-type]


# A date introduced as a deadline or a start ("by February", "through January", "effective
# Feb. 1") does not take the tense of the verb it hangs on: "extended loans through January"
# and "agreed to pay by February" name a date still ahead as often as one gone by.
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|till|through|effective|starting|beginning)\s+(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)


# A month (and day) right after another in a list or range: "record dates April 17, May 15,
# June 12 and July 17", "from Dec. 16 to Feb. 23", "in June and September".
_SEQ_BEFORE = re.compile(
    rf"\b{P.MONTH}\s*(?:[0-3]?\d(?:st|nd|rd|th)?)?\s*(?:,\s*(?:and|or)?|and|or|to|through"
    r"|until|till|-|–)\s*$"
)


def _date_direction(m: re.Match[str], ctx: _Ctx) -> str:
    """Direction for a month or month-day without a year (see DIRECTION_WEIGHTS); "seq"
    for one that continues a list or range, which runs forward from the date before it."""
    if _SEQ_BEFORE.search(ctx.text, max(0, m.start() - 24), m.start()):
        return "seq"
    if _DEADLINE_BEFORE.search(ctx.text, max(0, m.start() - 20), m.start()):
        return "deadline"
    return _dir(ctx.tense(m.start(), m.end()), "near")


def _h_date_md(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    mon, dom = _month(m["mon"]), int(m["d"])
    if not 1 <= dom <= 31 or (m["mon"] == "May" and m["y"] is None and m.start() > 0
                              and ctx.text[m.start() - 1] == "\n"):
        return None
    yy = m.groupdict().get("yy")
    year = m["y"] or (("19" if int(yy) > 30 else "20") + yy if yy else None)
    if year:
        try:
            return _span(m, "date", value=fmt_day(date(int(year), mon, dom)))
        except ValueError:
            return None
    direction = _date_direction(m, ctx)
    wd = str(_weekday(m["wd"])) if m["wd"] else ""
    return _span(m, "date", rel=f"md|{mon}|{dom}|{direction}|{wd}")


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return _span(m, "time", value=f"{fmt_day(d)}T{m['H']}:{m['M']}")
    return _span(m, "date", value=fmt_day(d))


def _h_slash(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 30 else 2000 + int(y))
    month, dom = (a, b) if a <= 12 else (b, a)
    try:
        return _span(m, "date", value=fmt_day(date(year, month, dom)))
    except ValueError:
        return None


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _span(m, "date", value=fmt_month(int(m["y"]), _month(m["mon"])))


def _h_month_rel_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    delta = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _span(m, "date", rel=f"mony|{_month(m['mon'])}|{delta}")


# Words after which a capitalized month name alone is a date ("in March", "since May").
_MONTH_CUES = frozenset({
    "in", "since", "until", "till", "by", "from", "to", "through", "during", "of", "last",
    "next", "this", "early", "late", "mid", "before", "after", "between", "and", "or", "end",
    "beginning", "start", "middle", "every", "each",
})


# Cues that join two names as easily as two months ("Jan and Mark").
_WEAK_MONTH_CUES = frozenset({"and", "or", "to", "of"})


def _h_month_alone(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    mon_txt = m["mon"]
    prev = ctx.text[max(0, m.start("mon") - 12) : m.start("mon")].split()
    prev_word = prev[-1].lower().strip(",-") if prev else ""
    cued = bool(m["rel"] or m["mod"]) or prev_word in _MONTH_CUES
    if len(mon_txt) <= 4 and "." not in mon_txt and mon_txt not in ("May", "June", "July"):
        return None  # "Jan", "Sept" alone are names or typos more often than months
    if mon_txt in ("May", "March") or "." in mon_txt:
        if not cued or prev_word in _WEAK_MONTH_CUES:
            return None
    elif not cued and (m.start() == 0 or ctx.text[max(0, m.start() - 2) : m.start()].strip()
                       in (".", "\n", "")):
        return None
    mon = _month(mon_txt)
    rel = (m["rel"] or "").lower()
    if rel == "last" or rel == "past":
        direction = "strict-past"
    elif rel in ("next", "coming"):
        direction = "strict-future"
    elif rel == "this":
        direction = "same"
    else:
        direction = _date_direction(m, ctx)
    return _span(m, "date", rel=f"mon|{mon}|{direction}")


_YEAR_BAD_PREV = re.compile(r"(?:[$£€¥#]|\bNo\.|\bflight|\broute|\bRoom|\bmodel)\s*$", re.I)
_YEAR_BAD_NEXT = re.compile(
    r"^\s*(?:people|persons|troops|soldiers|votes|cars|units|shares|tons|tonnes|jobs|members"
    r"|employees|workers|acres|feet|meters|metres|miles|km|kilometers|points|barrels|rooms"
    r"|pounds|dollars|yen|euros|marks|francs|-(?:\d))\b",
    re.I,
)


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if _YEAR_BAD_PREV.search(before) or _YEAR_BAD_NEXT.match(ctx.text[m.end() : m.end() + 12]):
        return None
    if before.endswith((",", ".")) and before[-2:-1].isdigit():
        return None
    return _span(m, "date", value=m["y"])


def _h_spelled_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if m["c"]:
        rest = number_value(m["rest"].replace(" ", "-"))
        return _span(m, "date", value=f"19{rest:02d}") if rest is not None else None
    rest = number_value(m["rest2"].replace(" ", "-")) if m["rest2"] else 0
    if rest is None or ("year" not in m.group(0).lower() and not m["rest2"]):
        return None  # bare "two thousand" is a number
    return _span(m, "date", value=f"{2000 + rest}")


def _spelled_19(words: str) -> int | None:
    """1994 for "nineteen ninety-four"."""
    rest = number_value(re.sub(r"\s+", "-", words.lower().split(None, 1)[1]))
    return 1900 + rest if rest is not None and 10 <= rest <= 99 else None


def _h_month_spelled_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    year = _spelled_19(m["sy"])
    return _span(m, "date", value=fmt_month(year, _month(m["mon"]))) if year else None


def _h_season_spelled_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    year = _spelled_19(m["sy"])
    return _span(m, "date", value=f"{year}-{SEASONS[m['season'].lower()]}") if year else None


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if m["dec"]:
        return _span(m, "date", value=m["dec"][:3])
    return _span(m, "date", value=("19" if m["dec2"][0] != "0" else "20") + m["dec2"][0])


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    word = m["ord"].lower()
    n = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(word)
    if n is None:
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 30:
        return None
    return _span(m, "date", value=f"{n - 1:02d}")


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    ordw = m["ord"].lower()
    q = 4 if ordw == "final" else ORDINALS[ordw]
    year = m["y0"] or m["y1"] or m["y2"]
    if year:
        return _span(m, "date", value=f"{year}-Q{q}")
    pre = (m["pre"] or "").lower()
    rel = (m["y2rel"] or "").lower().replace("the ", "")
    for key, delta in (("last", -1), ("next", 1), ("this", 0), ("current", 0)):
        if pre.startswith(key) or rel.startswith(key):
            return _span(m, "date", rel=f"qy|{q}|{delta}")
    direction = _dir(ctx.tense(m.start(), m.end()), "past")
    return _span(m, "date", rel=f"qtr|{q}|{direction}")


def _h_quarter_code(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    q = int(m["q"] or m["q2"])
    if m["y"]:
        return _span(m, "date", value=f"{m['y']}-Q{q}")
    return _span(m, "date", rel=f"qtr|{q}|past")


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    if m["y"]:
        return _span(m, "date", value=f"{m['y']}-H{h}")
    if m["dec2"]:
        return _span(m, "date", value=f"19{m['dec2'][0]}")
    delta = {"last": -1, "this": 0, "next": 1}.get((m["rel"] or "").lower(), 0)
    return _span(m, "date", rel=f"half|{h}|{delta}")


_DEICTIC_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _h_deictic(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    w = m["w"].lower()
    if m["w"][0].isupper() and not m["mod"]:
        prev = ctx.text[max(0, m.start() - 20) : m.start()].rstrip(" (")
        if prev and prev[-1].isalpha() and prev.split()[-1][0].isupper():
            return None  # "Russia Today", "USA Today": part of a name
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower(), "")
    if w == "tonight":
        pod = "NI"
    return _span(m, "time" if pod else "date", rel=f"day|{_DEICTIC_OFFSET[w]}|{pod}")


def _h_day_around(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _span(m, "date", rel=f"day|{-2 if 'before' in m['w'] else 2}|")


def _h_pod_rel(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    rel = m["rel"].lower()
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if rel == "last" and pod != "NI":
        return None  # "last morning" is not idiomatic; "last evening" is handled as night
    offset = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[rel]
    return _span(m, "time", rel=f"day|{offset}|{pod}")


def _h_pod_of_day(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    pod = PARTS_OF_DAY[m["pod"].lower()]
    return _span(m, "time", rel=f"day|{_DEICTIC_OFFSET[m['w'].lower()]}|{pod}")


def _h_overnight(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    word = m.group(0).lower()
    if word == "overnight":
        return _span(m, "time", rel="day|-1|NI")
    if word == "midday":
        return _span(m, "time", rel="time|0|12:00")
    return _span(m, "time", rel=f"day|0|{'AF' if 'afternoon' in word else 'MO'}")


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    wd = _weekday(m["wd"])
    rel = (m["rel"] or "").lower()
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower(), "")
    if m["pl"] or m["podpl"]:
        if m["wd"].endswith("."):
            return None
        return _span(m, "set", value=f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))
    if rel in ("on", "since", "until", "by", "before", "after", "early", "late"):
        start = m.start("wd")  # the preposition is not part of the expression
    else:
        start = m.start()
    tense = ctx.tense(m.start(), m.end())
    if rel == "last":
        direction = "strict-past"
    elif rel in ("next", "coming"):
        direction = "strict-future"
    elif rel == "since":
        direction = "past"
    elif rel == "this":
        direction = _dir(tense, "past")
    else:
        direction = _dir(tense, "past")
    # "Friday night" is normalized to the day: news uses the part of day to place an event
    # on that day, and the day is what reports are compared on (the TimeML value of the
    # weekday; the "TNI" refinement is kept for "last night", "this morning" and the like)
    return _Cand(start, m.end(), "date", rel=f"wd|{wd}|{direction}|")


def _h_weekday_paren(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    mon, dom = _month(m["mon"]), int(m["d"])
    if m["y"]:
        try:
            return _span(m, "date", value=fmt_day(date(int(m["y"]), mon, dom)))
        except ValueError:
            return None
    return _span(m, "date", rel=f"md|{mon}|{dom}|near|{_weekday(m['wd'])}")


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    the = bool(m["the"])
    if unit in SEASONS:
        if rel in ("last", "past", "previous", "prior", "preceding"):
            direction = "strict-past"
        elif rel in ("next", "coming", "upcoming", "following"):
            direction = "strict-future"
        else:
            direction = "same"
        return _span(m, "date", rel=f"season|{SEASONS[unit]}|{direction}")
    if the and rel in ("past", "last", "previous", "prior", "preceding") and unit != "weekend":
        if rel in ("previous", "prior", "preceding"):
            return _span(m, "date", rel=f"focus|{unit}|-1")
        # "over the past year": a stretch of time, not a calendar unit
        return _span(m, "duration", value=_duration_value(1, unit))
    if rel in ("same",):
        return _span(m, "date", rel=f"focus|{unit}|0")
    if rel == "following":
        return _span(m, "date", rel=f"focus|{unit}|1")
    delta = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1,
             "next": 1, "coming": 1, "upcoming": 1, "this": 0, "current": 0}[rel]
    return _span(m, "date", rel=f"unit|{unit}|{delta}")


def _h_season_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    season = SEASONS[(m["season"] or m["season2"]).lower()]
    return _span(m, "date", value=f"{m['y'] or m['y2']}-{season}")


def _count(word: str) -> int | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in ("a couple of", "a couple", "couple of"):
        return 2
    if w in ("a dozen",):
        return 12
    if w in ("a hundred", "one hundred"):
        return 100
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    return number_value(w)


_VAGUE = re.compile(r"^(?:several|a\s+few|few|many|some|a\s+number\s+of|countless|numerous)$")


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u in ("centuries",):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def _duration_value(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT4H, P10Y for a decade, PXM for "months"."""
    key = _unit_key(unit)
    code, timed = UNITS[key]
    mult = UNIT_FACTOR.get(key, 1)
    if code in ("DE", "CE", "ML"):
        mult *= {"DE": 10, "CE": 100, "ML": 1000}[code]
        code = "Y"
    if code == "WE":
        code, mult = "D", 2 * mult
    if n is None:
        amount = "X"
    else:
        total = n * mult
        amount = str(int(total)) if float(total).is_integer() else str(total)
    return f"P{'T' if timed else ''}{amount}{code}"


def _duration_start(m: re.Match[str]) -> int:
    pre = (m["pre"] or "").lower()
    if pre.startswith(("for ", "in ", "over ", "during ", "within ")):
        return m.start() + pre.index("the")  # the preposition is a signal, not the timex
    return m.start()


# A fractional amount goes into the next smaller unit ("2 1/2 years" -> P2Y6M, TIMEX3 style).
_SUBUNIT = {"year": ("M", 12, False), "month": ("D", 30, False), "week": ("D", 7, False),
            "day": ("H", 24, True), "hour": ("M", 60, True), "minute": ("S", 60, True)}


def _fraction_value(n: float, unit: str) -> str:
    key = _unit_key(unit)
    whole = int(n)
    code, timed = UNITS[key]
    if key not in _SUBUNIT:
        return _duration_value(n, key)
    sub_code, per, sub_timed = _SUBUNIT[key]
    sub = round((n - whole) * per)
    if timed or (sub_timed and whole == 0):
        head = f"PT{whole}{code}" if whole else "PT"
        return f"{head}{sub}{sub_code}"
    if sub_timed:
        return f"P{whole}{code}T{sub}{sub_code}"
    return f"P{whole}{code}" + f"{sub}{sub_code}" if whole else f"P{sub}{sub_code}"


# What precedes "a year" in a frequency ("twice a year") and in a rate: an amount, a number
# and at most two words that are not prepositions ("$2 million a year", "32 mln dlr a year",
# "8.87 dlrs an hour", "700 seats a week"; not "rose 5 pct in a year").
_FREQ_BEFORE = re.compile(r"\b(?:times|once|twice)\W*$", re.I)
_AMOUNT_BEFORE = re.compile(
    r"\d[\d,./-]*\s*%?\s*(?:(?!(?:in|for|over|within|during|after|before|than|about|of|from"
    r"|to|by|at|on|per|and|or)\b)[A-Za-z]+\.?\s+){0,2}$",
    re.I,
)


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    raw = m["n"].lower()
    unit = _unit_key(m["unit"])
    half = raw.startswith("half") or raw.endswith("half")
    if _VAGUE.match(raw):
        n: float | None = None
    elif half:
        n = 0.5 if raw.startswith("half") else 1.5
    else:
        frac = re.fullmatch(r"(\d+)(?:\s+|-)1/2", raw)
        if frac:
            n = int(frac.group(1)) + 0.5
        elif re.fullmatch(r"\d+\.\d+", raw):
            n = float(raw)
        else:
            n = _count(raw)
        if n is None or (raw.isdigit() and len(raw) == 4 and raw[:2] in ("16", "17", "18", "19",
                                                                         "20")):
            return None  # "the 1986 year" names a year, it does not count 1986 of them
    if m["more"] and n is not None:
        n += 0.5
    if n is not None and not float(n).is_integer():
        return _Cand(_duration_start(m), m.end(), "duration", value=_fraction_value(n, unit))
    start = _duration_start(m)
    pre = (m["pre"] or "").lower()
    if raw in ("a", "an") and not pre:
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if _FREQ_BEFORE.search(before):
            return _Cand(m.start(), m.end(), "set", value=_duration_value(1, unit))
        if _AMOUNT_BEFORE.search(before):
            return None  # "$2 million a year", "358,000 a month": a rate, not a time
    if unit == "quarter" and n is not None and raw in ("a", "an", "one"):
        return None  # "a quarter" is more often a fraction than three months
    after = ctx.text[m.end() : m.end() + 14].lower()
    if re.match(r"\s+old\b", after):
        return None  # an age
    if unit == "second" and raw in ("a", "an") and re.match(r"\s+[a-z]", after) and not re.match(
        r"\s+(?:or|and|to|ago|later|earlier|before|after|in|of)\b", after
    ):
        return None  # "a second round": the ordinal, not the unit
    return _Cand(start, m.end(), "duration", value=_duration_value(n, unit))


def _h_duration_adj(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    raw = m["n"].lower()
    n: float | None
    if raw == "half":
        n = 0.5
    elif re.fullmatch(r"\d+\.\d+", raw):
        n = float(raw)
    else:
        n = _count(raw)
    if n is None or n == 0:
        return None
    if "-" not in m.group(0) and not m["suf"]:
        return None  # "five year" without a hyphen is caught by DURATION with its plural
    if (m["suf"] or "").lower() == "-old" or ctx.text.startswith("-old", m.end("unit")):
        return None  # an age ("a 6-year-old boy", "any 6-year-old.") is not a time expression
    after_unit = ctx.text[m.end("unit") : m.end("unit") + 4]
    if m["unit"].lower() == "quarter" and re.match(r"s|\s+of\b", after_unit):
        return None  # "three-quarters of the vote", "one-quarter of the rigs" are fractions
    return _span(m, "duration", value=_duration_value(n, m["unit"]))


def _h_unit_long(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _span(m, "duration", value=_duration_value(1, m["unit"]))


def _h_bare_plural(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    start = m.start("the") if m["the"] else m.start("unit")
    return _Cand(start, m.end(), "duration", value=_duration_value(None, m["unit"]))


_SHORT_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week"})


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    raw = m["n"].lower()
    unit = _unit_key(m["unit"])
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "from now", "hence") or direction.startswith("from") else -1
    base = "dct" if direction in ("ago", "from now", "hence") else "focus"
    if base == "focus" and unit in _SHORT_UNITS:
        # "three days later", "a day earlier": TimeML tags the amount as a DURATION and
        # "later" as its signal; the day it lands on depends on an event, not on the text's
        # dates (while "a year earlier" in results news names the comparison period)
        n: float | None = None if _VAGUE.match(raw) else _count(raw)
        return _span(m, "duration", value=_duration_value(n, unit))
    if _VAGUE.match(raw):
        return _span(m, "date", rel=f"vague|{unit}|{sign}")
    frac = re.fullmatch(r"(\d+)(?:\s+|-)1/2", raw)
    if frac and unit in ("year", "month"):
        # "2 1/2 years ago": count in the next smaller unit
        n = int(frac.group(1)) * 12 + 6 if unit == "year" else int(frac.group(1)) * 30 + 15
        unit = "month" if unit == "year" else "day"
        return _span(m, "date", rel=f"ago|{unit}|{sign * n}|{base}")
    count = int(frac.group(1)) if frac else _count(raw)
    if count is None or unit not in UNITS:
        return None
    return _span(m, "date", rel=f"ago|{unit}|{sign * count}|{base}")


def _h_unit_ago(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    unit = m["unit"].lower()
    sign = 1 if m["dir"].lower() == "later" else -1
    if m["pl"]:
        return _span(m, "date", rel=f"vague|{unit}|{sign}")
    return None


def _h_year_earlier_adj(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    unit = m["unit"].lower()
    if m["the"] and m["the"].lower() == "a" and not m["what"]:
        return None  # "a year earlier" is AGO's; this pattern only takes the adjective
    # "the year-ago quarter" is one expression; in "the year-earlier results" only the
    # adjective is (TimeML tags "year-earlier" alone)
    if (m["what"] or "").lower() in ("quarter", "period", "month", "year", "week"):
        start, end = m.start(), m.end()
    else:
        start, end = m.start("unit"), m.end("dir")
    if m["ord"]:
        return _Cand(start, end, "date", rel=f"qy|{ORDINALS[m['ord'].lower()]}|-1")
    if unit == "year" and (m["what"] or "").lower() == "quarter":
        return _Cand(start, end, "date", rel="yaq")
    return _Cand(start, end, "date", rel=f"ago|{unit}|-1|adj")


_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\b")


def _h_anaphoric(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    unit = m["unit"].lower()
    adj = (m["adj"] or "").lower()
    if unit == "year" and _ENDED_AFTER.match(ctx.text, m.end()):
        # "the (fiscal) year ended March 31" is the twelve months up to that date, whatever
        # calendar years they straddle: a duration anchored on its end, not a calendar year
        return _span(m, "duration", value="P1Y")
    if adj == "full" and unit == "year":
        # "sales for the full year": results news naming the (fiscal) year being reported,
        # a calendar unit like "the year", where "the whole year" measures a stretch
        return _span(m, "date", rel="focus|year|0")
    if adj in ("full", "whole", "entire"):
        return _span(m, "duration", value=_duration_value(1, unit if unit != "period" else
                                                             "year"))
    if unit == "period" and adj not in ("latest", "same", "comparable", "previous", "prior",
                                        "most recent", "recent", "current"):
        return None
    if adj in ("previous", "prior"):
        return _span(m, "date", rel=f"focus|{unit}|-1")
    if adj in ("latest", "most recent", "recent", "last") and unit == "quarter":
        return _span(m, "date", rel="focus|quarter|latest")
    if adj == "current" and unit != "period":
        return _span(m, "date", rel=f"unit|{unit}|0")
    return _span(m, "date", rel=f"focus|{unit}|0")


def _h_recent_units(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    start = m.start("what")
    return _Cand(start, m.end(), "duration", value=_duration_value(None, m["unit"]))


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    direction = _dir(ctx.tense(m.start(), m.end()), "past")
    start = m.start() if not m.group(0).lower().startswith("over") else m.start() + 5
    return _Cand(start, m.end(), "date", rel=f"wkend|{direction}")


def _h_year_end(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    delta = {"this": 0, "last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return _span(m, "date", rel=f"unit|year|{delta}")


def _h_that_unit(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    unit = m["unit"].lower()
    if unit in PARTS_OF_DAY:
        return _span(m, "time", rel=f"focuspod|{PARTS_OF_DAY[unit]}")
    return _span(m, "date", rel=f"focus|{unit}|0")


def _h_next_day(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    rel = (m["rel"] or m["rel2"]).lower()
    unit = (m["unit"] or m["unit2"]).lower()
    delta = 1 if rel in ("next", "following", "after") else -1
    pod = PARTS_OF_DAY.get(unit, "")
    return _span(m, "time" if pod else "date", rel=f"focusday|{delta}|{pod}")


def _h_year_period(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _span(m, "date", rel=f"fq|{m['y']}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _h_spelled_decade(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if not m.group(0).lower().startswith("the"):
        return None  # "in his forties" is an age
    return _span(m, "date", value=f"19{_DECADE_WORDS[m['dec'].lower()]}")


def _ref(value: str) -> _Handler:
    def handler(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
        return _span(m, "date", value=value)

    return handler


def _h_past_ref(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    word = m.group(0).lower()
    if word == "once":
        return None  # mostly "once again" / "at once"; not worth the false positives
    return _span(m, "date", value="PAST_REF")


_SOON_NOT_AFTER = re.compile(r"\s*(?:after|afterwards|before|as|than|thereafter)\b|-", re.I)
_SOON_NOT_BEFORE = re.compile(r"\b(?:as|too|so|how|very)\s*$", re.I)


def _soon_is_future(m: re.Match[str], ctx: _Ctx) -> bool:
    """"soon" names the near future only in a clause about what is still to come: "will soon
    begin", "may soon seek". "soon after the attack", "as soon as he arrives", "too soon" and
    a past clause ("was soon released": soon after a past event) relate two events instead."""
    if _SOON_NOT_AFTER.match(ctx.text, m.end()):
        return False
    if _SOON_NOT_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return False
    return ctx.tense(m.start(), m.end()) != "past"


def _h_future_ref(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    word = m.group(0).lower()
    if word in ("eventually", "one day"):
        return None  # mostly adverbs of manner in the gold standard we calibrated on
    if word == "soon" and not _soon_is_future(m, ctx):
        return None
    if word == "future":
        after = ctx.text[m.end() : m.end() + 20].lower()
        if not re.match(r"\s*(?:[.,;)]|$|\w+ly\b)", after) and not re.match(
            r"\s*(?:of|is|will|was|for|as|and)\b", after
        ):
            return None  # "future plans": an adjective, not a reference to the future
    return _span(m, "date", value="FUTURE_REF")


_SET_ADV = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "bimonthly": "P2M", "semiannually": "P6M", "annual": "P1Y", "twice-yearly": "P6M",
}


_NOT_NOUN_AFTER = re.compile(
    r"\s+(?:basis|and|or|to|for|in|at|on|by|from|since|until|during|over|with|than|through"
    r"|[a-z]+ly)\b"
)




def _h_set_adv(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    w = re.sub(r"[\s-]+", "-", m["w"].lower())
    after = ctx.text[m.end() : m.end() + 16]
    if re.match(r"\s+[A-Za-z]", after) and not _NOT_NOUN_AFTER.match(after):
        return None  # "quarterly dividend", "the annual Toy Fair": an adjective, not a SET
    if _AMOUNT_BEFORE.search(ctx.text, max(0, m.start() - 32), m.start()):
        return None  # "grow 8.5% annually" states a rate (an amount per year), not a recurrence
    return _span(m, "set", value=_SET_ADV[w])


def _h_set_every(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    q = m["q"].lower()
    unit_txt = m["unit"]
    if q in ("a", "per") and not m["freq"]:
        # "several times a year" recurs; "$35 a night", "15 million instructions per second"
        # are rates of an amount, which TimeML leaves untagged
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if not _FREQ_BEFORE.search(before):
            return None
    key = unit_txt.lower().rstrip(".")
    if key in WEEKDAYS:
        return _span(m, "set", value=f"XXXX-WXX-{WEEKDAYS[key] + 1}")
    if key in MONTHS:
        return _span(m, "set", value=f"XXXX-{MONTHS[key]:02d}")
    if key in SEASONS:
        return _span(m, "set", value=f"XXXX-{SEASONS[key]}")
    n = 2 if (m["n"] or "").lower() == "other" else (_count(m["n"]) if m["n"] else 1)
    unit = _unit_key(key)
    if unit not in UNITS:
        return None
    return _span(m, "set", value=_duration_value(n or 1, unit))


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    h, mi = int(m["h"]), int(m["m"] or 0)
    ampm = (m.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    if not 0 <= h <= 24:
        return None
    return h, mi


def _time_rel(m: re.Match[str], ctx: _Ctx, hhmm: str) -> str:
    """Template for a clock time, on the day named after it or on the anchor day."""
    if m["wd"]:
        direction = _dir(ctx.tense(m.start(), m.end()), "past")
        return f"wdtime|{_weekday(m['wd'])}|{direction}|{hhmm}"
    w = (m.groupdict().get("w") or m.groupdict().get("t") or "").lower()
    return f"time|{_DEICTIC_OFFSET.get(w, 0)}|{hhmm}"


def _h_time_clock(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    hm = _clock(m)
    if hm is None:
        return None
    start = m.start("h") if m["q"] and m["q"].lower() in ("at", "by", "until") else m.start()
    hhmm = f"{hm[0]:02d}:{hm[1]:02d}"
    if m["mon"]:
        return _Cand(start, m.end(), "time",
                     rel=f"mdtime|{_month(m['mon'])}|{int(m['d'])}|near|{hhmm}")
    return _Cand(start, m.end(), "time", rel=_time_rel(m, ctx, hhmm))


def _h_time_24(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _span(m, "time", rel=f"time|0|{m['h']}:{m['m']}")


def _h_noon(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    hhmm = "12:00" if m["w"].lower() == "noon" else "24:00"
    start = m.start("w") if m["q"] and m["q"].lower() in ("at", "by") else m.start()
    return _Cand(start, m.end(), "time", rel=_time_rel(m, ctx, hhmm))


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'"))
    if m["y"]:
        d = _holiday_date(name, int(m["y"]))
        return _span(m, "date", value=fmt_day(d)) if d else None
    rel = (m["rel"] or "").lower()
    direction = {"last": "past", "next": "future", "this": "near"}.get(
        rel, _dir(ctx.tense(m.start(), m.end()), "near"))
    return _span(m, "date", rel=f"hol|{name}|{direction}")


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    d = first + timedelta(days=(weekday - first.weekday()) % 7)
    if n > 0:
        return d + timedelta(weeks=n - 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> date | None:
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
             "halloween": (10, 31), "independence day": (7, 4),
             "valentine's day": (2, 14), "veterans day": (11, 11), "boxing day": (12, 26)}
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if name.startswith("easter"):
        e = _easter(year)
        return e + timedelta(days=1) if name.endswith("monday") else e
    if name in ("labor day", "labour day"):
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return None


# Order matters only for equal-length overlaps: earlier patterns win (prio).
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (P.WEEKDAY_PAREN, _h_weekday_paren),
    (P.DATE_MDY, _h_date_md),
    (P.DATE_DMY, _h_date_md),
    (P.DATE_ISO, _h_iso),
    (P.DATE_SLASH, _h_slash),
    (P.TIME_CLOCK, _h_time_clock),
    (P.TIME_24, _h_time_24),
    (P.NOON, _h_noon),
    (P.MONTH_YEAR, _h_month_year),
    (P.MONTH_REL_YEAR, _h_month_rel_year),
    (P.QUARTER, _h_quarter),
    (P.QUARTER_CODE, _h_quarter_code),
    (P.HALF, _h_half),
    (P.SEASON_YEAR, _h_season_year),
    (P.DECADE, _h_decade),
    (P.CENTURY, _h_century),
    (P.HOLIDAY, _h_holiday),
    (P.AGO, _h_ago),
    (P.UNIT_AGO, _h_unit_ago),
    (P.YEAR_EARLIER_ADJ, _h_year_earlier_adj),
    (P.DEICTIC_DAY, _h_deictic),
    (P.DAY_AROUND, _h_day_around),
    (P.POD_REL, _h_pod_rel),
    (P.POD_OF_DAY, _h_pod_of_day),
    (P.OVERNIGHT, _h_overnight),
    (P.REL_UNIT, _h_rel_unit),
    (P.WEEKDAY_EXPR, _h_weekday),
    (P.MONTH_ALONE, _h_month_alone),
    (P.MONTH_SPELLED_YEAR, _h_month_spelled_year),
    (P.SEASON_SPELLED_YEAR, _h_season_spelled_year),
    (P.SPELLED_YEAR, _h_spelled_year),
    (P.YEAR_ALONE, _h_year),
    (P.FUTURE_PHRASE, _ref("FUTURE_REF")),
    (P.RECENT_UNITS, _h_recent_units),
    (P.WEEKEND, _h_weekend),
    (P.YEAR_END, _h_year_end),
    (P.THAT_UNIT, _h_that_unit),
    (P.NEXT_DAY, _h_next_day),
    (P.YEAR_PERIOD, _h_year_period),
    (P.SPELLED_DECADE, _h_spelled_decade),
    (P.DURATION, _h_duration),
    (P.DURATION_ADJ, _h_duration_adj),
    (P.UNIT_LONG, _h_unit_long),
    (P.BARE_PLURAL, _h_bare_plural),
    (P.ANAPHORIC, _h_anaphoric),
    (P.SET_ADV, _h_set_adv),
    (P.SET_EVERY, _h_set_every),
    (P.PRESENT_REF, _ref("PRESENT_REF")),
    (P.PAST_REF, _h_past_ref),
    (P.FUTURE_REF, _h_future_ref),
)


def _anchor_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Positions of every anchor word and word class in one pass over the text."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in P.WORD_RE.finditer(text):
        word = m.group()
        span = (m.start(), m.end())
        if word[0].isdigit():
            hits.setdefault("<digit>", []).append(span)
            if len(word) == 4 and word[:2] in ("16", "17", "18", "19", "20"):
                hits.setdefault("<year>", []).append(span)
            continue
        low = word.lower()
        if low in P.ANCHOR_WORDS:
            hits.setdefault(low, []).append(span)
        if word[0].isupper():
            if word[:3] in P.MONTH_PREFIXES:
                hits.setdefault("<month>", []).append(span)
            elif word[:3] in P.WEEKDAY_PREFIXES:
                hits.setdefault("<weekday>", []).append(span)
    return hits


def _windows(keys: frozenset[str], hits: dict[str, list[tuple[int, int]]],
             length: int) -> list[tuple[int, int]]:
    """Merged character windows around the hits of a pattern's anchor words."""
    spans = sorted(span for key in keys for span in hits.get(key, ()))
    out: list[tuple[int, int]] = []
    margin = P.ANCHOR_MARGIN
    for s, e in spans:
        start, end = max(0, s - margin), min(length, e + margin)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _find(ctx: _Ctx) -> list[_Cand]:
    """All candidates, then the longest non-overlapping ones, in text order."""
    cands: list[_Cand] = []
    text = ctx.text
    hits = _anchor_hits(text)
    for prio, (pattern, handler) in enumerate(_PATTERNS):
        for start, end in _windows(P.ANCHORS[pattern], hits, len(text)):
            for m in pattern.finditer(text, start, end):
                c = handler(m, ctx)
                if c is not None and c.end > c.start:
                    c.prio = prio
                    cands.append(c)
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[_Cand] = []
    occupied: list[tuple[int, int]] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    taken.sort(key=lambda c: c.start)
    return taken


# ---------------------------------------------------------------------------------------------
# resolution of templates against an anchor, with a focus for anaphora


_PRECISION_BY_SHAPE: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d"), "minute"),
    (re.compile(r"^\d{4}-\d\d-\d\dT\d\d$"), "hour"),
    (re.compile(r"^\d{4}-\d\d-\d\dT[A-Z]{2}$"), "hour"),
    (re.compile(r"^\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"^\d{4}-W\d\d(-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "quarter"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)
_DURATION_PRECISION: dict[str, Precision] = {
    "S": "second", "M": "month", "H": "hour", "D": "day", "W": "week", "Q": "quarter",
    "Y": "year",
}


def precision_of(value: str | None, kind: str) -> Precision | None:
    """How precise a TIMEX3 value is (None for PRESENT_REF and the like)."""
    if value is None:
        return None
    if kind in ("duration", "set") and value.startswith("P"):
        timed = value.startswith("PT")
        letter = value[-1]
        if timed and letter == "M":
            return "minute"
        return _DURATION_PRECISION.get(letter, "unknown")
    for shape, precision in _PRECISION_BY_SHAPE:
        if shape.match(value):
            return precision
    return None


@dataclass(slots=True)
class _Focus:
    """The last date the text mentioned, for "the quarter", "a year earlier"."""

    value: str | None = None
    relative: bool = False  # the value came from a relative expression ("last year")


def _value_date(value: str) -> tuple[date, str] | None:
    """A representative date and unit for a resolved value, to shift it by a unit."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d)|-W(\d\d)|-H(\d))?", value)
    if not m or not value[:4].isdigit():
        return None
    y = int(m.group(1))
    if m.group(3):
        return date(y, int(m.group(2)), int(m.group(3))), "day"
    if m.group(2):
        return date(y, int(m.group(2)), 1), "month"
    if m.group(4):
        return date(y, 3 * int(m.group(4)) - 2, 1), "quarter"
    if m.group(5):
        return date.fromisocalendar(y, int(m.group(5)), 1), "week"
    if m.group(6):
        return date(y, 6 * int(m.group(6)) - 5, 1), "half"
    return date(y, 1, 1), "year"


def _fmt(d: date, unit: str) -> str:
    if unit == "day":
        return fmt_day(d)
    if unit == "month":
        return fmt_month(d.year, d.month)
    if unit == "quarter":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if unit == "week":
        return fmt_week(d)
    if unit == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return fmt_year(d.year)


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "half":
        return add_months(d, 6 * n)
    if unit == "decade":
        return add_years(d, 10 * n)
    if unit == "century":
        return add_years(d, 100 * n)
    return add_years(d, n)


# Template ops that need the anchor's day (not only its month or year).
_DAY_OPS = frozenset({"day", "wd", "md", "time", "wdtime", "mdtime", "hol", "wkend",
                      "focuspod", "focusday"})


def _resolve_one(rel: str, anchor: Anchor, focus: _Focus) -> str | None:
    op, *args = rel.split("|")
    a = anchor.day
    if op in _DAY_OPS and anchor.precision != "day":
        return None
    if op == "day":
        d = a + timedelta(days=int(args[0]))
        return fmt_day(d) + (f"T{args[1]}" if args[1] else "")
    if op == "wd":
        wd, direction, pod = int(args[0]), args[1], args[2]
        if direction == "strict-past":
            d = weekday_near(a - timedelta(days=1), wd, "past")
        elif direction == "strict-future":
            d = weekday_near(a + timedelta(days=1), wd, "future")
        else:
            d = weekday_near(a, wd, direction)
        return fmt_day(d) + (f"T{pod}" if pod else "")
    if op == "wdtime":
        d = weekday_near(a, int(args[0]), args[1])
        return f"{fmt_day(d)}T{args[2]}"
    if op == "time":
        day = a + timedelta(days=int(args[0]))
        fv = _value_date(focus.value) if focus.value else None
        if args[0] == "0" and fv and fv[1] == "day" and 0 < (a - fv[0]).days <= 7:
            day = fv[0]  # a bare clock time belongs to the day the story is talking about
        return f"{fmt_day(day)}T{args[1]}"
    if op == "wkend":
        sat = weekday_near(a, 5, args[0] if args[0] in ("past", "future") else "past")
        return fmt_week(sat) + "-WE"
    if op == "focusday":
        fv = _value_date(focus.value) if focus.value else None
        day = (fv[0] if fv and fv[1] == "day" else a) + timedelta(days=int(args[0]))
        return fmt_day(day) + (f"T{args[1]}" if args[1] else "")
    if op == "focuspod":
        fv = _value_date(focus.value) if focus.value else None
        day = fv[0] if fv and fv[1] == "day" else a
        return f"{fmt_day(day)}T{args[0]}"
    if op == "fq":
        fv = _value_date(focus.value) if focus.value else None
        if fv and fv[1] == "quarter":
            return f"{args[0]}-Q{quarter_of(fv[0])}"
        return args[0]
    if op == "md" and args[2] == "seq":
        return _next_in_sequence(int(args[0]), int(args[1]), a, focus)
    if op == "mon" and args[1] == "seq":
        return _next_in_sequence(int(args[0]), 0, a, focus)
    if op in ("md", "mdtime"):
        named_wd = int(args[3]) if op == "md" and len(args) > 3 and args[3] else None
        nd = day_near(a, int(args[0]), int(args[1]), args[2], named_wd)
        if nd is None:
            return None
        return fmt_day(nd) + (f"T{args[3]}" if op == "mdtime" else "")
    if op == "mon":
        mon = int(args[0])
        return fmt_month(month_near(a, mon, args[1]), mon)
    if op == "mony":
        return fmt_month(a.year + int(args[1]), int(args[0]))
    if op == "unit":
        unit, delta = args[0], int(args[1])
        if unit == "weekend":
            sat = weekday_near(a, 5, "this-week") + timedelta(weeks=delta)
            return fmt_week(sat) + "-WE"
        return _fmt(_shift(a, unit, delta), unit)
    if op == "qy":
        return f"{a.year + int(args[1]):04d}-Q{args[0]}"
    if op == "qtr":
        q, direction = int(args[0]), args[1]
        y = a.year
        if direction == "future":
            # the quarter just ended still has its results ahead, so it stays this year's
            y = y if q >= quarter_of(a) - 1 else y + 1
        else:
            y = y if q <= quarter_of(a) else y - 1
        return f"{y:04d}-Q{q}"
    if op == "yaq":
        # "the year-ago quarter": the quarter in focus (or holding the day in focus, as in
        # "the quarter ended Sept. 30"), else the last completed one, a year back
        fv = _value_date(focus.value) if focus.value else None
        in_focus = fv is not None and fv[1] in ("quarter", "month", "day")
        q_day = fv[0] if fv is not None and in_focus else _shift(a, "quarter", -1)
        return _fmt(_shift(q_day, "year", -1), "quarter")
    if op == "half":
        return f"{a.year + int(args[1]):04d}-H{args[0]}"
    if op == "season":
        return _season(a, args[0], args[1])
    if op == "hol":
        return _holiday_near(a, args[0], args[1])
    if op == "ago":
        return _ago(args[0], int(args[1]), args[2], a, focus)
    if op == "vague":
        return "PAST_REF" if int(args[1]) < 0 else "FUTURE_REF"
    if op == "focus":
        return _focus_unit(args[0], args[1], a, focus)
    return None


def _next_in_sequence(month: int, dom: int, a: date, focus: _Focus) -> str | None:
    """The first ``month``/``dom`` (the month itself when ``dom`` is 0) on or after the date
    in focus, i.e. the one before it in the list; without one, as a month-day near ``a``."""
    fv = _value_date(focus.value) if focus.value else None
    if fv is None or fv[1] not in ("day", "month"):
        if dom == 0:
            return fmt_month(month_near(a, month, "near"), month)
        nd = day_near(a, month, dom, "near")
        return fmt_day(nd) if nd else None
    prev = fv[0]
    for year in (prev.year, prev.year + 1):
        if dom == 0:
            if (year, month) >= (prev.year, prev.month):
                return fmt_month(year, month)
            continue
        try:
            d = date(year, month, dom)
        except ValueError:
            return None
        if d >= prev:
            return fmt_day(d)
    return None


def _season(a: date, season: str, direction: str) -> str:
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    # index seasons by (year, start month); winter belongs to the year it starts in
    cur_year = a.year if not (season == "WI" and a.month < 3) else a.year - 1
    start = date(cur_year, start_month, 1)
    if direction == "strict-past":
        y = cur_year if add_months(start, 3) <= a.replace(day=1) else cur_year - 1
    elif direction == "strict-future":
        y = cur_year if start > a else cur_year + 1
    else:
        y = a.year
    return f"{y:04d}-{season}"


def _holiday_near(a: date, name: str, direction: str) -> str | None:
    options = [d for y in (a.year - 1, a.year, a.year + 1) if (d := _holiday_date(name, y))]
    if not options:
        return None
    if direction == "past":
        past = [d for d in options if d <= a]
        return fmt_day(max(past)) if past else None
    if direction == "future":
        fut = [d for d in options if d >= a]
        return fmt_day(min(fut)) if fut else None
    return fmt_day(min(options, key=lambda d: abs((d - a).days)))


def _ago(unit: str, n: int, base: str, a: date, focus: _Focus) -> str | None:
    if unit in ("hour", "minute", "second"):
        return None
    if unit == "weekend":
        return None
    fv = _value_date(focus.value) if focus.value else None
    from_focus = base in ("focus", "adj")
    if fv and (from_focus or fv[1] == "quarter") and fv[1] in ("quarter", "year", "month",
                                                                 "day", "half"):
        d, fu = fv
        if (base == "adj" and focus.relative and fu == "year" and unit == "year"
                and d.year == a.year - 1):
            # "Last year losses totaled X. The year-earlier results ...": the adjective
            # names results news's comparison period, which "last year" already is; an
            # adverb ("up from X a year earlier") or an absolute year ("in 1986") still
            # steps back from the year in focus
            pass
        elif unit == "year" or (unit == "quarter" and fu == "quarter") or (unit == "month"
                                                                          and fu == "month"):
            return _fmt(_shift(d, unit, n), fu)
    shown = {"day": "day", "week": "day", "month": "month", "quarter": "quarter",
             "year": "year", "decade": "year", "century": "year"}.get(unit, "day")
    if unit in ("decade", "century"):
        return _fmt(_shift(a, unit, n), "decade" if unit == "decade" else "century")
    return _fmt(_shift(a, unit, n), shown)


def _focus_unit(unit: str, how: str, a: date, focus: _Focus) -> str | None:
    fv = _value_date(focus.value) if focus.value else None
    if unit == "period":
        if fv:
            d, fu = fv
            return _fmt(_shift(d, fu, -1 if how == "-1" else 0), fu)
        unit = "quarter"
    if how == "latest":
        # the latest quarter reported on has ended: a quarter in focus that has not (the
        # "fourth-quarter charge" a company expects) is not the one meant
        last_done = _shift(a, "quarter", -1)
        if fv and fv[1] == "quarter" and _fmt(fv[0], "quarter") <= _fmt(last_done, "quarter"):
            return _fmt(fv[0], "quarter")
        return _fmt(last_done, "quarter")
    delta = int(how)
    if fv and fv[1] in (unit, "day", "month", "quarter", "half", "year") and _coarser_or_equal(
        unit, fv[1]
    ):
        return _fmt(_shift(fv[0], unit, delta), unit)
    if unit == "quarter":
        return _fmt(_shift(a, "quarter", delta - 1 if delta <= 0 else delta), "quarter")
    return _fmt(_shift(a, unit, delta), unit)


_ORDER = ("day", "week", "month", "quarter", "half", "year", "decade", "century")


def _coarser_or_equal(unit: str, than: str) -> bool:
    if unit not in _ORDER or than not in _ORDER:
        return False
    return _ORDER.index(unit) >= _ORDER.index(than)


def _updates_focus(value: str | None, kind: str) -> bool:
    return bool(value) and kind == "date" and value is not None and value[:4].isdigit()


# Templates that refer back to the focus do not move it: in "third-quarter profit rose from
# a year earlier ... a year earlier" both refer to the quarter, not to each other.
_FOCUS_NEUTRAL_OPS = frozenset({"ago", "vague", "fq", "focuspod", "yaq"})  # focusday moves it


def _resolve(
    items: Sequence[tuple[str | None, str | None, str]], anchor: Anchor | None
) -> list[str | None]:
    """Values for (value, template, kind) items in text order; None where unresolvable."""
    focus = _Focus()
    out: list[str | None] = []
    for value, rel, kind in items:
        if value is None and rel is not None and anchor is not None:
            value = _resolve_one(rel, anchor, focus)
        op = rel.split("|", 1)[0] if rel else ""
        if _updates_focus(value, kind) and op not in _FOCUS_NEUTRAL_OPS:
            focus.value = value
            focus.relative = rel is not None
        out.append(value)
    return out


# ---------------------------------------------------------------------------------------------
# public API


def _sent_starts_from_text(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n", text):
        starts.append(m.end())
    return starts


def _tag(text: str, report_id: str, anchor: str | None, doc: Doc | None) -> list[TimeExpr]:
    if doc is not None:
        sent_starts = [s.start_char for s in doc.sents]

        def tense(start: int, end: int) -> str | None:
            found = _doc_tense(doc, start, end)
            if found is None and REGEX_TENSE_FALLBACK:
                s, e = _sentence_of(ctx, start)
                return _regex_tense(text, s, e)
            return found
    else:
        sent_starts = _sent_starts_from_text(text)

        def tense(start: int, end: int) -> str | None:
            s, e = _sentence_of(ctx, start)
            return _regex_tense(text, s, e)

    ctx = _Ctx(text, tense, sent_starts)
    cands = _find(ctx)
    parsed = parse_anchor(anchor) if anchor else None
    values = _resolve([(c.value, c.rel, c.kind) for c in cands], parsed)
    out: list[TimeExpr] = []
    for c, value in zip(cands, values, strict=True):
        if c.rel is None:
            anchor_kind = "absolute"
        elif value is None:
            anchor_kind = "unresolved"
        else:
            anchor_kind = "publication"
        out.append(
            TimeExpr(
                report_id=report_id,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                value=value,
                precision=precision_of(value, c.kind),
                anchor=anchor_kind,
                kind=c.kind,
                relative=c.rel,
            )
        )
    return out


def extract_times(doc: Doc, report_id: str, anchor: str | None) -> list[TimeExpr]:
    """Time expressions of a parsed report, normalized against ``anchor`` (the publication
    date, ISO 8601) or left unresolved (value None, anchor "unresolved") without one."""
    return _tag(doc_text(doc), report_id, anchor, doc)


def tag_text(text: str, anchor: str | None, nlp: object | None = None) -> list[TimeExpr]:
    """Tag raw text; with a spaCy pipeline ``nlp`` the verb tense comes from its parse."""
    doc = nlp(text) if nlp is not None else None  # type: ignore[operator]
    return _tag(text, "", anchor, doc)


def resolve_times(
    times: Sequence[TimeExpr], anchor: str, anchor_kind: str = "story-estimated"
) -> list[TimeExpr]:
    """Resolve a report's unresolved relative expressions against a later-known ``anchor``.

    ``times`` must be all of the report's time expressions in text order (absolute ones
    set the focus that "a year earlier" refers to). Already resolved ones are returned as
    they are; the newly resolved get ``anchor=anchor_kind``.
    """
    parsed = parse_anchor(anchor)
    items = [
        (None if t.anchor == "unresolved" else t.value, t.relative, t.kind) for t in times
    ]
    values = _resolve(items, parsed)
    out: list[TimeExpr] = []
    for t, value in zip(times, values, strict=True):
        if t.anchor == "unresolved" and value is not None:
            t = replace(t, value=value, precision=precision_of(value, t.kind),
                        anchor=anchor_kind)
        out.append(t)
    return out


__all__ = ["extract_times", "precision_of", "resolve_times", "tag_text"]
