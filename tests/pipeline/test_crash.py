"""Kill ingest with SIGKILL midway: the store stays intact and a re-run completes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

NEWSPRISM = [sys.executable, "-c", "from newsprism.serve.cli import run; run()"]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def ingest_cmd(src: Path, db: Path, analyze: bool) -> list[str]:
    cmd = [*NEWSPRISM, "ingest", str(src), "--db", str(db), "-q"]
    return cmd if analyze else [*cmd, "--no-analyze"]


def kill_after(cmd: list[str], db: Path, at_least: int, timeout: float = 120) -> bool:
    """Start ingest, SIGKILL it once the store holds ``at_least`` reports. False if it
    finished before that."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False
            if stored(db) >= at_least:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        raise AssertionError("ingest made no progress before the timeout")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def check_store(db: Path, analyzed: bool) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
        ids = conn.execute("SELECT count(DISTINCT id) FROM reports").fetchone()[0]
        assert ids == n
        if analyzed:
            # Annotations are written with their report: all there or none.
            half = conn.execute("SELECT count(*) FROM reports r LEFT JOIN analyses a "
                                "ON a.report_id = r.id WHERE a.report_id IS NULL").fetchone()[0]
            assert half == 0
        return n
    finally:
        conn.close()


def test_killed_ingest_leaves_store_intact_and_rerun_completes(
        tmp_path: Path, make_corpus: Callable[[Path, int], list[Path]]) -> None:
    n = 1500
    make_corpus(tmp_path / "in", n)
    db = tmp_path / "crash.db"
    cmd = ingest_cmd(tmp_path / "in", db, analyze=False)
    killed = kill_after(cmd, db, at_least=100)
    assert killed, "ingest finished before it could be killed; make the corpus larger"
    partial = check_store(db, analyzed=False)
    assert 100 <= partial < n
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert check_store(db, analyzed=False) == n


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_twenty_kills_over_two_thousand_reports(  # NEWSPRISM_CRASH_KILLS bounds it in CI
        tmp_path: Path, make_corpus: Callable[[Path, int], list[Path]]) -> None:
    n = 2000
    make_corpus(tmp_path / "in", n)
    db = tmp_path / "crash.db"
    cmd = ingest_cmd(tmp_path / "in", db, analyze=True)
    rnd = random.Random(20)
    kills = 0
    wanted = int(os.environ.get("NEWSPRISM_CRASH_KILLS", "20"))
    for _ in range(wanted):
        before = stored(db)
        if before >= n:
            break
        target = before + rnd.randint(1, max(1, (n - before) // 8))
        if kill_after(cmd, db, at_least=target, timeout=300):
            kills += 1
        check_store(db, analyzed=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert check_store(db, analyzed=True) == n
    assert kills >= wanted * 3 // 4, f"only {kills} of {wanted} kills landed midway"
