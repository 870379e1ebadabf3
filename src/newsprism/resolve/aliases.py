"""The user's alias file: merges the resolver must make ("same") or must not make
("different"), applied whenever entities are resolved again. Format: docs/aliases.md.

    [[same]]
    names = ["Tomas Alcazar", "Alkasa"]   # every listed spelling is one entity
    type = "PERSON"                       # optional: only entities of this type
    canonical = "Tomas Alcazar"           # optional: the name to show

    [[different]]
    names = ["Lin", "Lin Haoran"]         # no two of these are ever one entity

Names are compared as name keys (case, accents, punctuation, a leading "the" and a possessive
ending do not matter).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError
from newsprism.resolve.names import name_key

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_SECTIONS = ("same", "different")
_FIELDS = frozenset({"names", "type", "canonical"})


@dataclass(frozen=True, slots=True)
class AliasGroup:
    names: tuple[str, ...]  # as written
    keys: frozenset[str]  # name keys
    type: str | None = None
    canonical: str | None = None
    line: int = 0

    def applies_to(self, entity_type: str) -> bool:
        return self.type is None or self.type == entity_type


@dataclass(frozen=True, slots=True)
class AliasRules:
    same: tuple[AliasGroup, ...] = ()
    different: tuple[AliasGroup, ...] = ()
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.same or self.different)


def load_aliases(path: str | Path) -> AliasRules:
    """Read and check an alias file. Raises ConfigError naming the file, the line and what is
    wrong there."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"alias file {path}: cannot be read ({exc})") from exc
    return parse_aliases(text, str(path))


def parse_aliases(text: str, source: str = "<aliases>") -> AliasRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"alias file {source}: not valid TOML: {exc}") from exc
    for key in data:
        if key not in _SECTIONS:
            line = _line_of(text, rf"^\s*\[*\s*{re.escape(key)}\b|^\s*{re.escape(key)}\s*=")
            raise ConfigError(f"alias file {source} line {line}: unknown section {key!r}; use "
                              "[[same]] or [[different]] tables")
    groups: dict[str, list[AliasGroup]] = {name: [] for name in _SECTIONS}
    for section in _SECTIONS:
        entries = data.get(section, [])
        if not isinstance(entries, list):
            line = _line_of(text, rf"^\s*\[?\s*{section}\b|^\s*{section}\s*=")
            raise ConfigError(f"alias file {source} line {line}: {section!r} must be an array "
                              f"of tables, written [[{section}]]")
        for n, entry in enumerate(entries):
            line = _nth_header_line(text, section, n)
            groups[section].append(_group(entry, section, source, line))
    return AliasRules(tuple(groups["same"]), tuple(groups["different"]), source)


def _group(entry: object, section: str, source: str, line: int) -> AliasGroup:
    where = f"alias file {source} line {line} ([[{section}]])"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table with names = [...]")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise ConfigError(f"{where}: unknown field {unknown[0]!r}; allowed: names, type, "
                          "canonical")
    names = entry.get("names")
    if (not isinstance(names, list) or len(names) < 2
            or not all(isinstance(n, str) and n.strip() for n in names)):
        raise ConfigError(f"{where}: 'names' must list at least two non-empty names")
    keys = frozenset(name_key(n) for n in names)
    if "" in keys:
        raise ConfigError(f"{where}: a name in 'names' has no letters once cleaned")
    if len(keys) < 2 and section == "different":
        raise ConfigError(f"{where}: the names are all the same name; 'different' needs two "
                          "distinct names")
    etype = entry.get("type")
    if etype is not None and etype not in ENTITY_TYPES:
        raise ConfigError(f"{where}: type {etype!r} is not one of "
                          f"{', '.join(sorted(ENTITY_TYPES))}")
    canonical = entry.get("canonical")
    if canonical is not None and (not isinstance(canonical, str)
                                  or name_key(canonical) not in keys):
        raise ConfigError(f"{where}: 'canonical' must be one of the listed names")
    return AliasGroup(tuple(n.strip() for n in names), keys, etype, canonical, line)


def _line_of(text: str, pattern: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


def _nth_header_line(text: str, section: str, n: int) -> int:
    """Line of the ``n``-th ``[[section]]`` header (1-based), for error messages."""
    seen = -1
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*\[\[\s*{section}\s*\]\]", line):
            seen += 1
            if seen == n:
                return number
    return 1
