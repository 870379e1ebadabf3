from __future__ import annotations

from typing import Any

from newsprism.triangulate.quotes import speakers_compatible
from newsprism.types import Quote


def test_one_remark_across_reports_with_its_renderings(velmora_groups: Any) -> None:
    _, quotes = velmora_groups
    (g,) = [g for g in quotes if len(g["members"]) == 3]
    assert g["speaker_entity_id"] == "ent-orsolya"
    match = {m["report_id"]: m["match"] for m in g["members"]}
    assert match == {"rep-a": "exact", "rep-b": "exact", "rep-c": "translation"}
    assert g["omitted_by"] == []


def test_quote_carried_by_two_and_omitted_by_the_third(velmora_groups: Any) -> None:
    _, quotes = velmora_groups
    (g,) = [g for g in quotes if any("abandoned" in m["text"] for m in g["members"])]
    assert [m["report_id"] for m in g["members"]] == ["rep-a", "rep-b"]
    assert g["omitted_by"] == ["rep-c"]
    assert {m["match"] for m in g["members"]} == {"translation"}


def _q(speaker: str | None, entity: str | None = None) -> Quote:
    return Quote(id="q", report_id="r", start=0, end=1, text="x", kind="direct",
                 speaker_text=speaker, speaker_entity_id=entity)


def test_speaker_compatibility() -> None:
    assert speakers_compatible(_q("Anneke Smit"), _q("Smit")) is True
    assert speakers_compatible(_q("Anneke Smit"), _q("Jonas Berg")) is False
    assert speakers_compatible(_q("the spokesman"), _q("Jonas Berg")) is None
    assert speakers_compatible(_q("Berg", "e1"), _q("Berg", "e2")) is False
