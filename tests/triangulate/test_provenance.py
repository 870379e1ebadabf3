from __future__ import annotations

from newsprism.triangulate.provenance import claim_sources, find_sources, reuse_summary
from newsprism.types import Reuse


def _names(text: str) -> list[tuple[str, str]]:
    return [(s.name, s.kind) for s in find_sources(text)]


def test_named_sources_in_the_shapes_news_copy_uses() -> None:
    assert _names("Prices rose, according to a report by the independent Tarvel news agency.") \
        == [("Tarvel", "agency")]
    assert _names("It came days after a Morning Ledger report revealed the plan.") \
        == [("Morning Ledger", "report")]
    assert _names("Last year, the Halden Times reported that the bridge was closed.") \
        == [("Halden Times", "outlet")]
    assert _names("The Kestrel News Agency quoted the mayor as saying he would resign.") \
        == [("Kestrel News Agency", "agency")]
    assert ("Northwind Press", "contribution") in _names(
        "The Northwind Press contributed to this report.")
    assert ("State media", "state-media") in _names("State media reported the deal.")


def test_people_and_plain_sentences_are_not_sources() -> None:
    assert _names("Officials said Smith reported the theft to the police.") == []
    assert _names("The minister visited the harbour on Monday.") == []


def test_claim_sources_from_attribution_and_text() -> None:
    got = claim_sources("Some 300 people were hurt, according to a report by the Calder news "
                        "agency.", ("the Calder news agency",))
    assert len(got) == 1 and "Calder" in got[0]
    assert claim_sources("The bridge reopened on Friday.", ()) == []


def test_reuse_summary_names_who_relies_on_whom() -> None:
    edges = [Reuse("a", "b", 500, ((0, 500, 10, 510),), share_from=0.2, share_to=0.8)]
    (s,) = reuse_summary(edges, {"a": "Gazette", "b": "Wire"})
    assert (s["from_outlet"], s["to_outlet"], s["share_to"]) == ("Gazette", "Wire", 0.8)
    assert reuse_summary(edges, {"a": "Gazette"}) == []
