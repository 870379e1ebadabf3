from __future__ import annotations

from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.store import Store, StoredItem
from newsprism.triangulate import triangulate_story, update_triangulation
from newsprism.types import Story


def test_stage_stores_groups_and_links_claims(velmora: Any, db_path: Path) -> None:
    story, reports, analyses = velmora
    with Store(db_path) as store:
        store.add_reports([StoredItem(r, None, analyses[r.id]) for r in reports])
        store.replace_stories([story])
        update_triangulation(store, [reports[-1].id], Settings(db_path=db_path))
        groups = store.claim_groups(story.id)
        quotes = store.quote_groups(story.id)
        assert groups and quotes
        assert all(g["story_id"] == story.id for g in groups)
        computed, _ = triangulate_story(store, story.id)
        assert sorted(g["id"] for g in computed) == sorted(str(g["id"]) for g in groups)
        grouped = {c.id: c for c in store.claims([r.id for r in reports])}
        assert len(grouped) == sum(len(a.claims) for a in analyses.values())
        linked = {q.group_id for q in store.quotes([r.id for r in reports])}
        assert None not in linked

        # The story is merged away into another one: its groups go with it.
        store.replace_stories([Story("story-other", "t", story.report_ids)], [story.id])
        update_triangulation(store, [reports[0].id], Settings(db_path=db_path))
        assert store.claim_groups(story.id) == []
        assert store.claim_groups("story-other")


def test_stage_ignores_reports_outside_stories(db_path: Path) -> None:
    with Store(db_path) as store:
        update_triangulation(store, ["nope"], Settings(db_path=db_path))
        assert store.claim_groups() == []


def test_stories_triangulated_in_small_chunks_match_one_chunk(
        velmora: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """A large ingest loads and encodes touched stories chunk by chunk; the groups are those
    of the stories triangulated together."""
    from newsprism.triangulate import stage

    _, reports, analyses = velmora
    half = len(reports) // 2
    stories = [Story("s-a", "a", tuple(r.id for r in reports[:half])),
               Story("s-b", "b", tuple(r.id for r in reports[half:]))]
    found = []
    for chunk in (10_000, 1):
        monkeypatch.setattr(stage, "CHUNK_REPORTS", chunk)
        with Store(tmp_path / f"c{chunk}.db") as store:
            store.add_reports([StoredItem(r, None, analyses[r.id]) for r in reports])
            store.replace_stories(stories)
            update_triangulation(store, [r.id for r in reports], Settings())
            found.append([store.claim_groups(s.id) for s in stories])
    assert found[0] == found[1] and all(found[0])
