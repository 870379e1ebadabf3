"""Bytes to text: refuse what is not text, then decode with the most trustworthy charset.

Order of trust: a byte-order mark, the charset the container declared (HTTP header, WARC
record, ``<meta charset>``, XML declaration), strict UTF-8, then a statistical guess
(charset-normalizer) with cp1252 as the last resort. A decode that yields mojibake-heavy text
is refused rather than passed on as garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from newsprism.config import Settings
from newsprism.errors import BinaryInput, EmptyInput, EncodingError, InputTooLarge, UnsafeInput

# How many leading bytes are inspected to decide text vs binary; 8 KiB is what `file` and git
# use for the same decision.
SNIFF_BYTES = 8192
# Share of control characters (other than tab, CR, LF, FF) above which bytes are binary.
# Real text in any encoding has almost none; 5% leaves room for stray form feeds and ESCs.
MAX_CONTROL_RATIO = 0.05
# Mess ratio (charset-normalizer's measure of implausible character sequences) above which a
# decoded text is refused as mojibake. Clean news text in the test fixtures scores < 0.05,
# random high bytes decoded as cp1252 score > 0.3.
MAX_MESS_RATIO = 0.2
# Characters of the decoded text measured for mess (the measure is linear; a sample suffices).
MESS_SAMPLE_CHARS = 20_000
# Share of UTF-8-read-as-cp1252 sequences ("Ã©", "â€™") per non-ASCII character above which the
# text is double-encoded and gets repaired or refused.
MAX_MOJIBAKE_SHARE = 0.3

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"RIFF", "a RIFF media file"),
)
_MOJIBAKE = re.compile("[ÃÂâÅÆÐÑØ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                       "\u2039\u203a\u20ac\u2122]")
_CTRL_OK = frozenset(b"\t\n\r\x0c")


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def check_bytes(data: bytes, source: str, settings: Settings) -> None:
    """Refuse empty, oversized and binary input before any decoding."""
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(source, f"{len(data)} bytes is over the {settings.max_input_bytes}"
                                    "-byte limit (settings.max_input_bytes)")
    if not data.strip():
        raise EmptyInput(source, "the input is empty (nothing but whitespace)")
    if bom_encoding(data):
        return  # UTF-16/32 text legitimately contains NUL bytes
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(source, f"this looks like {what}, not text or HTML")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise BinaryInput(source, "NUL bytes found: this is binary data, not text or HTML")
    controls = sum(1 for b in head if b < 32 and b not in _CTRL_OK)
    if controls > MAX_CONTROL_RATIO * len(head):
        raise BinaryInput(source, f"{controls} control bytes in the first {len(head)}: "
                                  "this is binary data, not text or HTML")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> str | None:
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None
    return _try(data, best.encoding)


def _mojibake_share(text: str) -> float:
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if non_ascii == 0:
        return 0.0
    return 2 * len(_MOJIBAKE.findall(text)) / non_ascii


def _repair_double_encoding(text: str) -> str | None:
    """UTF-8 that was once decoded as cp1252 and re-encoded: undo it when that is lossless."""
    for wrong in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _mojibake_share(fixed) < MAX_MOJIBAKE_SHARE:
            return fixed
    return None


def _check_plausible(text: str, source: str, encoding: str) -> str:
    if _mojibake_share(text) > MAX_MOJIBAKE_SHARE:
        fixed = _repair_double_encoding(text)
        if fixed is None:
            raise EncodingError(source, f"decoded as {encoding} the text is mostly mojibake "
                                        "(double-encoded or wrong charset); re-save it as UTF-8")
        text = fixed
    sample = text[:MESS_SAMPLE_CHARS]
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Co", "Cn", "Cs") or c == "\ufffd")
    if bad > 0.01 * max(1, len(sample)) or mess_ratio(sample, MAX_MESS_RATIO) >= MAX_MESS_RATIO:
        raise EncodingError(source, f"decoded as {encoding} the text is garbage (implausible "
                                    "characters); give the right charset or re-save it as UTF-8")
    return text


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes to str, trying BOM, the declared charset, UTF-8, then a guess."""
    bom = bom_encoding(data)
    candidates: list[str] = [bom] if bom else []
    if declared:
        candidates.append(declared.strip().strip("\"'").lower())
    candidates.append("utf-8")
    for encoding in candidates:
        text = _try(data, encoding)
        if text is not None:
            return _check_plausible(text, source, encoding)
    text = _guess(data)
    if text is not None:
        return _check_plausible(text, source, "a guessed charset")
    return _check_plausible(data.decode("cp1252", errors="replace"), source, "cp1252")


def check_lines(text: str, source: str, settings: Settings) -> None:
    """Refuse a text with a line longer than settings.max_line_chars."""
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > settings.max_line_chars:
        raise UnsafeInput(source, f"a single line of {longest} characters is over the "
                                  f"{settings.max_line_chars}-character limit "
                                  "(settings.max_line_chars); not an article")


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page or XML document declares in its first bytes, if any."""
    head = data[:SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name
