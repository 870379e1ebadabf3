from __future__ import annotations

from typing import Any


def _group_with(groups: list[dict[str, Any]], fragment: str) -> dict[str, Any]:
    found = [g for g in groups if any(fragment in m["text"] for m in g["members"])]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} groups"
    return found[0]


def test_paraphrased_and_retranslated_claim_is_one_group(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    g = _group_with(claims, "Only by standing together")
    assert g["report_ids"] == ["rep-a", "rep-b", "rep-c"]
    assert any("can only be defended if we stand" in m["text"] for m in g["members"])
    assert g["omitted_by"] == []
    assert g["status"] == "consistent"


def test_number_disagreement_but_not_across_notations(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    g = _group_with(claims, "900 dock workers")
    assert g["status"] == "disputed"
    (diff,) = [d for d in g["disagreements"] if d["field"] == "number"]
    assert diff["values"]["rep-c"] == "900"
    assert diff["normalized"]["rep-a"] == [1200.0]
    assert diff["normalized"].get("rep-b", [1200.0]) == [1200.0]


def test_stance_change_from_attributed_to_asserted(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    g = _group_with(claims, "harbour will close for two weeks")
    change = g["stance_change"]
    assert change is not None and change["kind"] == "attribution-dropped"
    assert change["asserted_by"] == ["rep-a"] and change["attributed_by"] == ["rep-b"]
    assert change["attribution"]["rep-b"] == ["the port authority"]
    assert g["omitted_by"] == ["rep-c"]


def test_dates_at_different_precisions_agree_and_give_the_finest(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    g = _group_with(claims, "container traffic")
    assert set(g["report_ids"]) == {"rep-a", "rep-b", "rep-c"}
    assert not [d for d in g["disagreements"] if d["field"] == "date"]
    assert (g["date"], g["date_precision"]) == ("2031-03-14", "day")


def test_unrelated_sentences_stay_single_source(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    bakery = _group_with(claims, "bakery")
    council = _group_with(claims, "city council")
    assert bakery is not council
    assert bakery["status"] == "single-source" and bakery["omitted_by"] == ["rep-b", "rep-c"]


def test_named_source_of_a_claim(velmora_groups: Any) -> None:
    claims, _ = velmora_groups
    g = _group_with(claims, "Calder")
    assert any("Calder" in s for s in g["by_report"]["rep-b"]["sources"])
    assert g["by_report"]["rep-a"]["sources"] == []


def test_every_claim_is_in_exactly_one_group(velmora: Any, velmora_groups: Any) -> None:
    _, _, analyses = velmora
    claims, _ = velmora_groups
    ids = [m["claim_id"] for g in claims for m in g["members"]]
    assert sorted(ids) == sorted(c.id for a in analyses.values() for c in a.claims)
    assert len({g["id"] for g in claims}) == len(claims)


def test_stance_change_kinds() -> None:
    from newsprism.triangulate.stance import stance_change

    order = ["a", "b", "c"]
    got = stance_change({"a": "asserted", "b": "quoted"}, {"b": ["Wire"]}, {"b": ["an aide"]},
                        order)
    assert got is not None and got["kind"] == "attribution-dropped"
    assert got["own_voice_by"] == ["a"] and got["sourced_by"] == ["b"]
    assert got["sources"] == {"a": [], "b": ["Wire"]}
    # Hedged in its own voice ("is expected to") against attributed: still attribution dropped.
    got = stance_change({"a": "hedged", "b": "attributed"}, {}, {"b": ["an aide"]}, order)
    assert got is not None and got["kind"] == "attribution-dropped"
    got = stance_change({"a": "asserted", "b": "hedged"}, {}, {}, order)
    assert got is not None and got["kind"] == "hedge-dropped"
    got = stance_change({"a": "asserted", "c": "denied"}, {}, {}, order)
    assert got is not None and got["kind"] == "contradiction"
    assert stance_change({"a": "quoted", "b": "attributed"}, {}, {"a": ["x"], "b": ["y"]},
                         order) is None
    assert stance_change({"a": "asserted", "b": "asserted"}, {}, {}, order) is None


def test_lead_channel_is_inherited_by_later_attributed_sentences() -> None:
    from newsprism.triangulate.claims import ClaimItem, lead_channels
    from newsprism.triangulate.values import ClaimValues
    from newsprism.types import ClaimUnit

    def item(cid: str, stance: str, attribution: tuple[str, ...],
             sources: tuple[str, ...]) -> ClaimItem:
        c = ClaimUnit(cid, "r", 0, 1, "x", stance, attribution)  # type: ignore[arg-type]
        return ClaimItem(c, 0, "Out", ClaimValues(), sources)

    items = [item("1", "asserted", (), ("Ledger",)),
             item("2", "attributed", ("an engineer",), ("the Tarvel news agency",)),
             item("3", "quoted", ("the engineer",), ())]
    assert lead_channels(items) == {"r": ("the Tarvel news agency",)}
    assert lead_channels([item("4", "attributed", ("the Tarvel news agency",),
                               ("the Tarvel news agency",))]) == {}
