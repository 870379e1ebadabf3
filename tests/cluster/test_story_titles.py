"""Story titles: the most typical member's headline, else its lead sentence."""

from __future__ import annotations

from newsprism.cluster.titles import MAX_TITLE_CHARS, lead_sentence, shorten, story_title


def test_lead_sentence_skips_short_lines() -> None:
    text = "\nBy staff\nThe bridge reopened on Friday. Traffic was light.\nMore"
    assert lead_sentence(text) == "The bridge reopened on Friday."


def test_shorten_cuts_at_a_word() -> None:
    long = "word " * 60
    out = shorten(long)
    assert len(out) <= MAX_TITLE_CHARS + 1 and out.endswith("…")
    assert shorten("Short title") == "Short title"


def test_most_typical_titled_member_wins() -> None:
    heads = {"a": None, "b": "Bridge reopens", "c": "Bridge reopens after repairs"}
    leads = {"a": "A lead.", "b": "B lead.", "c": "C lead."}
    sims = {frozenset("ab"): 0.9, frozenset("ac"): 0.2, frozenset("bc"): 0.5}
    title = story_title(["c", "b", "a"], heads.get, leads.__getitem__,
                        lambda x, y: sims[frozenset((x, y))])
    assert title in ("Bridge reopens", "Bridge reopens after repairs")
    untitled = story_title(["a"], lambda _: None, leads.__getitem__, lambda x, y: 0.0)
    assert untitled == "A lead."
