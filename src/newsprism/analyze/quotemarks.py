"""Pair quotation marks in a text: the direct-quote spans, without any parse.

Handles curly “ ” quotes, straight " quotes, doubled '' and `` (ASCII wire style), « » and
„ “.
Single apostrophes (’ ') are never quote marks: they are far more often possessives and
contractions than nested quotes, and nested quotes lie inside an outer quote anyway.

Paragraphs (lines) matter: a quote may run on into the next paragraph, and the journalistic
convention for a quote of several paragraphs re-opens the quote at the start of each paragraph
without closing the previous one. A closing mark whose opening mark was lost (extraction often
drops it) yields a quote from the start of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsprism.analyze.paragraphs import paragraph_bounds

MarkKind = Literal["open", "close", "either"]

# Mark text -> what it can do. "either" marks are decided by their neighbours and the state.
_MARKS: dict[str, MarkKind] = {
    "“": "open",
    "„": "open",
    "«": "open",
    "``": "open",
    "”": "close",
    "»": "close",
    '"': "either",
    "''": "either",
    "＂": "either",
}
_MARK_RE = re.compile(r"``|''|[“„«”»\"＂]")
# Characters after which an "either" mark opens a quote.
_OPENING_CONTEXT = frozenset("([{—–-/:")
# Characters that may follow a closing mark.
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-…")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A direct quote: ``start``/``end`` bound the content inside the marks; ``open_at`` is the
    opening mark's offset (-1 when it was lost) and ``close_at`` the closing mark's offset (-1
    when the quote ran to the end of its paragraph without one)."""

    start: int
    end: int
    open_at: int
    close_at: int


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    length: int
    kind: MarkKind
    para: int  # paragraph index


def _scan(text: str, bounds: list[tuple[int, int]]) -> list[_Mark]:
    marks = []
    para = 0
    for match in _MARK_RE.finditer(text):
        at = match.start()
        while bounds[para][1] < at:
            para += 1
        marks.append(_Mark(at, match.end() - at, _MARKS[match.group()], para))
    return marks


def _looks_opening(text: str, mark: _Mark) -> bool:
    before = text[mark.at - 1] if mark.at > 0 else "\n"
    after = text[mark.at + mark.length] if mark.at + mark.length < len(text) else "\n"
    return (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace()


def _looks_closing(text: str, mark: _Mark) -> bool:
    before = text[mark.at - 1] if mark.at > 0 else "\n"
    end = mark.at + mark.length
    after = text[end] if end < len(text) else "\n"
    return not before.isspace() and (after.isspace() or after in _CLOSING_CONTEXT)


class _Pairer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = paragraph_bounds(text)
        self.marks = _scan(text, self.bounds)
        self.spans: list[QuoteSpan] = []
        self.open: _Mark | None = None
        self.last_para = -1  # paragraph of the previous mark

    def run(self) -> list[QuoteSpan]:
        for mark in self.marks:
            if self.open is not None and mark.para > self.open.para:
                self._cross_paragraph(mark)
            role = self._role(mark)
            if role == "open":
                if self.open is None:
                    self.open = mark
                # An opening mark inside an open quote is a typo or a re-opening after a
                # quoted quote; the outer quote stays open.
            elif self.open is not None:
                self._emit(self.open.at + self.open.length, mark.at, self.open.at, mark.at)
                self.open = None
            elif self.last_para != mark.para:
                # A closing mark opening its paragraph's marks: the opening mark was lost.
                self._emit(self.bounds[mark.para][0], mark.at, -1, mark.at)
            # else: a stray closing mark after a closed quote; it pairs with nothing.
            self.last_para = mark.para
        if self.open is not None:
            self._close_at_paragraph_end(self.open)
        return self.spans

    def _role(self, mark: _Mark) -> Literal["open", "close"]:
        if mark.kind != "either":
            # „ ... “ (German style): the English opening mark closes it.
            if mark.kind == "open" and self.open is not None and self.text[self.open.at] == "„":
                return "close" if self.text[mark.at] == "“" else "open"
            return mark.kind
        if self.open is None:
            if _looks_closing(self.text, mark) and not _looks_opening(self.text, mark):
                return "close"
            return "open"
        return "close"

    def _cross_paragraph(self, mark: _Mark) -> None:
        """The open quote reached a mark in a later paragraph: does the quote run on?

        It runs on only when the next paragraph with text holds a closing mark before any
        opening one. Otherwise the quote ends with its own paragraph: either the writer
        re-opens it (multi-paragraph convention) or the closing mark was lost.
        """
        assert self.open is not None
        opener = self.open
        closes = mark.kind == "close" or (
            mark.kind == "either"
            and _looks_closing(self.text, mark)
            and not _looks_opening(self.text, mark)
        )
        if closes and mark.para == opener.para + self._gap(opener):
            return
        self._close_at_paragraph_end(opener)
        self.open = None

    def _gap(self, opener: _Mark) -> int:
        """Paragraph distance from the opener to the next paragraph that has text."""
        para = opener.para + 1
        while para < len(self.bounds) and not self.text[slice(*self.bounds[para])].strip():
            para += 1
        return para - opener.para

    def _close_at_paragraph_end(self, opener: _Mark) -> None:
        end = self.bounds[opener.para][1]
        self._emit(opener.at + opener.length, end, opener.at, -1)

    def _emit(self, start: int, end: int, open_at: int, close_at: int) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            self.spans.append(QuoteSpan(start, end, open_at, close_at))


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Direct-quote content spans of ``text`` in order, one linear pass over its marks."""
    if not text:
        return []
    return _Pairer(text).run()
