"""Two ingests at once on one store, and readers during a write: WAL and locking."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from newsprism.store import Store

NEWSPRISM = [sys.executable, "-c", "from newsprism.serve.cli import run; run()"]


def test_two_ingests_at_once_store_every_report_once(
        tmp_path: Path, make_corpus: Callable[[Path, int], list[Path]]) -> None:
    paths = make_corpus(tmp_path / "all", 600)
    for name, chosen in (("a", paths[:400]), ("b", paths[200:])):
        folder = tmp_path / name
        folder.mkdir()
        for p in chosen:
            (folder / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "shared.db"
    Store(db).close()  # both processes find an existing store and only queue on its lock
    procs = [subprocess.Popen([*NEWSPRISM, "ingest", str(tmp_path / name), "--db", str(db),
                               "-q", "--no-analyze"], stderr=subprocess.PIPE)
             for name in ("a", "b")]
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM reports").fetchone() == (600,
                                                                                          600)
    conn.close()


def test_readers_are_not_blocked_by_a_writer(
        tmp_path: Path, make_corpus: Callable[[Path, int], list[Path]]) -> None:
    make_corpus(tmp_path / "in", 800)
    db = tmp_path / "read.db"
    Store(db).close()
    writer = subprocess.Popen([*NEWSPRISM, "ingest", str(tmp_path / "in"), "--db", str(db),
                               "-q", "--no-analyze"])
    seen: list[int] = []
    failures: list[BaseException] = []

    def read_until_done() -> None:
        try:
            with Store(db, readonly=True) as store:
                while writer.poll() is None:
                    seen.append(store.count_reports())
                    store.reports(limit=20)
        except BaseException as exc:  # any error in the reader fails the test below
            failures.append(exc)

    reader = threading.Thread(target=read_until_done)
    reader.start()
    writer.wait(timeout=300)
    reader.join(timeout=60)
    assert writer.returncode == 0
    assert not failures, failures
    assert seen and seen == sorted(seen)  # readers see whole batches appear, never go back
    with Store(db, readonly=True) as store:
        assert store.count_reports() == 800
