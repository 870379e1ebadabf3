"""Numbers in news text, in any common locale, with what they count.

"15.000 Iranian drones" and "15,000 of our drones" are the same claim: 15000, unit "drones".
Values are read by regular expressions (digit groups, scale words, currency, percent, number
words); the counted noun comes from the dependency parse: the noun the number modifies, or the
noun of an "of (our) X" complement. Day numbers inside dates and clock times are not numbers
here (the time-expression extractor owns them); four-digit years in date context are kept as
kind "year" so that they are never compared with counted quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsprism.analyze.timex import MONTHS, ORDINALS, SMALL_NUMBERS, UNITS, doc_text
from newsprism.types import NumberExpr

_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12,
    "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
_CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "a$": "AUD",
    "c$": "CAD", "hk$": "HKD", "chf": "CHF", "cny": "CNY", "rmb": "CNY",
}
_CURRENCY_NOUNS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR",
    "rupees": "INR", "rial": "IRR", "rials": "IRR", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "francs": "CHF", "dinars": "DIN", "lira": "TRY",
    "dlrs": "USD", "dlr": "USD", "stg": "GBP", "sterling": "GBP", "cts": "cents",
    "cents": "cents", "cent": "cents",
}
_QUALIFIERS: dict[str, str] = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "well over": "more than", "just over": "more than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "no more than": "up to", "fewer than": "less than", "less than": "less than",
    "under": "less than", "exactly": "exactly", "precisely": "exactly",
}
_QUALIFIER_RE = re.compile(
    r"(?:^|\s)(?P<q>" + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len,
                                        reverse=True)) + r")\s+$",
    re.IGNORECASE,
)

_NUMERAL = (
    r"(?<![\w.,/:-])(?P<cur>US\$|A\$|C\$|HK\$|[$€£¥₹]|(?:USD|EUR|GBP|CHF|Rs\.?)\s?)?"
    r"(?P<num>\d{1,3}(?:(?P<sep>[,.\u00a0\u202f'’])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|hundred|lakh|crore|bln|mln|tn|bn|mn"
    r"|[mbk])\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b|pct\b|percentage\s+points?\b))?"
    r"(?P<hyph>-(?P<hunit>second|minute|hour|day|week|month|year|decade|century)s?\b"
    r"(?:-(?:old|long))?)?"
    r"(?![\w.,:]\d|[\w/]|-\d)"
)
_NUMERAL_RE = re.compile(_NUMERAL, re.IGNORECASE)

_WORD_UNITS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety"
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?P<w>(?:(?:" + _WORD_UNITS + r")(?:[-\s](?:" + _WORD_UNITS + r"))?"
    r"(?:\s+hundred(?:\s+(?:and\s+)?(?:" + _WORD_UNITS + r")(?:-(?:" + _WORD_UNITS + r"))?)?)?"
    r"|a\s+hundred|a\s+thousand|a\s+million|a\s+billion|half\s+a\s+(?:million|billion)"
    r"|a\s+dozen|a\s+couple\s+of|a\s+score\s+of)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion))?)"
    r"(?P<hyph>-(?P<hunit>second|minute|hour|day|week|month|year|decade|century)s?\b"
    r"(?:-(?:old|long))?)?\b",
    re.IGNORECASE,
)
# Plural scale words name ranges: "dozens" is at least 24, "hundreds" at least 200.
_RANGE_WORDS: dict[str, float] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
    "hundreds of thousands": 200000, "millions": 2e6, "tens of millions": 2e7,
    "hundreds of millions": 2e8, "billions": 2e9,
}
_RANGE_RE = re.compile(
    r"\b(?P<w>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds"
    r"|thousands|millions|billions)\b(?=\s+of\b|\s+(?:more|\w+))",
    re.IGNORECASE,
)
_MULTIPLIER_RE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|" + _WORD_UNITS + r")(?:\s+times|-fold)\b|\b(?P<w>twice|thrice"
    r"|double|triple|quadruple)(?=\s+(?:as|the|that|what|its|their|his|her|over|in|from)\b)",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(
    r"\b(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|twentieth|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|from|until|till|to|of|during|before|after|between|and|early|late"
    r"|mid|fiscal|year|the|spring|summer|autumn|fall|winter|through)\s*-?|,|"
    + "|".join(m.capitalize() for m in MONTHS) + r"\.?)\s*$",
)
_TIME_UNITS = frozenset(UNITS) | {u + "s" for u in UNITS} | {"centuries"}
_WORD_VALUES: dict[str, float] = {
    "a hundred": 100.0, "a thousand": 1000.0, "a million": 1e6, "a billion": 1e9,
    "half a million": 5e5, "half a billion": 5e8, "a dozen": 12.0, "a couple of": 2.0,
    "a score of": 20.0,
}
_AGE_AFTER = re.compile(r"\s*(?:-|\s)?years?[\s-]old\b", re.IGNORECASE)
_MULTIPLIER_WORDS = {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "quadruple": 4}


def parse_numeral(text: str) -> float | None:
    """The value of a digit string in any common locale.

    "15.000" and "15,000" are 15000 (one separator followed by exactly three digits groups
    thousands); "1.5" and "3,5" are decimals; "1.234,5" and "1,234.5" are both 1234.5.
    """
    s = text.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif s.count(",") + s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, tail = s.split(sep)
        if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
            s = head + tail
        else:
            s = head + "." + tail
    try:
        return float(s)
    except ValueError:
        return None


def words_value(text: str) -> float | None:
    """The value of a number written in words ("twenty-five", "three hundred", "a dozen")."""
    w = re.sub(r"\s+", " ", text.lower().strip())
    if w in _WORD_VALUES:
        return _WORD_VALUES[w]
    total = 0.0
    current = 0.0
    for part in re.split(r"[\s-]+", w):
        if part == "and":
            continue
        if part == "hundred":
            current = (current or 1) * 100
        elif part in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * _SCALES[part]
            current = 0
        elif part in SMALL_NUMBERS and part not in ("a", "an", "couple", "dozen", "half"):
            current += SMALL_NUMBERS[part]
        else:
            return None
    return total + current


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(doc: Doc, span: Span) -> str | None:
    """What a number counts: the noun it modifies, or the noun of its "of" complement."""
    last = span[-1]
    for tok in (last, span.root):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
                    return pobj[0].text.lower()
    head = span.root.head
    hops = 0
    while head.i in range(span.start, span.end) and hops < 3:
        head = head.head
        hops += 1
    if span.root.dep_ in ("nummod", "compound", "quantmod", "amod", "npadvmod") and head.pos_ in (
        "NOUN", "PROPN"
    ) and head.i > span.end - 1:
        return head.text.lower()
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN"):
        return nxt.text.lower()
    return None


def _qualifier(text: str, start: int) -> str | None:
    m = _QUALIFIER_RE.search(text[max(0, start - 24) : start])
    return _QUALIFIERS[m["q"].lower()] if m else None


def _in_date_or_time(text: str, start: int, end: int) -> bool:
    """Day numbers of dates ("April 27", "27 April") and clock times ("10:30", "3 p.m.")."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 12]
    month_before = re.search(r"\b(?:" + "|".join(MONTHS) + r")\.?\s*$", before, re.I)
    month_after = re.match(r"\s*(?:of\s+)?(?:" + "|".join(MONTHS) + r")\b", after, re.I)
    clock = re.match(r"\s*(?:a\.?m\b|p\.?m\b|o['’]clock|GMT|[ECMP][SD]T)", after, re.I)
    return bool(month_before or (month_after and re.match(r"\d{1,2}$", text[start:end]))
                or clock)


def _is_year(doc: Doc, text: str, start: int, end: int, value: float, qualified: bool) -> bool:
    if not (1600 <= value <= 2099) or qualified or not re.fullmatch(r"\d{4}", text[start:end]):
        return False
    span = _tokens(doc, start, end)
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in _TIME_UNITS:
        return bool(_YEAR_CONTEXT_BEFORE.search(text[max(0, start - 16) : start])) and (
            nxt.lower_ in ("elections", "talks", "games", "olympics", "results")
        )
    return True


def _numerals(doc: Doc, text: str, report_id: str) -> Iterator[NumberExpr]:
    for m in _NUMERAL_RE.finditer(text):
        start, end = m.start(), m.end()
        if m["hyph"]:
            end = m.start("hyph")
        if _in_date_or_time(text, m.start("num"), m.end("num")) and not (m["cur"] or m["pct"]):
            continue
        value = parse_numeral(m["num"])
        if value is None:
            continue
        scale = (m["scale"] or "").lower()
        if scale in ("m", "b", "k") and not m["cur"]:
            scale = ""  # a bare "5m" is metres more often than millions
            end = m.end("num")
        if scale:
            value *= _SCALES[scale]
        qualifier = _qualifier(text, start)
        if m["hyph"]:
            if (m["hyph"] or "").lower().endswith("-old"):
                yield NumberExpr(report_id, start, m.end("num"), text[start : m.end("num")],
                                 value, unit="years old", kind="age")
                continue
            unit = m["hunit"].lower()
            yield NumberExpr(report_id, start, m.end(), text[start : m.end()], value, unit=unit,
                             kind="duration", qualifier=qualifier)
            continue
        span = _tokens(doc, start, end)
        if m["pct"]:
            yield NumberExpr(report_id, start, m.end(), text[start : m.end()], value, unit="%",
                             kind="percent", qualifier=qualifier)
            continue
        if m["cur"]:
            cur = _CURRENCIES.get(m["cur"].strip().lower(), m["cur"].strip())
            yield NumberExpr(report_id, start, end, text[start:end], value, unit=cur,
                             kind="money", qualifier=qualifier)
            continue
        if not scale and _is_year(doc, text, start, end, value, qualifier is not None):
            yield NumberExpr(report_id, start, end, text[start:end], value, kind="year")
            continue
        yield _with_unit(doc, text, span, report_id, start, end, value, qualifier)


def _with_unit(doc: Doc, full: str, span: Span | None, report_id: str, start: int, end: int,
               value: float, qualifier: str | None) -> NumberExpr:
    text = full[start:end]
    if _AGE_AFTER.match(full, end):
        return NumberExpr(report_id, start, end, text, value, unit="years old", kind="age")
    noun = _counted_noun(doc, span) if span is not None else None
    if noun in _CURRENCY_NOUNS:
        return NumberExpr(report_id, start, end, text, value, unit=_CURRENCY_NOUNS[noun],
                          kind="money", qualifier=qualifier)
    if noun in _TIME_UNITS:
        unit = noun[:-1] if noun.endswith("s") and noun[:-1] in UNITS else noun
        if noun == "centuries":
            unit = "century"
        return NumberExpr(report_id, start, end, text, value, unit=unit, kind="duration",
                          qualifier=qualifier)
    return NumberExpr(report_id, start, end, text, value, unit=noun, kind="count",
                      qualifier=qualifier)


def _word_numbers(doc: Doc, text: str, report_id: str) -> Iterator[NumberExpr]:
    for m in _WORD_NUMBER_RE.finditer(text):
        words = m["w"]
        value = words_value(words)
        if value is None or value == 0:
            continue
        start, end = m.start(), m.start() + len(words)
        span = _tokens(doc, start, end)
        if span is None:
            continue
        qualifier = _qualifier(text, start)
        if m["hyph"]:
            yield NumberExpr(report_id, start, m.end(), text[start : m.end()], value,
                             unit=m["hunit"].lower(), kind="duration", qualifier=qualifier)
            continue
        if words.lower() == "one" and not _modifies_noun(span):
            continue  # "one of them", "no one": a pronoun, not a count
        yield _with_unit(doc, text, span, report_id, start, end, value, qualifier)


def _modifies_noun(span: Span) -> bool:
    root: Token = span.root
    return root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN")


def _ranges(doc: Doc, text: str, report_id: str) -> Iterator[NumberExpr]:
    for m in _RANGE_RE.finditer(text):
        low = _RANGE_WORDS[re.sub(r"\s+", " ", m["w"].lower())]
        span = _tokens(doc, m.start(), m.end())
        noun = _counted_noun(doc, span) if span is not None else None
        unit = _CURRENCY_NOUNS.get(noun, noun) if noun else None
        yield NumberExpr(report_id, m.start(), m.end(), m.group(0), None, unit=unit,
                         kind="range", low=low, high=None, qualifier=_qualifier(text, m.start()))


def _multipliers(doc: Doc, text: str, report_id: str) -> Iterator[NumberExpr]:
    low = text.lower()
    if not any(w in low for w in ("times", "fold", "twice", "thrice", "double", "triple",
                                  "quadruple")):
        return  # the regex scans every word boundary; most reports have no multiplier
    for m in _MULTIPLIER_RE.finditer(text):
        if m["w"]:
            value: float | None = _MULTIPLIER_WORDS[m["w"].lower()]
        else:
            raw = m["n"]
            value = float(raw) if raw[0].isdigit() else words_value(raw)
        if value is None:
            continue
        yield NumberExpr(report_id, m.start(), m.end(), m.group(0), value, unit="times",
                         kind="multiplier", qualifier=_qualifier(text, m.start()))


def _ordinals(doc: Doc, text: str, report_id: str) -> Iterator[NumberExpr]:
    for m in _ORDINAL_RE.finditer(text):
        word = m["o"].lower()
        value = ORDINALS.get(word)
        if value is None:
            digits = re.match(r"\d+", word)
            value = int(digits.group(0)) if digits else None
        if value is None:
            continue
        span = _tokens(doc, m.start(), m.end())
        if span is None:
            continue
        if word == "second" and span.root.ent_type_ != "ORDINAL" and span.root.tag_ != "JJ":
            continue  # "a second" of time
        if _in_date_or_time(text, m.start(), m.end()):
            continue
        noun = _counted_noun(doc, span)
        yield NumberExpr(report_id, m.start(), m.end(), m.group(0), float(value), unit=noun,
                         kind="ordinal")


def extract_numbers(doc: Doc, report_id: str) -> list[NumberExpr]:
    """Every number in the parsed report, longest match first where two overlap."""
    found: list[NumberExpr] = []
    text = doc_text(doc)
    for gen in (_multipliers, _ranges, _numerals, _word_numbers, _ordinals):
        found.extend(gen(doc, text, report_id))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    out: list[NumberExpr] = []
    last_end = -1
    for n in found:
        if n.start >= last_end:
            out.append(n)
            last_end = n.end
    return out
