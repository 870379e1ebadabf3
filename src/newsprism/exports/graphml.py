"""GraphML of entities and how they relate, for Gephi, Cytoscape or networkx.

Nodes are entities. Edges (a directed multigraph; each edge has a ``kind``):

- ``co-occurrence``: both entities are named in the same report; ``weight`` = how many
  reports. Undirected in meaning; stored once, from the smaller entity id to the larger.
- ``quote``: a quote's speaker -> an entity named inside the quote; ``weight`` = quotes.
- ``event``: an event's source actor -> its target actor, one edge per PLOVER ``type``;
  ``weight`` = events.

Attributes are plain strings and numbers only (lists are joined with "; "), which is what
GraphML readers accept; Gephi uses ``label`` and ``weight``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError
from newsprism.store import Store

EdgeKey = tuple[str, str, str, str]  # (source, target, kind, event type or "")


def entity_edges(store: Store) -> Counter[EdgeKey]:
    """Every edge of the graph with its weight, between known entities, no self-loops."""
    known = {e.id for e in store.entities()}
    by_report: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in store.mentions():
        if m.entity_id in known:
            by_report[m.report_id].append((m.start, m.end, m.entity_id))
    edges: Counter[EdgeKey] = Counter()
    for spans in by_report.values():
        for a, b in combinations(sorted({eid for _, _, eid in spans}), 2):
            edges[(a, b, "co-occurrence", "")] += 1
    for q in store.quotes():
        speaker = q.speaker_entity_id
        if speaker not in known:
            continue
        named = {eid for start, end, eid in by_report.get(q.report_id, [])
                 if q.start <= start and end <= q.end and eid != speaker}
        for eid in named:
            edges[(speaker, eid, "quote", "")] += 1
    for row in store.table_rows("events"):
        source, target = row["source_entity_id"], row["target_entity_id"]
        if source in known and target in known and source != target:
            edges[(source, target, "event", row["type"])] += 1
    return edges


def build_graph(store: Store) -> Any:
    """The entity graph as a networkx MultiDiGraph."""
    import networkx as nx

    mentions: Counter[str] = Counter()
    reports: dict[str, set[str]] = defaultdict(set)
    for m in store.mentions():
        if m.entity_id:
            mentions[m.entity_id] += 1
            reports[m.entity_id].add(m.report_id)
    graph = nx.MultiDiGraph(name="newsprism entities")
    for e in store.entities():
        attrs: dict[str, Any] = {"label": e.name, "type": e.type,
                                 "aliases": "; ".join(e.aliases), "roles": "; ".join(e.roles),
                                 "mentions": mentions[e.id], "reports": len(reports[e.id])}
        if e.country:
            attrs["country"] = e.country
        if e.latitude is not None and e.longitude is not None:
            attrs["latitude"], attrs["longitude"] = float(e.latitude), float(e.longitude)
        graph.add_node(e.id, **attrs)
    for (source, target, kind, event_type), weight in sorted(entity_edges(store).items()):
        attrs = {"kind": kind, "label": event_type or kind, "weight": float(weight)}
        if event_type:
            attrs["type"] = event_type
        graph.add_edge(source, target, key=f"{kind}:{event_type}" if event_type else kind,
                       **attrs)
    return graph


def write_graphml(store: Store, target: str) -> dict[str, int]:
    """Write the entity graph to ``target`` (a file); returns node and edge counts."""
    import networkx as nx

    from newsprism.exports.parquet import atomic

    if target == "-":
        raise ConfigError("graphml is written to a file: give a path such as entities.graphml")
    path = Path(target)
    if path.is_dir():
        raise ConfigError(f"{path} is a directory; graphml is one file: give a file path")
    graph = build_graph(store)
    with atomic(path) as tmp:
        nx.write_graphml(graph, str(tmp))
    return {"entities": graph.number_of_nodes(), "relations": graph.number_of_edges()}
