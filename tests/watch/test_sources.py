"""The TOML sources file: what it may say and how each mistake is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import ConfigError
from newsprism.watch import MIN_INTERVAL_S, load_sources, parse_interval, sources_from_urls
from newsprism.watch.sources import outlet_metadata

GOOD = """
interval = "15m"

[[source]]
url = "https://post.brenmoor.example/rss.xml"
outlet = "Brenmoor Evening Post"
country = "BM"
language = "en"
owner = "Quarry Lane Media"
homepage = "https://post.brenmoor.example"
meta = { kind = "evening daily", founded = 1911 }

[[source]]
url = "https://post.brenmoor.example/sport/rss.xml"
outlet = "Brenmoor Evening Post"
interval = 3600

[[source]]
url = "https://wire.example/brenmoor"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file(tmp_path: Path) -> None:
    first, second, third = load_sources(write(tmp_path, GOOD))
    assert first.outlet == "Brenmoor Evening Post" and first.interval_s == 900
    assert first.country == "BM" and first.meta == {"kind": "evening daily", "founded": 1911}
    assert second.interval_s == 3600 and second.country is None
    assert third.outlet is None and third.interval_s == 900
    info = outlet_metadata([first, second, third])
    assert info == {"Brenmoor Evening Post": {
        "country": "BM", "language": "en", "owner": "Quarry Lane Media",
        "homepage": "https://post.brenmoor.example",
        "meta": {"kind": "evening daily", "founded": 1911}}}


@pytest.mark.parametrize(("value", "seconds"), [
    (600, 600.0), (90.5, 90.5), ("90s", 90.0), ("10m", 600.0), ("2h", 7200.0),
    ("1d", 86400.0), (" 5 M ", 300.0), ("120", 120.0)])
def test_intervals(value: object, seconds: float) -> None:
    assert parse_interval(value, "here") == seconds


@pytest.mark.parametrize("value", ["soon", "10 minutes", True, [], "-5m", ""])
def test_bad_intervals(value: object) -> None:
    with pytest.raises(ConfigError, match="here: interval"):
        parse_interval(value, "here")


def test_interval_below_the_minimum() -> None:
    with pytest.raises(ConfigError, match="minimum"):
        parse_interval(MIN_INTERVAL_S - 1, "here")


@pytest.mark.parametrize(("text", "problem"), [
    ("[[source]\nurl = 1", "not valid TOML"),
    ("", "lists no sources"),
    ("interval = 600\n", "lists no sources"),
    ("feeds = []\n", "unknown key 'feeds'"),
    ("[[source]]\noutlet = 'X'\n", "source 1: needs a url"),
    ("[[source]]\nurl = 'ftp://files.example/feed'\n", "not an http"),
    ("[[source]]\nurl = 'https://a.example/f'\nkind = 'rss'\n", "unknown key 'kind'"),
    ("[[source]]\nurl = 'https://a.example/f'\ninterval = '1s'\n", "minimum"),
    ("[[source]]\nurl = 'https://a.example/f'\noutlet = ''\n", "outlet must be"),
    ("[[source]]\nurl = 'https://a.example/f'\ncountry = 'BM'\n", "needs an outlet name"),
    ("[[source]]\nurl = 'https://a.example/f'\noutlet = 'A'\nmeta = 3\n", "meta must be"),
    ("[[source]]\nurl = 'https://a.example/f'\n[[source]]\nurl = 'https://a.example/f'\n",
     "listed twice"),
    ("[[source]]\nurl = 'https://a.example/f'\noutlet = 'A'\ncountry = 'BM'\n"
     "[[source]]\nurl = 'https://a.example/g'\noutlet = 'A'\ncountry = 'XQ'\n",
     "outlet 'A' has country"),
])
def test_mistakes_name_the_file_and_the_problem(tmp_path: Path, text: str,
                                                problem: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_sources(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"# caf\xe9\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_sources(path)


def test_command_line_urls() -> None:
    [source] = sources_from_urls(["https://a.example/feed"])
    assert source.url == "https://a.example/feed" and source.outlet is None
    with pytest.raises(ConfigError, match="listed twice"):
        sources_from_urls(["https://a.example/feed", "https://a.example/feed"])
    with pytest.raises(ConfigError, match="not an http"):
        sources_from_urls(["feed.xml"])
