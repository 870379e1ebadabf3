"""Store access for the resolve stage and the entity commands: what the ``Store`` class does not
need for anything else (events by index, speaker and actor ids, per-story stage state, entity
statistics)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from newsprism.store import rows
from newsprism.store.sqlite import Store
from newsprism.types import Event, Quote

_CHUNK = 400


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i:i + _CHUNK])


def events_of(store: Store, report_ids: Sequence[str]) -> list[Event]:
    """Events of the reports, each report's in index order."""
    out: list[Event] = []
    for chunk in _chunks(report_ids):
        marks = ",".join("?" * len(chunk))
        out += [rows.event_from_row(r) for r in store.conn.execute(
            f"SELECT * FROM events WHERE report_id IN ({marks}) ORDER BY report_id, idx",
            chunk)]
    return out


@dataclass(frozen=True, slots=True)
class ReportInfo:
    text: str
    published_at: str | None
    story_id: str | None


def report_info(store: Store, report_ids: Sequence[str]) -> dict[str, ReportInfo]:
    out: dict[str, ReportInfo] = {}
    for chunk in _chunks(report_ids):
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(f"SELECT id, text, published_at, story_id FROM reports "
                                    f"WHERE id IN ({marks})", chunk):
            out[r[0]] = ReportInfo(r[1], r[2], r[3])
    return out


def report_dates(store: Store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT id, published_at FROM reports")}


def set_actors(store: Store, speakers: Mapping[str, str | None],
               actors: Mapping[tuple[str, int], tuple[str | None, str | None]],
               states: Mapping[str, bytes], dropped_states: Sequence[str] = ()) -> None:
    """Point quotes at their speakers' entities and events at their actors' entities, and
    save the stage state, in one transaction."""
    with store.transaction() as conn:
        conn.executemany("UPDATE quotes SET speaker_entity_id = ? WHERE id = ?",
                         [(eid, qid) for qid, eid in speakers.items()])
        conn.executemany("UPDATE events SET source_entity_id = ?, target_entity_id = ? "
                         "WHERE report_id = ? AND idx = ?",
                         [(s, t, rid, idx) for (rid, idx), (s, t) in actors.items()])
        for name in dropped_states:
            conn.execute("DELETE FROM stage_state WHERE name = ?", (name,))
        for name, data in states.items():
            store.set_state(name, data, conn)


def states_with_prefix(store: Store, prefix: str) -> dict[str, bytes]:
    """Every stage-state entry whose name starts with ``prefix``."""
    return {r[0]: bytes(r[1]) for r in store.conn.execute(
        "SELECT name, data FROM stage_state WHERE name >= ? AND name < ?",
        (prefix, prefix + "\uffff"))}


@dataclass(frozen=True, slots=True)
class EntityStats:
    entity_id: str
    reports: int
    mentions: int
    stories: int


def entity_stats(store: Store) -> dict[str, EntityStats]:
    """Per entity: how many reports, mentions and stories name it."""
    found = store.conn.execute(
        "SELECT m.entity_id, count(DISTINCT m.report_id), count(*), "
        "count(DISTINCT r.story_id) FROM mentions m JOIN reports r ON r.id = m.report_id "
        "WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id")
    return {r[0]: EntityStats(r[0], int(r[1]), int(r[2]), int(r[3])) for r in found}


@dataclass(frozen=True, slots=True)
class MentionPlace:
    report_id: str
    start: int
    end: int
    text: str
    role: str | None
    story_id: str | None
    outlet: str | None


def entity_mentions(store: Store, entity_id: str) -> list[MentionPlace]:
    found = store.conn.execute(
        "SELECT m.report_id, m.start, m.\"end\", m.text, m.role, r.story_id, r.outlet "
        "FROM mentions m JOIN reports r ON r.id = m.report_id WHERE m.entity_id = ? "
        "ORDER BY coalesce(r.published_at, ''), m.report_id, m.start", (entity_id,))
    return [MentionPlace(r[0], int(r[1]), int(r[2]), r[3], r[4], r[5], r[6]) for r in found]


def quotes_by_speaker(store: Store, entity_id: str) -> list[Quote]:
    return [rows.quote_from_row(r) for r in store.conn.execute(
        "SELECT * FROM quotes WHERE speaker_entity_id = ? ORDER BY report_id, start",
        (entity_id,))]


def find_entities(store: Store, name_or_id: str) -> list[str]:
    """Entity ids whose id, id prefix (4+ characters), name or alias is ``name_or_id``
    (case-insensitive)."""
    row = store.conn.execute("SELECT id FROM entities WHERE id = ?", (name_or_id,)).fetchone()
    if row is not None:
        return [row[0]]
    if len(name_or_id) >= 4:
        found = [r[0] for r in store.conn.execute(
            "SELECT id FROM entities WHERE id >= ? AND id < ? LIMIT 2",
            (name_or_id, name_or_id + "\uffff"))]
        if len(found) == 1:
            return found
    wanted = name_or_id.casefold().strip()
    out: list[str] = []
    for e in store.entities():
        names = [e.name, *e.aliases]
        if any(n.casefold() == wanted for n in names):
            out.append(e.id)
    return out
