"""Fixture reports for the resolver's tests: a text and mentions found by searching it, built
the way the analyze stage gives them (a span, a type, a role when one is attached)."""

from __future__ import annotations

import re

from newsprism.resolve.identities import Resolution, resolve
from newsprism.types import Mention


class Report:
    """A fixture report: its text and mentions found by searching the text."""

    def __init__(self, rid: str, text: str) -> None:
        self.rid = rid
        self.text = text
        self.mentions: list[Mention] = []

    def m(self, surface: str, type_: str = "PERSON", role: str | None = None) -> Report:
        """Add the next whole-word occurrence of ``surface`` outside the mentions so far."""
        taken = [(m.start, m.end) for m in self.mentions]
        for found in re.finditer(rf"\b{re.escape(surface)}(?!\w)", self.text):
            start = found.start()
            if not any(s <= start < e for s, e in taken):
                break
        else:
            raise AssertionError(f"{surface!r} not found in {self.rid}")
        self.mentions.append(Mention(self.rid, start, start + len(surface), surface, type_,
                                     role=role))
        self.mentions.sort(key=lambda x: x.start)
        return self

    def index(self, surface: str, nth: int = 0) -> int:
        starts = [m.start for m in self.mentions if m.text == surface]
        return next(i for i, m in enumerate(self.mentions) if m.start == starts[nth])


def run(reports: list[Report], stories: dict[str, str] | None = None, **kw: object
        ) -> Resolution:
    by = {r.rid: r.mentions for r in reports}
    story_of = stories if stories is not None else {r.rid: "s1" for r in reports}
    return resolve(by, story_of, texts={r.rid: r.text for r in reports}, **kw)  # type: ignore[arg-type]
