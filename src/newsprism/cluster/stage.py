"""The cluster stage over the store: stories, reuse edges and estimated dates.

Stored reports not yet in a story are clustered; only the stories they join are rewritten. The
clusterer and the near-duplicate index live in memory for the life of the process (one per
store) and the clusterer's state is saved in the store, so a later process starts from it. The
store is the truth: whatever report the saved state lacks (an interrupted run) is added again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsprism.cluster.dates import estimate_date
from newsprism.cluster.features import ESTIMATED_ANCHOR
from newsprism.cluster.minhash import NearDuplicateIndex
from newsprism.cluster.reuse import find_reuse
from newsprism.cluster.stories import StoryClusterer
from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.store import Store
from newsprism.types import Reuse, Story, TimeExpr

STATE_NAME = "cluster"
# Reports read from the store per query (new reports, or all of them when an index is
# rebuilt): bounds memory on a large ingest while keeping the number of queries small.
COLD_START_CHUNK = 2000
# Earlier reports a new report's passages are verified against (find_reuse), those sharing the
# most passage windows first. A wire story republished by hundreds of outlets would otherwise
# cost each new copy an alignment with every earlier copy (quadratic in the copies); its
# closest and earliest copies already show what it took and from whom. 20 is above the
# number of copies any report had in the seed, demo and ECB+ corpora, where no edge is lost.
MAX_REUSE_CANDIDATES = 20
# New reports whose candidates are read and verified together: at most this many times
# MAX_REUSE_CANDIDATES earlier reports in memory at once.
VERIFY_CHUNK = 200


@dataclass
class _Index:
    clusterer: StoryClusterer
    near: NearDuplicateIndex = field(default_factory=NearDuplicateIndex)
    near_ids: set[str] = field(default_factory=set)
    generation: str = ""


# One in-memory index per store file, valid while the store's saved generation matches.
_INDEXES: dict[Path, _Index] = {}


def update_stories(store: Store, new_report_ids: Sequence[str], settings: Settings) -> None:
    """Cluster every stored report not yet in a story (``new_report_ids`` among them)."""
    del settings  # the stage has no settings of its own yet
    index = _index_for(store)
    pending = store.unclustered_ids()
    if not pending:
        return
    for chunk in _chunks(sorted(pending), COLD_START_CHUNK):
        reports, analyses = store.get_reports(chunk), store.get_analyses(chunk)
        index.clusterer.extend((reports[rid], analyses.get(rid)) for rid in chunk)
    # A new report can also move an undated report to a better-matching story, so the stories
    # to rewrite are those of every report whose story changed, not only the new ones.
    changed = index.clusterer.take_touched() | set(pending)
    stories = index.clusterer.stories(of_reports=sorted(changed))
    touched = {s.id for s in stories}
    old_ids = store.story_ids_of([rid for s in stories for rid in s.report_ids])
    store.replace_stories(stories, removed=sorted(old_ids - touched))
    store.put_reuse(_reuse(store, index, pending))
    _estimate_dates(store, stories)
    _save(store, index)


def _reuse(store: Store, index: _Index, new: Sequence[str]) -> list[Reuse]:
    """Reuse edges between the new reports and the reports they share passages with (at
    most MAX_REUSE_CANDIDATES each)."""
    _sync_near(store, index, exclude=set(new))
    edges = []
    for chunk in _chunks(sorted(new), VERIFY_CHUNK):
        reports = store.get_reports(chunk)
        candidates = {}
        for rid in chunk:
            candidates[rid] = index.near.add(rid, reports[rid].text, MAX_REUSE_CANDIDATES)
            index.near_ids.add(rid)
        earlier = {o for found in candidates.values() for o in found} - set(reports)
        reports.update(store.get_reports(sorted(earlier)))
        for rid in chunk:
            for other_id in candidates[rid]:
                edge = find_reuse(reports[other_id], reports[rid])
                if edge is not None:
                    edges.append(edge)
    return edges


def _sync_near(store: Store, index: _Index, exclude: set[str]) -> None:
    """Index the stored reports this process has not indexed yet (a cold start)."""
    missing = [rid for rid in store.report_ids()
               if rid not in index.near_ids and rid not in exclude]
    for chunk in _chunks(missing, COLD_START_CHUNK):
        texts = store.get_reports(chunk)
        for rid in chunk:
            index.near.add(rid, texts[rid].text)
            index.near_ids.add(rid)


def _estimate_dates(store: Store, stories: Sequence[Story]) -> None:
    """Give undated reports a date from their story and re-anchor their relative times."""
    from newsprism.analyze.times import resolve_times

    for story in stories:
        found = store.get_reports(story.report_ids)
        members = [found[rid] for rid in story.report_ids]
        for report in members:
            if report.published_source not in ("unknown", "estimated"):
                continue
            guess = estimate_date(report, members)
            if guess is None or guess == (report.published_at, report.published_precision):
                continue
            day, precision = guess
            store.update_report_date(report.id, day, precision, "estimated")
            analysis = store.get_analysis(report.id)
            if analysis is None:
                continue
            # Expressions anchored on an earlier estimate are re-anchored on this one.
            times = [t if t.anchor != ESTIMATED_ANCHOR else _unresolved(t)
                     for t in analysis.times]
            resolved = resolve_times(times, day, ESTIMATED_ANCHOR)
            if resolved != list(analysis.times):
                store.put_analyses([replace(analysis, times=tuple(resolved))])


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _unresolved(t: TimeExpr) -> TimeExpr:
    return replace(t, value=None, precision=None, anchor="unresolved")


# -- the in-memory index and its saved state ----------------------------------------------


def _index_for(store: Store) -> _Index:
    key = store.path.resolve()
    generation = _generation(store)
    cached = _INDEXES.get(key)
    if cached is not None and cached.generation == generation:
        return cached
    clusterer = _load(store)
    index = _Index(clusterer, generation=generation)
    _INDEXES[key] = index
    # Reports in stories that the saved state lacks (a run interrupted before saving).
    clustered = set(clusterer.assignments())
    lacking = [rid for rid in store.clustered_ids() if rid not in clustered]
    for chunk in _chunks(lacking, COLD_START_CHUNK):
        reports, analyses = store.get_reports(chunk), store.get_analyses(chunk)
        clusterer.extend((reports[rid], analyses.get(rid)) for rid in chunk)
    return index


def _generation(store: Store) -> str:
    raw = store.get_state(STATE_NAME + ".generation")
    return raw.decode() if raw else ""


def _load(store: Store) -> StoryClusterer:
    raw = store.get_state(STATE_NAME)
    if raw is None:
        return StoryClusterer()
    try:
        state = json.loads(zlib.decompress(raw))
        if not isinstance(state, dict):
            raise ConfigError("story clusterer state is not an object")
        return StoryClusterer.from_state(state)
    except (zlib.error, ValueError, ConfigError):
        # The saved state is only a cache of what the stored reports say: rebuild from them.
        return StoryClusterer()


def _save(store: Store, index: _Index) -> None:
    data = zlib.compress(json.dumps(index.clusterer.to_state()).encode(), 1)
    generation = f"{len(index.clusterer)}-{zlib.crc32(data):08x}"
    with store.transaction() as conn:
        store.set_state(STATE_NAME, data, conn)
        store.set_state(STATE_NAME + ".generation", generation.encode(), conn)
    index.generation = generation
