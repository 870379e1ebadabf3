""""they" as a quote's source: resolved to the group named as a subject just before, left as
written when no group or two groups could be meant. The texts are fictional."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.quotes import extract_quotes


def _speakers(nlp: Language, text: str) -> list[tuple[str | None, str]]:
    doc = nlp(text)
    quotes = extract_quotes(doc, "r", extract_mentions(doc, "r"))
    return [(q.speaker_text, text[q.source_start : q.source_end]) for q in quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Union leaders met the minister on Tuesday. \"We will not back down,\" they said.",
         "Union leaders"),
        ("Tomas Brekke and Ilse Varga arrived in Karlsgrad on Friday. They told reporters the "
         "talks had failed.", "Tomas Brekke and Ilse Varga"),
        ("Farmers blocked the road to Karlsgrad. Tomas Brekke arrived later. They said he had "
         "ignored them.", "Farmers"),
    ],
)
def test_they_takes_the_group_subject_before_it(nlp: Language, text: str, speaker: str) -> None:
    found = _speakers(nlp, text)
    assert found, "no quote found"
    assert found[-1][1].lower() == "they"
    assert found[-1][0] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose sharply in March. They said nothing would change.",
        "Nurses protested while doctors waited outside. They said the wards were full.",
        "\"The farmers are angry,\" Brekke said. They added that the road stayed closed.",
    ],
)
def test_they_stays_as_written_without_one_group(nlp: Language, text: str) -> None:
    found = _speakers(nlp, text)
    assert found, "no quote found"
    assert found[-1] == ("They", "They")


def test_subject_of_reported_content_is_not_the_group(nlp: Language) -> None:
    text = ("Tomas Brekke and Ilse Varga say further changes are needed. The scheme has grown "
            "well beyond its purpose, they say.")
    assert _speakers(nlp, text)[-1][0] == "Tomas Brekke and Ilse Varga"
