"""The data model of newsprism (see DESIGN.md).

Every derived fact carries ``report_id, start, end``: character offsets into that report's
``text``, end exclusive. All records are frozen dataclasses so that stages cannot mutate each
other's output; a stage returns new records instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# Where a publication date came from. "estimated" means it was inferred from the report's story.
DateSource = Literal["metadata", "url", "text", "estimated", "unknown"]
# How precise a date or time value is.
Precision = Literal["second", "minute", "hour", "day", "week", "month", "quarter", "season",
                    "year", "decade", "century", "unknown"]
Stance = Literal["asserted", "attributed", "quoted", "hedged", "denied"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What ingest read from a source, before any interpretation.

    ``source`` is the path or URL exactly as the user gave it (for a feed item or a WARC record,
    the container's source followed by ``#`` and the item's position or URL). ``data`` holds
    the bytes as read; ``kind`` is a hint ("html", "text", or None to detect by content).
    Metadata fields carry what the container said (a feed item's title, a JSONL record's
    outlet); normalize prefers them over what it reads from the text.
    """

    source: str
    data: bytes
    kind: Literal["html", "text"] | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    """A note about the report itself, such as a republication disclaimer.

    ``start``/``end`` locate the notice in the report text when it is kept there, else both
    are -1 (the notice paragraph was removed from the text and only recorded).
    """

    kind: str  # "republication", "contribution", "correction", ...
    text: str
    original_outlet: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Report:
    """One outlet's report: normalized text plus what we know about where it came from."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None  # ISO 8601, as precise as known
    published_precision: Precision | None = None
    published_source: DateSource = "unknown"
    language: str | None = None
    notices: tuple[Notice, ...] = ()
    updated_at: str | None = None  # ISO 8601 date the outlet says it last updated the report


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming a person, organisation, place or group.

    ``type`` is one of PERSON, ORG, GPE, LOC, NORP, FAC; ``type_source`` says whether it is the
    model's label or a correction from sentence evidence. ``role`` is a title or role attached
    to the name in the text ("Defense Minister", "chief of staff of Iran's armed forces").
    ``entity_id`` is filled by the resolve stage.
    """

    report_id: str
    start: int
    end: int
    text: str
    type: str
    type_source: str = "model"
    role: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect quote with its speaker and the channel it is reported through."""

    id: str
    report_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = None
    speaker_text: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    speaker_entity_id: str | None = None
    via: str | None = None
    group_id: str | None = None
    # The source as written where the quote is attributed: a pronoun, a name or a phrase
    # ("he" when speaker_* is the person "he" stands for); -1 when no source is written.
    source_start: int = -1
    source_end: int = -1
    # The cue as written ("said", "according to", ":"); -1 when the quote has no cue.
    cue_start: int = -1
    cue_end: int = -1


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A number with what it counts. Ranges ("dozens") carry ``low``/``high``; ``value`` is
    the point value when there is one. ``kind``: count, multiplier, duration, percent, money,
    ordinal, year. ``qualifier``: "at least", "about", "more than", ... when present."""

    report_id: str
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    kind: str = "count"
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalized against an anchor (usually the publication date).

    ``value`` is a TIMEX3-style value ("2022-04-27", "2021-03", "2018", "PRESENT_REF",
    "FUTURE_REF", "P25Y") or None when it cannot be resolved yet. ``anchor`` is "publication",
    "story-estimated", "absolute" or "unresolved".
    """

    report_id: str
    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None = None
    anchor: str = "absolute"
    kind: str = "date"  # date, time, duration, set
    # For relative expressions: the normalizer's template ("wd|2|past|" = the last Wednesday),
    # so that resolve_times can re-anchor the value later without the parsed text.
    relative: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER-typed event in one sentence. Actors are given as text spans and, after
    resolve, as entity ids."""

    report_id: str
    start: int
    end: int
    type: str
    trigger: str
    source_text: str | None = None
    target_text: str | None = None
    source_entity_id: str | None = None
    target_entity_id: str | None = None
    time: str | None = None
    place: str | None = None
    quantity: float | None = None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """A sentence (or clause) stating something checkable, with its stance.

    ``attribution`` is the chain of sources from innermost to outermost ("a senior official",
    "Entekhab news agency"); ``values`` holds the comparable values found in it: numbers,
    times, names and places.
    """

    id: str
    report_id: str
    start: int
    end: int
    text: str
    stance: Stance
    attribution: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyze stage found in one report."""

    report_id: str
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[NumberExpr, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[ClaimUnit, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    report_ids: tuple[str, ...]
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class Reuse:
    """Text shared between two reports. ``from_report_id`` is the presumed original.
    ``passages`` are (start_a, end_a, start_b, end_b) with a = from, b = to."""

    from_report_id: str
    to_report_id: str
    shared_chars: int
    passages: tuple[tuple[int, int, int, int], ...]
    share_from: float = 0.0
    share_to: float = 0.0
    kind: str = "partial"  # "exact", "near-exact", "partial"
    direction_basis: str = "unknown"  # "dates", "added-material", "unknown"


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
