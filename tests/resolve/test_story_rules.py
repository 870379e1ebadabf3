"""The resolver's story-level evidence: synonymous description heads, a report's and a story's
main person, pronoun salience, event days, sister stories, and what never joins (a person's
and an organisation's full names, a score after a team, groups and numbers as individuals).

Fictional reports written for these tests; mentions are built the way the analyze stage gives
them (tests/resolve/fixtures.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsprism.resolve.identities import Resolution
from newsprism.resolve.linking import calendar_day, clock_time
from newsprism.resolve.synonyms import sentence_of, similar_pairs

from .fixtures import Report, run


def eid(res: Resolution, r: Report, surface: str, nth: int = 0) -> str:
    return res.mention_entity[(r.rid, r.index(surface, nth))]

# Toy embeddings: "breach" and "leak" point the same way, "repair" elsewhere, "guard" and
# "raider" close enough to count as alike (to test the one-sentence guard).
_VECTORS = {
    "breach": (1.0, 0.0, 0.0), "leak": (0.96, 0.28, 0.0), "repair": (0.0, 1.0, 0.0),
    "raider": (0.0, 0.0, 1.0), "guard": (0.0, 0.28, 0.96), "mend": (0.8, 0.6, 0.0),
}


def toy_embedder(texts: Sequence[str]) -> np.ndarray:
    rows = [_VECTORS.get(t, (0.577, 0.577, 0.577)) for t in texts]
    out = np.asarray(rows, dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_similar_pairs_and_sentences() -> None:
    pairs = similar_pairs(["breach", "repair", "leak"], toy_embedder, threshold=0.9)
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]
    assert similar_pairs(["breach"], toy_embedder) == []
    assert similar_pairs(["breach", "leak"], lambda texts: None) == []
    text = "One thing. Another thing!\nA third."
    assert sentence_of(text, [0, 12, 27]) == [0, 1, 2]


def test_synonymous_heads_join_unless_one_sentence_uses_both() -> None:
    a = Report("a", "The breach exposed the ferry tickets. Raiders hit the depot.")
    a.m("breach", "NON").m("Raiders", "HUM")
    b = Report("b", "The leak was found on Monday. The repair took a week.")
    b.m("leak", "NON").m("repair", "NON")
    c = Report("c", "The raiders fled as the guards watched.")
    c.m("raiders", "HUM").m("guards", "HUM")
    res = run([a, b, c], embedder=toy_embedder)
    assert eid(res, a, "breach") == eid(res, b, "leak")
    assert eid(res, b, "repair") != eid(res, b, "leak")
    assert eid(res, c, "raiders") != eid(res, c, "guards")
    plain = run([a, b, c])
    assert eid(plain, a, "breach") != eid(plain, b, "leak")


def test_loosely_alike_heads_join_when_their_stories_use_them_alike() -> None:
    # "mend" and "repair" are 0.6 alike: enough only with shared words around them.
    a = Report("a", "Harbourline released the mend for its ticket booking website on Monday.")
    a.m("mend", "NON")
    b = Report("b", "Harbourline released the repair for its ticket booking website on Friday.")
    b.m("repair", "NON")
    c = Report("c", "Crews began the mend overnight.")
    c.m("mend", "NON")
    d = Report("d", "The repair cost little, officials said.")
    d.m("repair", "NON")
    res = run([a, b, c, d], {"a": "s1", "b": "s1", "c": "s2", "d": "s2"},
              embedder=toy_embedder, across_stories=False)
    assert eid(res, a, "mend") == eid(res, b, "repair")
    assert eid(res, c, "mend") != eid(res, d, "repair")


def test_a_reports_main_person_takes_its_descriptions_but_not_its_lawyer() -> None:
    r = Report("r", "Ines Valdera sang on Friday. Valdera's lawyer, Tomas Brec, said the "
                    "singer was tired. Valdera left early. The lawyer stayed.")
    r.m("Ines Valdera").m("Valdera").m("Tomas Brec").m("singer", "HUM").m("Valdera")
    r.m("lawyer", "HUM", None)
    res = run([r])
    valdera = eid(res, r, "Ines Valdera")
    assert eid(res, r, "singer") == valdera
    assert eid(res, r, "lawyer") != valdera
    assert eid(res, r, "Tomas Brec") != valdera


def test_a_storys_main_person_takes_descriptions_of_reports_naming_no_one() -> None:
    a = Report("a", "Ines Valdera sang in Porto. Tomas Brec played the drums.")
    a.m("Ines Valdera").m("Tomas Brec")
    b = Report("b", "Ines Valdera cancelled the second night.")
    b.m("Ines Valdera")
    c = Report("c", "The singer was unwell, a friend said. Those who waited went home.")
    c.m("singer", "HUM").m("Those", "HUM")
    res = run([a, b, c])
    assert eid(res, c, "singer") == eid(res, a, "Ines Valdera")
    assert eid(res, c, "Those") != eid(res, a, "Ines Valdera")


def test_pronoun_prefers_the_referent_mentioned_most() -> None:
    r = Report("r", "Ruben Alto won the vote. Alto thanked the staff. Marco Pell, a rival, "
                    "congratulated him.")
    r.m("Ruben Alto").m("Alto").m("Marco Pell").m("him")
    res = run([r])
    assert eid(res, r, "him") == eid(res, r, "Ruben Alto")


def test_relative_days_take_their_reports_weekday() -> None:
    a = Report("a", "The dam broke on Tuesday. Rescuers worked through the night.")
    a.m("Tuesday", "DATE")
    b = Report("b", "The dam broke yesterday, officials said.")
    b.m("yesterday", "DATE")
    c = Report("c", "On Thursday the river fell. It rose again today.")
    c.m("Thursday", "DATE").m("today", "DATE")
    d = Report("d", "The dam broke on Tuesday morning.")
    d.m("Tuesday morning", "DATE")
    res = run([a, b, c, d])
    tuesday = eid(res, a, "Tuesday")
    assert eid(res, d, "Tuesday morning") == tuesday
    assert eid(res, b, "yesterday") == tuesday  # Tuesday: named in twice as many reports
    assert eid(res, c, "today") == eid(res, c, "Thursday") != tuesday


def test_one_calendar_day_however_written() -> None:
    a = Report("a", "The bridge reopened on Friday, March 14, 2025, after repairs.")
    a.m("Friday, March 14, 2025", "DATE")
    b = Report("b", "Traffic crossed again on Mar. 14 and again on 14th March's evening.")
    b.m("Mar. 14", "DATE").m("14th March", "DATE")
    c = Report("c", "The bridge first opened on March 14, 1990, and closed on March 4.")
    c.m("March 14, 1990", "DATE").m("March 4", "DATE")
    res = run([a, b, c])
    day = eid(res, a, "Friday, March 14, 2025")
    assert eid(res, b, "Mar. 14") == eid(res, b, "14th March") == day
    assert eid(res, c, "March 14, 1990") != day  # another year
    assert eid(res, c, "March 4") != day


def test_a_body_named_by_a_collective_noun_is_an_it() -> None:
    r = Report("r", "The coastal navy said it had towed the trawler. The skipper said it "
                    "was leaking.")
    r.m("navy", "HUM").m("it", "HUM").m("skipper", "HUM").m("it", "NON")
    res = run([r])
    assert eid(res, r, "it") == eid(res, r, "navy")
    assert eid(res, r, "it", 1) != eid(res, r, "skipper")


def test_one_clock_time_however_written() -> None:
    a = Report("a", "The alarm sounded at about 4:15 a.m. and again at 6 p.m.")
    a.m("at about 4:15 a.m.", "TIME").m("at 6 p.m.", "TIME")
    b = Report("b", "Neighbours heard the alarm at 4.15am.")
    b.m("at 4.15am", "TIME")
    res = run([a, b])
    assert eid(res, b, "at 4.15am") == eid(res, a, "at about 4:15 a.m.")
    assert eid(res, a, "at 6 p.m.") != eid(res, a, "at about 4:15 a.m.")
    assert clock_time("between 7 am and 9 pm") is None


def test_calendar_day_reads_month_and_day() -> None:
    assert calendar_day(("dec", "6")) == (12, 6, None)
    assert calendar_day(("on", "tuesday", "december", "9", "2008")) == (12, 9, 2008)
    assert calendar_day(("the", "6th", "june")) == (6, 6, None)
    assert calendar_day(("in", "june", "2005")) is None
    assert calendar_day(("june", "6", "july", "7")) is None


def test_amounts_in_words_and_figures_are_one() -> None:
    r = Report("r", "The clinic served eight years in the old wing and 8 years in the new one; "
                    "nine years before that it was a school.")
    r.m("eight years", "DATE").m("8 years", "DATE").m("nine years", "DATE")
    res = run([r])
    assert eid(res, r, "eight years") == eid(res, r, "8 years") != eid(res, r, "nine years")


def test_sister_stories_share_descriptions_and_short_names() -> None:
    a = Report("a", "Ines Valdera and Tomas Brec boarded the ferry at Port Selka on Tuesday.")
    a.m("Ines Valdera").m("Tomas Brec").m("ferry", "NON").m("Tuesday", "DATE")
    b = Report("b", "Ines Valdera said Tomas Brec slept on the ferry on Tuesday. Brec denied "
                    "it.")
    b.m("Ines Valdera").m("Tomas Brec").m("ferry", "NON").m("Tuesday", "DATE")
    c = Report("c", "Brec filed a complaint about the ferry.")
    c.m("Brec").m("ferry", "NON")
    res = run([a, b, c], {"a": "s1", "b": "s2", "c": "s3"})
    assert eid(res, a, "ferry") == eid(res, b, "ferry")
    assert eid(res, a, "Tuesday") == eid(res, b, "Tuesday")
    # s3 shares no two named referents with the others: its ferry stays its own.
    assert eid(res, c, "ferry") != eid(res, a, "ferry")
    lone = Report("d", "Valdera and Brec argued.")
    lone.m("Valdera").m("Brec")
    res2 = run([a, b, lone], {"a": "s1", "b": "s2", "d": "s4"})
    assert eid(res2, lone, "Brec") != eid(res2, a, "Tomas Brec")


def test_generational_suffix_and_surname_over_a_small_town() -> None:
    a = Report("a", "Arlo Denning Jr. opened the mill. Maria Lopez bought it.")
    a.m("Arlo Denning Jr.").m("Maria Lopez")
    b = Report("b", "Arlo Denning said Lopez paid in cash.")
    b.m("Arlo Denning").m("Lopez", "GPE")
    res = run([a, b])
    assert eid(res, a, "Arlo Denning Jr.") == eid(res, b, "Arlo Denning")
    assert eid(res, b, "Lopez") == eid(res, a, "Maria Lopez")


def test_person_and_organisation_full_names_never_join() -> None:
    # "the carrier" is Harbourline Shipping (apposition); the sole-person rule would also
    # make it the one person the report names.
    r = Report("r", "Harbourline Shipping, the carrier, hired Pavel Orsk on Monday.")
    r.m("Harbourline Shipping", "ORG").m("the carrier", "HUM").m("Pavel Orsk")
    res = run([r])
    assert eid(res, r, "the carrier") == eid(res, r, "Harbourline Shipping")
    assert eid(res, r, "Pavel Orsk") != eid(res, r, "Harbourline Shipping")


def test_a_score_after_a_team_is_no_apposition() -> None:
    r = Report("r", "The Lakeside Herons beat the Port Gulls, 98-91, on Sunday.")
    r.m("Lakeside Herons", "ORG").m("Port Gulls", "ORG").m("98-91", "NON")
    res = run([r])
    assert eid(res, r, "98-91") != eid(res, r, "Port Gulls")


def test_acronym_takes_every_mention_of_its_one_expansion() -> None:
    a = Report("a", "Northern Ferry Board said the Northern Ferry Board would meet.")
    a.m("Northern Ferry Board", "NON").m("Northern Ferry Board", "NON")
    b = Report("b", "The NFB cancelled the meeting.")
    b.m("NFB", "NON")
    res = run([a, b])
    assert (eid(res, b, "NFB") == eid(res, a, "Northern Ferry Board")
            == eid(res, a, "Northern Ferry Board", 1))


def test_sister_stories_need_the_same_main_person() -> None:
    # Two stories sharing the governor and the building but about two different appointees
    # report two events: their boards stay apart.
    a = Report("a", "Governor Lena Ostrova named Pavel Rusk to the board at Hallam Court. "
                    "Rusk thanked her. Rusk starts in May.")
    a.m("Lena Ostrova").m("Pavel Rusk").m("board", "NON").m("Hallam Court", "FAC")
    a.m("Rusk").m("Rusk")
    b = Report("b", "Governor Lena Ostrova named Dana Miel to the board at Hallam Court. "
                    "Miel thanked her. Miel starts in June.")
    b.m("Lena Ostrova").m("Dana Miel").m("board", "NON").m("Hallam Court", "FAC")
    b.m("Miel").m("Miel")
    res = run([a, b], {"a": "s1", "b": "s2"})
    assert eid(res, a, "Lena Ostrova") == eid(res, b, "Lena Ostrova")
    assert eid(res, a, "board") != eid(res, b, "board")
    # Two stories whose main person is the same share their descriptions, even with no
    # second named referent in common.
    c = Report("c", "Pavel Rusk quit the board on Monday. Rusk said the board ignored him.")
    c.m("Pavel Rusk").m("board", "NON").m("Rusk").m("board", "NON")
    d = Report("d", "Pavel Rusk has left the board. Rusk gave no reason.")
    d.m("Pavel Rusk").m("board", "NON").m("Rusk")
    res2 = run([c, d], {"c": "s3", "d": "s4"})
    assert eid(res2, c, "board") == eid(res2, d, "board")


def test_sister_stories_share_a_day_named_inside_a_longer_time() -> None:
    a = Report("a", "Ines Valdera and Tomas Brec left Port Selka on Tuesday.")
    a.m("Ines Valdera").m("Tomas Brec").m("Port Selka", "GPE").m("Tuesday", "DATE")
    b = Report("b", "Ines Valdera and Tomas Brec sailed early Tuesday morning and came back "
                    "late Friday night.")
    b.m("Ines Valdera").m("Tomas Brec").m("early Tuesday morning", "TIME")
    b.m("late Friday night", "TIME")
    res = run([a, b], {"a": "s1", "b": "s2"})
    assert eid(res, a, "Tuesday") == eid(res, b, "early Tuesday morning")
    assert eid(res, a, "Tuesday") != eid(res, b, "late Friday night")


def test_a_team_named_with_a_figure_is_the_storys_team() -> None:
    a = Report("a", "The Bayport 49ers signed a new coach on Monday.")
    a.m("Bayport 49ers", "ORG")
    b = Report("b", "The coach said the 49ers would change. Other clubs watched.")
    b.m("49ers", "HUM").m("clubs", "HUM")
    res = run([a, b])
    assert eid(res, b, "49ers") == eid(res, a, "Bayport 49ers")
    assert eid(res, b, "clubs") != eid(res, a, "Bayport 49ers")


def test_a_weekday_inside_a_longer_time_is_the_events_day() -> None:
    a = Report("a", "The dam at Orvik cracked early Thursday morning, officials said.")
    a.m("early Thursday morning", "TIME")
    b = Report("b", "Engineers inspected the dam on Thursday and again on Saturday.")
    b.m("Thursday", "DATE").m("Saturday", "DATE")
    c = Report("c", "The dam cracked yesterday, on Thursday, March 3, villagers said.")
    c.m("yesterday", "DATE").m("Thursday, March 3", "DATE")
    res = run([a, b, c])
    thursday = eid(res, b, "Thursday")
    assert eid(res, a, "early Thursday morning") == thursday
    assert eid(res, c, "Thursday, March 3") == eid(res, c, "yesterday") == thursday
    assert eid(res, b, "Saturday") != thursday


def test_credentials_after_a_name_are_not_part_of_it() -> None:
    a = Report("a", "The clinic hired Tova Lindqvist, M.D., M.P.H. on Monday.")
    a.m("Tova Lindqvist, M.D., M.P.H.")
    b = Report("b", "Tova Lindqvist starts in May, and Oren Lindqvist, PhD, joins her.")
    b.m("Tova Lindqvist").m("Oren Lindqvist, PhD")
    res = run([a, b])
    assert eid(res, a, "Tova Lindqvist, M.D., M.P.H.") == eid(res, b, "Tova Lindqvist")
    assert eid(res, b, "Oren Lindqvist, PhD") != eid(res, b, "Tova Lindqvist")
    names = {e.name for e in res.entities}
    assert "Oren Lindqvist" in names


def test_a_description_written_before_a_name_is_a_role() -> None:
    a = Report("a", "The award went to Fulbright scholar Ines Varga on Friday.")
    a.m("Fulbright scholar Ines Varga")
    b = Report("b", "Ines K. Varga accepted the award.")
    b.m("Ines K. Varga")
    c = Report("c", "Ines Varga thanked her students.")
    c.m("Ines Varga")
    res = run([a, b, c])
    varga = eid(res, c, "Ines Varga")
    assert eid(res, a, "Fulbright scholar Ines Varga") == eid(res, b, "Ines K. Varga") == varga
    entity = next(e for e in res.entities if e.id == varga)
    assert "Fulbright scholar" in entity.roles
