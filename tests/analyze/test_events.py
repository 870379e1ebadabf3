"""PLOVER events: type, actors from the parse, time, place, quantity, negation."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.analyze.events import extract_events
from newsprism.analyze.numbers import extract_numbers
from newsprism.analyze.plover import PLOVER_TYPES, VERBS, cameo_to_plover
from newsprism.analyze.times import extract_times
from newsprism.types import Event, Mention

ANCHOR = "2022-04-28"  # a Thursday


def _events(nlp: Language, text: str, entity_ids: bool = False) -> list[Event]:
    doc = nlp(text)
    mentions = [
        Mention("r", e.start_char, e.end_char, e.text, e.label_,
                entity_id=f"E:{e.text}" if entity_ids else None)
        for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
    ]
    return extract_events(doc, "r", mentions, extract_times(doc, "r", ANCHOR),
                          extract_numbers(doc, "r"))


def _one(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert found, f"no {kind} event in {events}"
    return found[0]


def test_meeting_is_consult_with_subject_and_object(nlp: Language) -> None:
    text = "Prime Minister Halvorsen met Finnish Trade Minister Korhonen in Helsinki on Monday."
    event = _one(_events(nlp, text, entity_ids=True), "CONSULT")
    assert event.source_text == "Halvorsen"
    assert event.target_text == "Korhonen"
    assert event.source_entity_id == "E:Halvorsen"
    assert event.place == "Helsinki"
    assert event.time == "2022-04-25"
    assert (event.start, event.end) == (0, len(text))
    assert not event.negated


def test_purchase_is_cooperate_with_quantity(nlp: Language) -> None:
    event = _one(_events(nlp, "Norway will buy 2,400 trucks from Sweden."), "COOPERATE")
    assert event.source_text == "Norway"
    assert event.target_text == "Sweden"
    assert event.quantity == 2400


def test_light_verb_objects_decide_the_type(nlp: Language) -> None:
    assert _one(_events(nlp, "Chile imposed sanctions on Peru."), "SANCTION").target_text == (
        "Peru")
    assert _one(_events(nlp, "Ghana and Togo held talks in Accra."), "CONSULT")
    broken = _one(_events(nlp, "Latvia has broken relations with Belarus."), "SANCTION")
    assert broken.source_text == "Latvia"
    restored = _one(_events(nlp, "Kenya is about to restore full ties with Uganda."),
                    "COOPERATE")
    assert (restored.source_text, restored.target_text) == ("Kenya", "Uganda")


def test_passive_agent_is_the_source(nlp: Language) -> None:
    event = _one(_events(nlp, "The reporter was arrested by police in Minsk."), "COERCE")
    assert event.source_text == "police"
    assert event.target_text == "reporter"  # the noun phrase without its determiner
    assert event.place == "Minsk"


def test_negation_is_recorded(nlp: Language) -> None:
    event = _one(_events(nlp, "The rebels did not attack the convoy."), "ASSAULT")
    assert event.negated


def test_intention_to_cooperate_is_agree(nlp: Language) -> None:
    events = _events(nlp, "Portugal wants to strengthen cooperation with Brazil.")
    assert _one(events, "COOPERATE").target_text == "Brazil"
    assert _one(events, "AGREE").source_text == "Portugal"


def test_invitation_makes_the_invitee_the_visitor(nlp: Language) -> None:
    events = _events(nlp, "Halvorsen invited him to visit Norway.")
    assert _one(events, "REQUEST").target_text == "him"
    visit = _one(events, "CONSULT")
    assert (visit.source_text, visit.target_text) == ("him", "Norway")


def test_weapon_fire_is_assault_but_firing_staff_is_not(nlp: Language) -> None:
    fired = _one(_events(nlp, "The navy fired two missiles at the frigate."), "ASSAULT")
    assert fired.quantity == 2
    assert not [e for e in _events(nlp, "The bakery fired its manager.") if e.type == "ASSAULT"]


def test_reported_attack_is_also_an_accusation(nlp: Language) -> None:
    events = _events(nlp, "Estonia claimed that Russia had attacked the border post.")
    accuse = _one(events, "ACCUSE")
    assert (accuse.source_text, accuse.target_text) == ("Estonia", "Russia")
    assert _one(events, "ASSAULT").source_text == "Russia"


def test_sentence_without_event(nlp: Language) -> None:
    assert _events(nlp, "The weather in Bergen was mild and grey.") == []


def test_lexicon_and_cameo_mapping() -> None:
    assert set(VERBS.values()) <= set(PLOVER_TYPES)
    assert cameo_to_plover("042") == "CONSULT"
    assert cameo_to_plover("1721") == "COERCE"
    assert cameo_to_plover("057") == "AGREE"
    assert cameo_to_plover("010") is None
    assert cameo_to_plover("903") is None


@pytest.mark.parametrize("kind", PLOVER_TYPES)
def test_every_type_has_triggers(kind: str) -> None:
    assert kind in set(VERBS.values())


def test_senses_that_are_not_events(nlp: Language) -> None:
    assert not [e for e in _events(nlp, "The alliance is fighting terrorism in the region.")
                if e.type == "ASSAULT"]
    assert not [e for e in _events(nlp, "The ministry released a photo of the dam.")
                if e.type == "CONCEDE"]
    assert _one(_events(nlp, "The junta released forty prisoners."), "CONCEDE")
    assert _one(_events(nlp, "Brazil withdrew from the trade pact."), "REJECT")


def test_appositive_name_is_the_actor(nlp: Language) -> None:
    event = _one(_events(nlp, "Halvorsen met his Danish counterpart, Minister Lars Holm."),
                 "CONSULT")
    assert event.target_text == "Lars Holm"


def test_wish_that_another_acts_is_a_request_by_the_wisher(nlp: Language) -> None:
    request = _one(_events(nlp, "Halvorsen wants Korhonen to visit Oslo."), "REQUEST")
    assert (request.source_text, request.target_text) == ("Halvorsen", "Korhonen")


def test_announced_future_act_is_intent_by_the_speaker(nlp: Language) -> None:
    events = _events(nlp, "Chile announced it would release twelve fishermen.")
    assert _one(events, "CONCEDE").source_text == "Chile"
    assert _one(events, "AGREE").source_text == "Chile"
    refusal = _events(nlp, "Peru said it would not grant permission to Bolivia.")
    assert _one(refusal, "REJECT").target_text == "Bolivia"


def test_passive_light_verb_and_received_objects(nlp: Language) -> None:
    presented = _one(_events(nlp, "Evidence against Latvia was presented by Estonia."),
                     "ACCUSE")
    assert (presented.source_text, presented.target_text) == ("Estonia", "Latvia")
    assured = _one(_events(nlp, "The farmers received assurances from Norway."), "AGREE")
    assert assured.source_text == "Norway"
    pressed = _one(_events(nlp, "Halvorsen faces pressure from Sweden to resign."), "REQUEST")
    assert (pressed.source_text, pressed.target_text) == ("Sweden", "Halvorsen")


def test_visits_target_the_place_visited(nlp: Language) -> None:
    arrived = _one(_events(nlp, "Halvorsen arrived in Finland on Monday."), "CONSULT")
    assert arrived.target_text == "Finland"
    left = _one(_events(nlp, "Halvorsen left for Helsinki on Monday for talks."), "CONSULT")
    assert left.target_text == "Helsinki"
    assert not [e for e in _events(nlp, "The ferry left for the harbour at noon.")
                if e.type == "CONSULT"]


def test_conjoined_partners_and_nominal_events(nlp: Language) -> None:
    events = _events(nlp, "Ghana and Togo postponed their meeting.")
    pairs = {(e.source_text, e.target_text) for e in events if e.type == "SANCTION"}
    assert pairs == {("Ghana", "Togo"), ("Togo", "Ghana")}
    talks = _one(_events(nlp, "Talks between Chile and Peru resumed on Monday."), "CONSULT")
    assert (talks.source_text, talks.target_text) == ("Chile", "Peru")
    lifted = _events(nlp, "Norway welcomed the restoration of ties between Chile and Peru.")
    assert _one(lifted, "SUPPORT").source_text == "Norway"
    assert _one(lifted, "COOPERATE").target_text == "Peru"


def test_events_without_any_actor_are_dropped(nlp: Language) -> None:
    assert _events(nlp, "Several buildings were destroyed overnight.") == []


def test_listed_states_meet_each_other_and_venue_is_the_host(nlp: Language) -> None:
    events = _events(nlp, "Chile, Peru and Bolivia met on Monday.")
    pairs = {(e.source_text, e.target_text) for e in events if e.type == "CONSULT"}
    assert ("Chile", "Peru") in pairs and ("Bolivia", "Chile") in pairs
    venue = _one(_events(nlp, "Halvorsen will hold a rally in Bergen."), "PROTEST")
    assert venue.target_text == "Bergen"


def test_nationality_object_and_passive_conjunct(nlp: Language) -> None:
    engaged = _one(_events(nlp, "Malian rebels attacked Chadian peacekeepers."), "ASSAULT")
    assert engaged.target_text == "Chadian"
    freed = _one(_events(nlp, "The activists were arrested and were later released by Oslo."),
                 "CONCEDE")
    assert freed.source_text == "Oslo"


def test_people_from_a_state_stand_for_it(nlp: Language) -> None:
    protest = _one(_events(nlp, "Dissidents from Peru protested outside the embassy."),
                   "PROTEST")
    assert protest.source_text == "Peru"


def test_a_date_is_not_an_actor(nlp: Language) -> None:
    killed = _one(_events(nlp, "The storm of May 4, which killed two fishermen from Chile, "
                                "was the worst in years."), "ASSAULT")
    assert killed.source_text is None


def test_nominalized_acts_and_called_off_talks(nlp: Language) -> None:
    signing = [e for e in _events(nlp, "Norway welcomed the signing of the agreement between "
                                       "Chile and Peru.") if e.type == "AGREE"]
    assert [(e.source_text, e.target_text) for e in signing] == [("Chile", "Peru")]
    lifting = _one(_events(nlp, "The lifting of sanctions on Cuba by Chile angered Peru."),
                   "CONCEDE")
    assert (lifting.source_text, lifting.target_text) == ("Chile", "Cuba")
    assert _one(_events(nlp, "The ministers called off the talks."), "SANCTION")
