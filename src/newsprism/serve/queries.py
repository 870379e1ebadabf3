"""Read-only lookups the serve layer needs beyond the Store API (a report's story, an entity's
mentions and quotes, per-story outlet counts). Plain indexed SELECTs on the store's
connection; nothing here writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from newsprism.store import Store
from newsprism.store.rows import mention_from_row, quote_from_row
from newsprism.types import Mention, Quote


@dataclass(frozen=True, slots=True)
class EntityStats:
    mentions: int
    reports: int
    stories: int


def story_of_report(store: Store, report_id: str) -> str | None:
    row = store.conn.execute("SELECT story_id FROM reports WHERE id = ?",
                             (report_id,)).fetchone()
    return None if row is None else row[0]


def story_outlets(store: Store) -> dict[str, list[tuple[str, int]]]:
    """Per story: (outlet, reports) pairs, most reports first. Unknown outlets are "?"."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for sid, outlet, n in store.conn.execute(
            "SELECT story_id, coalesce(outlet, '?'), count(*) FROM reports "
            "WHERE story_id IS NOT NULL GROUP BY story_id, outlet "
            "ORDER BY story_id, count(*) DESC, outlet"):
        out[sid].append((outlet, int(n)))
    return dict(out)


def entity_mentions(store: Store, entity_id: str, limit: int = 500) -> list[Mention]:
    found = store.conn.execute("SELECT * FROM mentions WHERE entity_id = ? "
                               "ORDER BY report_id, idx LIMIT ?", (entity_id, limit)).fetchall()
    return [mention_from_row(r) for r in found]


def entity_quotes(store: Store, entity_id: str, limit: int = 200) -> list[Quote]:
    found = store.conn.execute("SELECT * FROM quotes WHERE speaker_entity_id = ? "
                               "ORDER BY report_id, start LIMIT ?",
                               (entity_id, limit)).fetchall()
    return [quote_from_row(r) for r in found]


def entity_story_ids(store: Store, entity_id: str) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT r.story_id FROM mentions m JOIN reports r ON r.id = m.report_id "
        "WHERE m.entity_id = ? AND r.story_id IS NOT NULL", (entity_id,))]


def entity_stats(store: Store) -> dict[str, EntityStats]:
    return {r[0]: EntityStats(int(r[1]), int(r[2]), int(r[3])) for r in store.conn.execute(
        "SELECT m.entity_id, count(*), count(DISTINCT m.report_id), "
        "count(DISTINCT r.story_id) FROM mentions m JOIN reports r ON r.id = m.report_id "
        "WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id")}


def claim_group_of(store: Store, report_id: str) -> dict[str, str]:
    """claim id -> claim group id for one report's claims that triangulation grouped."""
    return {r[0]: r[1] for r in store.conn.execute(
        "SELECT id, group_id FROM claims WHERE report_id = ? AND group_id IS NOT NULL",
        (report_id,))}


def entity_names(store: Store, entity_ids: list[str]) -> dict[str, str]:
    return _column_by_id(store, "entities", "name", entity_ids)


def entity_types(store: Store, entity_ids: list[str]) -> dict[str, str]:
    return _column_by_id(store, "entities", "type", entity_ids)


def report_outlets(store: Store, report_ids: list[str]) -> dict[str, str | None]:
    return _column_by_id(store, "reports", "outlet", report_ids)


def _column_by_id(store: Store, table: str, column: str, ids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.update({r[0]: r[1] for r in store.conn.execute(
            f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", chunk)})
    return out

