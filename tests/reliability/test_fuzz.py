"""Property-based fuzzing of the parsers the ingest tests do not reach: alias files, API bodies,
saved stage state. Default runs are short; ``make test-slow`` runs many more examples."""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.cluster.stage import _load
from newsprism.errors import ConfigError
from newsprism.resolve.aliases import parse_aliases
from newsprism.serve.app import create_app
from newsprism.store import Store

# Examples per property: a quick pass in `make test`, a long one in `make test-slow`.
QUICK = int(os.environ.get("NEWSPRISM_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=QUICK, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

TOML_BITS = ["[[same]]", "[[different]]", "names = [", "]", '"Ilse Varga"', '"I. Varga"', ",",
             "type = ", '"PERSON"', "\n", "=", "[", '"', "#", "names = 3", "[same]", "\\u0000"]
toml_like = st.lists(st.sampled_from(TOML_BITS), max_size=40).map("".join)


@FUZZ
@given(st.one_of(toml_like, st.text(max_size=400)))
def test_alias_files_parse_or_raise_config_error(text: str) -> None:
    try:
        parse_aliases(text, "fuzz.toml")
    except ConfigError as exc:
        assert "fuzz.toml" in str(exc)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    Store(db).close()
    app = create_app(db, token="fuzz-token-0123456789abcdef")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
bodies = st.one_of(
    st.dictionaries(st.sampled_from(["text", "html", "url", "outlet", "title", "x"]),
                    json_values, max_size=4).map(json.dumps),
    st.text(max_size=200),
)


@FUZZ
@given(bodies)
def test_api_ingest_bodies_never_crash_the_server(api: TestClient, body: str) -> None:
    response = api.post("/api/v1/ingest", content=body.encode("utf-8", "surrogatepass"),
                        headers={"Authorization": "Bearer fuzz-token-0123456789abcdef",
                                 "Content-Type": "application/json"})
    assert response.status_code < 500, response.text
    assert "error" in response.json() or response.status_code < 300


@FUZZ
@given(st.binary(max_size=300))
def test_corrupt_cluster_state_is_rebuilt_not_fatal(tmp_path_factory: pytest.TempPathFactory,
                                                     blob: bytes) -> None:
    db = tmp_path_factory.mktemp("state") / "s.db"
    with Store(db) as store:
        for data in (blob, zlib.compress(blob), zlib.compress(b'{"version": 1}')):
            store.set_state("cluster", data)
            assert len(_load(store)) == 0


def test_streamed_gigantic_line_is_refused_with_bounded_reading(tmp_path: Path) -> None:
    from newsprism.config import Settings
    from newsprism.errors import InputTooLarge
    from newsprism.ingest.blob import read_stream

    class Endless:
        """1 GB of one line, produced on demand: reading it all would take 1 GB of memory."""

        def __init__(self) -> None:
            self.served = 0

        def read(self, n: int = -1) -> bytes:
            left = (1 << 30) - self.served
            size = left if n is None or n < 0 else min(n, left)
            self.served += size
            return b"a" * size

    stream = Endless()
    limits = Settings(max_input_bytes=8 << 20)
    with pytest.raises(InputTooLarge):
        list(read_stream(stream, "-", limits, lambda url, src: None))  # type: ignore[arg-type]
    assert stream.served <= limits.max_input_bytes + 1
