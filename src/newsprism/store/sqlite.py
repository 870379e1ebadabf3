"""The SQLite store: WAL journal, FTS5 search, versioned schema.

Writes happen in ``BEGIN IMMEDIATE`` transactions, so a report and all of its annotations land
together or not at all, and two writers queue on SQLite's lock (``busy_timeout``) instead of
corrupting anything.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from newsprism.errors import NotFound, SchemaError, StoreError, StoreLocked
from newsprism.store import rows
from newsprism.store.migrations import MIGRATIONS, SCHEMA_VERSION
from newsprism.types import (
    Analysis,
    ClaimUnit,
    Entity,
    Mention,
    Notice,
    Quote,
    Report,
    Reuse,
    Story,
)

# How long a writer waits for another writer's transaction before giving up (ms). Ingest
# batches commit in well under a second, so 60 s only runs out when something is stuck.
BUSY_TIMEOUT_MS = 60_000

_T = TypeVar("_T")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class StoredItem:
    """One report to store, with the hash of the raw bytes it came from and its analysis."""

    report: Report
    raw_sha: str | None = None
    analysis: Analysis | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    report_id: str
    title: str | None
    outlet: str | None
    published_at: str | None
    snippet: str
    rank: float


class Store:
    """A newsprism store in one SQLite file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise NotFound(f"no store at {self.path}: run `newsprism ingest` first or pass --db")
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                            check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None,
                                            check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate write transaction: all of it is stored, or none of it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreLocked(
                    f"{self.path} is locked by another writer for over "
                    f"{BUSY_TIMEOUT_MS // 1000} s; retry when it has finished"
                ) from exc
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- schema ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self) -> int:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"{self.path} has schema version {version}, newer than this newsprism "
                f"({SCHEMA_VERSION}); upgrade newsprism to read it"
            )
        return version

    def _migrate(self) -> None:
        version = self._check_version()
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        for target in range(version, SCHEMA_VERSION):
            script = MIGRATIONS[target]
            # executescript commits first; wrap the step so it applies whole or not at all.
            self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {target + 1};\nCOMMIT;"
            )

    def backup(self, destination: Path) -> Path:
        """A consistent copy of the store (SQLite's online backup), e.g. before a migration."""
        tmp = destination.with_name(destination.name + ".tmp")
        dest = sqlite3.connect(tmp)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        shutil.move(str(tmp), destination)
        return destination

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # -- reports -----------------------------------------------------------------------------

    def report_for_raw(self, raw_sha: str) -> str | None:
        row = self.conn.execute("SELECT report_id FROM raw_inputs WHERE raw_sha = ?",
                                (raw_sha,)).fetchone()
        return None if row is None else str(row[0])

    def has_report(self, report_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM reports WHERE id = ?",
                                 (report_id,)).fetchone() is not None

    def add_reports(self, items: Sequence[StoredItem]) -> list[bool]:
        """Store reports (and their analyses) in one transaction. Returns, per item, whether
        the report was new; a known report only gains the raw-input record."""
        added: list[bool] = []
        now = _now()
        with self.transaction() as conn:
            for item in items:
                report = item.report
                cur = conn.execute(
                    "INSERT OR IGNORE INTO reports (id, source, url, outlet, title, byline, "
                    "published_at, published_precision, published_source, language, text, "
                    "ingested_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows.report_values(report, now),
                )
                is_new = cur.rowcount == 1
                added.append(is_new)
                if item.raw_sha:
                    conn.execute("INSERT OR IGNORE INTO raw_inputs VALUES (?,?,?)",
                                 (item.raw_sha, report.source, report.id))
                if not is_new:
                    continue
                conn.executemany(
                    "INSERT INTO notices VALUES (?,?,?,?,?,?,?)",
                    [(report.id, i, n.kind, n.text, n.original_outlet, n.start, n.end)
                     for i, n in enumerate(report.notices)],
                )
                if item.analysis is not None:
                    self._write_analysis(conn, item.analysis, now)
        return added

    def get_report(self, report_id: str) -> Report:
        """A report by id or by a unique id prefix (at least 4 characters)."""
        row = self.conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None and len(report_id) >= 4:
            found = self.conn.execute(
                "SELECT * FROM reports WHERE id >= ? AND id < ? LIMIT 2",
                (report_id, report_id + "\uffff"),
            ).fetchall()
            if len(found) == 1:
                row = found[0]
            elif len(found) > 1:
                raise NotFound(f"report id prefix {report_id!r} is ambiguous; give more of it")
        if row is None:
            raise NotFound(f"no report with id {report_id!r}; `newsprism reports` lists them")
        return rows.report_from_row(row, self._notices(row["id"]))

    def get_reports(self, report_ids: Sequence[str]) -> dict[str, Report]:
        """Many reports by exact id in a few queries; ids not stored are absent."""
        notices: dict[str, list[Notice]] = {}
        for r in self._rows_for("notices", report_ids, "idx"):
            notices.setdefault(r["report_id"], []).append(rows.notice_from_row(r))
        out: dict[str, Report] = {}
        for chunk in _chunks(list(report_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT * FROM reports WHERE id IN ({marks})", chunk):
                out[row["id"]] = rows.report_from_row(row, tuple(notices.get(row["id"], ())))
        return out

    def _notices(self, report_id: str) -> tuple[Notice, ...]:
        found = self.conn.execute("SELECT * FROM notices WHERE report_id = ? ORDER BY idx",
                                  (report_id,)).fetchall()
        return tuple(rows.notice_from_row(r) for r in found)

    def reports(self, *, outlet: str | None = None, story_id: str | None = None,
                since: str | None = None, until: str | None = None, query: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[Report]:
        sql, params = self._report_filter("SELECT r.*", outlet, story_id, since, until, query)
        sql += " ORDER BY coalesce(r.published_at, ''), r.rowid"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        found = self.conn.execute(sql, params).fetchall()
        return [rows.report_from_row(r, self._notices(r["id"])) for r in found]

    def count_reports(self, *, outlet: str | None = None, story_id: str | None = None,
                      since: str | None = None, until: str | None = None,
                      query: str | None = None) -> int:
        sql, params = self._report_filter("SELECT count(*)", outlet, story_id, since, until,
                                          query)
        return int(self.conn.execute(sql, params).fetchone()[0])

    @staticmethod
    def _report_filter(select: str, outlet: str | None, story_id: str | None,
                       since: str | None, until: str | None, query: str | None
                       ) -> tuple[str, list[object]]:
        sql = f"{select} FROM reports r"
        where: list[str] = []
        params: list[object] = []
        if query:
            sql += " JOIN reports_fts f ON f.rowid = r.rowid"
            where.append("reports_fts MATCH ?")
            params.append(fts_query(query))
        if outlet:
            where.append("r.outlet = ?")
            params.append(outlet)
        if story_id:
            where.append("r.story_id = ?")
            params.append(story_id)
        if since:
            where.append("r.published_at >= ?")
            params.append(since)
        if until:
            # Compare on the date prefix so "until 2022-04-28" includes that whole day.
            where.append("substr(r.published_at, 1, ?) <= ?")
            params += [len(until), until]
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def report_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM reports ORDER BY rowid")]

    def outlets(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT outlet, count(*) FROM reports WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY count(*) DESC, outlet")]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search ranked by BM25 (title weighted over body), with snippets."""
        found = self.conn.execute(
            "SELECT r.id, r.title, r.outlet, r.published_at, "
            "snippet(reports_fts, 1, '[', ']', ' … ', 16) AS snip, "
            "bm25(reports_fts, 4.0, 1.0, 2.0) AS rank "
            "FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid "
            "WHERE reports_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts_query(query), limit),
        ).fetchall()
        return [SearchHit(r["id"], r["title"], r["outlet"], r["published_at"], r["snip"],
                          float(r["rank"])) for r in found]

    def update_report_date(self, report_id: str, published_at: str, precision: str,
                           source: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE reports SET published_at = ?, published_precision = ?, "
                         "published_source = ? WHERE id = ?",
                         (published_at, precision, source, report_id))

    # -- analyses ----------------------------------------------------------------------------

    def put_analyses(self, analyses: Iterable[Analysis]) -> None:
        """Replace the annotations of the given reports, each report all or nothing."""
        now = _now()
        with self.transaction() as conn:
            for analysis in analyses:
                self._write_analysis(conn, analysis, now)

    @staticmethod
    def _write_analysis(conn: sqlite3.Connection, a: Analysis, now: str,
                        model: str = "") -> None:
        rid = a.report_id
        for table in ("mentions", "quotes", "numbers", "times", "events", "claims",
                      "analyses"):
            conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (rid,))
        conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)",
                         [rows.mention_values(m, i) for i, m in enumerate(a.mentions)])
        conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         [rows.quote_values(q) for q in a.quotes])
        conn.executemany("INSERT INTO numbers VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         [rows.number_values(n, i) for i, n in enumerate(a.numbers)])
        conn.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?,?,?,?)",
                         [rows.time_values(t, i) for i, t in enumerate(a.times)])
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         [rows.event_values(e, i) for i, e in enumerate(a.events)])
        conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,NULL)",
                         [rows.claim_values(c) for c in a.claims])
        conn.execute("INSERT INTO analyses VALUES (?,?,?,?)",
                     (rid, model, json.dumps([list(s) for s in a.sentences]), now))

    def get_analysis(self, report_id: str) -> Analysis | None:
        head = self.conn.execute("SELECT sentences FROM analyses WHERE report_id = ?",
                                 (report_id,)).fetchone()
        if head is None:
            return None

        def fetch(table: str, order: str = "idx") -> list[sqlite3.Row]:
            return self.conn.execute(
                f"SELECT * FROM {table} WHERE report_id = ? ORDER BY {order}", (report_id,)
            ).fetchall()

        return Analysis(
            report_id=report_id,
            mentions=tuple(rows.mention_from_row(r) for r in fetch("mentions")),
            quotes=tuple(rows.quote_from_row(r) for r in fetch("quotes", "start")),
            numbers=tuple(rows.number_from_row(r) for r in fetch("numbers")),
            times=tuple(rows.time_from_row(r) for r in fetch("times")),
            events=tuple(rows.event_from_row(r) for r in fetch("events")),
            claims=tuple(rows.claim_from_row(r) for r in fetch("claims", "start")),
            sentences=tuple((int(s[0]), int(s[1])) for s in json.loads(head["sentences"])),
        )

    def get_analyses(self, report_ids: Sequence[str]) -> dict[str, Analysis]:
        """The analyses of many reports in one query per table; unanalysed ids are absent.
        Equal to calling ``get_analysis`` on each id."""
        heads: dict[str, str] = {}
        for chunk in _chunks(list(report_ids), 500):
            marks = ",".join("?" * len(chunk))
            heads.update(self.conn.execute(
                f"SELECT report_id, sentences FROM analyses WHERE report_id IN ({marks})",
                chunk).fetchall())
        ids = sorted(heads)
        mentions = self._grouped("mentions", "idx", rows.mention_from_row, ids)
        quotes = self._grouped("quotes", "start", rows.quote_from_row, ids)
        numbers = self._grouped("numbers", "idx", rows.number_from_row, ids)
        times = self._grouped("times", "idx", rows.time_from_row, ids)
        events = self._grouped("events", "idx", rows.event_from_row, ids)
        claims = self._grouped("claims", "start", rows.claim_from_row, ids)
        return {
            rid: Analysis(
                report_id=rid,
                mentions=tuple(mentions.get(rid, ())),
                quotes=tuple(quotes.get(rid, ())),
                numbers=tuple(numbers.get(rid, ())),
                times=tuple(times.get(rid, ())),
                events=tuple(events.get(rid, ())),
                claims=tuple(claims.get(rid, ())),
                sentences=tuple((int(s[0]), int(s[1])) for s in json.loads(heads[rid])),
            )
            for rid in ids
        }

    def analyzed_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT report_id FROM analyses")}

    def quotes(self, report_ids: Sequence[str] | None = None) -> list[Quote]:
        return [rows.quote_from_row(r) for r in self._rows_for("quotes", report_ids, "start")]

    def claims(self, report_ids: Sequence[str] | None = None) -> list[ClaimUnit]:
        return [rows.claim_from_row(r) for r in self._rows_for("claims", report_ids, "start")]

    def mentions(self, report_ids: Sequence[str] | None = None) -> list[Mention]:
        return [rows.mention_from_row(r) for r in self._rows_for("mentions", report_ids, "idx")]

    def _rows_for(self, table: str, report_ids: Sequence[str] | None,
                  order: str) -> list[sqlite3.Row]:
        if report_ids is None:
            return self.conn.execute(
                f"SELECT * FROM {table} ORDER BY report_id, {order}").fetchall()
        out: list[sqlite3.Row] = []
        for chunk in _chunks(list(report_ids), 500):
            marks = ",".join("?" * len(chunk))
            out += self.conn.execute(
                f"SELECT * FROM {table} WHERE report_id IN ({marks}) "
                f"ORDER BY report_id, {order}", chunk).fetchall()
        return out

    def _grouped(self, table: str, order: str, convert: Callable[[sqlite3.Row], _T],
                 report_ids: Sequence[str]) -> dict[str, list[_T]]:
        out: dict[str, list[_T]] = {}
        for r in self._rows_for(table, report_ids, order):
            out.setdefault(r["report_id"], []).append(convert(r))
        return out

    def table_rows(self, table: str) -> list[sqlite3.Row]:
        """Every row of one annotation table, for exports."""
        if table not in {"mentions", "quotes", "numbers", "times", "events", "claims",
                         "notices"}:
            raise StoreError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT * FROM {table} ORDER BY report_id").fetchall()

    # -- stories and reuse -------------------------------------------------------------------

    def replace_stories(self, stories: Sequence[Story], removed: Sequence[str] = ()) -> None:
        """Write stories (and their members' story_id); drop stories merged away."""
        now = _now()
        with self.transaction() as conn:
            for sid in removed:
                conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
            for s in stories:
                conn.execute(
                    "INSERT INTO stories (id, title, first_seen, last_seen, size, updated_at) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET title=excluded.title, "
                    "first_seen=excluded.first_seen, last_seen=excluded.last_seen, "
                    "size=excluded.size, updated_at=excluded.updated_at",
                    (s.id, s.title, s.first_seen, s.last_seen, len(s.report_ids), now),
                )
                conn.executemany("UPDATE reports SET story_id = ? WHERE id = ?",
                                 [(s.id, rid) for rid in s.report_ids])

    def unclustered_ids(self) -> list[str]:
        """Reports not yet in any story, in storage order."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM reports WHERE story_id IS NULL ORDER BY rowid")]

    def clustered_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM reports WHERE story_id IS NOT NULL ORDER BY rowid")]

    def story_ids_of(self, report_ids: Sequence[str]) -> set[str]:
        """The stories the given reports are stored in now."""
        found: set[str] = set()
        for chunk in _chunks(list(report_ids), 500):
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT story_id FROM reports WHERE id IN ({marks}) "
                "AND story_id IS NOT NULL", chunk))
        return found

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for rid, sid in self.conn.execute(
                "SELECT id, story_id FROM reports WHERE story_id IS NOT NULL "
                "ORDER BY coalesce(published_at, ''), rowid"):
            members.setdefault(sid, []).append(rid)
        found = self.conn.execute(
            "SELECT * FROM stories ORDER BY size DESC, last_seen DESC, id").fetchall()
        return [rows.story_from_row(r, tuple(members.get(r["id"], ()))) for r in found]

    def story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None and len(story_id) >= 4:
            found = self.conn.execute("SELECT * FROM stories WHERE id >= ? AND id < ? LIMIT 2",
                                      (story_id, story_id + "\uffff")).fetchall()
            row = found[0] if len(found) == 1 else None
        if row is None:
            raise NotFound(f"no story with id {story_id!r}; `newsprism stories` lists them")
        ids = tuple(r[0] for r in self.conn.execute(
            "SELECT id FROM reports WHERE story_id = ? ORDER BY coalesce(published_at, ''), "
            "rowid", (row["id"],)))
        return rows.story_from_row(row, ids)

    def put_reuse(self, edges: Iterable[Reuse]) -> None:
        with self.transaction() as conn:
            for r in edges:
                conn.execute("DELETE FROM reuse WHERE (from_report_id = ? AND to_report_id = ?) "
                             "OR (from_report_id = ? AND to_report_id = ?)",
                             (r.from_report_id, r.to_report_id, r.to_report_id,
                              r.from_report_id))
                conn.execute("INSERT INTO reuse VALUES (?,?,?,?,?,?,?,?)", rows.reuse_values(r))

    def reuse(self, report_ids: Sequence[str] | None = None) -> list[Reuse]:
        if report_ids is None:
            found = self.conn.execute("SELECT * FROM reuse ORDER BY from_report_id").fetchall()
        else:
            found = []
            for chunk in _chunks(list(report_ids), 400):
                marks = ",".join("?" * len(chunk))
                found += self.conn.execute(
                    f"SELECT * FROM reuse WHERE from_report_id IN ({marks}) "
                    f"OR to_report_id IN ({marks})", chunk + chunk).fetchall()
        unique = {(r["from_report_id"], r["to_report_id"]): r for r in found}
        return [rows.reuse_from_row(r) for r in unique.values()]

    # -- entities ----------------------------------------------------------------------------

    def replace_entities(self, entities: Sequence[Entity],
                         mention_entities: dict[tuple[str, int], str],
                         removed: Sequence[str] = ()) -> None:
        """Write entities and point mentions (report_id, mention index) at them."""
        with self.transaction() as conn:
            for eid in removed:
                conn.execute("DELETE FROM entities WHERE id = ?", (eid,))
            conn.executemany(
                "INSERT OR REPLACE INTO entities VALUES (?,?,?,?,?,?,?,?)",
                [rows.entity_values(e) for e in entities])
            conn.executemany("UPDATE mentions SET entity_id = ? WHERE report_id = ? AND idx = ?",
                             [(eid, rid, idx) for (rid, idx), eid in mention_entities.items()])

    def entities(self) -> list[Entity]:
        return [rows.entity_from_row(r) for r in
                self.conn.execute("SELECT * FROM entities ORDER BY name").fetchall()]

    def entity(self, entity_id: str) -> Entity:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"no entity with id {entity_id!r}; `newsprism entities` lists them")
        return rows.entity_from_row(row)

    # -- triangulation results ---------------------------------------------------------------

    def replace_groups(self, story_id: str, claim_groups: Sequence[dict[str, object]],
                       quote_groups: Sequence[dict[str, object]]) -> None:
        """Replace one story's claim and quote groups (JSON documents with an ``id``)."""
        with self.transaction() as conn:
            conn.execute("UPDATE claims SET group_id = NULL WHERE group_id IN "
                         "(SELECT id FROM claim_groups WHERE story_id = ?)", (story_id,))
            conn.execute("UPDATE quotes SET group_id = NULL WHERE group_id IN "
                         "(SELECT id FROM quote_groups WHERE story_id = ?)", (story_id,))
            conn.execute("DELETE FROM claim_groups WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM quote_groups WHERE story_id = ?", (story_id,))
            for g in claim_groups:
                conn.execute("INSERT INTO claim_groups VALUES (?,?,?)",
                             (g["id"], story_id, json.dumps(g, sort_keys=True, default=str)))
                members = g.get("members") or []
                assert isinstance(members, list)
                conn.executemany("UPDATE claims SET group_id = ? WHERE id = ?",
                                 [(g["id"], m["claim_id"]) for m in members
                                  if isinstance(m, dict) and m.get("claim_id")])
            for g in quote_groups:
                quote_ids = list(g.get("quote_ids") or [])  # type: ignore[call-overload]
                conn.execute("INSERT INTO quote_groups VALUES (?,?,?,?,?)",
                             (g["id"], story_id, g.get("speaker_entity_id"),
                              json.dumps(quote_ids), json.dumps(g, sort_keys=True, default=str)))
                conn.executemany("UPDATE quotes SET group_id = ? WHERE id = ?",
                                 [(g["id"], qid) for qid in quote_ids])

    def grouped_story_ids(self) -> set[str]:
        """Stories that have stored claim or quote groups."""
        return {r[0] for r in self.conn.execute(
            "SELECT story_id FROM claim_groups UNION SELECT story_id FROM quote_groups")}

    def claim_groups(self, story_id: str | None = None) -> list[dict[str, object]]:
        sql = "SELECT data FROM claim_groups"
        params: tuple[str, ...] = ()
        if story_id is not None:
            sql += " WHERE story_id = ?"
            params = (story_id,)
        return [json.loads(r[0]) for r in self.conn.execute(sql + " ORDER BY id", params)]

    def quote_groups(self, story_id: str | None = None) -> list[dict[str, object]]:
        sql = "SELECT data FROM quote_groups"
        params: tuple[str, ...] = ()
        if story_id is not None:
            sql += " WHERE story_id = ?"
            params = (story_id,)
        return [json.loads(r[0]) for r in self.conn.execute(sql + " ORDER BY id", params)]

    # -- outlets -----------------------------------------------------------------------------

    def put_outlet(self, name: str, *, country: str | None = None, language: str | None = None,
                   owner: str | None = None, homepage: str | None = None,
                   meta: dict[str, object] | None = None) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO outlets VALUES (?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
                "country=excluded.country, language=excluded.language, owner=excluded.owner, "
                "homepage=excluded.homepage, meta=excluded.meta",
                (name, country, language, owner, homepage,
                 json.dumps(meta or {}, sort_keys=True)))

    def outlet_info(self) -> dict[str, dict[str, object]]:
        """What the user's sources file says about each outlet, by outlet name."""
        found = self.conn.execute("SELECT * FROM outlets ORDER BY name").fetchall()
        return {r["name"]: {"country": r["country"], "language": r["language"],
                            "owner": r["owner"], "homepage": r["homepage"],
                            **json.loads(r["meta"])} for r in found}

    # -- stage state and resumable files -----------------------------------------------------

    # -- embedding cache -----------------------------------------------------------------------

    def get_embeddings(self, model: str, text_shas: Sequence[str]) -> dict[str, bytes]:
        """Stored sentence embeddings of ``model`` by text hash (those it has)."""
        out: dict[str, bytes] = {}
        for chunk in _chunks(list(dict.fromkeys(text_shas)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT text_sha, vector FROM embeddings WHERE model = ? AND text_sha IN "
                f"({marks})", (model, *chunk))
            out.update((str(r[0]), bytes(r[1])) for r in rows)
        return out

    def put_embeddings(self, model: str, vectors: Iterable[tuple[str, bytes]]) -> None:
        """Store sentence embeddings of ``model`` by text hash."""
        rows = [(model, sha, blob) for sha, blob in vectors]
        if not rows:
            return
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO embeddings VALUES (?,?,?)", rows)

    def get_state(self, name: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM stage_state WHERE name = ?",
                                (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def set_state(self, name: str, data: bytes, conn: sqlite3.Connection | None = None) -> None:
        sql = ("INSERT INTO stage_state VALUES (?,?,?) ON CONFLICT(name) DO UPDATE SET "
               "data=excluded.data, updated_at=excluded.updated_at")
        if conn is not None:
            conn.execute(sql, (name, data, _now()))
            return
        with self.transaction() as c:
            c.execute(sql, (name, data, _now()))

    def file_done(self, path: str, size: int, mtime_ns: int) -> bool:
        row = self.conn.execute("SELECT size, mtime_ns FROM ingested_files WHERE path = ?",
                                (path,)).fetchone()
        return row is not None and (row[0], row[1]) == (size, mtime_ns)

    def mark_file_done(self, path: str, size: int, mtime_ns: int, reports: int) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO ingested_files VALUES (?,?,?,?,?)",
                         (path, size, mtime_ns, reports, _now()))


def fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: words are quoted (so punctuation and
    FTS operators in article-derived or user text cannot break the query), AND-ed."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    if not words:
        raise NotFound(f"search query {text!r} has no words to search for")
    return " ".join(f'"{w}"' for w in words)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
