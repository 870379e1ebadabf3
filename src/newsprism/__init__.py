"""newsprism: line up what many outlets say about the same events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsprism.errors import NewsprismError

if TYPE_CHECKING:
    from newsprism.api import Database, analyze_texts, open

__version__ = "0.1.0"

__all__ = ["Database", "NewsprismError", "__version__", "analyze_texts", "open"]

# The Python API (newsprism.api) is imported on first use: it pulls in the store and the
# pipeline, which every module importing newsprism.errors would otherwise load too.
_API = frozenset({"Database", "analyze_texts", "open"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from newsprism import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
