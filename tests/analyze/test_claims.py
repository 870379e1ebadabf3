"""Claim units: which sentences count, their stance, hedges, attribution and values.
Fictional texts; numbers and times come from the real extractors."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.analyze.claims import extract_claims
from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.numbers import extract_numbers
from newsprism.analyze.quotes import extract_quotes
from newsprism.analyze.times import extract_times
from newsprism.types import ClaimUnit


def _claims(nlp: Language, text: str) -> list[ClaimUnit]:
    doc = nlp(text)
    mentions = extract_mentions(doc, "rep")
    quotes = extract_quotes(doc, "rep", mentions)
    numbers = extract_numbers(doc, "rep")
    times = extract_times(doc, "rep", "2031-05-14")
    return extract_claims(doc, "rep", mentions, quotes, numbers, times)


def _one(nlp: Language, text: str) -> ClaimUnit:
    claims = _claims(nlp, text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Velmoran navy bought 40 patrol boats last year.", "asserted"),
        ("The Velmoran navy reportedly bought 40 patrol boats last year.", "hedged"),
        ("The Velmoran navy is believed to have bought 40 patrol boats.", "hedged"),
        ("The Velmoran navy may have bought 40 patrol boats last year.", "hedged"),
        ("Velmora denied that its navy bought 40 patrol boats.", "denied"),
        ("The Velmoran navy did not buy 40 patrol boats, officials insist.", "denied"),
        ("Admiral Soren Kalt said the navy bought 40 patrol boats.", "attributed"),
        ("According to the Velmoran defence ministry, the navy bought 40 boats.", "attributed"),
        ("“We bought 40 patrol boats last year and will buy more,” Admiral Soren Kalt said.",
         "quoted"),
    ],
)
def test_stance(nlp: Language, text: str, stance: str) -> None:
    assert _one(nlp, text).stance == stance


def test_hedge_words_are_listed(nlp: Language) -> None:
    claim = _one(nlp, "The Velmoran navy reportedly bought 40 patrol boats last year.")
    assert claim.hedges == ("reportedly",)


def test_hedge_inside_a_relative_clause_does_not_hedge_the_claim(nlp: Language) -> None:
    claim = _one(
        nlp,
        "The admiral, whose name was apparently kept secret, said the navy bought 40 boats.",
    )
    assert claim.hedges == ()
    assert claim.stance == "attributed"


def test_modal_inside_reported_content_is_not_the_reports_hedge(nlp: Language) -> None:
    claim = _one(nlp, "Admiral Soren Kalt said the navy could buy 40 more boats in 2032.")
    assert claim.stance == "attributed"


def test_attribution_chain_innermost_first(nlp: Language) -> None:
    claim = _one(
        nlp,
        "A senior navy official said Velmora would buy 40 boats, according to a report by "
        "the Harbour Times.",
    )
    assert claim.attribution == ("A senior navy official", "Harbour Times")


def test_values(nlp: Language) -> None:
    claim = _one(nlp, "Velmora bought 40 patrol boats from Ostrava Shipyards in March 2030.")
    values = claim.values
    assert [n["value"] for n in values["numbers"]] == [40.0]
    assert [t["value"] for t in values["times"]] == ["2030-03"]
    assert "Velmora" in values["places"] + values["entities"]
    assert set(values) == {"numbers", "times", "entities", "places"}


@pytest.mark.parametrize(
    "text",
    [
        "Did the Velmoran navy buy 40 patrol boats last year?",
        "Velmora Buys Forty Patrol Boats From Ostrava",
        "Read more",
        "The weather was pleasant.",
    ],
)
def test_not_claims(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


def test_claim_spans_and_ids(nlp: Language) -> None:
    text = (
        "Velmora bought 40 patrol boats in 2030.\n"
        "Ostrava sold 12 frigates to Karlsgrad in 2029."
    )
    claims = _claims(nlp, text)
    assert [c.id for c in claims] == ["rep:c0", "rep:c1"]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.report_id == "rep"
