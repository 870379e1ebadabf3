"""How many threads the sentence encoder may use, decided from what the machine does now.

The encoder runs after the per-report workers have finished, when the one-minute load average
still counts them for a minute or more: deciding from it kept a whole global stage on one
thread of an idle two-core machine. The cores other processes keep busy are measured instead
over a short sample of /proc/stat (this process sleeps meanwhile), and the decision is looked
at again every THREADS_RECHECK_S, so a long run follows the machine.
"""

from __future__ import annotations

import os
import time

from newsprism.errors import ConfigError

# Torch threads for encoding when other work shares the cores: one measured 2.6x faster than
# two on this project's two-core machines under load (OpenMP threads spin on a busy core).
# On an idle machine every core is used. NEWSPRISM_EMBED_THREADS overrides both.
EMBED_THREADS_BUSY = 1
# The sample of /proc/stat one decision costs, and how long a decision stands.
THREADS_SAMPLE_S = 0.2
THREADS_RECHECK_S = 30.0

_decided: tuple[float, int] | None = None  # (monotonic time, threads): the standing decision


def embed_threads() -> int:
    """Threads to encode with: the override, else all cores when other processes keep less
    than half a core busy beyond one spare core (the machine is ours), else
    EMBED_THREADS_BUSY."""
    override = os.environ.get("NEWSPRISM_EMBED_THREADS")
    if override:
        try:
            return max(1, int(override))
        except ValueError as exc:
            raise ConfigError(f"NEWSPRISM_EMBED_THREADS={override!r} is not a number of "
                              "threads") from exc
    cores = os.cpu_count() or 1
    return EMBED_THREADS_BUSY if other_work() >= cores - 0.5 else cores


def threads_now() -> int:
    """``embed_threads()``, re-decided at most every THREADS_RECHECK_S."""
    global _decided
    now = time.monotonic()
    if _decided is None or now - _decided[0] >= THREADS_RECHECK_S:
        _decided = (now, embed_threads())
    return _decided[1]


def other_work() -> float:
    """Cores kept busy by other processes now; the 1-minute load average where /proc/stat
    cannot be read."""
    try:
        busy0, total0 = cpu_times()
        time.sleep(THREADS_SAMPLE_S)
        busy1, total1 = cpu_times()
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except OSError:
            return float(os.cpu_count() or 1)
    total = total1 - total0
    return (os.cpu_count() or 1) * (busy1 - busy0) / total if total > 0 else 0.0


def cpu_times() -> tuple[int, int]:
    """Busy and total jiffies of all CPUs together, from the first line of /proc/stat."""
    with open("/proc/stat", encoding="ascii") as fh:
        values = [int(v) for v in fh.readline().split()[1:9]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)
