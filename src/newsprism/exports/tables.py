"""The store as flat tables, one per kind of record, for Parquet, CSV and DataFrames.

Every table has a fixed column list with a type per column, so that an empty table still has
its columns and every writer (Parquet schema, CSV header, pandas dtypes) agrees:

    str, int, float, bool   scalars (None where unknown)
    list                    a list of strings (Parquet list<string>; JSON text in CSV)
    json                    nested data (JSON text in Parquet and CSV)

Offsets are character offsets into the report's text, end exclusive, as everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from newsprism.errors import ConfigError
from newsprism.store import Store
from newsprism.store import rows as store_rows

ColumnType = Literal["str", "int", "float", "bool", "list", "json"]
Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, ColumnType], ...]
    read: Callable[[Store], Iterable[Record]]
    doc: str

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _cols(spec: str) -> tuple[tuple[str, ColumnType], ...]:
    """"id report_id:str start:int ..." -> column specs (a bare name is a str column)."""
    out: list[tuple[str, ColumnType]] = []
    for part in spec.split():
        name, _, kind = part.partition(":")
        out.append((name, kind or "str"))  # type: ignore[arg-type]
    return tuple(out)


def _reports(store: Store) -> Iterator[Record]:
    story_of = {rid: s.id for s in store.stories() for rid in s.report_ids}
    for r in store.reports():
        yield {"id": r.id, "source": r.source, "url": r.url, "outlet": r.outlet,
               "title": r.title, "byline": r.byline, "published_at": r.published_at,
               "published_precision": r.published_precision,
               "published_source": r.published_source, "updated_at": r.updated_at,
               "language": r.language, "story_id": story_of.get(r.id),
               "notices": [{"kind": n.kind, "text": n.text,
                            "original_outlet": n.original_outlet, "start": n.start,
                            "end": n.end} for n in r.notices],
               "text": r.text}


def _stories(store: Store) -> Iterator[Record]:
    for s in store.stories():
        yield {"id": s.id, "title": s.title, "first_seen": s.first_seen,
               "last_seen": s.last_seen, "size": len(s.report_ids),
               "report_ids": list(s.report_ids)}


def _entities(store: Store) -> Iterator[Record]:
    for e in store.entities():
        yield {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
               "roles": list(e.roles), "country": e.country, "latitude": e.latitude,
               "longitude": e.longitude}


def _mentions(store: Store) -> Iterator[Record]:
    for row in store.table_rows("mentions"):
        m = store_rows.mention_from_row(row)
        yield {"report_id": m.report_id, "idx": row["idx"], "start": m.start, "end": m.end,
               "text": m.text, "type": m.type, "type_source": m.type_source, "role": m.role,
               "entity_id": m.entity_id}


def _quotes(store: Store) -> Iterator[Record]:
    for q in store.quotes():
        yield {"id": q.id, "report_id": q.report_id, "start": q.start, "end": q.end,
               "text": q.text, "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start,
               "cue_end": q.cue_end, "speaker_text": q.speaker_text,
               "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
               "speaker_entity_id": q.speaker_entity_id, "source_start": q.source_start,
               "source_end": q.source_end, "via": q.via, "group_id": q.group_id}


def _numbers(store: Store) -> Iterator[Record]:
    for row in store.table_rows("numbers"):
        n = store_rows.number_from_row(row)
        yield {"report_id": n.report_id, "idx": row["idx"], "start": n.start, "end": n.end,
               "text": n.text, "value": n.value, "unit": n.unit, "kind": n.kind,
               "low": n.low, "high": n.high, "qualifier": n.qualifier}


def _times(store: Store) -> Iterator[Record]:
    for row in store.table_rows("times"):
        t = store_rows.time_from_row(row)
        yield {"report_id": t.report_id, "idx": row["idx"], "start": t.start, "end": t.end,
               "text": t.text, "value": t.value, "precision": t.precision,
               "anchor": t.anchor, "kind": t.kind, "relative": t.relative}


def _events(store: Store) -> Iterator[Record]:
    for row in store.table_rows("events"):
        e = store_rows.event_from_row(row)
        yield {"report_id": e.report_id, "idx": row["idx"], "start": e.start, "end": e.end,
               "type": e.type, "trigger": e.trigger, "source_text": e.source_text,
               "target_text": e.target_text, "source_entity_id": e.source_entity_id,
               "target_entity_id": e.target_entity_id, "time": e.time, "place": e.place,
               "quantity": e.quantity, "negated": e.negated}


def _claims(store: Store) -> Iterator[Record]:
    for row in store.table_rows("claims"):
        c = store_rows.claim_from_row(row)
        yield {"id": c.id, "report_id": c.report_id, "start": c.start, "end": c.end,
               "text": c.text, "stance": c.stance, "attribution": list(c.attribution),
               "hedges": list(c.hedges), "values": c.values, "group_id": row["group_id"]}


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value or []]


def _claim_groups(store: Store) -> Iterator[Record]:
    for raw in store.claim_groups():
        g: dict[str, Any] = raw
        yield {"id": g["id"], "story_id": g.get("story_id"), "summary": g.get("summary"),
               "status": g.get("status"), "date": g.get("date"),
               "date_precision": g.get("date_precision"),
               "report_ids": _texts(g.get("report_ids")), "outlets": _texts(g.get("outlets")),
               "omitted_by": _texts(g.get("omitted_by")),
               "claim_ids": [str(m["claim_id"]) for m in g.get("members") or []
                             if m.get("claim_id")],
               "disagreements": g.get("disagreements") or [], "data": g}


def _quote_groups(store: Store) -> Iterator[Record]:
    for raw in store.quote_groups():
        g: dict[str, Any] = raw
        yield {"id": g["id"], "story_id": g.get("story_id"), "speaker": g.get("speaker"),
               "speaker_entity_id": g.get("speaker_entity_id"),
               "quote_ids": _texts(g.get("quote_ids")),
               "report_ids": _texts(g.get("report_ids")),
               "omitted_by": _texts(g.get("omitted_by")), "data": g}


def _reuse(store: Store) -> Iterator[Record]:
    for r in store.reuse():
        yield {"from_report_id": r.from_report_id, "to_report_id": r.to_report_id,
               "shared_chars": r.shared_chars, "share_from": r.share_from,
               "share_to": r.share_to, "kind": r.kind, "direction_basis": r.direction_basis,
               "passages": [list(p) for p in r.passages]}


_OFFSETS = "report_id idx:int start:int end:int text"
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("reports", _cols(
        "id source url outlet title byline published_at published_precision published_source "
        "updated_at language story_id notices:json text"), _reports,
        "one row per report; notices as JSON"),
    Table("stories", _cols("id title first_seen last_seen size:int report_ids:list"),
          _stories, "one row per story with its member reports"),
    Table("entities", _cols("id name type aliases:list roles:list country latitude:float "
                            "longitude:float"), _entities, "resolved entities"),
    Table("mentions", _cols(f"{_OFFSETS} type type_source role entity_id"), _mentions,
          "names in reports and the entity each stands for"),
    Table("quotes", _cols(
        "id report_id start:int end:int text kind cue cue_start:int cue_end:int speaker_text "
        "speaker_start:int speaker_end:int speaker_entity_id source_start:int "
        "source_end:int via group_id"), _quotes, "direct and indirect quotes"),
    Table("numbers", _cols(f"{_OFFSETS} value:float unit kind low:float high:float "
                           "qualifier"), _numbers, "numbers and what they count"),
    Table("times", _cols(f"{_OFFSETS} value precision anchor kind relative"), _times,
          "time expressions with normalized values"),
    Table("events", _cols(
        "report_id idx:int start:int end:int type trigger source_text target_text "
        "source_entity_id target_entity_id time place quantity:float negated:bool"), _events,
        "PLOVER events with their actors"),
    Table("claims", _cols("id report_id start:int end:int text stance attribution:list "
                          "hedges:list values:json group_id"), _claims,
          "claim units of each report with stance; group_id links to claim_groups"),
    Table("claim_groups", _cols(
        "id story_id summary status date date_precision report_ids:list outlets:list "
        "omitted_by:list claim_ids:list disagreements:json data:json"), _claim_groups,
        "claims aligned across a story's reports; data holds the whole group"),
    Table("quote_groups", _cols(
        "id story_id speaker speaker_entity_id quote_ids:list report_ids:list "
        "omitted_by:list data:json"), _quote_groups,
        "one quote as several reports carry it; data holds the whole group"),
    Table("reuse", _cols("from_report_id to_report_id shared_chars:int share_from:float "
                         "share_to:float kind direction_basis passages:json"), _reuse,
          "text shared between two reports: [start_a, end_a, start_b, end_b] passages"),
)}
TABLE_NAMES = tuple(TABLES)


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise ConfigError(f"unknown table {name!r}; choose one of {', '.join(TABLE_NAMES)}"
                          ) from None


def records(store: Store, name: str) -> list[Record]:
    """The rows of one table as dicts of Python values (lists and dicts kept as such)."""
    spec = table(name)
    return [{col: row.get(col) for col in spec.column_names} for row in spec.read(store)]


def flat_records(store: Store, name: str) -> list[Record]:
    """The rows with list and JSON columns as JSON text, for CSV."""
    spec = table(name)
    nested = [col for col, kind in spec.columns if kind in ("list", "json")]
    out = records(store, name)
    for row in out:
        for col in nested:
            row[col] = json.dumps(row[col], ensure_ascii=False, sort_keys=True, default=str)
    return out


def dataframe(store: Store, name: str) -> Any:
    """One table as a pandas DataFrame (list columns hold lists, JSON columns dicts/lists)."""
    import pandas as pd  # only the callers that want DataFrames pay for importing pandas

    spec = table(name)
    frame = pd.DataFrame(records(store, name), columns=spec.column_names)
    for col, kind in spec.columns:
        if kind == "int":
            frame[col] = frame[col].astype("int64")
        elif kind == "float":
            frame[col] = frame[col].astype("float64")
        elif kind == "bool":
            frame[col] = frame[col].astype("bool")
    return frame
