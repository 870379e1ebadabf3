from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import NotFound, SchemaError
from newsprism.store import Store, StoredItem
from newsprism.store.migrations import SCHEMA_VERSION
from newsprism.types import (
    Analysis,
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


def make_report(rid: str, text: str = "The harbour council met on Tuesday.", **kw: object
                ) -> Report:
    fields: dict[str, object] = {"source": f"/in/{rid}.txt", "outlet": "Lakeside Courier",
                                 "title": f"Title {rid}", "published_at": "2024-05-02"}
    fields.update(kw)
    return Report(id=rid, text=text, **fields)  # type: ignore[arg-type]


def make_analysis(rid: str) -> Analysis:
    return Analysis(
        report_id=rid,
        mentions=(Mention(rid, 4, 18, "harbour council", "ORG"),),
        quotes=(Quote(f"{rid}:q0", rid, 0, 10, "The harbour", "direct", cue="said",
                      speaker_text="Mayor Ilse Varga"),),
        numbers=(NumberExpr(rid, 0, 6, "12.000", 12000.0, unit="boats"),),
        times=(TimeExpr(rid, 26, 33, "Tuesday", "2024-04-30", "day", "publication"),),
        events=(Event(rid, 0, 36, "CONSULT", "met", source_text="harbour council"),),
        claims=(ClaimUnit(f"{rid}:c0", rid, 0, 36, "The harbour council met on Tuesday.",
                          "asserted", values={"numbers": [12000.0]}),),
        sentences=((0, 36),),
    )


def test_new_store_is_at_current_schema(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.integrity_ok()
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_same_content_is_stored_once(db_path: Path) -> None:
    with Store(db_path) as store:
        first = store.add_reports([StoredItem(make_report("a1"), raw_sha="x1")])
        again = store.add_reports([StoredItem(make_report("a1", source="/other.txt"),
                                              raw_sha="x2")])
        assert first == [True] and again == [False]
        assert store.count_reports() == 1
        assert store.report_for_raw("x2") == "a1"


def test_report_round_trip_with_notices_and_prefix(db_path: Path) -> None:
    notice = Notice("republication", "Republished from the Harbor Times.", "Harbor Times")
    with Store(db_path) as store:
        store.add_reports([StoredItem(make_report("abcdef01", notices=(notice,)))])
        got = store.get_report("abcd")
        assert got.id == "abcdef01" and got.notices == (notice,)
        with pytest.raises(NotFound):
            store.get_report("zzzz")


def test_analysis_round_trip(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_reports([StoredItem(make_report("r1"), analysis=make_analysis("r1"))])
        assert store.get_analysis("r1") == make_analysis("r1")
        assert store.analyzed_ids() == {"r1"}


def test_batched_reads_equal_single_reads(db_path: Path) -> None:
    notice = Notice("republication", "Republished from the Harbor Times.", "Harbor Times")
    with Store(db_path) as store:
        store.add_reports([
            StoredItem(make_report("r1", notices=(notice,)), analysis=make_analysis("r1")),
            StoredItem(make_report("r2", text="A ferry sank.")),
            StoredItem(make_report("r3"), analysis=Analysis(report_id="r3")),
        ])
        ids = ["r3", "r1", "r2", "missing"]
        reports = store.get_reports(ids)
        assert set(reports) == {"r1", "r2", "r3"}
        assert all(reports[rid] == store.get_report(rid) for rid in reports)
        analyses = store.get_analyses(ids)
        assert set(analyses) == {"r1", "r3"}
        assert analyses["r1"] == make_analysis("r1") == store.get_analysis("r1")
        assert analyses["r3"] == store.get_analysis("r3")


def test_failed_batch_leaves_nothing_half_written(db_path: Path) -> None:
    bad = Analysis(report_id="r2", quotes=(Quote("dup", "r2", 0, 1, "x", "direct"),
                                          Quote("dup", "r2", 0, 1, "x", "direct")))
    with Store(db_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add_reports([StoredItem(make_report("r1")), StoredItem(make_report("r2"),
                                                                         analysis=bad)])
        assert store.count_reports() == 0
        assert store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0


def test_filters_and_full_text_search(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_reports([
            StoredItem(make_report("r1", "Floodwater reached the old mill.",
                                   published_at="2024-03-01")),
            StoredItem(make_report("r2", "The ferry strike ended.", outlet="Valley Post",
                                   published_at="2024-03-05T10:00:00+00:00")),
        ])
        assert [r.id for r in store.reports(outlet="Valley Post")] == ["r2"]
        assert [r.id for r in store.reports(since="2024-03-02")] == ["r2"]
        assert [r.id for r in store.reports(until="2024-03-05")] == ["r1", "r2"]
        hits = store.search("floodwater mill")
        assert [h.report_id for h in hits] == ["r1"] and "[Floodwater]" in hits[0].snippet
        # FTS operators and quotes in user input are treated as words, not syntax.
        assert store.search('ferry" OR NEAR(') == []
        assert store.count_reports(query="ferry") == 1


def test_stories_reuse_entities_and_groups(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_reports([StoredItem(make_report("r1"), analysis=make_analysis("r1")),
                           StoredItem(make_report("r2"))])
        store.replace_stories([Story("s1", "Harbour council", ("r1", "r2"), "2024-05-02",
                                     "2024-05-02")])
        assert store.story("s1").report_ids == ("r1", "r2")
        edge = Reuse("r1", "r2", 30, ((0, 30, 0, 30),), 0.8, 0.8, "near-exact", "dates")
        store.put_reuse([edge])
        store.put_reuse([edge])
        assert store.reuse(["r2"]) == [edge]
        store.replace_entities([Entity("e1", "Harbour Council", "ORG", ("harbour council",))],
                               {("r1", 0): "e1"})
        assert store.mentions(["r1"])[0].entity_id == "e1"
        store.replace_groups("s1", [{"id": "g1", "members": [{"claim_id": "r1:c0"}]}],
                             [{"id": "qg1", "quote_ids": ["r1:q0"]}])
        assert store.claims(["r1"])[0].id == "r1:c0"
        assert store.claim_groups("s1")[0]["id"] == "g1"
        assert store.conn.execute("SELECT group_id FROM quotes").fetchone()[0] == "qg1"


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError):
        Store(db_path)


def test_readonly_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        Store(tmp_path / "missing.db", readonly=True)


def test_resume_bookkeeping(db_path: Path) -> None:
    with Store(db_path) as store:
        assert not store.file_done("/in/a.warc", 10, 5)
        store.mark_file_done("/in/a.warc", 10, 5, 3)
        assert store.file_done("/in/a.warc", 10, 5)
        assert not store.file_done("/in/a.warc", 11, 5)


def test_previous_schema_is_migrated_in_place_with_a_backup(db_path: Path) -> None:
    from newsprism.store.migrations import MIGRATIONS

    old = sqlite3.connect(db_path)
    old.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    old.execute("INSERT INTO reports (id, source, text, ingested_at) VALUES "
                "('r1', '/in/a.txt', 'Ferries ran again.', '2024-01-01')")
    old.commit()
    old.close()
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_report("r1").text == "Ferries ran again."
        assert store.search("ferries")[0].report_id == "r1"
        store.put_outlet("Lakeside Courier", country="Eskaria", owner="Courier Group")
        assert store.outlet_info()["Lakeside Courier"]["country"] == "Eskaria"
    backup = db_path.with_name(f"{db_path.name}.v1.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT text FROM reports").fetchone()[0] == "Ferries ran again."


def test_embeddings_are_kept_by_model_and_text_hash(db_path: Path) -> None:
    with Store(db_path) as store:
        store.put_embeddings("model-a", [("sha1", b"\x00\x01"), ("sha2", b"\x02\x03")])
        store.put_embeddings("model-b", [("sha1", b"\x09")])
        assert store.get_embeddings("model-a", ["sha1", "sha3"]) == {"sha1": b"\x00\x01"}
        assert store.get_embeddings("model-b", ["sha1", "sha2"]) == {"sha1": b"\x09"}
        store.put_embeddings("model-a", [("sha1", b"\x05")])  # re-encoded: replaced
        assert store.get_embeddings("model-a", ["sha1"]) == {"sha1": b"\x05"}
        store.put_embeddings("model-a", [])
        many = [f"s{i}" for i in range(1200)]
        store.put_embeddings("model-c", [(s, s.encode()) for s in many])
        assert len(store.get_embeddings("model-c", many + many)) == 1200


def test_version_2_store_gains_the_embedding_table(db_path: Path) -> None:
    from newsprism.store.migrations import MIGRATIONS

    old = sqlite3.connect(db_path)
    old.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "\nPRAGMA user_version = 2;")
    old.execute("INSERT INTO outlets (name, country) VALUES ('Lakeside Courier', 'Eskaria')")
    old.commit()
    old.close()
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 3
        assert store.outlet_info()["Lakeside Courier"]["country"] == "Eskaria"
        store.put_embeddings("m", [("x", b"\x01")])
        assert store.get_embeddings("m", ["x"]) == {"x": b"\x01"}
    backup = db_path.with_name(f"{db_path.name}.v2.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "embeddings" not in tables and "outlets" in tables


def test_version_3_store_gains_group_indexes_used_to_replace_groups(db_path: Path) -> None:
    from newsprism.store.migrations import MIGRATIONS

    old = sqlite3.connect(db_path)
    old.executescript("".join(MIGRATIONS[:3]) + "\nPRAGMA user_version = 3;")
    old.commit()
    old.close()
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 4
        plan = " ".join(str(r[-1]) for r in store.conn.execute(
            "EXPLAIN QUERY PLAN UPDATE claims SET group_id = NULL WHERE group_id IN "
            "(SELECT id FROM claim_groups WHERE story_id = 's1')"))
        assert "claims_group" in plan, plan
    assert db_path.with_name(f"{db_path.name}.v3.bak").exists()
