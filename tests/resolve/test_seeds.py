"""The seed reports (read from ../shared at run time) through the analyze stage and resolve:
one person whatever the spelling, four people kept apart.

The analyze stage's own extractors give mentions, quotes and events. Until the story stage
can be called here, reports are grouped into stories by the people they both name in full
(two reports naming one full name are one story), which is what the clusterer sees too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from newsprism.resolve.identities import Resolution, resolve
from newsprism.resolve.names import name_key
from newsprism.types import Event, Mention, Quote


def _analyze(paths: Sequence[Path]) -> tuple[dict[str, list[Mention]], list[Quote],
                                             list[Event], dict[str, str]]:
    from newsprism.analyze.entities import extract_mentions
    from newsprism.analyze.events import extract_events
    from newsprism.analyze.nlp import load_pipeline
    from newsprism.analyze.numbers import extract_numbers
    from newsprism.analyze.quotes import extract_quotes
    from newsprism.analyze.times import extract_times

    nlp = load_pipeline()
    mentions: dict[str, list[Mention]] = {}
    quotes: list[Quote] = []
    events: list[Event] = []
    texts: dict[str, str] = {}
    for path in paths:
        rid, text = path.stem, path.read_text(encoding="utf-8")
        doc = nlp(text)
        found = extract_mentions(doc, rid)
        mentions[rid], texts[rid] = found, text
        quotes += extract_quotes(doc, rid, found)
        events += extract_events(doc, rid, found, extract_times(doc, rid, None),
                                 extract_numbers(doc, rid))
    return mentions, quotes, events, texts


def _stories(mentions: dict[str, list[Mention]]) -> dict[str, str]:
    names = {rid: {name_key(m.text) for m in ms if m.type == "PERSON" and " " in m.text}
             for rid, ms in mentions.items()}
    story = {rid: rid for rid in mentions}

    def root(r: str) -> str:
        while story[r] != r:
            r = story[r]
        return r

    rids = sorted(mentions)
    for i, a in enumerate(rids):
        for b in rids[i + 1:]:
            if names[a] & names[b]:
                story[root(b)] = root(a)
    return {rid: root(rid) for rid in rids}


@pytest.fixture(scope="module")
def resolved(seeds_dir: Path) -> tuple[Resolution, dict[str, list[Mention]]]:
    paths = sorted(seeds_dir.glob("*.txt"))
    if len(paths) < 5:
        pytest.skip(f"expected the five seed reports in {seeds_dir}")
    mentions, quotes, events, texts = _analyze(paths)
    return resolve(mentions, _stories(mentions), quotes=quotes, events=events,
                   texts=texts), mentions


def _entities_named(resolved: tuple[Resolution, dict[str, list[Mention]]], word: str
                    ) -> set[str]:
    res, mentions = resolved
    return {res.mention_entity[(rid, i)] for rid, ms in mentions.items()
            for i, m in enumerate(ms) if word in name_key(m.text).split()}


def test_one_president_whatever_the_spelling(resolved: tuple[Resolution, dict[str, list[
        Mention]]]) -> None:
    ids = set()
    for word in ("raisi", "rahi", "leahy"):
        found = _entities_named(resolved, word)
        assert found, f"no mention of {word!r}"
        ids |= found
    assert len(ids) == 1


def test_one_defense_minister_and_the_short_form(resolved: tuple[Resolution, dict[str, list[
        Mention]]]) -> None:
    assert len(_entities_named(resolved, "ashtiani") | _entities_named(resolved,
                                                                       "ashtinai")) == 1
    wei = _entities_named(resolved, "wei")
    assert len(wei) == 1
    res = resolved[0]
    assert next(e.name for e in res.entities if e.id in wei) == "Wei Fenghe"


def test_four_people_stay_four(resolved: tuple[Resolution, dict[str, list[Mention]]]) -> None:
    people = [_entities_named(resolved, w) for w in ("fenghe", "ashtiani", "bagheri", "raisi")]
    assert all(len(p) == 1 for p in people)
    assert len(set().union(*people)) == 4
