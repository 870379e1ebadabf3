"""Parquet and CSV table exports: every table, no loss through pandas, safe CSV cells, and the
single-file CSV and JSON exports unchanged."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from newsprism.errors import ConfigError
from newsprism.exports import CONTRACT_KEYS, TABLE_NAMES, TABLES, build_export, export
from newsprism.exports.writers import REPORT_CSV_COLUMNS
from newsprism.store import Store, StoredItem
from newsprism.store import rows as store_rows
from newsprism.types import Notice, Report


@pytest.fixture(scope="module")
def parquet_dir(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "tables"
    with Store(demo_db, readonly=True) as store:
        counts = export(store, "parquet", str(out))
    assert set(counts) == set(TABLE_NAMES)
    return out


def plain(value: Any) -> Any:
    """pandas/pyarrow values back to plain Python: arrays to lists, NaN/NA to None."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def read(parquet_dir: Path, name: str) -> list[dict[str, Any]]:
    frame = pd.read_parquet(parquet_dir / f"{name}.parquet")
    assert list(frame.columns) == TABLES[name].column_names
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def test_reports_stories_entities_round_trip(parquet_dir: Path, demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        reports, stories, entities = store.reports(), store.stories(), store.entities()
        story_of = {rid: s.id for s in stories for rid in s.report_ids}
    got = {r["id"]: r for r in read(parquet_dir, "reports")}
    assert len(got) == len(reports)
    for r in reports:
        row = got[r.id]
        for name in ("source", "url", "outlet", "title", "byline", "published_at",
                     "published_precision", "published_source", "updated_at", "language",
                     "text"):
            assert row[name] == getattr(r, name), (r.id, name)
        assert row["story_id"] == story_of.get(r.id)
        assert [Notice(**n) for n in json.loads(row["notices"])] == list(r.notices)
    assert [(s["id"], s["title"], s["first_seen"], s["last_seen"], tuple(s["report_ids"]))
            for s in read(parquet_dir, "stories")] == \
        [(s.id, s.title, s.first_seen, s.last_seen, s.report_ids) for s in stories]
    assert [(e["id"], e["name"], e["type"], tuple(e["aliases"]), tuple(e["roles"]),
             e["country"], e["latitude"], e["longitude"])
            for e in read(parquet_dir, "entities")] == \
        [(e.id, e.name, e.type, e.aliases, e.roles, e.country, e.latitude, e.longitude)
         for e in entities]


@pytest.mark.parametrize(("name", "convert"), [
    ("mentions", store_rows.mention_from_row), ("numbers", store_rows.number_from_row),
    ("times", store_rows.time_from_row), ("events", store_rows.event_from_row),
    ("quotes", store_rows.quote_from_row), ("claims", store_rows.claim_from_row)])
def test_annotation_tables_round_trip(parquet_dir: Path, demo_db: Path, name: str,
                                      convert: Any) -> None:
    with Store(demo_db, readonly=True) as store:
        stored = store.table_rows(name)
        expected = [(dict(row), convert(row)) for row in stored]
    got = read(parquet_dir, name)
    assert got and len(got) == len(expected)
    key = ("id",) if name in ("quotes", "claims") else ("report_id", "idx")
    by_key = {tuple(r[k] for k in key): r for r in got}
    for raw, record in expected:
        row = by_key[tuple(raw[k] for k in key)]
        for field in type(record).__dataclass_fields__:
            value = getattr(record, field)
            if isinstance(value, tuple):
                value = list(value)
            assert row[field] == (json.dumps(value, ensure_ascii=False, sort_keys=True)
                                  if field == "values" else value), (name, field)
        if "group_id" in raw:
            assert row["group_id"] == raw["group_id"]


def test_groups_and_reuse_round_trip(parquet_dir: Path, demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        claim_groups, quote_groups, reuse = (store.claim_groups(), store.quote_groups(),
                                             store.reuse())
    got = read(parquet_dir, "claim_groups")
    assert [json.loads(g["data"]) for g in got] == claim_groups
    assert all(g["report_ids"] == json.loads(g["data"])["report_ids"] for g in got)
    assert [json.loads(g["data"]) for g in read(parquet_dir, "quote_groups")] == quote_groups
    assert [(r["from_report_id"], r["to_report_id"], r["shared_chars"], r["kind"],
             [tuple(p) for p in json.loads(r["passages"])])
            for r in read(parquet_dir, "reuse")] == \
        [(r.from_report_id, r.to_report_id, r.shared_chars, r.kind, list(r.passages))
         for r in reuse]


HOSTILE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    db = tmp_path / "small.db"
    report = Report(id="rep-1", source="/fixtures/one.txt", outlet=HOSTILE, title="-2+3",
                    text="The ferry to Kallvik runs again.", published_at="2025-09-01",
                    notices=(Notice("correction", "An earlier version misspelt Kallvik."),))
    with Store(db) as store:
        store.add_reports([StoredItem(report)])
    return db


def test_csv_directory_has_every_table_and_safe_cells(small_store: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "csv"
    with Store(small_store, readonly=True) as store:
        counts = export(store, "csv", str(out))
    assert counts["reports"] == 1 and counts["claims"] == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    for name in TABLE_NAMES:
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == TABLES[name].column_names
    with (out / "reports.csv").open(encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["outlet"] == "'" + HOSTILE and row["title"] == "'-2+3"
    assert json.loads(row["notices"])[0]["kind"] == "correction"


def test_csv_to_a_file_is_still_the_reports_alone(small_store: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "reports.csv"
    with Store(small_store, readonly=True) as store:
        export(store, "csv", str(target))
        export(store, "csv", "-")
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(REPORT_CSV_COLUMNS) and len(rows) == 2
    assert capsys.readouterr().out.splitlines()[0] == ",".join(REPORT_CSV_COLUMNS)


def test_json_contract_unchanged(small_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with Store(small_store, readonly=True) as store:
        export(store, "json", str(target))
        expected = build_export(store)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == expected and set(CONTRACT_KEYS) <= set(data)


def test_empty_store_gives_empty_tables_with_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        export(store, "parquet", str(tmp_path / "pq"))
    for name in TABLE_NAMES:
        frame = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert frame.empty and list(frame.columns) == TABLES[name].column_names


def test_table_exports_need_a_directory(small_store: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    with Store(small_store, readonly=True) as store:
        with pytest.raises(ConfigError, match="directory"):
            export(store, "parquet", "-")
        with pytest.raises(ConfigError, match="is a file"):
            export(store, "parquet", str(a_file))
        with pytest.raises(ConfigError, match="is a file"):
            export(store, "csv", str(a_file))
        with pytest.raises(ConfigError, match="unknown export format"):
            export(store, "xlsx", str(tmp_path / "x.xlsx"))
    assert not list(tmp_path.glob("**/*.part"))
