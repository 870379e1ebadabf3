from __future__ import annotations

import pytest

from newsprism.errors import ConfigError
from newsprism.scale import InlineEngine, ProcessPoolEngine, engine_for

# Worker processes are spawned, so the mapped function must be importable there: a builtin.
BATCHES = [[i + 2, i, i + 1] for i in range(0, 60, 3)]
EXPECTED = [sorted(b) for b in BATCHES]


def test_inline_engine_keeps_order() -> None:
    assert list(InlineEngine().map_batches(sorted, iter(BATCHES))) == EXPECTED


def test_process_pool_keeps_order() -> None:
    engine = ProcessPoolEngine(2)
    try:
        assert list(engine.map_batches(sorted, iter(BATCHES))) == EXPECTED
    finally:
        engine.close()


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        engine_for("spark", 2)
