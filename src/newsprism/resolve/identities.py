"""One entity per real person, organisation and place, whatever the spelling.

``resolve`` takes the mentions of some reports, the story each report belongs to and,
optionally, the quotes and events found in them, and returns the entities with the entity of
every mention, quote speaker and event actor. It works in two steps that the incremental stage
also uses on their own:

- ``resolve_stories``: within each story, mention by mention (``newsprism.resolve.linking``),
  giving ``StoryEntity`` records;
- ``build_entities``: story entities joined across stories on strong evidence
  (``newsprism.resolve.story_entities``), named, and given ids.

Constraints (two actors of one event, names in one coordination, an alias file's "different")
are never overridden, except by an alias file's "same".

Entity ids are a hash of the entity's type, canonical name and its first mention (smallest
report id, then offset): the same input gives the same ids, whatever its order. When ``known``
entities are given (the previous resolution), an entity with a known entity's type and name
keeps that entity's id.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsprism.resolve.aliases import AliasRules
from newsprism.resolve.features import Node, build_node, repair_types
from newsprism.resolve.gazetteer import lookup_place
from newsprism.resolve.linking import Linker
from newsprism.resolve.names import fold, name_key
from newsprism.resolve.story_entities import (
    NameUse,
    StoryEntity,
    link_stories,
    story_days,
)
from newsprism.resolve.synonyms import Embedder
from newsprism.resolve.union import Groups
from newsprism.types import Entity, Event, Mention, Quote

# Most roles and aliases kept on one entity (the most frequent first).
MAX_ROLES = 12
MAX_ALIASES = 40
# Order in which types win when an entity's mentions disagree on its type (counts first).
_TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")

Ref = tuple[str, int]  # (report id, mention index)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entities and what points at them.

    ``mention_entity`` maps (report id, mention index) to an entity id. ``quote_speakers``
    maps a quote id to its speaker's entity id; ``event_actors`` maps (report id, event index
    within the report's events as given) to the source and target entity ids.
    ``story_entities`` lists the entity ids named in each story.
    """

    entities: list[Entity]
    mention_entity: dict[Ref, str]
    quote_speakers: dict[str, str] = field(default_factory=dict)
    event_actors: dict[tuple[str, int], tuple[str | None, str | None]] = field(
        default_factory=dict)
    story_entities: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoryResolution:
    """What ``resolve_stories`` found: story entities and the mention each quote speaker and
    event actor is."""

    items: list[StoryEntity]
    quote_refs: dict[str, Ref]
    event_refs: dict[tuple[str, int], tuple[Ref | None, Ref | None]]


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
    embedder: Embedder | None = None,
) -> Resolution:
    """Resolve mentions to entities.

    ``story_of`` gives each report's story (a report without one is a story of its own).
    ``texts`` (report id -> text) lets coordinations and appositions be read; ``report_dates``
    (ISO dates) lets a role link people of two stories close in time. With
    ``across_stories=False`` every entity stays within its story.
    """
    found = resolve_stories(mentions_by_report, story_of, quotes=quotes, events=events,
                            aliases=aliases, texts=texts, embedder=embedder)
    days = story_days(story_of, report_dates or {})
    entities, ids = build_entities(found.items, aliases=aliases, known=known, days=days,
                                   across_stories=across_stories)
    mention_entity = {ref: eid for item, eid in zip(found.items, ids, strict=True)
                      for ref in item.refs}
    stories: dict[str, list[str]] = defaultdict(list)
    for item, eid in zip(found.items, ids, strict=True):
        if eid not in stories[item.story]:
            stories[item.story].append(eid)
    return Resolution(
        entities=entities,
        mention_entity=mention_entity,
        quote_speakers={qid: mention_entity[ref] for qid, ref in found.quote_refs.items()},
        event_actors={k: (None if s is None else mention_entity[s],
                          None if t is None else mention_entity[t])
                      for k, (s, t) in found.event_refs.items()},
        story_entities=dict(stories),
    )


def resolve_stories(
    mentions_by_report: Mapping[str, Sequence[Mention]],
    story_of: Mapping[str, str],
    *,
    quotes: Sequence[Quote] = (),
    events: Sequence[Event] = (),
    aliases: AliasRules | None = None,
    texts: Mapping[str, str] | None = None,
    embedder: Embedder | None = None,
) -> StoryResolution:
    """Link the mentions within each story (never across stories)."""
    nodes = _nodes(mentions_by_report, story_of)
    repair_types(nodes)
    groups = Groups(nodes)
    linker = Linker(nodes, groups, texts, embedder)
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
    linker.main_people()
    linker.story_main_people()
    _force_same(nodes, groups, aliases)

    items = [_story_entity([nodes[i] for i in members], groups)
             for members in sorted(groups.groups(), key=min)]

    def ref(n: Node | None) -> Ref | None:
        return None if n is None else (n.report, n.idx)

    return StoryResolution(
        items=items,
        quote_refs={qid: (n.report, n.idx) for qid, n in speakers.items()},
        event_refs={k: (ref(s), ref(t)) for k, (s, t) in actors.items()},
    )


def build_entities(items: Sequence[StoryEntity], *, aliases: AliasRules | None = None,
                   known: Sequence[Entity] = (), days: Mapping[str, tuple[date, date]] | None
                   = None, across_stories: bool = True) -> tuple[list[Entity], list[str]]:
    """Join story entities across stories, name them and give them ids. Returns the entities
    and, for each item, its entity's id."""
    joined = (link_stories(items, days, aliases) if across_stories
              else _forced_only(items, aliases))
    known_ids = _known_index(known)
    used: set[str] = set()
    entities: list[Entity] = []
    ids = [""] * len(items)
    for members in sorted(joined, key=lambda m: min(_anchor(items[i]) for i in m)):
        group = [items[i] for i in members]
        entity = _entity(group, aliases)
        eid = _pick_id(entity, group, known_ids, used)
        used.add(eid)
        entities.append(Entity(eid, entity.name, entity.type, entity.aliases, entity.roles,
                               entity.country, entity.latitude, entity.longitude))
        for i in members:
            ids[i] = eid
    return entities, ids


def _nodes(mentions_by_report: Mapping[str, Sequence[Mention]],
           story_of: Mapping[str, str]) -> list[Node]:
    nodes: list[Node] = []
    for rid in sorted(mentions_by_report):
        story = story_of.get(rid) or f"report:{rid}"
        for idx, m in enumerate(mentions_by_report[rid]):
            nodes.append(build_node(len(nodes), m, idx, story))
    return nodes


def _story_entity(group: Sequence[Node], groups: Groups) -> StoryEntity:
    ordered = sorted(group, key=lambda n: (n.report, n.start))
    return StoryEntity(
        story=ordered[0].story,
        refs=tuple((n.report, n.idx) for n in ordered),
        names=tuple(NameUse(n.display, n.key, n.type, n.form, n.report, n.start)
                    for n in ordered if n.form != "pronoun" and n.key),
        roles=tuple(r for n in ordered for r in n.roles),
        genders=frozenset(groups.genders[groups.find(ordered[0].i)]),
    )


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
        whose last or first words it is."""
        key = name_key(text or "")
        if not key:
            return None
        members = self.by_report.get(report, ())
        for node in members:
            if node.key == key and node.form != "pronoun":
                return node
        words = tuple(key.split())
        found = [n for n in members if n.form == "name" and n.tokens
                 and (n.tokens[-len(words):] == words or n.tokens[:len(words)] == words)]
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
        by_story: dict[str, list[Node]] = defaultdict(list)
        for n in nodes:
            if n.key in rule.keys and n.form == "name" and rule.applies_to(n.type):
                by_story[n.story].append(n)
        for hits in by_story.values():
            for other in hits[1:]:
                groups.union(hits[0].i, other.i, force=True)


def _forced_only(items: Sequence[StoryEntity], aliases: AliasRules | None) -> list[list[int]]:
    return [[i] for i in range(len(items))] if not aliases else link_stories(
        items, None, aliases, evidence=False)


# -- naming ----------------------------------------------------------------------------------


def _anchor(item: StoryEntity) -> str:
    return min(f"{r}\x1f{i:09d}" for r, i in item.refs)


def _entity(group: Sequence[StoryEntity], aliases: AliasRules | None) -> Entity:
    uses = [n for e in group for n in e.names]
    names = [n for n in uses if n.form == "name"] or uses
    etype = _majority_type(names) if names else "UNKNOWN"
    name = _canonical(names, etype, aliases) if names else ""
    spellings = Counter(n.display for n in uses if n.form == "name" and n.display)
    alias_list = tuple(s for s, _ in spellings.most_common()
                       if fold(s) != fold(name))[:MAX_ALIASES]
    role_counts = Counter(r for e in group for r in e.roles)
    roles = tuple(r for r, _ in role_counts.most_common(MAX_ROLES))
    country = lat = lon = None
    if etype in ("GPE", "LOC", "FAC"):
        place = lookup_place(name) or next(
            (p for s in alias_list if (p := lookup_place(s)) is not None), None)
        if place is not None:
            country, lat, lon = place.country, place.latitude, place.longitude
    return Entity("", name, etype, alias_list, roles, country, lat, lon)


def _majority_type(names: Sequence[NameUse]) -> str:
    """The type most reports give the entity: each report votes once (its own majority), so
    that one report repeating a mistyped name does not outvote the others; mentions break
    ties."""
    per_report: dict[str, Counter[str]] = defaultdict(Counter)
    for n in names:
        per_report[n.report][n.type] += 1
    votes: Counter[str] = Counter()
    for counts in per_report.values():
        votes[max(counts, key=lambda t: (counts[t], -_priority(t), t))] += 1
    mentions = Counter(n.type for n in names)
    return max(votes, key=lambda t: (votes[t], mentions[t], -_priority(t), t))


def _priority(t: str) -> int:
    return _TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else len(_TYPE_PRIORITY)


def _canonical(names: Sequence[NameUse], etype: str, aliases: AliasRules | None) -> str:
    """The alias file's canonical name if one applies, else the fullest name used most: for
    people and organisations a name of two words or more beats a single word (a surname, an
    acronym), then the name in the most reports, then the most mentions, then the longer."""
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
    fullest = etype in ("PERSON", "ORG")

    def rank(key: str) -> tuple[int, int, int, int, str]:
        multi = int(fullest and len(key.split()) > 1)
        return (multi, len(reports[key]), counts[key], len(key), key)

    best = max(counts, key=rank)
    shown = display[best]
    return max(shown, key=lambda d: (shown[d], d))


def _known_index(known: Sequence[Entity]) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for e in sorted(known, key=lambda e: e.id):
        index.setdefault((e.type, fold(e.name)), e.id)
    return index


def _pick_id(entity: Entity, group: Sequence[StoryEntity],
             known: Mapping[tuple[str, str], str], used: set[str]) -> str:
    reuse = known.get((entity.type, fold(entity.name)))
    if reuse is not None and reuse not in used:
        return reuse
    anchor = min(_anchor(e) for e in group)
    base = f"{entity.type}\x1f{fold(entity.name)}\x1f{anchor}"
    eid = "e" + hashlib.sha1(base.encode()).hexdigest()[:16]
    n = 1
    while eid in used:
        eid = "e" + hashlib.sha1(f"{base}\x1f{n}".encode()).hexdigest()[:16]
        n += 1
    return eid
