"""Regular expressions that find time expressions in English news text.

Each pattern is compiled once at import. The handlers in ``times.py`` read the named groups;
the building blocks below keep the alternatives in one place so that, for example, every
pattern accepts the same spellings of month names.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)"
)
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a\s+hundred|one\s+hundred|a\s+dozen|a\s+couple\s+of|a\s+couple|couple\s+of)"
)
# "2 1/2" and the wire-service "2-1/2"
NUM = rf"(?:\d+(?:\s+|-)1/2|\d+(?:\.\d+)?|{NUMWORD})"
VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|countless|numerous)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centuries|century|millenni(?:um|a)|weekends?)"
)
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
ORD = (
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
MOD = r"(?:early|late|mid|earlier|later|the\s+(?:beginning|start|end|middle|close)\s+of)"
TZ = r"(?:[ECMP][SD]T|GMT|UTC|UT|Z)"
AMPM = r"(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b|AM\b|PM\b)"

_F = re.IGNORECASE


def _c(pattern: str, flags: int = _F) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# Month names are matched case-sensitively (capitalized) so that "may" and "march" the
# verbs never start a date; the rest of each pattern is case-insensitive via inline groups.
DATE_MDY = _c(
    rf"(?:\b(?P<wd>{WEEKDAY}),?\s+)?\b(?P<mon>{MONTH})\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?:,?\s*(?P<y>{YEAR})\b|,?\s+'(?P<yy>\d\d)\b)?",
    0,
)
DATE_DMY = _c(
    rf"(?:\b(?P<wd>{WEEKDAY}),?\s+)?\b(?:(?i:the)\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"\s+(?:(?i:of)\s+)?(?P<mon>{MONTH})(?![a-z])(?:,?\s*(?P<y>{YEAR})\b)?",
    0,
)
DATE_ISO = _c(
    r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d))?\b"
)
DATE_SLASH = _c(r"(?<![\d/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])")
MONTH_YEAR = _c(
    rf"\b(?:(?P<mod>(?i:{MOD}))[\s-]+)?(?P<mon>{MONTH})(?:\s+(?i:of))?,?\s*(?P<y>{YEAR})\b",
    0,
)
MONTH_REL_YEAR = _c(
    rf"\b(?:(?P<mod>(?i:{MOD}))[\s-]+)?(?P<mon>{MONTH})\s+(?P<rel>(?i:last|this|next))\s+"
    r"(?i:year)\b",
    0,
)
MONTH_ALONE = _c(
    rf"\b(?:(?P<rel>(?i:last|next|this|coming|past))\s+|(?P<mod>(?i:{MOD}))[\s-]+)?"
    rf"(?P<mon>{MONTH})(?![\w-])",
    0,
)
SPELLED_YEAR = _c(
    r"\b(?:(?:the\s+year\s+)?(?P<c>nineteen)\s+(?P<rest>(?:twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:\s+(?P<rest2>one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?))?)\b"
)
# A year as broadcast transcripts write it ("nineteen ninety-four"), after a month or season.
_SPELLED_19 = (
    r"(?i:nineteen\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
MONTH_SPELLED_YEAR = _c(
    rf"\b(?P<mon>{MONTH})(?:\s+(?i:of))?,?\s+(?P<sy>{_SPELLED_19})\b", 0
)
SEASON_SPELLED_YEAR = _c(
    rf"\b(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<sy>{_SPELLED_19})\b"
)
YEAR_ALONE = _c(
    rf"\b(?:(?P<pre>fiscal(?:\s+year)?|the\s+(?:fiscal\s+)?year|calendar|FY|(?:{MOD}))"
    rf"[\s-]*)?(?P<y>{YEAR})(?![\d,.]\d|%|\s*(?:percent|per\s+cent))\b"
)
DECADE = _c(
    rf"\b(?:the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s"
    r"|'(?P<dec2>\d0)'?s)\b"
)
CENTURY = _c(
    rf"\b(?:the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<ord>(?:\d{{1,2}}(?:st|nd|rd|th))|{ORD}"
    r"|(?:nineteenth|twentieth|twenty-first))\s+century\b"
)
QUARTER = _c(
    r"\b(?:(?P<pre>the|this|last|next|(?:this|last|next)\s+year's|(?P<y1>(?:19|20)\d\d)(?:'s)?)"
    r"\s+)?(?:(?P<fiscal>fiscal)\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+)?"
    rf"(?P<ord>{ORD}|final)[\s-]+(?:fiscal[\s-]+)?(?:-?)quarter\b"
    r"(?:\s+of\s+(?:(?P<y2>(?:19|20)\d\d)|(?:the\s+)?(?:fiscal\s+)?(?P<y2rel>this|last|next|"
    r"the\s+current)\s+(?:fiscal\s+)?year))?"
)
QUARTER_CODE = _c(r"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s*(?P<y>(?:19|20)\d\d))?\b", 0)
HALF = _c(
    rf"\b(?:the\s+)?(?P<ord>first|second|last|1st|2nd)\s+half(?:\s+of\s+(?:(?P<y>{YEAR})"
    r"|(?P<rel>this|last|next)\s+year|the\s+'(?P<dec2>\d0)s))?\b"
)
DEICTIC_DAY = _c(
    r"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<w>today|tonight|yesterday|tomorrow)"
    rf"(?:\s+(?P<pod>{PART_OF_DAY}))?\b(?!['’]s\s+(?:news|world|society|economy|market|youth"
    r"|generation|standards|children|young|technology|culture|politics))"
)
DAY_AROUND = _c(r"\bthe\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow)\b")
POD_REL = _c(
    rf"\b(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<rel>this|last|tomorrow|yesterday)"
    rf"\s+(?P<pod>{PART_OF_DAY})\b"
)
POD_OF_DAY = _c(
    rf"\b(?:(?P<mod>early|late|mid)[\s-]*)?(?P<pod>{PART_OF_DAY})\s+(?P<w>yesterday|today"
    r"|tomorrow)\b"
)
OVERNIGHT = _c(r"\b(?:overnight|midday|mid[\s-]?afternoon|mid[\s-]?morning)\b")
WEEKDAY_EXPR = _c(
    r"\b(?:(?P<rel>(?i:last|next|this|coming|past|earlier|later|early|late|since|until|by"
    r"|before|after|on))\s+)?"
    rf"(?P<wd>{WEEKDAY})(?P<pl>s)?(?:['’]s)?(?:\s+(?P<pod>(?i:{PART_OF_DAY}))(?P<podpl>s)?)?\b"
    rf"(?!,?\s+{MONTH}\s*\d)(?!\s+\(\s*{MONTH})",
    0,
)
WEEKDAY_PAREN = _c(
    rf"\b(?P<wd>{WEEKDAY})\s*\(\s*(?P<mon>{MONTH})\s*(?P<d>[0-3]?\d)(?:,?\s*(?P<y>{YEAR}))?"
    r"\s*\)",
    0,
)
REL_UNIT = _c(
    rf"\b(?:(?P<mod>{MOD})[\s-]+)?(?P<the>the\s+)?(?P<rel>last|next|this|coming|past|previous"
    r"|current|following|same|prior|preceding|upcoming)[\s-]+(?:(?P<fiscal>fiscal|calendar)"
    rf"\s+)?(?P<unit>week|month|year|quarter|decade|century|weekend|{SEASON})(?P<pos>['’]s)?\b"
)
SEASON_YEAR = _c(
    rf"\b(?:the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<season>{SEASON})\s+(?:of\s+)?(?P<y>{YEAR})"
    rf"|(?P<y2>{YEAR})\s+(?P<season2>{SEASON}))\b"
)
AGO = _c(
    r"\b(?:(?P<q>about|nearly|almost|some|more\s+than|over|roughly|just|only|barely|less\s+than"
    rf"|around|at\s+least)\s+)?(?<![\d,./])(?P<n>{NUM}|{VAGUE}|an?)\s+(?P<unit>{UNIT})"
    r"(?:\s+or\s+so)?"
    r"\s+(?P<dir>ago|earlier|later|previously|from\s+now|hence)\b"
)
UNIT_AGO = _c(
    r"\b(?P<unit>day|week|month|year|decade)(?P<pl>s)?\s+(?P<dir>ago|earlier|later)\b"
)
YEAR_EARLIER_ADJ = _c(
    r"\b(?:(?P<the>the|a)\s+)?(?P<unit>year|quarter|month)[\s-](?P<dir>earlier|ago)"
    rf"(?:\s+(?:(?P<ord>{ORD})\s+)?(?P<what>quarter|period|month|year|week|level|levels"
    r"|results?|figures?|loss|profit|earnings|net))?\b"
)
ANAPHORIC = _c(
    r"\bthe\s+(?:(?P<adj>latest|last|most\s+recent|recent|current|same|previous|prior|"
    r"comparable|fiscal|full|whole|entire|calendar)\s+)?(?P<unit>quarter|year|period|week|month)"
    r"\b(?!\s+(?:of|before|after|earlier|ago|when|that|in\s+which)\b)(?!-)"
)  # (?!-): "the quarter-to-quarter comparison", "the year-to-date figures" name no period
DURATION = _c(
    r"\b(?:(?P<pre>(?:(?:for|in|over|during|within|at\s+least)\s+)?the\s+(?:past|last|next"
    r"|first|previous|coming|final|following|remaining|same|prior|preceding|initial|latter"
    r"|former)|the|(?:more|less|fewer)\s+than|at\s+least|at\s+most|nearly|almost|about|around"
    r"|some|roughly|over|under|up\s+to|another|only|just|a\s+further|an\s+additional"
    r"|approximately|close\s+to)\s+)?"
    rf"(?<![\d,./])(?P<n>{NUM}|{VAGUE}|a|an|half\s+an?|an?\s+half)\s+(?:(?:more|full|consecutive"
    r"|straight"
    rf"|additional|long|short|extra)\s+)?(?P<unit>{UNIT})"
    rf"(?P<more>\s+and\s+a\s+half)?(?!\s*-)\b"
)
DURATION_ADJ = _c(
    rf"\b(?P<n>\d+(?:\.\d+)?|{NUMWORD}|half)[\s-](?P<unit>second|minute|hour|day|night|week"
    r"|month|quarter|year|decade|century)(?:s)?(?P<suf>-old|-long|-plus)?(?=[-\s])"
)
UNIT_LONG = _c(r"\b(?P<unit>day|week|month|year|decade|century)[\s-]long\b")
BARE_PLURAL = _c(
    r"\b(?P<cue>for|in|within|over|after|took|take|takes|last(?:ed|s)?|spent|spend|nearly"
    r"|almost)\s+(?P<the>the\s+)?(?P<unit>minutes|hours|days|weeks|months|years|decades"
    r"|centuries)(?!\s+(?:of|ago|earlier|later|before|after|to\s+come|ahead)\b)\b"
)
FUTURE_PHRASE = _c(
    r"\b(?:(?:in\s+)?the\s+(?:coming|upcoming)\s+(?:days|weeks|months|years|decades|quarters)"
    r"|(?:the\s+)?(?:days|weeks|months|years|quarters)\s+(?:ahead|to\s+come)"
    r"|coming\s+(?:days|weeks|months|years|quarters))\b"
)
RECENT_UNITS = _c(
    r"\b(?:(?:in|over|during)\s+)?(?P<what>recent|past)\s+(?P<unit>days|weeks|months|years"
    r"|decades|quarters)\b"
)
WEEKEND = _c(r"\b(?:over\s+)?the\s+(?P<w>weekend)\b")
YEAR_END = _c(
    r"\b(?:(?:the\s+)?(?P<rel>this|last|next)\s+)?(?:year[\s-]end|year['’]s\s+end"
    r"|the\s+end\s+of\s+the\s+year)\b"
)
THAT_UNIT = _c(
    r"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?:that|the\s+same)\s+(?P<unit>day|week"
    r"|month|quarter|year|morning|afternoon|evening|night)\b"
)
NEXT_DAY = _c(
    r"\bthe\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon"
    r"|evening|night)\b|\bthe\s+(?P<unit2>day|night)\s+(?P<rel2>before|after)\b(?!\s+(?:the|a"
    r"|his|her|their|its|[A-Z]))"
)
YEAR_PERIOD = _c(r"\bthe\s+(?P<y>(?:19|20)\d\d)\s+(?P<what>quarter|period)\b")
SPELLED_DECADE = _c(
    r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<dec>twenties|thirties|forties|fifties"
    r"|sixties|seventies|eighties|nineties)\b"
)
PRESENT_REF = _c(
    r"\b(?:right\s+now|now|currently|current|presently|at\s+present|nowadays|these\s+days"
    r"|at\s+the\s+moment|at\s+this\s+time|the\s+present(?:\s+time)?|present\s+day)\b"
    r"(?!\s*-\s*(?:day|time)\b)(?!\s+(?:account|accounts|affairs|events|assets|liabilities)\b)"
)
# Bare "earlier" is not here: as a sentence adverb ("Earlier, the minister said") or an
# adjective ("its earlier loss") it orders events rather than naming a time, and TimeML
# annotators leave it untagged far more often than not.
PAST_REF = _c(
    r"\b(?:recently|lately|recent|formerly|in\s+the\s+past|the\s+past"
    r"|once|in\s+the\s+old\s+days)\b"
)
FUTURE_REF = _c(
    r"\b(?:the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|in\s+future"
    r"|future|as\s+soon\s+as\s+possible|soon|someday|eventually|one\s+day)\b"
)
SET_ADV = _c(
    r"\b(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly"
    r"|bimonthly|semiannually|annual|twice[-\s]yearly)\b"
)
SET_EVERY = _c(
    r"\b(?:(?P<freq>once|twice|three\s+times|four\s+times|\d+\s+times)\s+)?(?P<q>every|each"
    r"|per|a)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?"
    rf"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|weekend|{SEASON}"
    rf"|{WEEKDAY}|{MONTH})s?\b"
)
TIME_CLOCK = _c(
    r"\b(?:(?P<q>about|around|at|by|until|before|after|approximately|shortly\s+(?:before|after)"
    r"|just\s+(?:before|after))\s+)?"
    rf"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>{AMPM}|o['’]clock)"
    rf"(?:\s*\(?(?P<tz>{TZ})\)?)?(?!\w)"
    rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<w>today|tomorrow|yesterday|tonight)"
    rf"|(?P<mon>{MONTH})\s*(?P<d>[0-3]?\d)\b))?"
)
TIME_24 = _c(
    rf"\b(?P<h>[01]\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?:(?P<tz>{TZ})|(?:hours|hrs|GMT))\b"
)
NOON = _c(
    r"\b(?:(?P<q>around|about|at|by|before|after|shortly\s+(?:before|after))\s+)?"
    rf"(?P<w>noon|midnight)(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<t>today|tomorrow|yesterday"
    r"|tonight)))?\b"
)
HOLIDAY = _c(
    r"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>Christmas(?:\s+Eve|\s+Day)?|New\s+Year['’]s"
    r"(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday)?|Halloween"
    r"|Independence\s+Day|Valentine['’]s\s+Day|Labou?r\s+Day|Memorial\s+Day|Veterans\s+Day"
    r"|Boxing\s+Day|Election\s+Day)(?:\s+(?P<y>(?:19|20)\d\d))?\b(?!\s+week)",
    0,
)

# ---------------------------------------------------------------------------------------------
# Anchors: words each pattern cannot match without. ``times._find`` reads the text's words
# once and runs a pattern only in windows around its anchor words; most patterns have no
# anchor in a given report, which keeps tagging linear and cheap. "<month>", "<weekday>",
# "<digit>" and "<year>" stand for classes of words rather than words.


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNITS_ALL = _w(
    "second seconds minute minutes hour hours day days night nights week weeks fortnight "
    "fortnights month months quarter quarters year years decade decades century centuries "
    "millennium millennia weekend weekends"
)
_SEASONS = _w("spring summer fall autumn winter")
_PODS = _w("morning afternoon evening night")
_MONTH_CLASS = frozenset({"<month>"})
_WEEKDAY_CLASS = frozenset({"<weekday>"})
_DIGIT = frozenset({"<digit>"})

ANCHORS: dict[re.Pattern[str], frozenset[str]] = {
    WEEKDAY_PAREN: _WEEKDAY_CLASS,
    DATE_MDY: _MONTH_CLASS,
    DATE_DMY: _MONTH_CLASS,
    DATE_ISO: _DIGIT,
    DATE_SLASH: _DIGIT,
    TIME_CLOCK: _DIGIT,
    TIME_24: _DIGIT,
    NOON: _w("noon midnight"),
    MONTH_YEAR: _MONTH_CLASS,
    MONTH_REL_YEAR: _MONTH_CLASS,
    QUARTER: _w("quarter"),
    QUARTER_CODE: _DIGIT,
    HALF: _w("half"),
    SEASON_YEAR: _SEASONS,
    DECADE: _DIGIT,
    CENTURY: _w("century"),
    HOLIDAY: _w("christmas year thanksgiving easter halloween independence valentine labor "
                "labour memorial veterans boxing election"),
    AGO: _w("ago earlier later previously now hence"),
    UNIT_AGO: _w("ago earlier later"),
    YEAR_EARLIER_ADJ: _w("earlier ago"),
    DEICTIC_DAY: _w("today tonight yesterday tomorrow"),
    DAY_AROUND: _w("day"),
    POD_REL: _PODS,
    POD_OF_DAY: _PODS,
    OVERNIGHT: _w("overnight midday afternoon morning"),
    REL_UNIT: _UNITS_ALL | _SEASONS,
    WEEKDAY_EXPR: _WEEKDAY_CLASS,
    MONTH_ALONE: _MONTH_CLASS,
    SPELLED_YEAR: _w("nineteen thousand"),
    MONTH_SPELLED_YEAR: _w("nineteen"),
    SEASON_SPELLED_YEAR: _w("nineteen"),
    YEAR_ALONE: frozenset({"<year>"}),
    FUTURE_PHRASE: _w("coming upcoming ahead come"),
    RECENT_UNITS: _w("recent past"),
    WEEKEND: _w("weekend"),
    YEAR_END: _w("end"),
    THAT_UNIT: _w("that same"),
    NEXT_DAY: _w("day morning afternoon evening night"),
    YEAR_PERIOD: _w("quarter period"),
    SPELLED_DECADE: _w("twenties thirties forties fifties sixties seventies eighties nineties"),
    DURATION: _UNITS_ALL,
    DURATION_ADJ: _UNITS_ALL,
    UNIT_LONG: _w("long"),
    BARE_PLURAL: _UNITS_ALL,
    ANAPHORIC: _w("quarter year period week month"),
    SET_ADV: _w("daily weekly monthly annually yearly quarterly hourly nightly biweekly "
                "bimonthly semiannually annual twice"),
    SET_EVERY: _w("every each per") | _UNITS_ALL,
    PRESENT_REF: _w("now current currently present presently nowadays days moment time"),
    PAST_REF: _w("recent recently lately formerly past once old"),
    FUTURE_REF: _w("future soon someday eventually day"),
}
ANCHOR_WORDS: frozenset[str] = frozenset().union(*ANCHORS.values())
MONTH_PREFIXES = _w("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
WEEKDAY_PREFIXES = _w("Mon Tue Wed Thu Fri Sat Sun")
WORD_RE = re.compile(r"[A-Za-z]+|\d+")
# Characters around an anchor word that a pattern may still cover ("Wednesday, September 27,
# 1989" around "September"; "at least the past twenty-four hours" around "hours").
ANCHOR_MARGIN = 80
