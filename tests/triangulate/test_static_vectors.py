"""The static claim encoder: distilled from the installed MiniLM package into a cache directory,
a table lookup at run time, and selectable beside MiniLM without mixing their vectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism.config import CLAIM_ENCODERS, claim_encoder_from_env
from newsprism.errors import ConfigError, ModelError
from newsprism.store import Store
from newsprism.triangulate import similarity, static_vectors

# Fictional sentences; the table of the tests is built for their word pieces only.
SENTENCES = (
    "The Tarrow dam will be raised by four metres before the spring floods.",
    "Engineers plan to raise the Tarrow dam four metres ahead of the floods.",
    "A choir from the valley sang at the ribbon cutting.",
    "The harbour authority fined the ferry operator for late sailings.",
)


@pytest.fixture(scope="session")
def small_table() -> static_vectors.StaticTable:
    """A table distilled for the word pieces of SENTENCES alone (a few seconds, not the
    ~30,000-token build): every other row is zero."""
    pytest.importorskip("torch")
    path = static_vectors.source_path()
    tok = static_vectors.load_tokenizer(path)
    ids = sorted({i for s in SENTENCES for i in tok.encode(s, add_special_tokens=False).ids})
    vectors = static_vectors.build_vectors(path, only=ids, progress=False)
    return static_vectors.StaticTable(vectors, tok, "test-subset")


@pytest.fixture
def use_table(small_table: static_vectors.StaticTable,
              monkeypatch: pytest.MonkeyPatch) -> static_vectors.StaticTable:
    monkeypatch.setattr(static_vectors, "table", lambda: small_table)
    return small_table


def test_distilled_rows_are_the_tokens_alone_weighted_by_rarity(
        small_table: static_vectors.StaticTable) -> None:
    tok = small_table.tokenizer
    vocab = tok.get_vocab()
    built = np.flatnonzero(np.abs(small_table.vectors).sum(axis=1))
    assert 10 < len(built) < 100 and small_table.dim == 384
    assert not small_table.vectors[vocab["[CLS]"]].any()
    # A common word piece weighs less than a rare one (SIF over vocabulary rank).
    norms = np.linalg.norm(small_table.vectors, axis=1)
    assert norms[vocab["the"]] < 0.7 * norms[vocab["choir"]]


def test_the_build_is_deterministic(small_table: static_vectors.StaticTable) -> None:
    ids = [small_table.tokenizer.token_to_id(w) for w in ("dam", "floods")]
    path = static_vectors.source_path()
    first = static_vectors.build_vectors(path, only=ids, progress=False)
    assert np.array_equal(first, static_vectors.build_vectors(path, only=ids, progress=False))
    assert np.count_nonzero(np.abs(first).sum(axis=1)) == 2


def test_encode_finds_the_paraphrase_and_not_the_other_topic(
        small_table: static_vectors.StaticTable) -> None:
    vecs = static_vectors.encode([*SENTENCES, ""], small_table)
    assert vecs.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vecs[:4], axis=1), 1.0, atol=1e-5)
    assert not vecs[4].any()
    cos = vecs @ vecs.T
    assert cos[0, 1] > cos[0, 2] + 0.2 and cos[0, 1] > cos[0, 3] + 0.2
    assert static_vectors.encode([], small_table).shape == (0, 384)


def test_the_table_is_built_once_into_the_cache_directory(
        small_table: static_vectors.StaticTable, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []

    def build(path: Path, only: Any = None, progress: bool = True) -> np.ndarray:
        builds.append(1)
        return small_table.vectors

    monkeypatch.setattr(static_vectors, "build_vectors", build)
    monkeypatch.setenv("NEWSPRISM_CACHE_DIR", str(tmp_path))
    first = static_vectors.load_or_build()
    second = static_vectors.load_or_build()
    assert builds == [1]
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [f"{static_vectors.table_key()}.npy"]
    assert np.array_equal(first.vectors, second.vectors)
    # The key names the source package's version and the distillation parameters.
    assert static_vectors.table_key().startswith("minilm-l6-static-")
    monkeypatch.setattr(static_vectors, "SIF_COEFFICIENT", 1e-3)
    assert f"{static_vectors.table_key()}.npy" != files[0].name


def test_an_unwritable_cache_directory_is_a_model_error(
        small_table: static_vectors.StaticTable, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ModelError, match="NEWSPRISM_CACHE_DIR"):
        static_vectors.save(small_table.vectors, blocker / "sub" / "t.npy")


def test_unreadable_cached_table_names_the_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_CACHE_DIR", str(tmp_path))
    (tmp_path / f"{static_vectors.table_key()}.npy").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="unreadable"):
        static_vectors.load_or_build()


def test_the_encoder_setting_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CLAIM_ENCODERS:
        monkeypatch.setenv("NEWSPRISM_CLAIM_ENCODER", name.upper())
        assert claim_encoder_from_env() == name
        assert similarity.claim_encoder().name == name
    monkeypatch.setenv("NEWSPRISM_CLAIM_ENCODER", "word2vec")
    with pytest.raises(ConfigError, match="word2vec"):
        claim_encoder_from_env()


def test_each_encoder_has_its_own_stored_model_id(use_table: Any, tmp_path: Path) -> None:
    static = similarity.claim_encoder("static")
    assert static.model_id != similarity.MINILM.model_id
    # Hybrid vectors are MiniLM's own: they may share its stored vectors.
    assert similarity.claim_encoder("hybrid").model_id == similarity.MINILM.model_id
    with Store(tmp_path / "s.db") as store:
        vecs = similarity.embed_map(SENTENCES[:2], store, static)
        assert set(vecs) == set(SENTENCES[:2])
        # Static vectors cost less to redo than to read back: none is stored.
        shas = [similarity.text_sha(t) for t in SENTENCES[:2]]
        assert store.get_embeddings(static.model_id, shas) == {}
        assert store.get_embeddings(similarity.MINILM.model_id, shas) == {}


def test_static_scores_rank_the_paraphrase_first(use_table: Any) -> None:
    scores = similarity.match_matrix(list(SENTENCES), encoder=similarity.claim_encoder("static"))
    assert scores[0, 1] >= similarity.HYBRID_FLOOR
    assert scores[0, 1] > max(scores[0, 2], scores[0, 3]) + 0.2


def test_hybrid_encodes_only_what_static_vectors_leave_possible(
        use_table: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = list(SENTENCES)
    hybrid = similarity.claim_encoder("hybrid")
    minilm = similarity.worth_embedding(texts, [0, 1, 0, 1], encoder=similarity.MINILM)
    kept = similarity.worth_embedding(texts, [0, 1, 0, 1], encoder=hybrid)
    assert set(kept) <= set(minilm)
    assert texts[0] in kept and texts[1] in kept
    monkeypatch.setattr(similarity, "HYBRID_FLOOR", 1.01)
    assert similarity.worth_embedding(texts, [0, 1, 0, 1], encoder=hybrid) == []
