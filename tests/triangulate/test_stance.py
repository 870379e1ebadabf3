"""Stance cue words on raw text: refuting cues and what turns them around."""

from __future__ import annotations

from newsprism.triangulate.stance import refutations, sentence_cues


def test_a_negated_refuting_word_is_an_affirmation() -> None:
    assert refutations("The video of the flooded tram depot is a hoax.") == 1
    assert refutations("The video of the flooded tram depot is not a hoax.") == 0
    assert refutations("Residents insist the photos aren't fake.") == 0
    assert refutations("This is no hoax, the depot manager said.") == 0
    # A cue that carries its own negation still refutes.
    assert refutations("The report is not true.") == 1
    # A negation far before the cue does not reach it.
    assert refutations("Nobody was hurt when the tram left the depot, but the photo is fake.") == 1


def test_myth_refutes_as_a_verdict_not_as_a_topic() -> None:
    assert refutations("The story of the singing tram is a myth.") == 1
    assert refutations("An old myth about the singing tram drew tourists.") == 0


def test_cues_of_one_sentence() -> None:
    c = sentence_cues("The tram operator reportedly denied the photos were doctored?")
    assert (c.refute, c.denial, c.hedge >= 1, c.question) == (1, 1, True, True)
    assert c.stance == "denied"
