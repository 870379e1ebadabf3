"""The resolve stage over a store: entity ids on mentions, quotes and events; incremental
updates keep other stories' ids; the CLI lists and shows entities and applies an alias file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.resolve.stage import resolve_store, update_entities
from newsprism.serve.cli import main
from newsprism.store import Store, StoredItem
from newsprism.types import Analysis, Event, Mention, Quote, Report, Story


def _report(rid: str, text: str, names: list[tuple[str, str, str | None]],
            quote: str | None = None, event: tuple[str, str] | None = None,
            date: str = "2031-05-02") -> StoredItem:
    mentions = []
    for surface, type_, role in names:
        start = text.index(surface)
        mentions.append(Mention(rid, start, start + len(surface), surface, type_, role=role))
    mentions.sort(key=lambda m: m.start)
    quotes = ()
    if quote is not None:
        q0 = text.index('"') + 1
        q1 = text.index('"', q0)
        quotes = (Quote(f"q-{rid}", rid, q0, q1, text[q0:q1], "direct", cue="said",
                        speaker_text=quote),)
    events = ()
    if event is not None:
        events = (Event(rid, 0, len(text), "CONSULT", "met", source_text=event[0],
                        target_text=event[1]),)
    report = Report(id=rid, source=f"{rid}.txt", text=text, published_at=date)
    return StoredItem(report, None, Analysis(rid, mentions=tuple(mentions), quotes=quotes,
                                            events=events))


ITEMS = [
    _report("r1", 'Harbour Minister Lin Haoran met Oskar Brandt in Nairobi. Lin said "the '
                  'ferries will run again next week".',
            [("Lin Haoran", "PERSON", "Harbour Minister"), ("Oskar Brandt", "PERSON", None),
             ("Nairobi", "GPE", None), ("Lin", "PERSON", None)],
            quote="Lin", event=("Lin Haoran", "Oskar Brandt")),
    _report("r2", "Lin Haoran, the harbour minister, visited Mombasa on Tuesday.",
            [("Lin Haoran", "PERSON", None), ("Mombasa", "GPE", None)]),
    _report("r3", "Oskar Brandt opened a bakery in Nairobi.",
            [("Oskar Brandt", "PERSON", None), ("Nairobi", "GPE", None)], date="2031-09-01"),
]


@pytest.fixture
def store(db_path: Path) -> Store:
    s = Store(db_path)
    s.add_reports(ITEMS)
    s.replace_stories([Story("s-ferry", "Ferries", ("r1", "r2")),
                       Story("s-bakery", "Bakery", ("r3",))])
    return s


def _entity_of(store: Store, rid: str, text: str) -> str | None:
    return next(m.entity_id for m in store.mentions([rid]) if m.text == text)


def test_update_fills_mentions_quotes_events(store: Store) -> None:
    update_entities(store, ["r1", "r2", "r3"], Settings())
    lin = _entity_of(store, "r1", "Lin Haoran")
    assert lin is not None
    assert _entity_of(store, "r1", "Lin") == _entity_of(store, "r2", "Lin Haoran") == lin
    brandt = _entity_of(store, "r1", "Oskar Brandt")
    assert _entity_of(store, "r3", "Oskar Brandt") == brandt != lin
    assert _entity_of(store, "r1", "Nairobi") == _entity_of(store, "r3", "Nairobi")
    assert store.quotes(["r1"])[0].speaker_entity_id == lin
    event = store.conn.execute("SELECT source_entity_id, target_entity_id FROM events").fetchone()
    assert tuple(event) == (lin, brandt)
    nairobi = store.entity(_entity_of(store, "r1", "Nairobi") or "")
    assert nairobi.country == "KE" and nairobi.latitude is not None
    assert "Harbour Minister" in store.entity(lin).roles


def test_incremental_update_keeps_ids_and_links_new_reports(store: Store) -> None:
    update_entities(store, ["r1", "r2", "r3"], Settings())
    before = {m.text: m.entity_id for m in store.mentions(["r3"])}
    new = _report("r4", "Minister Lin Haoran left Nairobi on Friday.",
                  [("Lin Haoran", "PERSON", "Minister"), ("Nairobi", "GPE", None)])
    store.add_reports([new])
    store.replace_stories([Story("s-ferry", "Ferries", ("r1", "r2", "r4"))])
    update_entities(store, ["r4"], Settings())
    assert _entity_of(store, "r4", "Lin Haoran") == _entity_of(store, "r1", "Lin Haoran")
    assert {m.text: m.entity_id for m in store.mentions(["r3"])} == before
    ids = {e.id for e in store.entities()}
    assert all(m.entity_id in ids for m in store.mentions())
    # A full re-resolve gives the same ids.
    snapshot = {(m.report_id, m.start): m.entity_id for m in store.mentions()}
    resolve_store(store, Settings())
    assert {(m.report_id, m.start): m.entity_id for m in store.mentions()} == snapshot


def test_reports_without_stories_are_their_own_stories(db_path: Path) -> None:
    with Store(db_path) as s:
        s.add_reports(ITEMS)
        update_entities(s, ["r1", "r2", "r3"], Settings())
        assert _entity_of(s, "r1", "Oskar Brandt") == _entity_of(s, "r3", "Oskar Brandt")


def test_alias_file_applied_and_recorded(store: Store, tmp_path: Path) -> None:
    update_entities(store, ["r1", "r2", "r3"], Settings())
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[[different]]\nnames = ["Lin Haoran", "Lin"]\n')
    resolve_store(store, Settings(), aliases=aliases)
    assert _entity_of(store, "r1", "Lin") != _entity_of(store, "r1", "Lin Haoran")
    # Later updates keep applying it.
    update_entities(store, ["r2"], Settings())
    assert _entity_of(store, "r1", "Lin") != _entity_of(store, "r1", "Lin Haoran")
    resolve_store(store, Settings(), clear_aliases=True)
    assert _entity_of(store, "r1", "Lin") == _entity_of(store, "r1", "Lin Haoran")
    aliases.write_text("[[same]]\nnames = ['Lin']\n")
    with pytest.raises(ConfigError, match=r"aliases\.toml line 1"):
        resolve_store(store, Settings(), aliases=aliases)


def test_cli_entities_entity_resolve(store: Store, db_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    assert main(["resolve", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["entities", "--db", str(db_path), "--json", "--type", "person"]) == 0
    listed = json.loads(capsys.readouterr().out)
    names = [e["name"] for e in listed["entities"]]
    assert names[0] in ("Lin Haoran", "Oskar Brandt") and set(names) == {"Lin Haoran",
                                                                         "Oskar Brandt"}
    assert all(e["type"] == "PERSON" for e in listed["entities"])
    assert main(["entity", "Lin", "--db", str(db_path), "--json"]) == 0  # by an alias
    assert json.loads(capsys.readouterr().out)["name"] == "Lin Haoran"
    assert main(["entity", "lin haoran", "--db", str(db_path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["story_ids"] == ["s-ferry"] and shown["reports"] == 2
    assert shown["quotes"][0]["id"] == "q-r1" and "Harbour Minister" in shown["roles"]
    assert main(["entities", "--db", str(db_path), "--limit", "1"]) == 0
    assert main(["entity", "Nobody At All", "--db", str(db_path)]) == 3
    bad = db_path.parent / "bad.toml"
    bad.write_text("[[same]\n")
    assert main(["resolve", "--db", str(db_path), "--aliases", str(bad)]) == 5
    assert "bad.toml" in capsys.readouterr().err
