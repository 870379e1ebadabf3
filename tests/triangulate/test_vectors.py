"""What triangulation encodes: only sentences that can line up across reports, for all touched
stories in one batched call, and each sentence once."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism.config import Settings
from newsprism.store import Store, StoredItem
from newsprism.triangulate import similarity, update_triangulation
from newsprism.triangulate.stage import triangulate_reports
from newsprism.triangulate.vectors import encode_stories, texts_to_embed
from newsprism.types import Analysis, Report, Story


def test_worth_embedding_skips_sentences_no_other_report_shares_words_with() -> None:
    texts = ["The Tarrow dam will be raised by four metres before the spring floods.",
             "Engineers plan to raise the Tarrow dam four metres ahead of the floods.",
             "A choir from the valley sang at the ribbon cutting."]
    kept = similarity.worth_embedding(texts, [0, 1, 0])
    assert texts[0] in kept and texts[1] in kept and texts[2] not in kept
    # Within one report nothing lines up across outlets: nothing is encoded.
    assert similarity.worth_embedding(texts, [0, 0, 0]) == []


def test_lookup_gives_zero_rows_for_texts_not_encoded() -> None:
    vecs = {"a": np.ones(similarity.EMBED_DIM, dtype=np.float32)}
    rows = similarity.lookup(vecs, ["a", "b"])
    assert rows.shape == (2, similarity.EMBED_DIM)
    assert rows[0].sum() == similarity.EMBED_DIM and not rows[1].any()


@pytest.fixture
def empty_cache(monkeypatch: pytest.MonkeyPatch) -> Any:
    """MiniLM as the claim encoder (its ``embed`` is faked), an empty per-process embedding
    cache, and no fake vector left in it afterwards."""
    monkeypatch.setenv("NEWSPRISM_CLAIM_ENCODER", "minilm")
    similarity.clear_cache()
    yield
    similarity.clear_cache()


def _fake_embed(calls: list[list[str]]) -> Any:
    def embed(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        rng = np.random.default_rng(len(texts))
        v = rng.normal(size=(len(texts), similarity.EMBED_DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)
    return embed


def _rename(item: Any, rid: str, k: int) -> Any:
    if not hasattr(item, "report_id"):
        return item
    item = replace(item, report_id=rid)
    return replace(item, id=f"{item.id}-{k}") if hasattr(item, "id") else item


def _copy_story(velmora: Any, k: int) -> tuple[Story, list[Report], dict[str, Analysis | None]]:
    """The fixture story under new ids (its texts unchanged)."""
    story, reports, analyses = velmora
    ids = {r.id: f"{r.id}-{k}" for r in reports}
    new_reports = [replace(r, id=ids[r.id], source=f"{r.source}#{k}") for r in reports]
    new_analyses: dict[str, Analysis | None] = {}
    for rid, a in analyses.items():
        assert a is not None
        parts = {f.name: tuple(_rename(x, ids[rid], k) for x in getattr(a, f.name))
                 for f in fields(a) if isinstance(getattr(a, f.name), tuple)}
        new_analyses[ids[rid]] = replace(a, report_id=ids[rid], **parts)
    return (Story(f"{story.id}-{k}", story.title, [ids[r] for r in story.report_ids]),
            new_reports, new_analyses)


def test_stage_encodes_all_touched_stories_in_one_call(velmora: Any, db_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       empty_cache: None) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(similarity, "embeddings_available", lambda: True)
    monkeypatch.setattr(similarity, "embed", _fake_embed(calls))
    stories = [_copy_story(velmora, k) for k in range(3)]
    # A single-report story: nothing of it is encoded.
    _, one, one_analyses = _copy_story(velmora, 9)
    single = Story("story-single", "t", [one[0].id])
    with Store(db_path) as store:
        for _, reports, analyses in stories:
            store.add_reports([StoredItem(r, None, analyses[r.id]) for r in reports])
        store.add_reports([StoredItem(one[0], None, one_analyses[one[0].id])])
        store.replace_stories([s for s, _, _ in stories] + [single])
        new = [r.id for _, reports, _ in stories for r in reports] + [one[0].id]
        update_triangulation(store, new, Settings(db_path=db_path))
        assert len(calls) == 1
        assert all(store.claim_groups(s.id) for s, _, _ in stories)
    expected = set()
    for _, reports, analyses in stories:
        expected |= set(texts_to_embed(reports, analyses))
    assert set(calls[0]) == expected
    # The three copies share their texts: each distinct text is encoded once.
    assert len(calls[0]) == len(set(calls[0]))
    assert texts_to_embed([one[0]], one_analyses) == []


def test_a_story_is_grouped_alike_with_shared_and_own_vectors(velmora: Any) -> None:
    story, reports, analyses = velmora
    own, _ = triangulate_reports(story.id, reports, analyses)
    shared = encode_stories([(reports, analyses)])
    again, _ = triangulate_reports(story.id, reports, analyses, shared)
    assert [g["id"] for g in own] == [g["id"] for g in again]


def test_long_sentences_are_cut_only_into_parts_that_differ_from_the_whole() -> None:
    lead = ("Late on Monday, the river council closed the old ferry terminal on the east bank "
            "after months of complaints from nearby residents")
    assert similarity.segments(lead) == []
    both = ("The council closed the old ferry terminal on the east bank, and the grain board "
            "fined the owners of two silos near the harbour wall for the second time")
    assert len(similarity.segments(both)) == 2


def test_embeddings_persist_in_the_store_between_runs(velmora: Any, db_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      empty_cache: None) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(similarity, "embeddings_available", lambda: True)
    monkeypatch.setattr(similarity, "embed", _fake_embed(calls))
    story, reports, analyses = velmora
    with Store(db_path) as store:
        store.add_reports([StoredItem(r, None, analyses[r.id]) for r in reports])
        store.replace_stories([story])
        update_triangulation(store, [reports[-1].id], Settings(db_path=db_path))
        first = store.claim_groups(story.id)
        assert len(calls) == 1 and calls[0]
        # A later process (empty process cache) reads them back instead of encoding.
        similarity.clear_cache()
        update_triangulation(store, [reports[-1].id], Settings(db_path=db_path))
        assert len(calls) == 1
        assert [g["id"] for g in store.claim_groups(story.id)] == [g["id"] for g in first]
        shas = [similarity.text_sha(t) for t in calls[0]]
        stored = store.get_embeddings(similarity.EMBED_MODEL_ID, shas)
        assert len(stored) == len(set(calls[0]))


def test_only_what_the_store_lacks_is_encoded(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              empty_cache: None) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(similarity, "embed", _fake_embed(calls))
    one, two = "The Tarrow dam was raised.", "The floods came early."
    with Store(db_path) as store:
        first = similarity.embed_map([one, one], store)
        assert calls == [[one]]
        both = similarity.embed_map([one, two], store)
        assert calls == [[one], [two]]
        assert np.array_equal(first[one], both[one])
        stored = store.get_embeddings(similarity.EMBED_MODEL_ID,
                                      [similarity.text_sha(one), similarity.text_sha(two)])
        assert len(stored) == 2


def test_bf16_encoding_override(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.errors import ConfigError

    try:
        for value, expected in (("1", True), ("0", False)):
            monkeypatch.setenv("NEWSPRISM_EMBED_BF16", value)
            similarity.embed_bf16.cache_clear()
            assert similarity.embed_bf16() is expected
        monkeypatch.setenv("NEWSPRISM_EMBED_BF16", "yes")
        similarity.embed_bf16.cache_clear()
        with pytest.raises(ConfigError):
            similarity.embed_bf16()
    finally:
        monkeypatch.delenv("NEWSPRISM_EMBED_BF16")
        similarity.embed_bf16.cache_clear()
