"""The Dask engine gives the same store as the local engine, and survives a dead worker."""

from __future__ import annotations

import json
import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.demo import corpus_files
from newsprism.exports import build_export
from newsprism.pipeline import ingest
from newsprism.scale.dask import DaskEngine
from newsprism.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def demo_export(db: Path, engine: object | None, settings: Settings) -> dict[str, object]:
    with Store(db) as store:
        summary = ingest([str(p) for p in corpus_files()], store, settings,
                         engine=engine)  # type: ignore[arg-type]
        assert summary.failed == 0, summary.errors
        return build_export(store)


def canonical(data: dict[str, object]) -> str:
    return json.dumps(data, sort_keys=True, default=str)


def test_dask_engine_matches_local_engine_and_survives_a_killed_worker(tmp_path: Path) -> None:
    settings = replace(Settings(), batch_size=2)
    local = demo_export(tmp_path / "local.db", None, settings)

    engine = DaskEngine(workers=2)
    killed: list[int] = []
    try:
        pids = sorted(engine.client.run(os.getpid).values())
        assert len(pids) == 2

        def kill_one_worker(_: int) -> None:
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        with Store(tmp_path / "dask.db") as store:
            summary = ingest([str(p) for p in corpus_files()], store, settings, engine=engine,
                             progress=kill_one_worker)
            assert summary.failed == 0, summary.errors
            distributed = build_export(store)
            ids = [r[0] for r in store.conn.execute("SELECT id FROM reports")]
    finally:
        engine.close()
    assert killed, "no worker was killed: the run finished before the first batch"
    assert len(ids) == len(set(ids)) == len(local["reports"])  # type: ignore[arg-type]
    assert canonical(distributed) == canonical(local)
