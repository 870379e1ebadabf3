"""Bounded gzip decompression: a truncated stream or a bomb is an error, never a crash."""

from __future__ import annotations

import zlib

from newsprism.errors import InputTooLarge, MalformedInput, UnsafeInput

# Compression ratio above which an over-cap stream is called a bomb rather than just large:
# text compresses 3-10x, so a ratio over 100 is manufactured.
BOMB_RATIO = 100
_CHUNK = 1 << 16


def gunzip(data: bytes, source: str, cap: int) -> bytes:
    """Decompress all gzip members of `data`, refusing more than `cap` output bytes."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = 0
        try:
            while not inflater.eof and pos < len(rest):
                out += inflater.decompress(rest[pos:pos + _CHUNK], cap + 1 - len(out))
                pos += _CHUNK
                while inflater.unconsumed_tail and len(out) <= cap:
                    out += inflater.decompress(inflater.unconsumed_tail, cap + 1 - len(out))
                if len(out) > cap:
                    _too_big(source, cap, len(data))
        except zlib.error as exc:
            raise MalformedInput(source, f"corrupt gzip data ({exc})") from exc
        if not inflater.eof:
            raise MalformedInput(source, "truncated gzip stream (the file ends mid-stream)")
        rest = (inflater.unused_data + rest[pos:]).lstrip(b"\x00")
    return bytes(out)


def _too_big(source: str, cap: int, compressed: int) -> None:
    if cap > BOMB_RATIO * compressed:
        raise UnsafeInput(source, f"gzip bomb: {compressed} compressed bytes expand past "
                                  f"{cap} bytes; refused")
    raise InputTooLarge(source, f"decompressed size is over the {cap}-byte limit")
