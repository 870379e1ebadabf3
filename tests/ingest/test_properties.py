"""Property tests: whatever the bytes, readers fail only with InputError subclasses."""

from __future__ import annotations

import contextlib
import gzip
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.config import Settings
from newsprism.errors import InputError
from newsprism.ingest.blob import read_bytes, read_stream
from newsprism.ingest.feeds import read_feed
from newsprism.ingest.jsonl import read_jsonl
from newsprism.ingest.text import decode
from newsprism.normalize import normalize
from newsprism.types import RawDocument

SETTINGS = Settings()
# Prefixes that steer random bytes into each reader's deeper paths.
PREFIXES = [b"", b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content>", b'{"text": "',
            b"<!DOCTYPE html><html><body><p>", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00",
            b"\xff\xfe", b"\xef\xbb\xbf", b"<html><head><meta charset='", b"By "]
inputs = st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=2000))
texty = st.builds(lambda p, t: p + t.encode("utf-8", "surrogatepass"), st.sampled_from(PREFIXES),
                  st.text(max_size=600))
anything = st.one_of(inputs, texty)
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _no_fetch(url: str, source: str) -> RawDocument:
    raise InputError(source, f"not fetched in tests: {url}")


def _drain(iterator: object) -> None:
    for item in iterator:  # type: ignore[attr-defined]
        assert isinstance(item, RawDocument | InputError)


@FAST
@given(anything)
def test_read_bytes_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        _drain(read_bytes(data, "fuzz", SETTINGS, _no_fetch))


@FAST
@given(anything)
def test_read_stream_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        _drain(read_stream(io.BytesIO(data), "fuzz", SETTINGS, _no_fetch))


@FAST
@given(anything)
def test_feed_reader_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        _drain(read_feed(data, "fuzz", SETTINGS, _no_fetch))


@FAST
@given(st.text(max_size=2000))
def test_jsonl_reader_only_input_errors(text: str) -> None:
    _drain(read_jsonl(text, "fuzz"))


@FAST
@given(anything)
def test_decode_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(decode(data, "fuzz"), str)


@FAST
@given(anything, st.sampled_from(["html", "text", None]))
def test_normalize_only_input_errors(data: bytes, kind: str | None) -> None:
    try:
        raw = RawDocument(source="fuzz", data=data, kind=kind)  # type: ignore[arg-type]
        report = normalize(raw, SETTINGS)
    except InputError:
        return
    assert report.text.strip()


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000))
def test_gzipped_noise_only_input_errors(data: bytes) -> None:
    packed = gzip.compress(data)
    for cut in (len(packed), len(packed) // 2):
        with contextlib.suppress(InputError):
            _drain(read_bytes(packed[:cut], "fuzz.gz", SETTINGS, _no_fetch))
