"""The resolve stage over the store: incremental after clustering, or whole on demand.

``update_entities`` re-resolves only the stories that the new reports joined (mention by
mention), takes every other story's entities from the stage state the previous run saved, joins
story entities across stories, and writes the entities, the mentions' entity ids, the quotes'
speaker entity ids and the events' actor entity ids. A story the state does not know (new, or
formed by merging stories) is resolved whole.

The alias file in force is kept in the stage state (its text, so that moving the file does not
change what applies): ``resolve_store`` sets or clears it and re-resolves everything.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.resolve.aliases import AliasRules, load_aliases, parse_aliases
from newsprism.resolve.identities import Ref, StoryResolution, build_entities, resolve_stories
from newsprism.resolve.story_entities import StoryEntity, story_days
from newsprism.resolve.synonyms import default_embedder
from newsprism.store import Store
from newsprism.store.entities import (
    events_of,
    report_dates,
    report_info,
    set_actors,
    states_with_prefix,
)
from newsprism.types import Mention

STATE_PREFIX = "resolve:story:"
ALIASES_STATE = "resolve:aliases"
# Version of the per-story state's layout; a state of another version is resolved again.
STATE_VERSION = 1


def update_entities(store: Store, new_report_ids: Sequence[str], settings: Settings) -> None:
    """The global-stage entry point: resolve the stories ``new_report_ids`` touched and
    link them with the rest."""
    _update(store, set(new_report_ids), everything=False)


def resolve_store(store: Store, settings: Settings, *, aliases: str | Path | None = None,
                  clear_aliases: bool = False) -> int:
    """Re-resolve the whole store, first recording the alias file ``aliases`` (or forgetting
    the recorded one with ``clear_aliases``). Returns the number of entities."""
    if aliases is not None:
        load_aliases(aliases)  # refuse a bad file before recording it
        store.set_state(ALIASES_STATE, Path(aliases).read_bytes())
    elif clear_aliases:
        store.set_state(ALIASES_STATE, b"")
    return _update(store, set(), everything=True)


def recorded_aliases(store: Store) -> AliasRules | None:
    data = store.get_state(ALIASES_STATE)
    if not data:
        return None
    return parse_aliases(data.decode("utf-8"), "the alias file recorded by `newsprism resolve`")


def _update(store: Store, new_ids: set[str], *, everything: bool) -> int:
    aliases = recorded_aliases(store)
    story_of = {rid: s.id for s in store.stories() for rid in s.report_ids}
    members: dict[str, list[str]] = defaultdict(list)
    for rid in store.analyzed_ids():
        story = story_of.setdefault(rid, f"report:{rid}")
        members[story].append(rid)
    states = {name[len(STATE_PREFIX):]: _load(data)
              for name, data in states_with_prefix(store, STATE_PREFIX).items()}
    touched = {s for s in members if everything or s not in states or states[s] is None}
    touched |= {story_of[rid] for rid in new_ids if rid in story_of and story_of[rid] in members}
    kept = {s: st for s, st in states.items() if s in members and s not in touched and st}

    found = _resolve_touched(store, sorted(touched), members, story_of, aliases)
    old_items = [(s, StoryEntity.from_json(d), str(d.get("id", "")))
                 for s, st in sorted(kept.items()) for d in st["entities"]]
    items = found.items + [item for _, item, _ in old_items]
    entities, ids = build_entities(items, aliases=aliases, known=store.entities(),
                                   days=story_days(story_of, report_dates(store)))
    new_of = dict(zip(range(len(items)), ids, strict=True))
    changed = set(touched)
    mention_map: dict[Ref, str] = {}
    for k, item in enumerate(items):
        if k >= len(found.items):
            story, _, old_id = old_items[k - len(found.items)]
            if old_id == new_of[k]:
                continue
            changed.add(story)
        mention_map.update((ref, new_of[k]) for ref in item.refs)
    live = {e.id for e in entities}
    removed = [e.id for e in store.entities() if e.id not in live]
    store.replace_entities(entities, mention_map, removed)
    _write_pointers(store, found, kept, items, ids, changed, members)
    return len(entities)


def _resolve_touched(store: Store, stories: Sequence[str], members: dict[str, list[str]],
                     story_of: dict[str, str], aliases: AliasRules | None) -> StoryResolution:
    ids = [rid for s in stories for rid in members[s]]
    by_report: dict[str, list[Mention]] = defaultdict(list)
    for m in store.mentions(ids):
        by_report[m.report_id].append(m)
    info = report_info(store, ids)
    return resolve_stories(by_report, story_of, quotes=store.quotes(ids),
                           events=events_of(store, ids), aliases=aliases,
                           texts={rid: i.text for rid, i in info.items()},
                           embedder=default_embedder)


def _write_pointers(store: Store, found: StoryResolution, kept: dict[str, dict[str, Any]],
                    items: Sequence[StoryEntity], ids: Sequence[str], changed: set[str],
                    members: dict[str, list[str]]) -> None:
    """Speaker and actor ids for the stories whose entities changed, and the new state."""
    entity_of: dict[Ref, str] = {ref: eid for item, eid in zip(items, ids, strict=True)
                                 for ref in item.refs}
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item, eid in zip(items, ids, strict=True):
        by_story[item.story].append({**item.to_json(), "id": eid})
    quote_refs: dict[str, dict[str, Ref]] = defaultdict(dict)
    event_refs: dict[str, list[tuple[str, int, Ref | None, Ref | None]]] = defaultdict(list)
    story_of_report = {rid: s for s, rids in members.items() for rid in rids}
    for qid, ref in found.quote_refs.items():
        quote_refs[story_of_report[ref[0]]][qid] = ref
    for (rid, k), (src, tgt) in found.event_refs.items():
        event_refs[story_of_report[rid]].append((rid, k, src, tgt))
    for story, st in kept.items():
        quote_refs[story] = {q: (r[0], int(r[1])) for q, r in st.get("quotes", {}).items()}
        event_refs[story] = [(e[0], int(e[1]), _ref(e[2]), _ref(e[3]))
                             for e in st.get("events", [])]
    speakers: dict[str, str | None] = {}
    actors: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    states: dict[str, bytes] = {}
    for story in changed:
        for qid, ref in quote_refs[story].items():
            speakers[qid] = entity_of.get(ref)
        for rid, k, src, tgt in event_refs[story]:
            actors[(rid, k)] = (None if src is None else entity_of.get(src),
                                None if tgt is None else entity_of.get(tgt))
        states[STATE_PREFIX + story] = json.dumps({
            "version": STATE_VERSION, "entities": by_story.get(story, []),
            "quotes": {q: list(r) for q, r in quote_refs[story].items()},
            "events": [[rid, k, src, tgt] for rid, k, src, tgt in event_refs[story]],
        }).encode()
    dropped = [name for name in states_with_prefix(store, STATE_PREFIX)
               if name[len(STATE_PREFIX):] not in members]
    set_actors(store, speakers, actors, states, dropped)


def _ref(value: Any) -> Ref | None:
    return None if value is None else (str(value[0]), int(value[1]))


def _load(data: bytes) -> dict[str, Any] | None:
    """A story's saved state, or None when it is unreadable or of another layout version: the
    story is then resolved again from its mentions, which the state only summarises."""
    try:
        state = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    return state
