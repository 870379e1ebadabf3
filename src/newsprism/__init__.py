"""newsprism: line up what many outlets say about the same events."""

from newsprism.errors import NewsprismError

__version__ = "0.1.0"

__all__ = ["NewsprismError", "__version__"]
