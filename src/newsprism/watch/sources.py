"""The sources file of ``newsprism watch``: which feeds and pages to poll, as TOML.

```toml
interval = "10m"                  # optional default for every source

[[source]]
url = "https://example.org/world/rss.xml"
outlet = "Example Herald"         # items from this feed are stored under this outlet name
interval = "30m"                  # optional: this source's own interval
country = "GB"                    # optional outlet metadata, shown in story dossiers
language = "en"
owner = "Example Media Group"
homepage = "https://example.org"
meta = { kind = "daily newspaper" }
```

Every problem (bad TOML, unknown key, missing or non-http URL, bad interval, the same URL
twice, one outlet given two different countries) is a ConfigError naming the file and the
source.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.errors import ConfigError

# Polling one feed more often than this is impolite to its host and pointless for news, whose
# feeds change every few minutes at most; the CLI and sources files refuse shorter intervals.
MIN_INTERVAL_S = 60.0
DEFAULT_INTERVAL_S = 600.0

OUTLET_FIELDS = ("country", "language", "owner", "homepage")
_SOURCE_KEYS = frozenset({"url", "outlet", "interval", "meta", *OUTLET_FIELDS})
_TOP_KEYS = frozenset({"interval", "source"})
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WatchSource:
    """One feed or page to poll. ``interval_s`` None means the watcher's default."""

    url: str
    outlet: str | None = None
    interval_s: float | None = None
    country: str | None = None
    language: str | None = None
    owner: str | None = None
    homepage: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def outlet_info(self) -> dict[str, Any]:
        """The outlet metadata this source gives (fields it leaves out are absent)."""
        info: dict[str, Any] = {k: getattr(self, k) for k in OUTLET_FIELDS
                                if getattr(self, k) is not None}
        if self.meta:
            info["meta"] = dict(self.meta)
        return info


def parse_interval(value: object, where: str) -> float:
    """Seconds from a number of seconds or a duration like "90s", "10m", "2h", "1d"."""
    seconds: float | None = None
    if isinstance(value, bool):
        seconds = None
    elif isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds is None:
        raise ConfigError(f"{where}: interval {value!r} is not a duration; write seconds "
                          "(600) or a number with s, m, h or d (\"10m\")")
    if seconds < MIN_INTERVAL_S:
        raise ConfigError(f"{where}: interval {value!r} is shorter than the "
                          f"{MIN_INTERVAL_S:.0f}-second minimum; poll less often")
    return seconds


def check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: needs a url = \"https://...\" string")
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise ConfigError(f"{where}: malformed url {url!r} ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: url {url!r} is not an http(s) URL with a host")
    return url


def sources_from_urls(urls: Iterable[str]) -> list[WatchSource]:
    """Sources given on the command line: URLs only, outlet names read from the feeds."""
    out = [WatchSource(check_url(u, f"source {u!r}")) for u in urls]
    check_unique(out, "the command line")
    return out


def load_sources(path: str | Path) -> list[WatchSource]:
    """Read and check a sources file; see the module docstring for its format."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"sources file {path}: cannot read it ({exc.strerror or exc})"
                          ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"sources file {path}: not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"sources file {path}: not valid TOML ({exc})") from exc
    return parse_sources(data, str(path))


def parse_sources(data: Mapping[str, Any], name: str) -> list[WatchSource]:
    """Check the parsed TOML of a sources file named ``name`` (for messages)."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"sources file {name}: unknown key {unknown[0]!r} at the top; "
                          "expected 'interval' and [[source]] tables")
    default = (parse_interval(data["interval"], f"sources file {name}")
               if "interval" in data else None)
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"sources file {name}: lists no sources; add [[source]] tables "
                          "with a url each")
    sources = [_source(entry, f"sources file {name}, source {i}", default)
               for i, entry in enumerate(entries, start=1)]
    check_unique(sources, f"sources file {name}")
    outlet_metadata(sources, f"sources file {name}")
    return sources


def _source(entry: object, where: str, default: float | None) -> WatchSource:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a [[source]] table")
    unknown = sorted(set(entry) - _SOURCE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; known keys are "
                          f"{', '.join(sorted(_SOURCE_KEYS))}")
    url = check_url(entry.get("url"), where)
    where = f"{where} ({url})"
    texts: dict[str, str | None] = {}
    for key in ("outlet", *OUTLET_FIELDS):
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"{where}: {key} must be a non-empty string")
        texts[key] = value.strip() if isinstance(value, str) else None
    meta = entry.get("meta", {})
    if not isinstance(meta, dict):
        raise ConfigError(f"{where}: meta must be a table (meta = {{ key = \"value\" }})")
    if (any(texts[k] for k in OUTLET_FIELDS) or meta) and not texts["outlet"]:
        raise ConfigError(f"{where}: outlet metadata needs an outlet name (outlet = ...)")
    interval = parse_interval(entry["interval"], where) if "interval" in entry else default
    return WatchSource(url=url, outlet=texts["outlet"], interval_s=interval,
                       country=texts["country"], language=texts["language"],
                       owner=texts["owner"], homepage=texts["homepage"], meta=meta)


def check_unique(sources: Sequence[WatchSource], where: str) -> None:
    """Refuse a URL listed twice."""
    seen: set[str] = set()
    for s in sources:
        if s.url in seen:
            raise ConfigError(f"{where}: {s.url} is listed twice")
        seen.add(s.url)


def outlet_metadata(sources: Sequence[WatchSource], where: str = "sources"
                    ) -> dict[str, dict[str, Any]]:
    """Outlet name -> the metadata its sources give, merged; conflicting values are an error
    (two feeds of one outlet may each give part of it)."""
    merged: dict[str, dict[str, Any]] = {}
    for s in sources:
        if not s.outlet:
            continue
        info = merged.setdefault(s.outlet, {})
        for key, value in s.outlet_info().items():
            if key in info and info[key] != value:
                raise ConfigError(f"{where}: outlet {s.outlet!r} has {key} {info[key]!r} and "
                                  f"{value!r}; give one value")
            info[key] = value
    return {name: info for name, info in merged.items() if info}
