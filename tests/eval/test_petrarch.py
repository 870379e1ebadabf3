"""The PETRARCH validation reader, CAMEO->PLOVER mapping and event scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.eval.petrarch import (
    PredictedEvent,
    actor_matches,
    combine,
    plover_of,
    read_records,
    score_records,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "petrarch_validation"

XML = """<Validation>
<!-- a comment with <Sentence id="ignored"> inside -->
<Sentence id="F-1" category="TEST"/>
<EventCoding eventcode="042" sourcecode="NOR" targetcode="SWE" />
<EventCoding eventcode="0213" sourcecode="NOR" targetcode="---" />
<Text>
Norway visited Sweden and asked for
help.
</Text>
</Sentence>
<Sentence id="F-2" category="TEST">
<EventCoding noevents="True"></EventCoding>
<Text>Rain fell.</Text>
</Sentence>
<Sentence id="F-3" category="TEST">
<EventCoding eventcode="903" sourcecode="ARN" targetcode="GON"></EventCoding>
<EventCoding eventcode="010" sourcecode="ARN" targetcode="GON"></EventCoding>
<Text>Arnor spoke.</Text>
</Sentence>
<Sentence id="F-4" category="TEST">
<EventCoding error="dateline"></EventCoding>
<Text>Broken.</Text>
</Sentence>
</Validation>
"""


def test_reader_and_scoring(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text(XML, encoding="utf-8")
    records = read_records(path)
    assert [r.id for r in records] == ["F-1", "F-2", "F-3", "F-4"]
    assert records[0].text == "Norway visited Sweden and asked for help."

    def predict(text: str) -> list[PredictedEvent]:
        if text.startswith("Norway"):
            return [PredictedEvent("CONSULT", "Norway", "Swedish ports")]
        if text.startswith("Rain"):
            return [PredictedEvent("ASSAULT", None, None)]
        return []

    s = score_records(records, predict)
    assert s.records == 3  # the error record is skipped
    assert (s.codings, s.scored) == (4, 2)
    assert s.unscored == {"not a CAMEO root": 1, "no PLOVER type": 1}
    assert s.type_hits == 1  # CONSULT found, REQUEST (021x) missed
    assert (s.source_hits, s.source_scored) == (1, 1)
    assert (s.target_hits, s.target_scored) == (1, 1)  # "Swedish" names Sweden
    assert (s.noevent_false_alarms, s.noevent_records) == (1, 1)


def test_mapping_and_actor_matching() -> None:
    assert plover_of("190") == ("ASSAULT", "")
    assert plover_of("903") == (None, "not a CAMEO root")
    assert actor_matches("Iranian officials", "IRNGOV") is True
    assert actor_matches("the U.S. envoy", "USAGOV") is True
    assert actor_matches("Arnor", "ARN") is True  # fictional states: name prefix
    assert actor_matches("Gondor", "ARN") is False
    assert actor_matches(None, "ARN") is False
    assert actor_matches("anyone", "---GOV") is None
    assert actor_matches("the head of the guild", '"GUILD HEAD"') is True


def test_real_files_parse() -> None:
    unit = DATA / "petrarch2" / "PETR.UnitTest.records.xml"
    if not unit.exists():
        pytest.skip(f"PETRARCH validation data not available at {DATA}")
    records = read_records(unit)
    assert len(records) >= 250
    assert all(r.text for r in records)


def test_combined_scores_add_counts(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text(XML, encoding="utf-8")
    records = read_records(path)
    one = score_records(records, lambda text: [PredictedEvent("CONSULT", "Norway", "Sweden")])
    both = combine([one, one])
    assert (both.scored, both.type_hits) == (2 * one.scored, 2 * one.type_hits)
    assert both.noevent_false_alarms == 2 * one.noevent_false_alarms
    assert both.unscored == {k: 2 * v for k, v in one.unscored.items()}


@pytest.mark.slow
def test_english_gold_type_recall_meets_the_target() -> None:
    """The issue's target on the real-news file: >= 70% of gold codings typed (docs/quality.md
    Events); the stylized unit-test file is reported there, not asserted."""
    gold = DATA / "universalpetrarch" / "PETR2_GSR_validation.xml"
    if not gold.exists():
        pytest.skip(f"PETRARCH validation data not available at {DATA}")
    from newsprism.analyze.events import extract_events
    from newsprism.analyze.nlp import load_pipeline
    from newsprism.analyze.numbers import extract_numbers
    from newsprism.analyze.times import extract_times
    from newsprism.config import DEFAULT_MODEL
    from newsprism.types import Mention

    nlp = load_pipeline(DEFAULT_MODEL)

    def predict(text: str) -> list[PredictedEvent]:
        doc = nlp(text)
        mentions = [Mention("v", e.start_char, e.end_char, e.text, e.label_)
                    for e in doc.ents
                    if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]
        events = extract_events(doc, "v", mentions, extract_times(doc, "v", None),
                                extract_numbers(doc, "v"))
        return [PredictedEvent(e.type, e.source_text, e.target_text) for e in events]

    score = score_records(read_records(gold), predict)
    assert score.share(score.type_hits, score.scored) >= 0.70
