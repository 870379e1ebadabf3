"""Bounded gzip decompression: a truncated stream or a bomb is an error, never a crash."""

from __future__ import annotations

import zlib

from newsprism.errors import InputTooLarge, MalformedInput, UnsafeInput

# Compression ratio above which an over-cap stream is called a bomb rather than just large:
# text and HTML compress 3-10x, so a ratio over 100 is manufactured.
BOMB_RATIO = 100
# Compressed bytes fed to the inflater at a time; small, so the ratio is known early.
_CHUNK = 4096


def gunzip(data: bytes, source: str, cap: int) -> bytes:
    """Decompress all gzip members of `data`, refusing more than `cap` output bytes."""
    out = bytearray()
    offset = 0  # compressed bytes consumed so far
    while offset < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while not inflater.eof and offset < len(data):
                chunk = data[offset:offset + _CHUNK]
                out += inflater.decompress(chunk, cap + 1 - len(out))
                offset += len(chunk) - len(inflater.unconsumed_tail) - len(inflater.unused_data)
                if len(out) > cap:
                    _too_big(source, cap, offset)
        except zlib.error as exc:
            raise MalformedInput(source, f"corrupt gzip data ({exc})") from exc
        if not inflater.eof:
            raise MalformedInput(source, "truncated gzip stream (the file ends mid-stream)")
        while offset < len(data) and data[offset] == 0:
            offset += 1  # zero padding between or after members
    return bytes(out)


def _too_big(source: str, cap: int, consumed: int) -> None:
    if cap > BOMB_RATIO * max(1, consumed):
        raise UnsafeInput(source, f"gzip bomb: {consumed} compressed bytes expand past "
                                  f"{cap} bytes; refused")
    raise InputTooLarge(source, f"decompressed size is over the {cap}-byte limit")
