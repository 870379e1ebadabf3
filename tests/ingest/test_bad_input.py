"""Hostile and broken inputs: each gives ONE InputError subclass naming the input and why.

Every hostile input is generated here; none is stored as a file in the repository.
"""

from __future__ import annotations

import dataclasses
import gzip
import random
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputTooLarge,
    MalformedInput,
    UnsafeInput,
)
from newsprism.types import Report

from .helpers import ARTICLE, html_page, outcome

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
               .encode() for i in range(1, 10))
    + b']>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
)


def _one_error(path: Path, settings: Settings | None = None) -> InputError:
    results = outcome([str(path)], settings)
    assert len(results) == 1, results
    error = results[0]
    assert isinstance(error, InputError), error
    assert str(path) in str(error)
    assert "\n" not in str(error)
    return error


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty(tmp_path: Path) -> None:
    assert isinstance(_one_error(_write(tmp_path, "e.txt", b" \n\t\n")), EmptyInput)


def test_binary_nul_bytes_and_controls(tmp_path: Path) -> None:
    assert isinstance(_one_error(_write(tmp_path, "n.txt", b"abc\x00def" * 50)), BinaryInput)
    noise = bytes(random.Random(1).randrange(1, 32) for _ in range(4000))
    assert isinstance(_one_error(_write(tmp_path, "c.txt", noise)), BinaryInput)
    pdf = _write(tmp_path, "doc.txt", b"%PDF-1.7\n" + b"x" * 100)
    assert "PDF" in str(_one_error(pdf))


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(), max_input_bytes=10_000)
    path = _write(tmp_path, "big.txt", ARTICLE.encode() * 100)
    error = _one_error(path, settings)
    assert isinstance(error, InputTooLarge) and "max_input_bytes" in str(error)


def test_encodings_declared_bom_and_fallback(tmp_path: Path) -> None:
    text = ARTICLE.replace("Quill", "Quíll") + "Café prices rose – again.\n"
    for name, data in {
        "cp1252.txt": text.encode("cp1252"),
        "utf16.txt": text.encode("utf-16"),
        "bom8.txt": b"\xef\xbb\xbf" + text.encode(),
        "latin.html": html_page(body=text).replace(b"utf-8", b"iso-8859-1").decode()
        .encode("latin-1", errors="replace"),
    }.items():
        [report] = outcome([str(_write(tmp_path, name, data))])
        assert isinstance(report, Report), report
        assert "Quíll" in report.text


def test_double_encoded_utf8_is_repaired(tmp_path: Path) -> None:
    text = ("The harbour café in Zürich and the naïve planners of São Paulo both reported "
            "delays to the ferry line this week, officials said on Tuesday.\n") * 3
    double = text.encode("utf-8").decode("cp1252").encode("utf-8")
    [report] = outcome([str(_write(tmp_path, "double.txt", double))])
    assert isinstance(report, Report) and "Zürich" in report.text


def test_garbage_that_decodes_to_mojibake(tmp_path: Path) -> None:
    rng = random.Random(7)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    assert isinstance(_one_error(_write(tmp_path, "g.txt", garbage)), EncodingError)


def test_truncated_gzip(tmp_path: Path) -> None:
    packed = gzip.compress(html_page() * 20)
    error = _one_error(_write(tmp_path, "t.html.gz", packed[: len(packed) // 2]))
    assert isinstance(error, MalformedInput) and "truncated" in str(error)


def test_gzip_bomb(tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(), max_input_bytes=2_000_000)
    bomb = gzip.compress(b"<p>" + b"A" * 50_000_000)
    error = _one_error(_write(tmp_path, "bomb.gz", bomb), settings)
    assert isinstance(error, UnsafeInput) and "bomb" in str(error)


def test_malformed_feed_xml(tmp_path: Path) -> None:
    data = b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</title></chan"
    assert isinstance(_one_error(_write(tmp_path, "f.xml", data)), MalformedInput)


def test_billion_laughs_refused_before_feedparser(tmp_path: Path) -> None:
    error = _one_error(_write(tmp_path, "lol.xml", BILLION_LAUGHS))
    assert isinstance(error, UnsafeInput) and "entit" in str(error)


def test_deeply_nested_html(tmp_path: Path) -> None:
    depth = 5000
    data = b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>"
    assert isinstance(_one_error(_write(tmp_path, "deep.html", data)), UnsafeInput)


def test_single_gigantic_line(tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(), max_line_chars=5000)
    data = ("word " * 3000).encode()
    error = _one_error(_write(tmp_path, "line.txt", data), settings)
    assert isinstance(error, UnsafeInput) and "max_line_chars" in str(error)


def test_html_made_only_of_script(tmp_path: Path) -> None:
    data = b"<html><head><script>" + b"var x = 1;" * 500 + b"</script></head><body></body></html>"
    assert isinstance(_one_error(_write(tmp_path, "s.html", data)), EmptyInput)


def test_html_with_script_keeps_article_only(tmp_path: Path) -> None:
    page = html_page().replace(b"</article>", b"<script>document.write('injected')</script>"
                                              b"</article>")
    [report] = outcome([str(_write(tmp_path, "ok.html", page))])
    assert isinstance(report, Report)
    assert "injected" not in report.text and "document.write" not in report.text


@pytest.mark.parametrize("name", ["a.txt", "b.txt"])
def test_one_bad_input_does_not_stop_the_others(tmp_path: Path, name: str) -> None:
    _write(tmp_path, "a.txt", b"")
    _write(tmp_path, "b.txt", ARTICLE.encode())
    results = outcome([str(tmp_path)])
    assert [type(r).__name__ for r in results] == ["EmptyInput", "Report"]
