"""The encoder's thread count follows what other processes do now, not the load average."""

from __future__ import annotations

import itertools

import pytest

from newsprism.triangulate import threads


def _stat(busy_per_tick: int, total_per_tick: int) -> object:
    """A fake /proc/stat reader whose successive samples advance by the given jiffies."""
    ticks = itertools.count()

    def read() -> tuple[int, int]:
        k = next(ticks)
        return busy_per_tick * k, total_per_tick * k
    return read


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_EMBED_THREADS", raising=False)
    monkeypatch.setattr(threads, "THREADS_SAMPLE_S", 0.0)
    monkeypatch.setattr(threads.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(threads, "_decided", None)


def test_idle_machine_gets_every_core_even_with_a_high_load_average(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "cpu_times", _stat(busy_per_tick=1, total_per_tick=100))
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (2.0, 2.0, 2.0))
    assert threads.embed_threads() == 2


def test_busy_machine_gets_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "cpu_times", _stat(busy_per_tick=80, total_per_tick=100))
    assert threads.other_work() == pytest.approx(1.6)
    assert threads.embed_threads() == threads.EMBED_THREADS_BUSY


def test_unreadable_stat_falls_back_to_the_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable() -> tuple[int, int]:
        raise OSError("no /proc here")
    monkeypatch.setattr(threads, "cpu_times", unreadable)
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (1.7, 1.0, 1.0))
    assert threads.embed_threads() == threads.EMBED_THREADS_BUSY


def test_decision_stands_until_rechecked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threads, "cpu_times", _stat(busy_per_tick=1, total_per_tick=100))
    assert threads.threads_now() == 2
    monkeypatch.setattr(threads, "cpu_times", _stat(busy_per_tick=90, total_per_tick=100))
    assert threads.threads_now() == 2
    monkeypatch.setattr(threads, "THREADS_RECHECK_S", 0.0)
    assert threads.threads_now() == 1


def test_real_proc_stat_is_read_where_present() -> None:
    try:
        busy, total = threads.cpu_times()
    except OSError:
        pytest.skip("no /proc/stat on this system")
    assert 0 <= busy <= total
