"""The analyze stage: mentions, quotes, numbers, times, events and claim units of a report.

The public names load spaCy on first use, not on import: processes that only read analyses
(the global stages re-anchoring times, the web views) need the extractors' helpers without
paying for spaCy's import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsprism.analyze.analyzer import Analyzer, analyze_doc, analyze_text

__all__ = ["Analyzer", "analyze_doc", "analyze_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("newsprism.analyze.analyzer"), name)
    raise AttributeError(f"module 'newsprism.analyze' has no attribute {name!r}")
