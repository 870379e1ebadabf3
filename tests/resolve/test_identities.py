"""resolve(): within reports, within stories, across stories, constraints, aliases and ids.

The reports here are fictional, written for these tests; mentions are built by hand the way
the analyze stage gives them (a span, a type, a role when one is attached).
"""

from __future__ import annotations

import random

from newsprism.resolve.aliases import parse_aliases
from newsprism.resolve.identities import Resolution
from newsprism.types import Event, Quote

from .fixtures import Report, run


def eid(res: Resolution, r: Report, surface: str, nth: int = 0) -> str:
    return res.mention_entity[(r.rid, r.index(surface, nth))]


def name_of(res: Resolution, entity_id: str) -> str:
    return next(e.name for e in res.entities if e.id == entity_id)


def test_short_forms_titles_and_possessives_within_a_report() -> None:
    r = Report("r1", "Harbour Minister Lin Haoran opened the ferry terminal on Monday. Lin said "
                     "Lin's ministry would pay. Maj. Gen. Oskar Brandt attended; Brandt spoke.")
    r.m("Lin Haoran", role="Harbour Minister").m("Lin").m("Lin's").m("Maj. Gen. Oskar Brandt")
    r.m("Brandt")
    res = run([r])
    lin = eid(res, r, "Lin Haoran")
    assert eid(res, r, "Lin") == eid(res, r, "Lin's") == lin
    assert name_of(res, lin) == "Lin Haoran"
    brandt = eid(res, r, "Maj. Gen. Oskar Brandt")
    assert eid(res, r, "Brandt") == brandt != lin
    entity = next(e for e in res.entities if e.id == brandt)
    assert entity.name == "Oskar Brandt" and "Maj. Gen." in entity.roles


def test_ambiguous_short_form_stays_apart() -> None:
    r = Report("r1", "John Smith and Mary Smith run the port. Smith said prices would rise.")
    r.m("John Smith").m("Mary Smith").m("Smith", "PERSON")
    res = run([r])
    ids = {eid(res, r, "John Smith"), eid(res, r, "Mary Smith"), eid(res, r, "Smith", 0)}
    assert len(ids) == 3


def test_transliterations_and_letter_swaps_across_reports() -> None:
    a = Report("a", "Mahmoud Khazali, the port director, resigned. Karimani replaced him.")
    a.m("Mahmoud Khazali").m("Karimani")
    b = Report("b", "Mahmud Hazali left the port on Friday, and Karimnai took over.")
    b.m("Mahmud Hazali").m("Karimnai")
    res = run([a, b])
    assert eid(res, a, "Mahmoud Khazali") == eid(res, b, "Mahmud Hazali")
    assert eid(res, a, "Karimani") == eid(res, b, "Karimnai")
    assert eid(res, a, "Karimani") != eid(res, a, "Mahmoud Khazali")


def test_same_role_in_a_story_links_a_garbled_name() -> None:
    a = Report("a", "Chilean President Tomas Alcazar met the delegation. Chilean President "
                    "Alkasa then left.")
    a.m("Tomas Alcazar", role="Chilean President").m("Alkasa", role="Chilean President")
    b = Report("b", "Kenyan President Odhiambo Were spoke to Chilean President Alcazar.")
    b.m("Odhiambo Were", role="Kenyan President").m("Alcazar", role="Chilean President")
    res = run([a, b])
    alcazar = eid(res, a, "Tomas Alcazar")
    assert eid(res, a, "Alkasa") == eid(res, b, "Alcazar") == alcazar
    assert eid(res, b, "Odhiambo Were") != alcazar


def test_same_quote_links_speakers_across_reports() -> None:
    a = Report("a", 'Lestrade was quoted as saying: "We will defend free trade and fair '
                    'competition among independent partners."')
    a.m("Lestrade")
    b = Report("b", 'President Tomas Alcazar said: "Defending free trade and fair competition '
                    'is possible with independent partners."')
    b.m("Tomas Alcazar", role="President")
    quotes = [
        Quote("qa", "a", a.text.index("We"), len(a.text) - 1, a.text[a.text.index("We"):-1],
              "direct", speaker_text="Lestrade", speaker_start=0, speaker_end=8),
        Quote("qb", "b", b.text.index("Def"), len(b.text) - 1,
              b.text[b.text.index("Def"):-1], "direct", speaker_text="Tomas Alcazar"),
    ]
    res = run([a, b], quotes=quotes)
    assert eid(res, a, "Lestrade") == eid(res, b, "Tomas Alcazar")
    assert res.quote_speakers["qa"] == res.quote_speakers["qb"] == eid(res, a, "Lestrade")
    # Without the quotes nothing links them.
    plain = run([a, b])
    assert eid(plain, a, "Lestrade") != eid(plain, b, "Tomas Alcazar")


def test_coordinated_and_event_actors_are_never_merged() -> None:
    a = Report("a", "Ivan Petrov and Ivana Petrova arrived in the port. Petrov thanked "
                    "Petrova.")
    a.m("Ivan Petrov").m("Ivana Petrova").m("Petrov").m("Petrova")
    b = Report("b", "Ivan Petrov inspected the ships.")
    b.m("Ivan Petrov")
    c = Report("c", "Ivana Petrova inspected the docks.")
    c.m("Ivana Petrova")
    events = [Event("a", 50, 80, "CONSULT", "thanked", source_text="Petrov",
                    target_text="Petrova")]
    res = run([a, b, c], events=events)
    ivan, ivana = eid(res, a, "Ivan Petrov"), eid(res, a, "Ivana Petrova")
    assert ivan != ivana
    assert eid(res, b, "Ivan Petrov") == ivan
    assert eid(res, c, "Ivana Petrova") == ivana
    assert res.event_actors[("a", 0)] == (eid(res, a, "Petrov"), eid(res, a, "Petrova"))


def test_acronym_and_expansion() -> None:
    a = Report("a", "The Northern Ferry Workers Union called a strike. The NFWU said pay "
                    "was too low.")
    a.m("Northern Ferry Workers Union", "ORG").m("NFWU", "ORG")
    b = Report("b", "NFWU leaders met the minister.")
    b.m("NFWU", "ORG")
    res = run([a, b])
    union = eid(res, a, "Northern Ferry Workers Union")
    assert eid(res, a, "NFWU") == eid(res, b, "NFWU") == union
    assert name_of(res, union) in ("NFWU", "Northern Ferry Workers Union")


def test_across_stories_full_names_and_places_but_not_single_words() -> None:
    a = Report("a", "Oskar Brandt flew to Teheran.")
    a.m("Oskar Brandt").m("Teheran", "GPE")
    b = Report("b", "Oskar Brandt met officials in Tehran.")
    b.m("Oskar Brandt").m("Tehran", "GPE")
    c = Report("c", "Brandt, a baker, opened a shop.")
    c.m("Brandt")
    res = run([a, b, c], {"a": "s1", "b": "s2", "c": "s3"})
    assert eid(res, a, "Oskar Brandt") == eid(res, b, "Oskar Brandt")
    assert eid(res, c, "Brandt") != eid(res, a, "Oskar Brandt")
    place = eid(res, a, "Teheran")
    assert eid(res, b, "Tehran") == place
    entity = next(e for e in res.entities if e.id == place)
    assert entity.country == "IR" and entity.latitude is not None
    alone = run([a, b, c], {"a": "s1", "b": "s2", "c": "s3"}, across_stories=False)
    assert eid(alone, a, "Oskar Brandt") != eid(alone, b, "Oskar Brandt")


def test_role_across_stories_needs_close_dates() -> None:
    a = Report("a", "Kenyan Defense Minister Amina Wario visited the port.")
    a.m("Amina Wario", role="Kenyan Defense Minister")
    b = Report("b", "Kenya's defence minister Wario signed the deal.")
    b.m("Wario", role="Kenya's defence minister")
    stories = {"a": "s1", "b": "s2"}
    near = run([a, b], stories, report_dates={"a": "2031-05-02", "b": "2031-05-20"})
    assert eid(near, a, "Amina Wario") == eid(near, b, "Wario")
    far = run([a, b], stories, report_dates={"a": "2031-05-02", "b": "2033-01-20"})
    assert eid(far, a, "Amina Wario") != eid(far, b, "Wario")


def test_ids_are_deterministic_and_independent_of_input_order() -> None:
    reports = []
    for k in range(6):
        r = Report(f"r{k}", f"Oskar Brandt met Lin Haoran in Nairobi, report {k}.")
        r.m("Oskar Brandt").m("Lin Haoran").m("Nairobi", "GPE")
        reports.append(r)
    first = run(reports)
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)
    again = run(shuffled)
    assert first.mention_entity == again.mention_entity
    assert sorted(e.id for e in first.entities) == sorted(e.id for e in again.entities)
    # A known entity's id is kept when the entity's name stays.
    renamed = run(reports, known=[first.entities[0].__class__(
        "e-kept", "Oskar Brandt", "PERSON")])
    assert eid(renamed, reports[0], "Oskar Brandt") == "e-kept"


def test_alias_file_forces_and_forbids() -> None:
    a = Report("a", "Tomas Alcazar spoke. Ivan Petrov listened.")
    a.m("Tomas Alcazar").m("Ivan Petrov")
    b = Report("b", "Lestrade spoke. Ivan Petrova listened.")
    b.m("Lestrade").m("Ivan Petrova")
    plain = run([a, b])
    assert eid(plain, a, "Tomas Alcazar") != eid(plain, b, "Lestrade")
    assert eid(plain, a, "Ivan Petrov") == eid(plain, b, "Ivan Petrova")
    rules = parse_aliases('[[same]]\nnames = ["Tomas Alcazar", "Lestrade"]\n'
                          'canonical = "Tomas Alcazar"\n'
                          '[[different]]\nnames = ["Ivan Petrov", "Ivan Petrova"]\n')
    ruled = run([a, b], aliases=rules)
    assert eid(ruled, a, "Tomas Alcazar") == eid(ruled, b, "Lestrade")
    assert name_of(ruled, eid(ruled, b, "Lestrade")) == "Tomas Alcazar"
    assert eid(ruled, a, "Ivan Petrov") != eid(ruled, b, "Ivan Petrova")
    # Across stories too.
    apart = run([a, b], {"a": "s1", "b": "s2"}, aliases=rules)
    assert eid(apart, a, "Tomas Alcazar") == eid(apart, b, "Lestrade")


def test_pronouns_and_descriptions() -> None:
    r = Report("r", "Amina Wario opened the terminal. She said the company would hire "
                    "locals. Harbourline Ltd said it agreed.")
    r.m("Amina Wario").m("She").m("company", "HUM").m("Harbourline Ltd", "ORG").m("it")
    res = run([r])
    assert eid(res, r, "She") == eid(res, r, "Amina Wario")
    assert eid(res, r, "it") == eid(res, r, "Harbourline Ltd")
    assert eid(res, r, "company") == eid(res, r, "Harbourline Ltd")


def test_an_organisation_and_its_spokesperson_quoted_alike_stay_two() -> None:
    a = Report("a", 'The Harbour Authority said: "All ferries will sail again on Monday '
                    'morning after repairs."')
    a.m("Harbour Authority", "ORG")
    b = Report("b", 'Spokesman Teodor Vask said: "All ferries will sail again on Monday '
                    'morning after the repairs."')
    b.m("Teodor Vask", role="Spokesman")
    qa, qb = (r.text.index('"') + 1 for r in (a, b))
    quotes = [Quote("qa", "a", qa, len(a.text) - 1, a.text[qa:-1], "direct",
                    speaker_text="Harbour Authority"),
              Quote("qb", "b", qb, len(b.text) - 1, b.text[qb:-1], "direct",
                    speaker_text="Teodor Vask")]
    res = run([a, b], quotes=quotes)
    assert eid(res, a, "Harbour Authority") != eid(res, b, "Teodor Vask")


def test_transliterated_full_name_with_the_same_role_joins_across_stories() -> None:
    # One fictional minister written from two transliterations in two stories.
    a = Report("a", "Interior Minister Hryhoriy Shelestenko toured the dam on Monday.")
    a.m("Hryhoriy Shelestenko", role="Interior Minister")
    b = Report("b", "Interior Minister Grigoriy Zelestenko opened the new border post.")
    b.m("Grigoriy Zelestenko", role="Interior Minister")
    res = run([a, b], {"a": "s1", "b": "s2"},
              report_dates={"a": "2031-03-02", "b": "2031-03-04"})
    assert eid(res, a, "Hryhoriy Shelestenko") == eid(res, b, "Grigoriy Zelestenko")


def test_successive_ministers_and_shared_surnames_stay_apart_across_stories() -> None:
    # Same role, unrelated names: one minister followed another.
    a = Report("a", "Interior Minister Pavlo Drach resigned on Monday.")
    a.m("Pavlo Drach", role="Interior Minister")
    b = Report("b", "Interior Minister Olena Marchuk took office on Friday.")
    b.m("Olena Marchuk", role="Interior Minister")
    # Same surname, given names that are no variants of each other.
    c = Report("c", "Bohdan Marchuk, a farmer, lost his barn in the flood.")
    c.m("Bohdan Marchuk")
    res = run([a, b, c], {"a": "s1", "b": "s2", "c": "s3"},
              report_dates={"a": "2031-03-02", "b": "2031-03-06", "c": "2031-03-07"})
    assert eid(res, a, "Pavlo Drach") != eid(res, b, "Olena Marchuk")
    assert eid(res, b, "Olena Marchuk") != eid(res, c, "Bohdan Marchuk")
