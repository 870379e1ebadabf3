"""Wall and CPU time of the pipeline's phases, as an ingest reports them (IngestSummary.timings,
``newsprism ingest --json``): where a run's time went, without a profiler."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhaseTime:
    """One phase: wall seconds, and CPU seconds of this process (all its threads) plus the
    local worker processes that finished inside the phase (a process pool shut down at its
    end). Work done on other machines (the Dask engine's workers) is not in ``cpu_s``."""

    wall_s: float
    cpu_s: float

    def as_dict(self) -> dict[str, float]:
        return {"wall_s": round(self.wall_s, 3), "cpu_s": round(self.cpu_s, 3)}


class Stopwatch:
    """Started on creation; ``lap()`` returns the time since the start (or the last lap)."""

    def __init__(self) -> None:
        self._wall, self._cpu = _now()

    def lap(self) -> PhaseTime:
        wall, cpu = _now()
        out = PhaseTime(wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return out


def _now() -> tuple[float, float]:
    t = os.times()
    cpu = t.user + t.system + t.children_user + t.children_system
    return time.perf_counter(), cpu
