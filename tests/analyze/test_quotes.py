"""Quotes: quote-mark pairing, speakers, cues, channels. Fictional texts throughout."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.quotemarks import find_quote_spans
from newsprism.analyze.quotes import extract_quotes
from newsprism.types import Quote


def _contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


# --- pairing marks ---------------------------------------------------------------------------


def test_curly_quotes_pair_and_apostrophes_do_not() -> None:
    text = "It’s the mayor’s “final offer,” she said, and the union’s reply was ‘no’."
    assert _contents(text) == ["final offer,"]


def test_straight_quotes_pair_in_order() -> None:
    text = 'He said "one thing" and then "another thing."'
    assert _contents(text) == ["one thing", "another thing."]


def test_doubled_apostrophes_are_quote_marks() -> None:
    assert _contents("She said ''enough is enough,'' and left.") == ["enough is enough,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Nous restons », a-t-il dit.", ["Nous restons"]),
        ("„Wir bleiben“, sagte er.", ["Wir bleiben"]),
    ],
)
def test_guillemets_and_low_quotes(text: str, expected: list[str]) -> None:
    assert _contents(text) == expected


def test_multi_paragraph_quote_reopens_each_paragraph() -> None:
    text = "“The first part of the statement.\n“The second part,” the minister said.\nAfter."
    assert _contents(text) == ["The first part of the statement.", "The second part,"]


def test_quote_running_into_the_next_paragraph() -> None:
    text = "“This sentence breaks\nacross a line,” the mayor said."
    assert _contents(text) == ["This sentence breaks\nacross a line,"]


def test_lost_opening_mark_starts_at_the_paragraph() -> None:
    text = "Intro line.\nWe will rebuild the bridge by spring,” the mayor said."
    assert _contents(text) == ["We will rebuild the bridge by spring,"]


def test_stray_closing_mark_after_a_closed_quote_is_ignored() -> None:
    text = "“We won,” Varga said.”"
    assert _contents(text) == ["We won,"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "The statement read: “We accept the verdict.\nOther news followed."
    assert _contents(text) == ["We accept the verdict."]


def test_no_marks_no_quotes() -> None:
    assert find_quote_spans("") == []
    assert find_quote_spans("Nothing quoted here.") == []


# --- attribution ----------------------------------------------------------------------------


def _quotes(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return extract_quotes(doc, "rep", extract_mentions(doc, "rep"))


def _find(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote with {fragment!r} in {[q.text for q in quotes]}"
    return found[0]


def test_direct_quote_with_trailing_speaker(nlp: Language) -> None:
    text = "“We will rebuild the bridge by spring,” the mayor said on Monday."
    quote = _find(_quotes(nlp, text), "rebuild")
    assert quote.kind == "direct"
    assert quote.text == "We will rebuild the bridge by spring,"
    assert quote.cue == "said"
    assert quote.speaker_text == "the mayor"
    assert text[quote.cue_start : quote.cue_end] == "said"
    assert quote.id == "rep:q0"


def test_inverted_speaker(nlp: Language) -> None:
    text = "“The harvest failed twice,” said Oskar Lindqvist, a farmer from the valley."
    quote = _find(_quotes(nlp, text), "harvest")
    assert quote.speaker_text == "Oskar Lindqvist"


def test_leading_speaker_with_colon(nlp: Language) -> None:
    text = "Mayor Lena Ostrova said on Friday: “The bridge will open in May.”"
    quote = _find(_quotes(nlp, text), "bridge")
    assert quote.speaker_text == "Lena Ostrova"


def test_pronoun_speaker_takes_the_earlier_person(nlp: Language) -> None:
    text = (
        "Mayor Lena Ostrova visited the construction site on Monday. "
        "“The bridge will open in May,” she said."
    )
    quote = _find(_quotes(nlp, text), "open in May")
    assert quote.speaker_text == "Lena Ostrova"
    assert text[quote.source_start : quote.source_end] == "she"


def test_description_speaker(nlp: Language) -> None:
    text = "A senior finance ministry official said the budget would be cut by a tenth."
    quote = _find(_quotes(nlp, text), "budget")
    assert quote.kind == "indirect"
    assert quote.speaker_text == "A senior finance ministry official"
    assert quote.text.startswith("the budget would be cut")


def test_indirect_quote_with_that(nlp: Language) -> None:
    text = "Lena Ostrova told reporters that the bridge would open in May."
    quote = _find(_quotes(nlp, text), "bridge")
    assert quote.kind == "indirect"
    assert quote.text == "that the bridge would open in May"
    assert quote.speaker_text == "Lena Ostrova"
    assert quote.cue == "told"


def test_according_to_is_the_source_without_another_speaker(nlp: Language) -> None:
    text = "According to the harbour authority, the ferry will resume service on Friday."
    quote = _find(_quotes(nlp, text), "ferry")
    assert quote.cue == "according to"
    assert quote.speaker_text == "the harbour authority"


def test_according_to_is_the_channel_of_a_speaker(nlp: Language) -> None:
    text = (
        "The port director said the ferry would resume service on Friday, according to "
        "the Coastal Herald."
    )
    quote = _find(_quotes(nlp, text), "ferry")
    assert quote.speaker_text == "The port director"
    assert quote.via == "Coastal Herald"
    assert not [q for q in _quotes(nlp, text) if q.cue == "according to"]


def test_trailing_reporting_verb_is_the_channel(nlp: Language) -> None:
    text = (
        "Lena Ostrova told reporters that the bridge would open in May, the Valley Gazette "
        "reported."
    )
    quotes = _quotes(nlp, text)
    quote = _find(quotes, "bridge")
    assert quote.speaker_text == "Lena Ostrova"
    assert quote.via == "Valley Gazette"
    assert all(q.speaker_text != "the Valley Gazette" for q in quotes)


def test_quoted_as_saying_by_an_agency(nlp: Language) -> None:
    text = (
        "“The border stays open,” Minister Arvid Holm was quoted as saying by the Nordvik "
        "news agency."
    )
    quote = _find(_quotes(nlp, text), "border")
    assert quote.speaker_text == "Arvid Holm"
    assert quote.via == "Nordvik news agency"


def test_agency_quoted_someone_as(nlp: Language) -> None:
    text = "The Nordvik news agency quoted Arvid Holm as saying that the border stays open."
    quote = _find(_quotes(nlp, text), "border")
    assert quote.speaker_text == "Arvid Holm"
    assert quote.via == "Nordvik news agency"


def test_continued_quote_keeps_the_speaker(nlp: Language) -> None:
    text = (
        "“We have waited three years for this road,” said Oskar Lindqvist. "
        "“Nobody in the valley believed it would come.”"
    )
    quotes = _quotes(nlp, text)
    first, second = _find(quotes, "waited"), _find(quotes, "Nobody")
    assert second.speaker_text == first.speaker_text == "Oskar Lindqvist"
    assert second.source_start == first.source_start


def test_scare_quote_term_is_not_a_quote(nlp: Language) -> None:
    quotes = _quotes(nlp, "The council approved the “green corridor” plan on Tuesday.")
    assert quotes == []


def test_headline_colon_attribution(nlp: Language) -> None:
    quote = _find(_quotes(nlp, "Ostrova: Bridge Will Open Before The Summer Floods"), "Bridge")
    assert quote.cue == ":"
    assert quote.speaker_text == "Ostrova"


def test_quotes_are_in_text_order_with_deterministic_ids(nlp: Language) -> None:
    text = (
        "“Taxes will fall,” the governor said. The treasurer said the deficit would grow. "
        "“We will see,” a lawmaker added."
    )
    first = _quotes(nlp, text)
    second = _quotes(nlp, text)
    assert first == second
    assert [q.start for q in first] == sorted(q.start for q in first)
    assert [q.id for q in first] == [f"rep:q{i}" for i in range(len(first))]


def test_empty_text_has_no_quotes(nlp: Language) -> None:
    assert _quotes(nlp, "") == []


def test_signed_quote(nlp: Language) -> None:
    text = "Readers wrote in.\n“The new road changed our town for good.” — Marta Ilves\nMore."
    quote = _find(_quotes(nlp, text), "road")
    assert quote.speaker_text == "Marta Ilves"


def test_quote_mark_glued_to_the_cue(nlp: Language) -> None:
    text = "Lena Ostrova said,“The bridge will open in May and the ferry will stop.”"
    quote = _find(_quotes(nlp, text), "bridge")
    assert quote.kind == "direct"
    assert quote.speaker_text == "Lena Ostrova"


def test_frame_split_off_after_an_exclamation(nlp: Language) -> None:
    text = (
        "Mayor Lena Ostrova celebrated on Sunday.\n"
        "“This bridge is a triumph for the whole valley!” she wrote."
    )
    quote = _find(_quotes(nlp, text), "triumph")
    assert quote.cue == "wrote"
    assert quote.speaker_text == "Lena Ostrova"


def test_relative_pronoun_source_and_its_speaker(nlp: Language) -> None:
    text = "Oskar Lindqvist, who said the harvest had failed twice, left the valley in May."
    quote = _find(_quotes(nlp, text), "harvest")
    assert text[quote.source_start : quote.source_end] == "who"
    assert quote.speaker_text == "Oskar Lindqvist"


def test_passive_cue_is_not_a_source(nlp: Language) -> None:
    text = "When questioned about the delay, the contractor blamed the weather for it."
    assert all(q.cue != "questioned" for q in _quotes(nlp, text))


def test_passive_quoted_by_an_agency(nlp: Language) -> None:
    text = "“The border stays open,” Minister Arvid Holm was quoted by the Nordvik news agency."
    quote = _find(_quotes(nlp, text), "border")
    assert (quote.speaker_text, quote.via, quote.cue) == (
        "Arvid Holm", "Nordvik news agency", "quoted"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”\"'«»„`’")), max_size=80))
def test_quote_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = find_quote_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        previous_end = span.end


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab said “”\"\n.,:—")), max_size=60))
def test_extraction_never_fails_and_spans_hold(nlp: Language, text: str) -> None:
    for quote in _quotes(nlp, text):
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start >= 0:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
