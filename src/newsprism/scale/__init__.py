"""Execution engines for the per-report stages: inline, local process pool, Dask."""

from __future__ import annotations

from newsprism.scale.local import Engine, InlineEngine, ProcessPoolEngine, make_engine
from newsprism.scale.worker_init import worker_setup

__all__ = ["Engine", "InlineEngine", "ProcessPoolEngine", "engine_for", "make_engine"]


def engine_for(kind: str, workers: int, scheduler: str | None = None,
               model: str | None = None) -> Engine:
    """The engine a user asked for: ``local`` (default) or ``dask``. Local workers that are
    to analyze with the spaCy pipeline ``model`` are set up for it (worker_init.py)."""
    if kind == "dask":
        from newsprism.scale.dask import DaskEngine

        return DaskEngine(scheduler, workers=max(workers, 1))
    if kind != "local":
        from newsprism.errors import ConfigError

        raise ConfigError(f"unknown engine {kind!r}; use 'local' or 'dask'")
    return make_engine(workers, worker_setup(model) if model else None)
