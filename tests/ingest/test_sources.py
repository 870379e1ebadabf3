"""Files, directories, globs, stdin and content sniffing."""

from __future__ import annotations

import io
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest import count_hint
from newsprism.ingest.detect import sniff
from newsprism.types import RawDocument

from .helpers import ARTICLE, html_page, read_all


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "two.txt").write_text(ARTICLE)
    (root / "a.txt").write_text(ARTICLE)
    (root / ".hidden.txt").write_text(ARTICLE)
    (root / ".cache").mkdir()
    (root / ".cache" / "three.txt").write_text(ARTICLE)
    (root / "page.bin").write_bytes(html_page())


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = read_all([str(tmp_path)])
    assert [i.source for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "page.bin"),
                                         str(tmp_path / "b" / "two.txt")]
    kinds = {Path(i.source).name: i.kind for i in items if isinstance(i, RawDocument)}
    assert kinds == {"a.txt": "text", "page.bin": "html", "two.txt": "text"}
    assert count_hint([str(tmp_path)]) == 3


def test_glob_and_missing_path(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = read_all([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")])
    assert items[0].source == str(tmp_path / "a.txt")
    assert isinstance(items[1], InputError) and "nope.txt" in str(items[1])


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    path = str(tmp_path / "a.txt")
    assert len(read_all([path, path])) == 1


def test_stdin() -> None:
    items = read_all(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert len(items) == 1 and items[0].source == "-"
    assert isinstance(items[0], RawDocument) and items[0].kind == "text"


def test_sniffing_ignores_names() -> None:
    assert sniff(html_page()) == "html"
    rss = b"\xef\xbb\xbf<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>"
    assert sniff(rss) == "feed"
    assert sniff(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert sniff(b'{"text": "x"}\n{"text": "y"}') == "jsonl"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(ARTICLE.encode()) == "text"
    assert sniff(b"{Editor's note} The ferry opened.\nMore follows.") == "text"
    assert sniff(b"<p>A</p><p>B</p><div>C</div>") == "html"
