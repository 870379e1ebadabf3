"""The triangulate stage: for each story touched by new reports, align its claims and quotes
across reports and store the groups (Store.replace_groups)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from newsprism.config import Settings
from newsprism.errors import NotFound
from newsprism.store import Store
from newsprism.triangulate.claims import group_claims, group_dicts
from newsprism.triangulate.omissions import add_omissions
from newsprism.triangulate.quotes import group_quotes
from newsprism.triangulate.vectors import encode_stories
from newsprism.types import Analysis, Report, Story

# Reports whose stories are loaded and encoded together: large enough that the encoder works
# in full batches, small enough that a 50,000-report ingest does not hold every analysis and
# embedding at once.
CHUNK_REPORTS = 2000


def load_story(store: Store, story_id: str
               ) -> tuple[str, list[Report], dict[str, Analysis | None]]:
    """A story's id, its reports in publication order, and their analyses."""
    return load_stories(store, [store.story(story_id)])[0]


def load_stories(store: Store, stories: Sequence[Story]
                 ) -> list[tuple[str, list[Report], dict[str, Analysis | None]]]:
    """For each story: its id, its reports in publication order and their analyses, read
    with a few batched queries for all the stories together."""
    ids = [rid for s in stories for rid in s.report_ids]
    reports = store.get_reports(ids)
    missing = [rid for rid in ids if rid not in reports]
    if missing:
        raise NotFound(f"stories name reports that are not stored: {missing[:5]}")
    analyses = store.get_analyses(ids)
    out = []
    for story in stories:
        position = {rid: i for i, rid in enumerate(story.report_ids)}
        members = sorted((reports[rid] for rid in story.report_ids),
                         key=lambda r: (r.published_at or "9999", position[r.id]))
        out.append((story.id, members, {r.id: analyses.get(r.id) for r in members}))
    return out


def triangulate_reports(story_id: str, reports: Sequence[Report],
                        analyses: dict[str, Analysis | None],
                        vectors: Mapping[str, np.ndarray] | None = None
                        ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claim groups and quote groups of one story's reports (publication order).

    ``vectors`` holds the embeddings the story needs (vectors.encode_stories, shared by many
    stories); without it they are encoded here.
    """
    if vectors is None:
        vectors = encode_stories([(reports, analyses)])
    sc = group_claims(story_id, reports, analyses, vectors=vectors)
    claim_groups = group_dicts(sc)
    analysed = [r.id for r in reports if analyses.get(r.id) is not None]
    add_omissions(sc, claim_groups, analysed)
    quote_groups = group_quotes(story_id, reports, analyses, vectors)
    return claim_groups, quote_groups


def triangulate_story(store: Store, story_id: str
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Compute (without storing) the claim groups and quote groups of one story."""
    sid, reports, analyses = load_story(store, story_id)
    return triangulate_reports(sid, reports, analyses)


def update_triangulation(store: Store, new_report_ids: Sequence[str],
                         settings: Settings) -> None:
    """Re-triangulate the stories the new reports belong to and store their groups; drop the
    groups of stories that no longer exist (merged away by the cluster stage)."""
    del settings  # the stage has no settings yet; the signature is the pipeline's
    new = set(new_report_ids)
    stories = store.stories()
    for chunk in _chunks([s for s in stories if new & set(s.report_ids)]):
        touched = load_stories(store, chunk)
        # The sentences of the chunk's stories are encoded in one batched call, not per story.
        vectors = encode_stories(((reports, analyses) for _, reports, analyses in touched),
                                 persist=store)
        for sid, reports, analyses in touched:
            claim_groups, quote_groups = triangulate_reports(sid, reports, analyses, vectors)
            store.replace_groups(sid, claim_groups, quote_groups)
    # Read only the story ids, not every stored group: this runs after every ingest.
    stale = store.grouped_story_ids() - {s.id for s in stories}
    for sid in sorted(stale):
        store.replace_groups(sid, [], [])


def _chunks(stories: Sequence[Story]) -> Iterator[list[Story]]:
    """Touched stories in groups of about CHUNK_REPORTS reports: what one encoding call and
    memory hold at a time when a large ingest touches many stories."""
    chunk: list[Story] = []
    size = 0
    for story in stories:
        chunk.append(story)
        size += len(story.report_ids)
        if size >= CHUNK_REPORTS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
