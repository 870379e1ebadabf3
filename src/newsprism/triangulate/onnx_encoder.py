"""all-MiniLM-L6-v2 run by ONNX Runtime, int8 (the "minilm-onnx" claim encoder).

The installed model's transformer is exported to ONNX once and its weight matrices quantized
to int8 (dynamic quantization: activations are quantized per batch at run time), then kept in
the cache directory (static_vectors.cache_dir) under a name made of the source package's
version, the torch/onnxruntime versions that wrote it and the export parameters, so a new
model, toolchain or parameter never reads an old file. Tokenizing, mean pooling over the
attention mask and normalizing are done here, as sentence-transformers does them (when a
batch size above one is asked for, texts are sorted by length and each batch is padded to its
longest member).

Its vectors are close to, not the same as, the torch model's (cosine ~0.99 per text; cosines
between texts move by ~0.01 on average). Texts are encoded one at a time by default (see
BATCH), so that a text's vector does not depend on the texts encoded with it. See docs/quality.md ("Claim
encoders") for its speed and how often it changes claim groups.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import ModelError
from newsprism.triangulate import static_vectors
from newsprism.triangulate.threads import threads_now

OPSET = 17
# Weights int8 per output channel (QInt8, per_channel), MatMul nodes only: on 1,086 benchmark
# claim texts per-channel int8 kept a mean cosine of 0.991 to the float32 model against 0.955
# per tensor (0.978 per tensor uint8) at the same speed; quantizing the embedding lookups
# (Gather) too saved nothing and cost a little accuracy (docs/quality.md, "Claim encoders").
PER_CHANNEL = True
QUANT_OPS = ("MatMul",)
# One text per run: activations are quantized with the scale of the whole batch, so in a batch
# a text's vector moved with its batch-mates (cosine down to 0.98 when 2,000 Reuters sentences
# were shuffled between batches of 64), and claim groups would depend on which texts an
# ingest happened to encode together. Alone, a text's vector is a function of the text. It
# also costs no more here: 2,000 Reuters sentences took 8.6-9.3 s of CPU one at a time
# against 9.7-10.2 s in batches of 64 (padding), 7.1-7.3 s in batches of 8 (one thread).
BATCH = 1
# sentence-transformers' default when the model folder does not name one.
DEFAULT_MAX_SEQ_LENGTH = 256
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


@dataclass(frozen=True, slots=True)
class OnnxModel:
    """A loaded encoder: the ONNX Runtime session, the tokenizer, the file's name, and how
    many texts (batches) it runs at once."""

    session: Any
    tokenizer: Any
    key: str
    dim: int
    threads: int = 1


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def max_seq_length(path: Path) -> int:
    """The token limit sentence-transformers applies to this model folder."""
    config = path / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text())["max_seq_length"])
    except FileNotFoundError:
        return DEFAULT_MAX_SEQ_LENGTH
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot read max_seq_length from {config}: {exc}") from exc


def model_key() -> str:
    """Names the quantized file by its source, the tools that write it, and the parameters."""
    weights = static_vectors.source_path() / "model.safetensors"
    size = weights.stat().st_size if weights.is_file() else 0
    version = _version(static_vectors.SOURCE_DIST)
    params = (f"{version}|{size}|torch={_version('torch')}|ort={_version('onnxruntime')}|"
              f"opset={OPSET}|per_channel={PER_CHANNEL}|ops={','.join(QUANT_OPS)}|int8")
    return f"minilm-l6-onnx-int8-{version}-{hashlib.sha256(params.encode()).hexdigest()[:12]}"


def export(path: Path, file: Path) -> None:
    """Write the transformer of the model at ``path`` (last hidden state) to ONNX."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise ModelError(f"exporting the ONNX claim encoder needs torch and transformers "
                         f"({exc})") from exc
    hf_logging.disable_progress_bar()
    try:
        model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
    except OSError as exc:
        raise ModelError(f"cannot load the model at {path} to export it: {exc}") from exc

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    ids = torch.tensor([[101, 2000, 2001, 102]])  # any tokens: the axes are dynamic
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    with warnings.catch_warnings():
        # The TorchScript exporter warns about tracing the mask code; its output is checked
        # against the torch model (tests/triangulate/test_onnx_encoder.py).
        warnings.simplefilter("ignore")
        torch.onnx.export(LastHidden(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                          str(file), input_names=list(INPUTS),
                          output_names=["last_hidden_state"], dynamic_axes=axes,
                          opset_version=OPSET, dynamo=False, do_constant_folding=True)


def quantize(source: Path, target: Path) -> None:
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelError(f"the ONNX claim encoder needs onnxruntime ({exc})") from exc
    # It logs advice on the root logger (pre-processing, which fails on this graph's shapes
    # and is not needed for MatMul-only quantization); the CLI's output stays clean.
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(str(source), str(target), per_channel=PER_CHANNEL,
                         weight_type=QuantType.QInt8, op_types_to_quantize=list(QUANT_OPS))
    finally:
        logging.disable(logging.NOTSET)


def build(file: Path, progress: bool = True) -> None:
    """Export and quantize into ``file``, atomically (a concurrent reader sees all or none)."""
    bar = static_vectors.Progress(2, "exporting the ONNX claim encoder") if progress else None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=file.parent, prefix=".onnx-build-") as tmp:
            plain, quantized = Path(tmp) / "model.onnx", Path(tmp) / "model.int8.onnx"
            if bar is not None:
                bar.advance(0)
            export(static_vectors.source_path(), plain)
            if bar is not None:
                bar.advance(1)
            quantize(plain, quantized)
            os.chmod(quantized, 0o644)  # a cache other users of the machine may read
            os.replace(quantized, file)
    except OSError as exc:
        raise ModelError(f"cannot write the ONNX claim encoder to {file}: {exc}; set "
                         "NEWSPRISM_CACHE_DIR to a writable directory") from exc
    finally:
        if bar is not None:
            bar.close()


def model_file(directory: Path | None = None, progress: bool = True) -> Path:
    """The quantized model in the cache directory, built there first when missing."""
    file = (directory or static_vectors.cache_dir()) / f"{model_key()}.onnx"
    if not file.is_file():
        build(file, progress)
    return file


def load(file: Path, threads: int) -> OnnxModel:
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise ModelError(f"the ONNX claim encoder needs onnxruntime ({exc})") from exc
    options = ort.SessionOptions()
    # One thread per run; ``threads`` runs go at once (see ``encode``). Splitting the run of
    # one short text across two threads cost 67 s of CPU for 48 s wall in the triangulate
    # stage on 1,471 Reuters reports, against ~40 s CPU in batches of 64.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ModelError(f"cannot load the ONNX claim encoder {file} ({exc}); delete it and "
                         "it is built again") from exc
    path = static_vectors.source_path()
    tok = static_vectors.load_tokenizer(path)
    tok.enable_truncation(max_seq_length(path))
    dim = int(session.get_outputs()[0].shape[-1])
    return OnnxModel(session, tok, file.stem, dim, max(1, threads))


@lru_cache(maxsize=1)
def _loaded() -> OnnxModel:
    return load(model_file(), 1)


def model() -> OnnxModel:
    """The process's encoder (one session, loaded once), running as many texts at once as
    the machine allows now (threads_now)."""
    return replace(_loaded(), threads=threads_now())


def encode(texts: Sequence[str], encoder: OnnxModel | None = None,
           batch: int = BATCH) -> np.ndarray:
    """Unit-length vectors, one row per text (float32)."""
    enc = encoder or model()
    if not texts:
        return np.zeros((0, enc.dim), dtype=np.float32)
    ids = [e.ids for e in enc.tokenizer.encode_batch(list(texts))]
    out = np.zeros((len(texts), enc.dim), dtype=np.float32)
    # Longest first, as sentence-transformers does: each batch pads to about its own length.
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    batches = [order[lo:lo + batch] for lo in range(0, len(order), batch)]

    def run(rows: list[int]) -> np.ndarray:
        return _encode_batch(enc.session, [ids[i] for i in rows])

    # ONNX Runtime lets go of the GIL while it runs: batches in parallel threads share one
    # session, and a batch's result does not depend on the thread that ran it.
    if enc.threads > 1 and len(batches) > 1:
        with ThreadPoolExecutor(enc.threads) as pool:
            results = list(pool.map(run, batches))
    else:
        results = [run(rows) for rows in batches]
    for rows, vecs in zip(batches, results, strict=True):
        out[rows] = vecs
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def _encode_batch(session: Any, ids: Sequence[Sequence[int]]) -> np.ndarray:
    """Mean of the last hidden states over each text's real (unpadded) tokens."""
    width = max(1, max(len(t) for t in ids))
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros_like(input_ids)
    for r, t in enumerate(ids):
        input_ids[r, :len(t)] = t
        mask[r, :len(t)] = 1
    feeds = {"input_ids": input_ids, "attention_mask": mask,
             "token_type_ids": np.zeros_like(input_ids)}
    hidden = np.asarray(session.run(None, feeds)[0], dtype=np.float32)
    weight = mask[:, :, None].astype(np.float32)
    return np.asarray((hidden * weight).sum(axis=1) / np.maximum(weight.sum(axis=1), 1e-9))


def main() -> int:
    """Build the quantized model into the cache directory now (``make`` setup); print where."""
    print(model_file())
    return 0
