"""The ONNX claim encoder ("minilm-onnx"): pooling and batching as sentence-transformers does
them, a quantized file built once per key into the cache directory, vectors kept apart from
torch MiniLM's, and (the real model) vectors close to the torch model's."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism.errors import ModelError
from newsprism.store import Store
from newsprism.triangulate import onnx_encoder, similarity, static_vectors

# Fictional sentences of very different lengths (sorting and padding matter).
SENTENCES = (
    "The Tarrow dam will be raised by four metres before the spring floods.",
    "Engineers plan to raise the Tarrow dam four metres ahead of the floods.",
    "A choir sang.",
    "The harbour authority fined the ferry operator for late sailings, and the operator said "
    "it would appeal the fine before the regional court in Velmora within the month.",
)
DIM = 8


class FakeSession:
    """Stands in for onnxruntime: each real token's hidden state depends on its id alone,
    padded positions hold a large value that pooling must leave out."""

    def __init__(self) -> None:
        self.widths: list[tuple[int, int]] = []  # (batch rows, padded width)

    def run(self, _outputs: Any, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        ids, mask = feeds["input_ids"], feeds["attention_mask"]
        assert ids.shape == mask.shape == feeds["token_type_ids"].shape
        self.widths.append(ids.shape)
        hidden = token_states(ids)
        hidden[mask == 0] = 1e6
        return [hidden]


def token_states(ids: np.ndarray) -> np.ndarray:
    return np.stack([np.sin(ids * (k + 1) * 0.37) for k in range(DIM)], axis=-1).astype(
        np.float32)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    tok = static_vectors.load_tokenizer(static_vectors.source_path())
    tok.enable_truncation(onnx_encoder.max_seq_length(static_vectors.source_path()))
    return tok


def fake_model(tokenizer: Any) -> onnx_encoder.OnnxModel:
    return onnx_encoder.OnnxModel(FakeSession(), tokenizer, "fake", DIM)


def test_mean_pooling_skips_padding_and_batches_longest_first(tokenizer: Any) -> None:
    model = fake_model(tokenizer)
    vecs = onnx_encoder.encode(SENTENCES, model, batch=2)
    for text, vec in zip(SENTENCES, vecs, strict=True):
        ids = np.array(tokenizer.encode(text).ids)
        expected = token_states(ids).mean(axis=0)
        assert np.allclose(vec, expected / np.linalg.norm(expected), atol=1e-5)
    # Sorted by length: the two longest texts share the first batch, the widest one.
    widths = model.session.widths
    assert [rows for rows, _ in widths] == [2, 2]
    assert widths[0][1] > widths[1][1]
    assert np.allclose(onnx_encoder.encode(SENTENCES, model, batch=1), vecs, atol=1e-6)
    assert onnx_encoder.encode([], model).shape == (0, DIM)


def test_long_texts_are_cut_at_the_models_token_limit(tokenizer: Any) -> None:
    model = fake_model(tokenizer)
    limit = onnx_encoder.max_seq_length(static_vectors.source_path())
    onnx_encoder.encode(["word " * (2 * limit)], model)
    assert model.session.widths == [(1, limit)]


def test_the_key_names_source_tools_and_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    key = onnx_encoder.model_key()
    assert key.startswith("minilm-l6-onnx-int8-")
    monkeypatch.setattr(onnx_encoder, "PER_CHANNEL", False)
    assert onnx_encoder.model_key() != key


def test_the_model_is_built_once_into_the_cache_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exported: list[Path] = []

    def export(path: Path, file: Path) -> None:
        exported.append(path)
        file.write_bytes(b"plain")

    def quantize(source: Path, target: Path) -> None:
        target.write_bytes(source.read_bytes() + b" int8")

    monkeypatch.setattr(onnx_encoder, "export", export)
    monkeypatch.setattr(onnx_encoder, "quantize", quantize)
    first = onnx_encoder.model_file(tmp_path, progress=False)
    second = onnx_encoder.model_file(tmp_path, progress=False)
    assert first == second and len(exported) == 1
    assert [f.name for f in tmp_path.iterdir()] == [f"{onnx_encoder.model_key()}.onnx"]
    assert first.read_bytes() == b"plain int8"


def test_an_unwritable_cache_directory_is_a_model_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ModelError, match="NEWSPRISM_CACHE_DIR"):
        onnx_encoder.build(blocker / "sub" / "m.onnx", progress=False)


def test_an_unreadable_model_file_names_the_file(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    file = tmp_path / f"{onnx_encoder.model_key()}.onnx"
    file.write_bytes(b"garbage")
    with pytest.raises(ModelError, match=file.name):
        onnx_encoder.load(file, threads=1)


def test_its_vectors_are_cached_and_stored_apart_from_torch_minilms(
        tokenizer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = fake_model(tokenizer)
    monkeypatch.setattr(onnx_encoder, "model", lambda: model)
    similarity.clear_cache()
    enc = similarity.claim_encoder("minilm-onnx")
    assert enc.model_id not in (similarity.MINILM.model_id,
                                similarity.claim_encoder("static").model_id)
    assert (enc.embed_weight, enc.lexical_weight) == (similarity.EMBED_WEIGHT,
                                                      similarity.LEXICAL_WEIGHT)
    with Store(tmp_path / "s.db") as store:
        vecs = similarity.embed_map(SENTENCES[:2], store, enc)
        shas = [similarity.text_sha(t) for t in SENTENCES[:2]]
        assert set(store.get_embeddings(enc.model_id, shas)) == set(shas)
        assert store.get_embeddings(similarity.MINILM.model_id, shas) == {}
    calls = len(model.session.widths)
    again = similarity.encode_claims(SENTENCES[:2], enc)  # the process cache answers
    assert len(model.session.widths) == calls
    assert np.allclose(again, np.stack([vecs[t] for t in SENTENCES[:2]]))
    similarity.clear_cache()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real model exported and quantized into a temporary cache (10-25 s)."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("torch")
    return onnx_encoder.model_file(tmp_path_factory.mktemp("onnx"), progress=False)


@pytest.mark.slow  # the export and quantization take 10-25 s on the shared machine
def test_int8_vectors_stay_close_to_the_torch_models(built: Path) -> None:
    model = onnx_encoder.load(built, threads=1)
    vecs = onnx_encoder.encode(SENTENCES, model)
    torch_vecs = similarity._model().encode(list(SENTENCES), normalize_embeddings=True,
                                            convert_to_numpy=True)
    assert vecs.shape == (len(SENTENCES), 384)
    # ~0.99 on benchmark texts (docs/quality.md): well above what a wrong pooling, padding or
    # tokenizer would give.
    assert ((vecs * torch_vecs).sum(axis=1) > 0.97).all()
    pairs = vecs @ vecs.T
    assert np.abs(pairs - torch_vecs @ torch_vecs.T).max() < 0.08
    assert pairs[0, 1] > pairs[0, 2] + 0.2


@pytest.mark.slow
def test_the_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    again = onnx_encoder.model_file(tmp_path, progress=False)
    assert again.name == built.name
    assert _sha(again) == _sha(built)


def _sha(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_embed_stays_torch_minilm_with_the_onnx_claim_encoder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The resolve stage's ``embed`` keeps the torch model its thresholds were set on."""
    def no_onnx() -> None:
        raise AssertionError("embed must not run the ONNX model")

    monkeypatch.setattr(onnx_encoder, "model", no_onnx)
    monkeypatch.setattr(similarity, "_encode",
                        lambda texts: np.ones((len(texts), 384), dtype=np.float32))
    monkeypatch.setenv("NEWSPRISM_CLAIM_ENCODER", "minilm-onnx")
    similarity.clear_cache()
    assert similarity.embed(list(SENTENCES[:2])).shape == (2, 384)
    similarity.clear_cache()


def _falls_back_to_torch_minilm(warning: str) -> None:
    similarity.onnx_usable.cache_clear()
    try:
        with pytest.warns(UserWarning, match=warning):
            assert similarity.claim_encoder("minilm-onnx") is similarity.MINILM
    finally:
        similarity.onnx_usable.cache_clear()


def test_without_onnxruntime_it_falls_back_to_torch_minilm(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "onnxruntime" else real(name, *a))
    _falls_back_to_torch_minilm("onnxruntime not installed")


def test_a_model_file_that_cannot_be_built_falls_back_to_torch_minilm(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def unbuildable() -> None:
        raise ModelError(f"cannot write the ONNX claim encoder into {tmp_path}")

    monkeypatch.setattr(onnx_encoder, "model", unbuildable)
    _falls_back_to_torch_minilm("cannot write")


@pytest.mark.slow
def test_a_texts_vector_does_not_depend_on_the_texts_encoded_with_it(built: Path) -> None:
    # Quantized activations take the batch's scale; by default each text is its own batch.
    model = onnx_encoder.load(built, threads=1)
    together = onnx_encoder.encode(SENTENCES, model)
    for i, text in enumerate(SENTENCES):
        assert np.array_equal(onnx_encoder.encode([text], model)[0], together[i])
    batched = onnx_encoder.encode(SENTENCES, model, batch=len(SENTENCES))
    assert not np.array_equal(batched, together)
    # Texts run in parallel threads come out as they do one after the other.
    parallel = onnx_encoder.load(built, threads=3)
    assert np.array_equal(onnx_encoder.encode(SENTENCES, parallel), together)
