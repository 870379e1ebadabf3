"""Entities of one story, and the strong evidence that joins them across stories.

Within a story the resolver links mentions; what it finds is a list of ``StoryEntity`` records:
the mentions of one referent in that story, with the names, roles and kinds they carry. They
are small and JSON-serialisable, so the store keeps them as the resolve stage's state and an
update re-resolves only the stories new reports touched.

Across stories only strong evidence joins two story entities: the same person's full name (two
words or more, or one the other extends: "Ali Reza Karimi" / "Ali-Reza Moradi
Karimi"), the same organisation or place name, one place under two names, or the same
specific role ("Chilean President") in stories at most ROLE_WINDOW_DAYS apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

from newsprism.resolve.aliases import AliasRules
from newsprism.resolve.features import FAMILY, families_compatible
from newsprism.resolve.gazetteer import lookup_place
from newsprism.resolve.names import (
    head_word,
    person_names_conflict,
    person_names_match,
    phonetic_key,
    singular,
    word_set,
)
from newsprism.resolve.roles import RoleKey, role_key, roles_conflict

# Two stories' people with the same specific role are one person when the stories are at most
# this many days apart (offices change hands over months, not days).
ROLE_WINDOW_DAYS = 30
# Two stories that share this many named referents (full names of people, names of two words
# or more of bodies and places) are one event's reports split in two, and their descriptions
# are compared. On ECB+ train/dev (scripts/score_coref.py) 2 and 3 scored alike and 1 lower
# (stories of one topic share places and bodies without being one event).
SISTER_MIN_SHARED = 2
# A story's main person is mentioned at least this many times and this many times as often
# as anyone else of the story (ECB+ train/dev, scripts/score_coref.py).
MAIN_PERSON_MIN = 2
MAIN_PERSON_RATIO = 1.5
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")


@dataclass(frozen=True, slots=True)
class NameUse:
    """One mention's name as the entity's naming needs it."""

    display: str
    key: str
    type: str
    form: str  # name, nominal, pronoun
    report: str
    start: int


@dataclass(frozen=True, slots=True)
class StoryEntity:
    story: str
    refs: tuple[tuple[str, int], ...]  # (report id, mention index)
    names: tuple[NameUse, ...]
    roles: tuple[str, ...]
    genders: frozenset[str] = frozenset()

    @property
    def fams(self) -> frozenset[str]:
        return frozenset(FAMILY.get(n.type, n.type.lower()) for n in self.names)

    @property
    def full_names(self) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(n.key.split()) for n in self.names
                         if n.form == "name" and n.type == "PERSON" and " " in n.key)

    @property
    def role_keys(self) -> tuple[RoleKey, ...]:
        return tuple(role_key(r) for r in self.roles)

    def to_json(self) -> dict[str, Any]:
        return {"story": self.story, "refs": [list(r) for r in self.refs],
                "names": [[n.display, n.key, n.type, n.form, n.report, n.start]
                          for n in self.names],
                "roles": list(self.roles), "genders": sorted(self.genders)}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> StoryEntity:
        return StoryEntity(
            story=str(data["story"]),
            refs=tuple((str(r), int(i)) for r, i in data["refs"]),
            names=tuple(NameUse(str(d), str(k), str(t), str(f), str(r), int(s))
                        for d, k, t, f, r, s in data["names"]),
            roles=tuple(str(r) for r in data["roles"]),
            genders=frozenset(str(g) for g in data.get("genders", ())),
        )


class _Joined:
    """Union-find over story entities with the group-level checks of ``Groups``."""

    def __init__(self, items: Sequence[StoryEntity], aliases: AliasRules | None) -> None:
        self.parent = list(range(len(items)))
        self.fams = [set(e.fams) for e in items]
        self.full = [set(e.full_names) for e in items]
        self.countries = [{k.country for k in e.role_keys if k.specific and k.country}
                          if e.fams & {"per", "hum"} else set() for e in items]
        self.genders = [set(e.genders) for e in items]
        self.stories = [{e.story} for e in items]
        # alias "different" rule -> its names found in the group
        self.apart: list[dict[int, set[str]]] = [{} for _ in items]
        for g, rule in enumerate(aliases.different if aliases else ()):
            for i, e in enumerate(items):
                hits = {n.key for n in e.names if n.key in rule.keys
                        and rule.applies_to(n.type)}
                if hits:
                    self.apart[i][g] = hits

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self._conflict(ra, rb):
            return False
        self.parent[rb] = ra
        self.full[ra] |= self.full[rb]
        for attr in (self.fams, self.countries, self.genders, self.stories):
            attr[ra] |= attr[rb]
        for g, keys in self.apart[rb].items():
            self.apart[ra].setdefault(g, set()).update(keys)
        return True

    def _conflict(self, ra: int, rb: int) -> bool:
        # Two entities of one story stayed apart for a reason: never join them through others.
        if self.stories[ra] & self.stories[rb]:
            return True
        if not all(families_compatible(x, y) for x in self.fams[ra] for y in self.fams[rb]):
            return True
        ca, cb = self.countries[ra], self.countries[rb]
        if (ca and cb and not ca & cb) or len(self.genders[ra] | self.genders[rb]) > 1:
            return True
        for g, keys in self.apart[ra].items():
            if len(keys | self.apart[rb].get(g, keys)) > 1:
                return True
        return any(person_names_conflict(x, y) for x in self.full[ra] for y in self.full[rb])


def link_stories(items: Sequence[StoryEntity],
                 story_days: Mapping[str, tuple[date, date]] | None = None,
                 aliases: AliasRules | None = None, *, evidence: bool = True
                 ) -> list[list[int]]:
    """Groups of story entities (indexes into ``items``) that are one entity. An alias file's
    "same" joins its names' entities whatever the evidence; with ``evidence=False`` nothing
    else does."""
    joined = _Joined(items, aliases)
    if evidence:
        _join_on_evidence(items, joined, story_days or {})
    for rule in aliases.same if aliases else ():
        hits = [i for i, e in enumerate(items)
                if any(n.key in rule.keys and n.form == "name" and rule.applies_to(n.type)
                       for n in e.names)]
        for other in hits[1:]:
            joined.union(hits[0], other, force=True)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[joined.find(i)].append(i)
    return list(groups.values())


def _join_on_evidence(items: Sequence[StoryEntity], joined: _Joined,
                      story_days: Mapping[str, tuple[date, date]]) -> None:
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    places: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    surnames: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for i, e in enumerate(items):
        for n in e.names:
            if n.form != "name" or not n.key:
                continue
            fam = FAMILY.get(n.type, n.type.lower())
            words = tuple(n.key.split())
            if fam == "per":
                if len(words) >= 2:
                    by_key[(fam, n.key)].append(i)
                    surnames[phonetic_key(words[-1])].append((i, words))
                continue
            by_key[(fam, n.key)].append(i)
            if fam == "loc" and (place := lookup_place(n.display)) is not None:
                places[(place.name, place.country)].append(i)
    for group in list(by_key.values()) + list(places.values()):
        for other in group[1:]:
            joined.union(group[0], other)
    for uses in surnames.values():
        distinct = {words: i for i, words in uses}
        for (wa, ia), (wb, ib) in combinations(distinct.items(), 2):
            if person_names_match(wa, wb):
                joined.union(ia, ib)
    _roles_in_time(items, joined, story_days)
    _sister_descriptions(items, joined)


def _sister_descriptions(items: Sequence[StoryEntity], joined: _Joined) -> None:
    """Descriptions of two sister stories (``_sister_pairs``: the story stage split one
    event's reports in two): an entity known only by descriptions joins the
    other story's entity described with the same head word, kind and number, when each story
    has one such entity."""
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_root: dict[int, set[str]] = defaultdict(set)
    for i, e in enumerate(items):
        if any(n.form == "name" and _distinctive(n) for n in e.names):
            by_root[joined.find(i)].add(e.story)
    for root, stories in by_root.items():
        for a, b in combinations(sorted(stories), 2):
            shared[(a, b)].add(root)
    sisters = _sister_pairs(items, joined, shared)
    if not sisters:
        return
    described: dict[tuple[str, tuple[str, str, bool]], list[int]] = defaultdict(list)
    for i, e in enumerate(items):
        if e.names and all(n.form == "nominal" for n in e.names):
            for key in {_description_key(n) for n in e.names}:
                if key is not None:
                    described[(e.story, key)].append(i)
    by_story: dict[str, dict[tuple[str, str, bool], list[int]]] = defaultdict(dict)
    for (story, key), members in described.items():
        by_story[story][key] = members
    _sister_short_names(items, joined, sisters)
    for a, b in sisters:
        keys_b = by_story.get(b, {})
        for key, members in by_story.get(a, {}).items():
            others = keys_b.get(key)
            if others and len(members) == 1 and len(others) == 1:
                joined.union(members[0], others[0])


def _sister_pairs(items: Sequence[StoryEntity], joined: _Joined,
                  shared: Mapping[tuple[str, str], set[int]]) -> list[tuple[str, str]]:
    """Pairs of stories that report one event: they share SISTER_MIN_SHARED named referents,
    or the person each story names most is the same person. Two stories whose main people
    are two different people report two events, whatever else they share (one official
    nominating two candidates months apart)."""
    main = _main_people(items, joined)
    pairs = set()
    for (a, b), roots in shared.items():
        ma, mb = main.get(a), main.get(b)
        mains = {m for m in (ma, mb) if m is not None}
        if not mains <= roots:
            continue
        if (ma is not None and ma == mb) or len(roots) >= SISTER_MIN_SHARED:
            pairs.add((a, b))
    return sorted(pairs)


def _main_people(items: Sequence[StoryEntity], joined: _Joined) -> dict[str, int]:
    """Each story's main person (the joined entity's root): the person with a full name
    mentioned at least MAIN_PERSON_RATIO times as often as any other person of the story."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for i, e in enumerate(items):
        if "per" in e.fams and not e.fams - {"per", "hum"}:
            counts[e.story][joined.find(i)] += len(e.refs)
    named = {joined.find(i) for i, e in enumerate(items) if e.full_names}
    main: dict[str, int] = {}
    for story, by_root in counts.items():
        ranked = sorted(by_root.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top in named and n >= MAIN_PERSON_MIN and n >= MAIN_PERSON_RATIO * second:
            main[story] = top
    return main


def _sister_short_names(items: Sequence[StoryEntity], joined: _Joined,
                        sisters: Sequence[tuple[str, str]]) -> None:
    """A person named by one word only in one of two sister stories is the one person of
    the other whose full name it is part of ("Okafor" / "Ngozi Okafor")."""
    short: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    full: dict[str, list[tuple[int, frozenset[tuple[str, ...]]]]] = defaultdict(list)
    for i, e in enumerate(items):
        if "per" not in e.fams:
            continue
        if e.full_names:
            full[e.story].append((i, e.full_names))
            continue
        words = {tuple(n.key.split()) for n in e.names if n.form == "name" and n.key}
        if len(words) == 1:
            short[e.story].append((i, next(iter(words))))
    for a, b in sisters:
        for x, y in ((a, b), (b, a)):
            for i, word in short.get(x, ()):
                found = {joined.find(j) for j, names in full.get(y, ())
                         if any(person_names_match(word, f) for f in names)}
                if len(found) == 1:
                    joined.union(next(iter(found)), i)


def _distinctive(n: NameUse) -> bool:
    """A name that points at one referent across stories: a person's full name or an
    organisation's or place's name of two words or more."""
    return " " in n.key and FAMILY.get(n.type, "") in ("per", "org", "loc")


def _description_key(n: NameUse) -> tuple[str, str, bool] | None:
    fam = FAMILY.get(n.type, n.type.lower())
    head = head_word(n.display)
    if fam == "time":
        # "Tuesday" ("early Tuesday morning") is one event's day in two sister stories,
        # "today" is not.
        days = _WEEKDAYS.intersection(n.key.split())
        if len(days) != 1:
            return None
        return (fam, next(iter(days)), False)
    if not head or len(head) < 3:
        return None
    plural = any(singular(w) == head and w != head for w in n.key.split())
    return (fam, head, plural)


def _roles_in_time(items: Sequence[StoryEntity], joined: _Joined,
                   story_days: Mapping[str, tuple[date, date]]) -> None:
    """Holders of one specific role in stories close in time whose names agree. Holders are
    compared only when the first or last words of their names share a phonetic key and,
    sorted by their story's first day, only within the time window."""
    blocks: dict[tuple[frozenset[str], str | None, str], list[tuple[date, int]]] = (
        defaultdict(list))
    # Words matched across scripts share a phonetic key; a typo that changes it is not
    # enough evidence across stories anyway.
    words: dict[int, set[tuple[str, ...]]] = {}
    role_keys: dict[int, tuple[RoleKey, ...]] = {}
    for i, e in enumerate(items):
        days = story_days.get(e.story)
        if "per" not in e.fams or days is None:
            continue
        role_keys[i] = e.role_keys
        keys = {k for k in role_keys[i] if k.specific}
        if not keys:
            continue
        words[i] = {tuple(n.key.split()) for n in e.names if n.form == "name" and n.key}
        block_keys = {phonetic_key(t) for w in words[i] for t in {w[0], w[-1]} if len(t) > 1}
        for key in keys:
            for block in block_keys:
                blocks[(key.office, key.country, block)].append((days[0], i))
    tried: set[tuple[int, int]] = set()
    for members in blocks.values():
        members.sort()
        for n, (first_a, a) in enumerate(members):
            ea = items[a]
            for first_b, b in members[n + 1:]:
                if (first_b - first_a).days > ROLE_WINDOW_DAYS + _span(story_days[ea.story]):
                    break
                pair = (a, b) if a < b else (b, a)
                if pair in tried or a == b:
                    continue
                tried.add(pair)
                eb = items[b]
                if _gap_days(story_days[ea.story], story_days[eb.story]) > ROLE_WINDOW_DAYS:
                    continue
                if any(roles_conflict(x, y) for x in role_keys[a] for y in role_keys[b]):
                    continue
                if any(person_names_match(x, y) for x in words[a] for y in words[b]):
                    joined.union(a, b)


def _span(days: tuple[date, date]) -> int:
    return (days[1] - days[0]).days


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def story_days(story_of: Mapping[str, str], report_dates: Mapping[str, str | None]
               ) -> dict[str, tuple[date, date]]:
    """Each story's first and last day, from its reports' ISO dates."""
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
