"""Conversions between the data model and SQLite rows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsprism.types import (
    ClaimUnit,
    Entity,
    Event,
    Mention,
    Notice,
    NumberExpr,
    Quote,
    Report,
    Reuse,
    Story,
    TimeExpr,
)

REPORT_COLUMNS = (
    "id, source, url, outlet, title, byline, published_at, published_precision, "
    "published_source, language, text"
)


def report_from_row(row: sqlite3.Row, notices: tuple[Notice, ...] = ()) -> Report:
    return Report(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        byline=row["byline"],
        published_at=row["published_at"],
        published_precision=row["published_precision"],
        published_source=row["published_source"],
        language=row["language"],
        notices=notices,
        updated_at=row["updated_at"],
    )


def report_values(report: Report, ingested_at: str) -> tuple[Any, ...]:
    return (
        report.id, report.source, report.url, report.outlet, report.title, report.byline,
        report.published_at, report.published_precision, report.published_source,
        report.language, report.text, ingested_at, report.updated_at,
    )


def notice_from_row(row: sqlite3.Row) -> Notice:
    return Notice(kind=row["kind"], text=row["text"], original_outlet=row["original_outlet"],
                  start=row["start"], end=row["end"])


def mention_values(m: Mention, idx: int) -> tuple[Any, ...]:
    return (m.report_id, idx, m.start, m.end, m.text, m.type, m.type_source, m.role,
            m.entity_id)


def mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(report_id=row["report_id"], start=row["start"], end=row["end"],
                   text=row["text"], type=row["type"], type_source=row["type_source"],
                   role=row["role"], entity_id=row["entity_id"])


def quote_values(q: Quote) -> tuple[Any, ...]:
    return (q.id, q.report_id, q.start, q.end, q.text, q.kind, q.cue, q.speaker_text,
            q.speaker_start, q.speaker_end, q.speaker_entity_id, q.via, q.group_id,
            q.source_start, q.source_end, q.cue_start, q.cue_end)


def quote_from_row(row: sqlite3.Row) -> Quote:
    return Quote(id=row["id"], report_id=row["report_id"], start=row["start"], end=row["end"],
                 text=row["text"], kind=row["kind"], cue=row["cue"],
                 speaker_text=row["speaker_text"], speaker_start=row["speaker_start"],
                 speaker_end=row["speaker_end"], speaker_entity_id=row["speaker_entity_id"],
                 via=row["via"], group_id=row["group_id"], source_start=row["source_start"],
                 source_end=row["source_end"], cue_start=row["cue_start"],
                 cue_end=row["cue_end"])


def number_values(n: NumberExpr, idx: int) -> tuple[Any, ...]:
    return (n.report_id, idx, n.start, n.end, n.text, n.value, n.unit, n.kind, n.low, n.high,
            n.qualifier)


def number_from_row(row: sqlite3.Row) -> NumberExpr:
    return NumberExpr(report_id=row["report_id"], start=row["start"], end=row["end"],
                      text=row["text"], value=row["value"], unit=row["unit"], kind=row["kind"],
                      low=row["low"], high=row["high"], qualifier=row["qualifier"])


_TIME_BASE_FIELDS = ("report_id", "start", "end", "text", "value", "precision", "anchor", "kind")


def time_values(t: TimeExpr, idx: int) -> tuple[Any, ...]:
    # Fields added to TimeExpr after the schema was written travel in the ``extra`` JSON column.
    extra = {
        name: getattr(t, name)
        for name in TimeExpr.__dataclass_fields__
        if name not in _TIME_BASE_FIELDS
    }
    return (t.report_id, idx, t.start, t.end, t.text, t.value, t.precision, t.anchor, t.kind,
            json.dumps(extra, sort_keys=True))


def time_from_row(row: sqlite3.Row) -> TimeExpr:
    extra = json.loads(row["extra"] or "{}")
    known = {k: v for k, v in extra.items() if k in TimeExpr.__dataclass_fields__}
    return TimeExpr(report_id=row["report_id"], start=row["start"], end=row["end"],
                    text=row["text"], value=row["value"], precision=row["precision"],
                    anchor=row["anchor"], kind=row["kind"], **known)


def event_values(e: Event, idx: int) -> tuple[Any, ...]:
    return (e.report_id, idx, e.start, e.end, e.type, e.trigger, e.source_text, e.target_text,
            e.source_entity_id, e.target_entity_id, e.time, e.place, e.quantity,
            int(e.negated))


def event_from_row(row: sqlite3.Row) -> Event:
    return Event(report_id=row["report_id"], start=row["start"], end=row["end"],
                 type=row["type"], trigger=row["trigger"], source_text=row["source_text"],
                 target_text=row["target_text"], source_entity_id=row["source_entity_id"],
                 target_entity_id=row["target_entity_id"], time=row["time"],
                 place=row["place"], quantity=row["quantity"], negated=bool(row["negated"]))


def claim_values(c: ClaimUnit) -> tuple[Any, ...]:
    return (c.id, c.report_id, c.start, c.end, c.text, c.stance, json.dumps(c.attribution),
            json.dumps(c.hedges), json.dumps(c.values, sort_keys=True, default=str))


def claim_from_row(row: sqlite3.Row) -> ClaimUnit:
    return ClaimUnit(id=row["id"], report_id=row["report_id"], start=row["start"],
                     end=row["end"], text=row["text"], stance=row["stance"],
                     attribution=tuple(json.loads(row["attribution"])),
                     hedges=tuple(json.loads(row["hedges"])), values=json.loads(row["values"]))


def story_from_row(row: sqlite3.Row, report_ids: tuple[str, ...]) -> Story:
    return Story(id=row["id"], title=row["title"], report_ids=report_ids,
                 first_seen=row["first_seen"], last_seen=row["last_seen"])


def reuse_values(r: Reuse) -> tuple[Any, ...]:
    return (r.from_report_id, r.to_report_id, r.shared_chars,
            json.dumps([list(p) for p in r.passages]), r.share_from, r.share_to, r.kind,
            r.direction_basis)


def reuse_from_row(row: sqlite3.Row) -> Reuse:
    passages = tuple(
        (int(p[0]), int(p[1]), int(p[2]), int(p[3])) for p in json.loads(row["passages"])
    )
    return Reuse(from_report_id=row["from_report_id"], to_report_id=row["to_report_id"],
                 shared_chars=row["shared_chars"], passages=passages,
                 share_from=row["share_from"], share_to=row["share_to"], kind=row["kind"],
                 direction_basis=row["direction_basis"])


def entity_values(e: Entity) -> tuple[Any, ...]:
    return (e.id, e.name, e.type, json.dumps(list(e.aliases)), json.dumps(list(e.roles)),
            e.country, e.latitude, e.longitude)


def entity_from_row(row: sqlite3.Row) -> Entity:
    return Entity(id=row["id"], name=row["name"], type=row["type"],
                  aliases=tuple(json.loads(row["aliases"])),
                  roles=tuple(json.loads(row["roles"])), country=row["country"],
                  latitude=row["latitude"], longitude=row["longitude"])
