"""The GraphML entity graph: it loads in networkx with the edges the store's tables imply."""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from newsprism.errors import ConfigError
from newsprism.exports import export
from newsprism.store import Store, StoredItem
from newsprism.types import Analysis, Entity, Event, Mention, Quote, Report


def expected_edges(db: Path) -> Counter[tuple[str, str, str]]:
    """Edges straight from the SQL tables: (source, target, kind or event type) -> weight."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        known = {r[0] for r in conn.execute("SELECT id FROM entities")}
        per_report: dict[str, set[str]] = {}
        for rid, eid in conn.execute("SELECT report_id, entity_id FROM mentions"):
            if eid in known:
                per_report.setdefault(rid, set()).add(eid)
        edges: Counter[tuple[str, str, str]] = Counter()
        for ids in per_report.values():
            for a, b in combinations(sorted(ids), 2):
                edges[(a, b, "co-occurrence")] += 1
        for rid, start, end, speaker in conn.execute(
                'SELECT report_id, start, "end", speaker_entity_id FROM quotes'):
            if speaker not in known:
                continue
            inside = {r[0] for r in conn.execute(
                'SELECT entity_id FROM mentions WHERE report_id = ? AND start >= ? '
                'AND "end" <= ?', (rid, start, end))}
            for eid in inside & known - {speaker}:
                edges[(speaker, eid, "quote")] += 1
        for source, target, kind in conn.execute(
                "SELECT source_entity_id, target_entity_id, type FROM events"):
            if source in known and target in known and source != target:
                edges[(source, target, kind)] += 1
        return edges
    finally:
        conn.close()


def loaded_edges(graph: nx.MultiDiGraph) -> Counter[tuple[str, str, str]]:
    out: Counter[tuple[str, str, str]] = Counter()
    for a, b, data in graph.edges(data=True):
        kind = data["type"] if data["kind"] == "event" else data["kind"]
        out[(a, b, kind)] += int(data["weight"])
    return out


def test_demo_graph_loads_with_the_expected_nodes_and_edges(demo_db: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "entities.graphml"
    with Store(demo_db, readonly=True) as store:
        counts = export(store, "graphml", str(target))
        names = {e.id: e.name for e in store.entities()}
    graph = nx.read_graphml(target)
    assert graph.number_of_nodes() == len(names) == counts["entities"]
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == names
    expected = expected_edges(demo_db)
    assert graph.number_of_edges() == len(expected) == counts["relations"]
    assert loaded_edges(graph) == expected
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert {"co-occurrence", "quote", "event"} <= kinds


def test_small_graph_exactly(tmp_path: Path) -> None:
    text = "Mayor Ilka Dorn said Talvi Port would hire 40 divers. Dorn met Ossa Rane in Talvi."
    a = Report(id="r-a", source="/f/a.txt", text=text)
    b = Report(id="r-b", source="/f/b.txt", text="Ilka Dorn thanked Ossa Rane.")

    def mention(rid: str, t: str, part: str, eid: str, kind: str = "PERSON") -> Mention:
        start = t.index(part)
        return Mention(rid, start, start + len(part), part, kind, entity_id=eid)

    quote_start = text.index("Talvi Port")
    analyses = {
        "r-a": Analysis("r-a", mentions=(
            mention("r-a", text, "Ilka Dorn", "e-dorn"),
            mention("r-a", text, "Talvi Port", "e-port", "ORG"),
            mention("r-a", text, "Ossa Rane", "e-rane")),
            quotes=(Quote("r-a:q0", "r-a", quote_start, text.index(" divers") + 7,
                          "Talvi Port would hire 40 divers", "indirect", "said",
                          speaker_entity_id="e-dorn"),),
            events=(Event("r-a", 54, 82, "CONSULT", "met", source_entity_id="e-dorn",
                          target_entity_id="e-rane"),)),
        "r-b": Analysis("r-b", mentions=(
            mention("r-b", b.text, "Ilka Dorn", "e-dorn"),
            mention("r-b", b.text, "Ossa Rane", "e-rane"))),
    }
    db = tmp_path / "small.db"
    with Store(db) as store:
        store.add_reports([StoredItem(r, None, analyses[r.id]) for r in (a, b)])
        store.replace_entities([Entity("e-dorn", "Ilka Dorn", "PERSON"),
                                Entity("e-port", "Talvi Port", "ORG", aliases=("Talvi",)),
                                Entity("e-rane", "Ossa Rane", "PERSON")], {})
        export(store, "graphml", str(tmp_path / "g.graphml"))
        with pytest.raises(ConfigError, match="directory"):
            export(store, "graphml", str(tmp_path))
        with pytest.raises(ConfigError, match="file"):
            export(store, "graphml", "-")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert loaded_edges(graph) == {
        ("e-dorn", "e-port", "co-occurrence"): 1, ("e-dorn", "e-rane", "co-occurrence"): 2,
        ("e-port", "e-rane", "co-occurrence"): 1, ("e-dorn", "e-port", "quote"): 1,
        ("e-dorn", "e-rane", "CONSULT"): 1}
    assert graph.nodes["e-port"]["aliases"] == "Talvi" and graph.nodes["e-dorn"]["mentions"] == 2
