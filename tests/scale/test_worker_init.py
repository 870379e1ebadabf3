"""Local workers of a pipeline that never calls torch do not import it (worker_init.py)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.config import DEFAULT_MODEL
from newsprism.scale import engine_for
from newsprism.scale.worker_init import needs_torch, pipeline_config

TEXT = "Ferries returned to Lake Orvel on Monday, the port authority of Velmar said."


def test_installed_cnn_pipeline_needs_no_torch() -> None:
    config = pipeline_config(DEFAULT_MODEL)
    assert config is not None and config.name == "config.cfg"
    assert not needs_torch(DEFAULT_MODEL)


@pytest.mark.parametrize(("config", "expected"), [
    ('[components.tok2vec.model]\n@architectures = "spacy.Tok2Vec.v2"\n', False),
    ('[components.transformer.model]\n@architectures = "spacy-transformers.TransformerModel.v3"\n',
     True),
    ('[model]\n@layers = "PyTorchWrapper.v1"\n', True),
    (None, True),  # no config: unknown, so torch stays
])
def test_pipeline_directory(tmp_path: Path, config: str | None, expected: bool) -> None:
    if config is not None:
        (tmp_path / "config.cfg").write_text(config, encoding="utf-8")
    assert needs_torch(str(tmp_path)) is expected


def test_unknown_model_keeps_torch() -> None:
    assert needs_torch("no_such_pipeline_package")
    assert needs_torch("not a package name")


def test_parse_is_the_same_without_torch() -> None:
    """A worker set up for the default pipeline parses exactly as a process with torch."""
    script = (
        "import json, sys\n"
        "from newsprism.scale.worker_init import init_worker\n"
        f"init_worker({DEFAULT_MODEL!r})\n"
        "import spacy, thinc.compat\n"
        f"doc = spacy.load({DEFAULT_MODEL!r})({TEXT!r})\n"
        "print(json.dumps({'torch': thinc.compat.has_torch,"
        " 'parse': [[t.tag_, t.dep_, t.head.i, t.ent_type_] for t in doc]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         text=True).stdout
    got = json.loads(out.strip().splitlines()[-1])
    assert got["torch"] is False
    import spacy

    doc = spacy.load(DEFAULT_MODEL)(TEXT)
    assert got["parse"] == [[t.tag_, t.dep_, t.head.i, t.ent_type_] for t in doc]


def test_local_pool_workers_do_not_import_torch() -> None:
    engine = engine_for("local", 2, model=DEFAULT_MODEL)
    try:
        with pytest.raises(ImportError):
            list(engine.map_batches(exec, ["import torch"]))
    finally:
        engine.close()


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_workers_without_a_model_keep_torch() -> None:
    engine = engine_for("local", 2)
    try:
        assert list(engine.map_batches(exec, ["import torch"])) == [None]
    finally:
        engine.close()
