"""The public Python API over the demo store (read-only) and small stores of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsprism
from newsprism.errors import ConfigError, NotFound, StoreError
from newsprism.exports.tables import TABLE_NAMES, TABLES
from newsprism.normalize import report_id_for
from newsprism.types import Analysis, Report

STANCES = {"asserted", "attributed", "quoted", "hedged", "denied"}

# Fictional texts written for these tests.
HARBOUR = ("The port of Lisdarra reopened on Thursday after a three-day strike by crane "
           "operators, the harbour master Ilse Brandvik said. \"Ships are moving again,\" "
           "Brandvik told reporters, adding that 42 vessels had waited offshore.")
VALLEY = ("Farmers in the Orrin valley said on Monday that late frost had destroyed about a "
          "third of the apple blossom. The regional agriculture office said it would assess "
          "the damage before promising any compensation.")


@pytest.fixture
def demo(demo_db: Path) -> Iterator[newsprism.Database]:
    with newsprism.open(demo_db, readonly=True) as db:
        yield db


def sql(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(query).fetchall()


def test_package_exports_the_api() -> None:
    assert {"open", "Database", "analyze_texts", "NewsprismError"} <= set(newsprism.__all__)
    assert newsprism.open is newsprism.api.open
    with pytest.raises(AttributeError):
        _ = newsprism.no_such_name  # type: ignore[attr-defined]


def test_records(demo: newsprism.Database, demo_db: Path) -> None:
    reports = list(demo)
    assert len(demo) == len(reports) == sql(demo_db, "SELECT count(*) FROM reports")[0][0]
    assert all(isinstance(r, Report) for r in reports)
    outlet = reports[0].outlet
    assert outlet and {r.outlet for r in demo.reports(outlet=outlet)} == {outlet}
    story = demo.stories()[0]
    assert demo.story(story.id[:6]) == story
    in_story = demo.reports(story_id=story.id)
    assert sorted(r.id for r in in_story) == sorted(story.report_ids)
    assert {c.report_id for c in demo.claims(story.id)} <= set(story.report_ids)
    assert demo.claims(report_id=story.report_ids[0])
    assert all(e.type == "PERSON" for e in demo.entities(type="PERSON"))
    spoken = [q for q in demo.quotes() if q.speaker_entity_id]
    assert spoken
    speaker = spoken[0].speaker_entity_id
    assert {q.speaker_entity_id for q in demo.quotes(speaker_entity_id=speaker)} == {speaker}
    analysis = demo.analysis(story.report_ids[0])
    assert isinstance(analysis, Analysis) and analysis.claims
    assert {g["story_id"] for g in demo.claim_groups(story.id)} == {story.id}
    assert sum(v["reports"] for v in demo.outlets().values()) == len(reports)
    with pytest.raises(NotFound):
        demo.report("no-such-report")


def test_dataframes_have_the_export_columns(demo: newsprism.Database, demo_db: Path) -> None:
    counted = {"reports", "mentions", "quotes", "numbers", "times", "events", "claims",
               "entities", "stories", "reuse", "claim_groups", "quote_groups"}
    assert set(TABLE_NAMES) == counted
    for name in TABLE_NAMES:
        frame = demo.dataframe(name)
        assert list(frame.columns) == TABLES[name].column_names
        assert len(frame) == sql(demo_db, f"SELECT count(*) FROM {name}")[0][0], name
    quotes = demo.quotes_df()
    assert str(quotes["start"].dtype) == "int64"
    assert len(demo.claims_df()) == len(demo.claims())
    with pytest.raises(ConfigError, match="unknown table"):
        demo.dataframe("nope")


def test_claim_matrix(demo: newsprism.Database) -> None:
    story = demo.stories()[0]
    matrix = demo.claim_matrix(story.id)
    groups = {g["id"]: g for g in demo.claim_groups(story.id)}
    assert matrix.shape == (len(groups), len(story.report_ids))
    assert matrix.index.names == ["group_id", "claim"]
    columns = matrix.attrs["report_ids"]
    assert sorted(columns.values()) == sorted(story.report_ids)
    for (group_id, summary), row in matrix.iterrows():
        group = groups[group_id]
        assert summary == group["summary"]
        for label, cell in row.items():
            rid = columns[label]
            carried = group["by_report"].get(rid)
            if carried is not None:
                assert cell == carried["stance"] and cell in STANCES
            else:
                assert cell in ("absent", "mentioned")
    assert (matrix != "absent").to_numpy().sum() >= len(groups)


def test_ingest_texts_paths_and_mistakes(tmp_path: Path) -> None:
    page = tmp_path / "valley.txt"
    page.write_text(VALLEY, encoding="utf-8")
    with newsprism.open(tmp_path / "api.db") as db:
        first = db.ingest([HARBOUR, page], analyze=False)
        assert (first.stored, first.failed) == (2, 0)
        again = db.ingest([HARBOUR, str(page)], analyze=False)
        assert (again.stored, again.duplicates) == (0, 2)
        missing = db.ingest("valley-notes.txt", analyze=False)
        assert missing.failed == 1 and "no such file" in missing.errors[0]
        assert len(db) == 2 and {r.source for r in db} == {"<text>", str(page)}
    with newsprism.open(tmp_path / "api.db", readonly=True) as db, \
            pytest.raises(StoreError, match="read-only"):
        db.ingest(HARBOUR)


def test_analyze_texts_in_memory() -> None:
    harbour, valley = newsprism.analyze_texts([HARBOUR, VALLEY], published_at="2025-09-04")
    assert harbour.report_id == report_id_for(HARBOUR)
    assert valley.report_id == report_id_for(VALLEY)
    for analysis, text in ((harbour, HARBOUR), (valley, VALLEY)):
        assert all(text[m.start:m.end] == m.text for m in analysis.mentions)
        assert analysis.claims and analysis.sentences
    assert any("Brandvik" in m.text for m in harbour.mentions)
    assert any(q.kind == "direct" for q in harbour.quotes)
    assert any(n.value == 42 for n in harbour.numbers)
    # Relative dates are anchored on the given publication date (a Thursday).
    assert any(t.text == "Thursday" and t.anchor == "publication" and
               (t.value or "").startswith("2025-0") for t in harbour.times)
    with pytest.raises(ConfigError, match="2 texts"):
        newsprism.analyze_texts([HARBOUR, VALLEY], published_at=["2025-09-04"])
