"""What a local worker process sets up before its first batch.

thinc (spaCy's machine-learning layer) imports torch whenever torch is installed, to offer its
PyTorch wrappers: ~2 s of CPU per process on the reference machine, which every worker of
every ingest paid. A pipeline built from spaCy's own layers (the CNN pipelines such as
en_core_web_sm) never calls torch, so a worker that is to load one marks torch unavailable
before spaCy is imported. A pipeline whose config names PyTorch or transformer layers, or one
whose config cannot be found, keeps torch.

Only newsprism's own worker processes do this (ProcessPoolEngine): the parent process may
need torch later (the resolve stage's sentence encoder), and a Dask worker may run other
people's tasks.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import partial
from pathlib import Path

# Words in a pipeline's config.cfg that mean its layers may call torch (PyTorchWrapper,
# spacy-transformers, spacy-curated-transformers).
TORCH_MARKERS = ("torch", "transformer")


def worker_setup(model: str) -> partial[None]:
    """The initializer for workers that will analyze with ``model`` (picklable)."""
    return partial(init_worker, model)


def init_worker(model: str) -> None:
    if "torch" in sys.modules or "thinc" in sys.modules:
        return  # too late to matter, or torch is already in use here
    if not needs_torch(model):
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError


def needs_torch(model: str) -> bool:
    """Whether the spaCy pipeline ``model`` (an installed package's name or a directory) may
    use torch, read from its config without importing spaCy; True when unknown."""
    config = pipeline_config(model)
    if config is None:
        return True
    try:
        text = config.read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return True
    return any(marker in text for marker in TORCH_MARKERS)


def pipeline_config(model: str) -> Path | None:
    """The config.cfg of a pipeline directory, or of an installed pipeline package (which
    keeps it in its versioned data directory)."""
    path = Path(model)
    if path.is_dir():
        return path / "config.cfg" if (path / "config.cfg").is_file() else None
    if not model.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(package.glob("*/config.cfg")) or sorted(package.glob("config.cfg"))
    return found[0] if len(found) == 1 else None
