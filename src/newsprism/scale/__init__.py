"""Execution engines for the per-report stages: inline, local process pool, Dask."""

from __future__ import annotations

from newsprism.scale.local import Engine, InlineEngine, ProcessPoolEngine, make_engine

__all__ = ["Engine", "InlineEngine", "ProcessPoolEngine", "engine_for", "make_engine"]


def engine_for(kind: str, workers: int, scheduler: str | None = None) -> Engine:
    """The engine a user asked for: ``local`` (default) or ``dask``."""
    if kind == "dask":
        from newsprism.scale.dask import DaskEngine

        return DaskEngine(scheduler, workers=max(workers, 1))
    if kind != "local":
        from newsprism.errors import ConfigError

        raise ConfigError(f"unknown engine {kind!r}; use 'local' or 'dask'")
    return make_engine(workers)
