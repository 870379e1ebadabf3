"""Expand what the user named (files, directories, globs, "-", URLs) into single inputs."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsprism.errors import EmptyInput, InputError

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Input:
    kind: Literal["file", "url", "stdin"]
    source: str  # as the user gave it (a directory's files: the directory joined with them)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk(directory: str) -> Iterator[str]:
    """Files under `directory`, recursively, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield os.path.join(root, name)


def expand(source: str) -> Iterator[Input | InputError]:
    """One user-given source as inputs; a source that names nothing is an InputError."""
    if source == "-":
        yield Input("stdin", source)
    elif is_url(source):
        yield Input("url", source)
    elif os.path.isdir(source):
        yield from (Input("file", path) for path in walk(source))
    elif os.path.exists(source):
        yield Input("file", source)
    elif _GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield EmptyInput(source, "no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from (Input("file", path) for path in walk(match))
            elif not _hidden(Path(match).name):
                yield Input("file", match)
    else:
        yield InputError(source, "no such file, directory or URL (check the path)")


def count(sources: list[str]) -> int:
    return sum(1 for source in sources for item in expand(source) if isinstance(item, Input))
