"""Mentions: types checked against sentence evidence, roles, trimmed spans.

The texts are fictional. Where a test is about correcting the model's label, it sets the
wrong label itself (``_relabel``) so that the test does not depend on which names a given
model version happens to mislabel.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.analyze.entities import extract_mentions, known_places
from newsprism.types import Mention


def _relabel(doc: Doc, name: str, label: str) -> Doc:
    """Give the first occurrence of ``name`` the entity label ``label``, keeping other ents
    that do not overlap it."""
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    others = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
    doc.ents = sorted([*others, span], key=lambda e: e.start)
    return doc


def _mention(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


def test_mentions_have_exact_spans(nlp: Language) -> None:
    text = "Ministers from Velmora met officials of the Ostrava Shipping Company in Karlsgrad."
    doc = nlp(text)
    mentions = extract_mentions(doc, "r1")
    assert mentions, "the model found no entities"
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.report_id == "r1"
        assert m.type in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def test_leading_article_and_possessive_are_stripped(nlp: Language) -> None:
    doc = nlp("Analysts at the Brennick Institute's Lisbon office disagreed.")
    span = doc.char_span(doc.text.index("the Brennick"), doc.text.index(" Lisbon"), "ORG")
    assert span is not None
    doc.ents = [span]
    mention = extract_mentions(doc, "r")[0]
    assert mention.text == "Brennick Institute"


def test_speaker_mislabelled_as_place_becomes_person(nlp: Language) -> None:
    doc = _relabel(nlp("Quarnby told reporters the talks had failed."), "Quarnby", "GPE")
    mention = _mention(extract_mentions(doc, "r"), "Quarnby")
    assert mention.type == "PERSON"
    assert mention.type_source == "evidence:speech"


def test_known_place_saying_something_stays_a_place(nlp: Language) -> None:
    assert "paris" in known_places()
    doc = _relabel(nlp("Paris said the talks had failed."), "Paris", "GPE")
    mention = _mention(extract_mentions(doc, "r"), "Paris")
    assert mention.type == "GPE"


def test_organisation_saying_something_stays_an_organisation(nlp: Language) -> None:
    doc = _relabel(nlp("Dunmore said profits fell."), "Dunmore", "ORG")
    assert _mention(extract_mentions(doc, "r"), "Dunmore").type == "ORG"


def test_title_before_name_is_evidence(nlp: Language) -> None:
    doc = _relabel(nlp("The decree was signed by General Tavrin on Monday."), "Tavrin", "ORG")
    mention = _mention(extract_mentions(doc, "r"), "Tavrin")
    assert (mention.type, mention.type_source) == ("PERSON", "evidence:title")


def test_quoted_as_saying_is_evidence(nlp: Language) -> None:
    doc = _relabel(
        nlp("Halvik was quoted as saying that the border would stay shut."), "Halvik", "ORG"
    )
    mention = _mention(extract_mentions(doc, "r"), "Halvik")
    assert (mention.type, mention.type_source) == ("PERSON", "evidence:quoted")


def test_correction_spreads_to_the_same_name_elsewhere(nlp: Language) -> None:
    doc = nlp("Officials said Quarnby arrived late. Quarnby told reporters the plan was dead.")
    first = doc.text.index("Quarnby")
    second = doc.text.index("Quarnby", first + 1)
    spans = [doc.char_span(first, first + 7, label="GPE"),
             doc.char_span(second, second + 7, label="GPE")]
    doc.ents = [s for s in spans if s is not None]
    mentions = [m for m in extract_mentions(doc, "r") if m.text == "Quarnby"]
    assert [m.type for m in mentions] == ["PERSON", "PERSON"]
    assert mentions[0].type_source == "evidence:name"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Velmoran Foreign Minister Ilse Karvonen arrived on Tuesday.",
         "Ilse Karvonen", "Velmoran Foreign Minister"),
        ("Ilse Karvonen, chief of staff of the Velmoran navy, arrived on Tuesday.",
         "Ilse Karvonen", "chief of staff of the Velmoran navy"),
        ("Velmora's foreign minister, Ilse Karvonen, arrived on Tuesday.",
         "Ilse Karvonen", "Velmora's foreign minister"),
    ],
)
def test_roles_attach_to_people(nlp: Language, text: str, name: str, role: str) -> None:
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="PERSON")
    assert span is not None
    doc.ents = [span]
    assert _mention(extract_mentions(doc, "r"), name).role == role


def test_no_role_without_a_title(nlp: Language) -> None:
    doc = nlp("Yesterday Ilse Karvonen arrived in the capital.")
    start = doc.text.index("Ilse")
    span = doc.char_span(start, start + len("Ilse Karvonen"), label="PERSON")
    assert span is not None
    doc.ents = [span]
    assert _mention(extract_mentions(doc, "r"), "Ilse Karvonen").role is None


def test_place_with_place_evidence_is_not_made_a_person(nlp: Language) -> None:
    text = ("Brevnia said on Monday the dam was safe. Brevnia, a small country on the coast, "
            "has seen floods before. Crews worked in Brevnia all night.")
    doc = _relabel(nlp(text), "Brevnia", "GPE")
    for m in extract_mentions(doc, "r"):
        if m.text == "Brevnia":
            assert m.type != "PERSON", m


def test_person_tag_elsewhere_does_not_spread_to_a_place(nlp: Language) -> None:
    doc = _relabel(nlp("Tolvik waited. Residents of Tolvik left by boat."), "Tolvik", "PERSON")
    tolvik = [m for m in extract_mentions(doc, "r") if m.text == "Tolvik"]
    assert tolvik and all(m.type != "PERSON" for m in tolvik)


def test_organisation_words_keep_a_company_out_of_person(nlp: Language) -> None:
    doc = _relabel(nlp("Ostvale Railways said the trains would run."), "Ostvale Railways",
                   "PERSON")
    mention = _mention(extract_mentions(doc, "r"), "Ostvale Railways")
    assert (mention.type, mention.type_source) == ("ORG", "evidence:org-word")


def test_appositive_company_blocks_a_speech_correction(nlp: Language) -> None:
    text = "Dravco, the state-owned company that runs the dam, said the gates were opened."
    doc = _relabel(nlp(text), "Dravco", "GPE")
    assert _mention(extract_mentions(doc, "r"), "Dravco").type == "GPE"


def test_person_with_title_or_speech_is_still_corrected(nlp: Language) -> None:
    doc = _relabel(nlp("Minister Quarnby visited the port. Quarnby told reporters it was fine."),
                   "Quarnby", "GPE")
    mention = _mention(extract_mentions(doc, "r"), "Quarnby")
    assert mention.type == "PERSON"


def test_group_calling_itself_a_name_is_an_organisation(nlp: Language) -> None:
    doc = _relabel(nlp("A group calling itself Grey Heron said it took the files."),
                   "Grey Heron", "PERSON")
    assert _mention(extract_mentions(doc, "r"), "Grey Heron").type == "ORG"
    titled = _relabel(nlp("Minister Jan Holm, whose ministry runs the port, said no."),
                      "Jan Holm", "PERSON")
    assert _mention(extract_mentions(titled, "r"), "Jan Holm").type == "PERSON"


def test_person_tag_on_a_gazetteer_city_becomes_a_place(nlp: Language) -> None:
    doc = _relabel(nlp("Flights from Europe landed in Lisbon on Monday."), "Lisbon", "PERSON")
    assert _mention(extract_mentions(doc, "r"), "Lisbon").type == "GPE"
