"""One entity per real person, organisation and place, whatever the spelling.

``resolve`` takes the mentions of some reports, the story each report belongs to and,
optionally, the quotes and events found in them, and returns the entities with the entity of
every mention, quote speaker and event actor. Evidence is applied strongest first (see
``newsprism.resolve.linking``); constraints (two actors of one event, names in one
coordination, an alias file's "different") are never overridden, except by an alias file's
"same".

Entity ids are a hash of the entity's type, canonical name and the smallest report id among
its mentions: the same input gives the same ids, whatever its order. When ``known`` entities
are given (the previous resolution), an entity with a known entity's type and name keeps that
entity's id.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsprism.resolve.aliases import AliasRules
from newsprism.resolve.features import Node, build_node
from newsprism.resolve.gazetteer import lookup_place
from newsprism.resolve.linking import Linker
from newsprism.resolve.names import fold, name_key
from newsprism.resolve.union import Groups
from newsprism.types import Entity, Event, Mention, Quote

# Most roles and aliases kept on one entity (the most frequent first).
MAX_ROLES = 12
MAX_ALIASES = 40
# Order in which types win when an entity's mentions disagree on its type (counts first).
_TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities and what points at them.

    ``mention_entity`` maps (report id, mention index) to an entity id. ``quote_speakers``
    maps a quote id to its speaker's entity id; ``event_actors`` maps (report id, event index
    within the report's events as given) to the source and target entity ids.
    ``story_entities`` lists the entity ids named in each story.
    """

    entities: list[Entity]
    mention_entity: dict[tuple[str, int], str]
    quote_speakers: dict[str, str] = field(default_factory=dict)
    event_actors: dict[tuple[str, int], tuple[str | None, str | None]] = field(
        default_factory=dict)
    story_entities: dict[str, list[str]] = field(default_factory=dict)


def resolve(
    mentions_by_report: Mapping[str, Sequence[Mention]],
    story_of: Mapping[str, str],
    *,
    quotes: Sequence[Quote] = (),
    events: Sequence[Event] = (),
    aliases: AliasRules | None = None,
    known: Sequence[Entity] = (),
    texts: Mapping[str, str] | None = None,
    report_dates: Mapping[str, str | None] | None = None,
    across_stories: bool = True,
) -> Resolution:
    """Resolve mentions to entities.

    ``story_of`` gives each report's story (a report without one is a story of its own).
    ``texts`` (report id -> text) lets coordinations and appositions be read; ``report_dates``
    (ISO dates) lets a role link people of two stories close in time.
    """
    nodes = _nodes(mentions_by_report, story_of)
    groups = Groups(nodes)
    linker = Linker(nodes, groups, texts)
    locate = _Locator(linker)
    speakers = {q.id: n for q in quotes if (n := locate.speaker(q)) is not None}
    actors = _event_nodes(events, locate)

    linker.coordination_constraints()
    linker.actor_constraints((s, t) for s, t in actors.values() if s and t)
    _keep_apart(nodes, groups, aliases)
    linker.within_reports()
    linker.within_stories()
    linker.quotes([(speakers[q.id], q.text) for q in quotes if q.id in speakers])
    linker.descriptions()
    linker.sole_names()
    if across_stories:
        linker.across_stories(_story_days(story_of, report_dates or {}))
    _force_same(nodes, groups, aliases)

    entities, entity_of = _entities(nodes, groups, known, aliases)
    mention_entity = {(n.report, n.idx): entity_of[groups.find(n.i)] for n in nodes}
    stories: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        eid = entity_of[groups.find(n.i)]
        if eid not in stories[n.story]:
            stories[n.story].append(eid)
    return Resolution(
        entities=entities,
        mention_entity=mention_entity,
        quote_speakers={qid: entity_of[groups.find(n.i)] for qid, n in speakers.items()},
        event_actors={k: (None if s is None else entity_of[groups.find(s.i)],
                          None if t is None else entity_of[groups.find(t.i)])
                      for k, (s, t) in actors.items()},
        story_entities=dict(stories),
    )


def _nodes(mentions_by_report: Mapping[str, Sequence[Mention]],
           story_of: Mapping[str, str]) -> list[Node]:
    nodes: list[Node] = []
    for rid in sorted(mentions_by_report):
        story = story_of.get(rid) or f"report:{rid}"
        for idx, m in enumerate(mentions_by_report[rid]):
            nodes.append(build_node(len(nodes), m, idx, story))
    return nodes


class _Locator:
    """Finds the mention a quote's speaker or an event's actor is."""

    def __init__(self, linker: Linker) -> None:
        self.by_report = linker.by_report

    def span(self, report: str, start: int, end: int) -> Node | None:
        best: Node | None = None
        best_overlap = 0
        for node in self.by_report.get(report, ()):
            overlap = min(end, node.end) - max(start, node.start)
            if overlap > best_overlap:
                best, best_overlap = node, overlap
        return best

    def text(self, report: str, text: str | None) -> Node | None:
        """The report's mention named like ``text``: the same name, else the one longer name
        whose last or first word it is."""
        key = name_key(text or "")
        if not key:
            return None
        members = self.by_report.get(report, ())
        for node in members:
            if node.key == key and node.form != "pronoun":
                return node
        words = key.split()
        found = [n for n in members if n.form == "name" and n.tokens
                 and (n.tokens[-len(words):] == tuple(words)
                      or n.tokens[:len(words)] == tuple(words))]
        return found[0] if len({n.key for n in found}) == 1 else None

    def speaker(self, q: Quote) -> Node | None:
        if q.speaker_start >= 0 and q.speaker_end > q.speaker_start:
            node = self.span(q.report_id, q.speaker_start, q.speaker_end)
            if node is not None:
                return node
        return self.text(q.report_id, q.speaker_text)


def _event_nodes(events: Sequence[Event], locate: _Locator
                 ) -> dict[tuple[str, int], tuple[Node | None, Node | None]]:
    counter: Counter[str] = Counter()
    out: dict[tuple[str, int], tuple[Node | None, Node | None]] = {}
    for e in events:
        k = counter[e.report_id]
        counter[e.report_id] += 1
        out[(e.report_id, k)] = (locate.text(e.report_id, e.source_text),
                                 locate.text(e.report_id, e.target_text))
    return out


def _keep_apart(nodes: Sequence[Node], groups: Groups, aliases: AliasRules | None) -> None:
    if not aliases:
        return
    for g, rule in enumerate(aliases.different):
        for node in nodes:
            if node.key in rule.keys and rule.applies_to(node.type):
                groups.keep_apart(node.i, g, node.key)


def _force_same(nodes: Sequence[Node], groups: Groups, aliases: AliasRules | None) -> None:
    if not aliases:
        return
    for rule in aliases.same:
        hits = [n for n in nodes if n.key in rule.keys and n.form == "name"
                and rule.applies_to(n.type)]
        for other in hits[1:]:
            groups.union(hits[0].i, other.i, force=True)


def _story_days(story_of: Mapping[str, str], report_dates: Mapping[str, str | None]
                ) -> dict[str, tuple[date, date]]:
    days: dict[str, list[date]] = defaultdict(list)
    for rid, value in report_dates.items():
        story = story_of.get(rid)
        if story is None or not value:
            continue
        try:
            days[story].append(date.fromisoformat(value[:10]))
        except ValueError:
            continue
    return {s: (min(d), max(d)) for s, d in days.items()}


# -- entities --------------------------------------------------------------------------------


def _entities(nodes: Sequence[Node], groups: Groups, known: Sequence[Entity],
              aliases: AliasRules | None) -> tuple[list[Entity], dict[int, str]]:
    known_ids = _known_index(known)
    used: set[str] = set()
    entities: list[Entity] = []
    entity_of: dict[int, str] = {}
    for members in sorted(groups.groups(), key=lambda m: min(m)):
        group = [nodes[i] for i in members]
        entity = _entity(group, aliases)
        eid = _pick_id(entity, group, known_ids, used)
        used.add(eid)
        entity = Entity(eid, entity.name, entity.type, entity.aliases, entity.roles,
                        entity.country, entity.latitude, entity.longitude)
        entities.append(entity)
        entity_of[groups.find(members[0])] = eid
    return entities, entity_of


def _entity(group: Sequence[Node], aliases: AliasRules | None) -> Entity:
    names = [n for n in group if n.form == "name" and n.key] or [
        n for n in group if n.form == "nominal" and n.key] or list(group)
    etype = _majority_type(names)
    name = _canonical(names, etype, aliases)
    spellings = Counter(n.display for n in group if n.form == "name" and n.display)
    alias_list = tuple(s for s, _ in spellings.most_common()
                       if fold(s) != fold(name))[:MAX_ALIASES]
    role_counts = Counter(r for n in group for r in n.roles)
    roles = tuple(r for r, _ in role_counts.most_common(MAX_ROLES))
    country = lat = lon = None
    if etype in ("GPE", "LOC", "FAC"):
        place = lookup_place(name) or next(
            (p for s in alias_list if (p := lookup_place(s)) is not None), None)
        if place is not None:
            country, lat, lon = place.country, place.latitude, place.longitude
    return Entity("", name, etype, alias_list, roles, country, lat, lon)


def _majority_type(names: Sequence[Node]) -> str:
    counts = Counter(n.type for n in names)
    return max(counts, key=lambda t: (counts[t], -_priority(t), t))


def _priority(t: str) -> int:
    return _TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else len(_TYPE_PRIORITY)


def _canonical(names: Sequence[Node], etype: str, aliases: AliasRules | None) -> str:
    """The alias file's canonical name if one applies, else the fullest name used most: for
    people a name of two words or more beats a single word, then the name in the most
    reports, then the most mentions, then the longer."""
    if aliases:
        keys = {n.key for n in names}
        for rule in aliases.same:
            if rule.canonical and keys & rule.keys and rule.applies_to(etype):
                return rule.canonical
    reports: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    display: dict[str, Counter[str]] = defaultdict(Counter)
    for n in names:
        reports[n.key].add(n.report)
        counts[n.key] += 1
        display[n.key][n.display] += 1
    person = etype == "PERSON"

    def rank(key: str) -> tuple[int, int, int, int, str]:
        multi = int(person and len(key.split()) > 1)
        return (multi, len(reports[key]), counts[key], len(key), key)

    best = max(counts, key=rank)
    return display[best].most_common(1)[0][0]


def _known_index(known: Sequence[Entity]) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for e in sorted(known, key=lambda e: e.id):
        index.setdefault((e.type, fold(e.name)), e.id)
    return index


def _pick_id(entity: Entity, group: Sequence[Node], known: Mapping[tuple[str, str], str],
             used: set[str]) -> str:
    reuse = known.get((entity.type, fold(entity.name)))
    if reuse is not None and reuse not in used:
        return reuse
    anchor = min(f"{n.report}\x1f{n.start:09d}" for n in group)
    base = f"{entity.type}\x1f{fold(entity.name)}\x1f{anchor}"
    digest = hashlib.sha1(base.encode()).hexdigest()[:16]
    eid = f"e{digest}"
    n = 1
    while eid in used:
        eid = f"e{hashlib.sha1(f'{base}{n}'.encode()).hexdigest()[:16]}"
        n += 1
    return eid
