"""Story clustering: separate events of one kind and place, order independence, state."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.cluster.features import ReportFeatures
from newsprism.cluster.stories import STATE_VERSION, StoryClusterer
from newsprism.errors import ConfigError, NotFound
from newsprism.types import Report

from .fixtures import FLOOD_2019, FLOOD_2023, UNRELATED

ALL = [*FLOOD_2019, *FLOOD_2023, UNRELATED]
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def partition(assignments: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for report, story in assignments.items():
        groups.setdefault(story, set()).add(report)
    return {frozenset(g) for g in groups.values()}


def cluster(reports: list[Report]) -> StoryClusterer:
    clusterer = StoryClusterer()
    for report in reports:
        clusterer.add(report)
    return clusterer


def test_two_floods_in_one_town_stay_apart() -> None:
    stories = partition(cluster(ALL).assignments())
    assert frozenset(r.id for r in FLOOD_2019) in stories
    assert frozenset(r.id for r in FLOOD_2023) in stories
    assert frozenset({UNRELATED.id}) in stories


def test_undated_floods_apart_by_the_dates_they_mention() -> None:
    undated = [replace(r, published_at=None, published_precision=None,
                       published_source="unknown") for r in ALL]
    dated_text = [
        replace(r, text=r.text + f"\nThe flood began on {when}.")
        for r, when in zip(undated[:5], ["March 3, 2019"] * 3 + ["November 18, 2023"] * 2,
                           strict=True)
    ]
    stories = partition(cluster(dated_text).assignments())
    assert frozenset(r.id for r in FLOOD_2019) in stories
    assert frozenset(r.id for r in FLOOD_2023) in stories


def test_same_partition_and_ids_in_any_order() -> None:
    expected = cluster(ALL).assignments()
    for seed in range(8):
        shuffled = list(ALL)
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled).assignments() == expected


def test_story_id_is_smallest_member_and_merges_touch_only_joined_stories() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(FLOOD_2019[2])
    assert first == "f19-c"
    clusterer.add(UNRELATED)
    assert clusterer.add(FLOOD_2019[0]) == "f19-a"
    assert clusterer.story_of("f19-c") == "f19-a"
    assert clusterer.story_of("u-1") == "u-1"
    assert clusterer.members("f19-a") == ("f19-a", "f19-c")
    with pytest.raises(NotFound):
        clusterer.members("f19-c")


def test_adding_a_report_twice_changes_nothing() -> None:
    clusterer = cluster(ALL)
    before = clusterer.assignments()
    assert clusterer.add(FLOOD_2019[1]) == before["f19-b"]
    assert clusterer.assignments() == before
    assert len(clusterer) == len(ALL)


def test_stories_have_titles_and_dates() -> None:
    stories = {s.id: s for s in cluster(ALL).stories()}
    flood = stories["f19-a"]
    assert flood.report_ids == ("f19-a", "f19-b", "f19-c")
    assert flood.first_seen == "2019-03-04"
    assert flood.last_seen == "2019-03-05"
    assert "Marrowby" in flood.title or "Ostwen" in flood.title
    assert stories["u-1"].title.startswith("Glassworks")


def test_state_round_trips_through_json() -> None:
    clusterer = cluster(ALL)
    state = json.loads(json.dumps(clusterer.to_state()))
    restored = StoryClusterer.from_state(state)
    assert restored.assignments() == clusterer.assignments()
    assert [s.title for s in restored.stories()] == [s.title for s in clusterer.stories()]
    extra = replace(FLOOD_2023[0], id="f23-c", text=FLOOD_2023[0].text + "\nMore rain is due.")
    assert restored.add(extra) == clusterer.add(extra) == "f23-a"


def test_bad_state_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="version"):
        StoryClusterer.from_state({"version": 99})
    with pytest.raises(ConfigError, match="malformed"):
        StoryClusterer.from_state({"version": STATE_VERSION, "threshold": 0.3})


def test_unknown_report_is_not_found() -> None:
    with pytest.raises(NotFound, match="nope"):
        StoryClusterer().story_of("nope")


def _seed_reports() -> list[Report]:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed reports not found at {seeds} (../shared is absent)")
    paths = sorted(seeds.glob("*.txt"))
    # 003 carries its date in its header (read by normalize); the rest have none.
    return [
        Report(id=p.name[:3], source=str(p), text=p.read_text(encoding="utf-8"),
               published_at="2022-04-28" if p.name.startswith("003") else None,
               published_precision="day" if p.name.startswith("003") else None,
               published_source="text" if p.name.startswith("003") else "unknown")
        for p in paths
    ]


def test_seed_reports_form_two_stories_in_any_order() -> None:
    reports = _seed_reports()
    expected = {frozenset({"000", "001"}), frozenset({"002", "003", "004"})}
    for order in itertools.islice(itertools.permutations(reports), 0, None, 17):
        assert partition(cluster(list(order)).assignments()) == expected


def _features(rid: str, vector: dict[str, float], day: int | None) -> ReportFeatures:
    return ReportFeatures(rid, vector, (day,) if day else (), day, None)


# Two dated stories far apart in time and an undated report that resembles both, below the
# strong threshold for reports without days, the second story more than the first.
_LINKED = [
    _features("a1", {"n:alpha": 0.8, "t:x": 0.6}, 700_000),
    _features("a2", {"n:alpha": 0.8, "t:x": 0.6}, 700_001),
    _features("b1", {"n:beta": 0.8, "t:z": 0.6}, 700_300),
    _features("u", {"n:alpha": 0.3, "n:beta": 0.4, "t:y": 0.866}, None),
]


def test_undated_report_joins_only_its_best_match_in_any_order() -> None:
    expected = {frozenset({"a1", "a2"}), frozenset({"b1", "u"})}
    for order in itertools.permutations(_LINKED):
        clusterer = StoryClusterer()
        for features in order:
            clusterer.add_features(features)
        assert partition(clusterer.assignments()) == expected, [f.report_id for f in order]


def test_better_match_moves_an_undated_report_and_reports_the_change() -> None:
    clusterer = StoryClusterer()
    for features in (_LINKED[0], _LINKED[1], _LINKED[3]):
        clusterer.add_features(features)
    assert clusterer.story_of("u") == "a1"
    clusterer.take_touched()
    assert clusterer.add_features(_LINKED[2]) == "b1"
    assert clusterer.story_of("u") == "b1"
    assert clusterer.members("a1") == ("a1", "a2")
    assert {"u", "a1", "b1"} <= clusterer.take_touched()
    assert clusterer.take_touched() == set()


def test_undated_reports_need_strong_evidence_to_link_to_several() -> None:
    # ``v`` resembles all three strongly; ``b0`` is dated close to ``a1`` and ``a2``.
    strong = _features("v", {"n:alpha": 0.7, "n:beta": 0.7}, None)
    near = _features("b0", {"n:beta": 0.8, "t:z": 0.6}, 700_003)
    assert _orders_partition([*_LINKED[:2], near, strong]) == {
        frozenset({frozenset({"a1", "a2", "b0", "v"})})}


def test_undated_report_does_not_bridge_reports_whose_days_are_far_apart() -> None:
    # ``v`` resembles both dated stories strongly, ``b1`` a little more, but they lie 300
    # days apart: the same kind of event twice, and ``v`` tells one of them.
    strong = _features("v", {"n:alpha": 0.69, "n:beta": 0.71}, None)
    assert _orders_partition([*_LINKED[:3], strong]) == {
        frozenset({frozenset({"a1", "a2"}), frozenset({"b1", "v"})})}


def test_older_year_mentioned_by_an_undated_report_is_no_conflict() -> None:
    dated = Report(id="d", source="d", text="The Varga Foundation opened the Kesma bridge.",
                   published_at="2031-05-02", published_precision="day",
                   published_source="metadata")
    undated = Report(id="u", source="u",
                     text="The Varga Foundation opened the Kesma bridge, planned since 2029.")
    later = replace(undated, id="w", text=undated.text.replace("2029", "2033"))
    clusterer = StoryClusterer()
    for report in (dated, undated, later):
        clusterer.add(report)
    entries = {rid: clusterer._entries[clusterer._number[rid]] for rid in "duw"}
    assert clusterer._year_penalty(entries["d"], entries["u"]) == 0.0
    assert clusterer._year_penalty(entries["d"], entries["w"]) > 0.0


def _unit(rid: str, weights: dict[str, float], day: int | None = None) -> ReportFeatures:
    """Features whose weights are scaled to unit length, so that dot products are cosines."""
    norm = sum(w * w for w in weights.values()) ** 0.5
    return _features(rid, {k: w / norm for k, w in weights.items()}, day)


# ``u`` has no days; its best match is ``a`` (cosine 0.35, also undated) and its second ``b``
# (0.28, dated). Neither pair reaches the strong threshold for reports without days, so
# ``u`` links to ``b`` only when ``b`` resembles ``a`` at least as much as it resembles ``u``.
_U = _unit("u", {"n:alpha": 0.35, "n:beta": 0.1834, "t:y": 0.9185})
_A = _unit("a", {"n:alpha": 1.0})


def _orders_partition(features: list[ReportFeatures]) -> set[frozenset[frozenset[str]]]:
    """The partitions that every order of adding ``features`` gives (one when order-free)."""
    found = set()
    for order in itertools.permutations(features):
        clusterer = StoryClusterer()
        for item in order:
            clusterer.add_features(item)
        found.add(frozenset(partition(clusterer.assignments())))
    return found


def test_undated_report_links_a_second_match_that_resembles_its_first() -> None:
    b = _unit("b", {"n:alpha": 0.3, "n:beta": 0.954}, 700_000)
    assert _orders_partition([_U, _A, b]) == {frozenset({frozenset({"u", "a", "b"})})}


def test_undated_report_does_not_bridge_matches_that_do_not_resemble_each_other() -> None:
    # ``a`` resembles ``b`` too little to consider it (below the base threshold).
    b = _unit("b", {"n:alpha": 0.15, "n:beta": 0.9887}, 700_000)
    clusterer = StoryClusterer()
    for item in (_U, _A, b):
        clusterer.add_features(item)
    assert clusterer.similarity("a", "b") < clusterer.threshold <= clusterer.similarity("u", "b")
    assert _orders_partition([_U, _A, b]) == {
        frozenset({frozenset({"u", "a"}), frozenset({"b"})})}


def test_reports_citing_different_numbers_need_more_resemblance() -> None:
    day = 700_000
    first = _unit("r1", {"n:alpha": 0.2, "#:41": 0.5, "t:a": 0.8426}, day)
    other_number = _unit("r2", {"n:alpha": 0.9, "#:57": 0.4359}, day)
    no_number = _unit("r3", {"n:alpha": 0.9, "t:b": 0.4359}, day)
    for second, together in ((other_number, False), (no_number, True)):
        clusterer = StoryClusterer()
        clusterer.add_features(first)
        clusterer.add_features(second)
        assert clusterer.similarity("r1", second.report_id) >= clusterer.threshold
        assert (clusterer.story_of(second.report_id) == "r1") is together


def _random_reports(seed: int, count: int) -> list[ReportFeatures]:
    """Reports over a few shared names and numbers, half of them without days: many near-ties,
    displaced best matches and regrouped stories."""
    rng = random.Random(seed)
    keys = [f"n:k{i}" for i in range(24)] + ["#:41", "#:57", "t:w1", "t:w2"]
    out = []
    for i in range(count):
        weights = {k: rng.random() for k in rng.sample(keys, rng.randint(2, 3))}
        day = 700_000 + rng.randint(0, 20) if rng.random() < 0.5 else None
        out.append(_unit(f"r{i:02d}", weights, day))
    return out


@pytest.mark.parametrize(("seed", "max_story"),
                         [(seed, 100) for seed in range(6)] + [(seed, 4) for seed in range(6)])
def test_random_reports_give_one_partition_in_any_order(seed: int, max_story: int) -> None:
    reports = _random_reports(seed, 24)
    rng = random.Random(seed)
    partitions = set()
    for _ in range(5):
        order = list(reports)
        rng.shuffle(order)
        clusterer = StoryClusterer(max_story=max_story)
        for item in order:
            clusterer.add_features(item)
        partitions.add(frozenset(partition(clusterer.assignments())))
        restored = StoryClusterer.from_state(json.loads(json.dumps(clusterer.to_state())))
        partitions.add(frozenset(partition(restored.assignments())))
    assert len(partitions) == 1
    assert len(next(iter(partitions))) > 1  # the reports are not all one story


@pytest.mark.parametrize("seed", range(4))
def test_restoring_replays_the_saved_links_without_recomputing_them(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _random_reports(seed, 30)
    clusterer = StoryClusterer(max_story=4)
    for item in reports[:-1]:
        clusterer.add_features(item)
    state = json.loads(json.dumps(clusterer.to_state()))
    old_format = {**state, "reports": [{k: v for k, v in item.items() if k != "links"}
                                       for item in state["reports"]]}
    recomputed = StoryClusterer.from_state(old_format)

    def no_links(*args: object) -> None:
        raise AssertionError("links recomputed while restoring")

    monkeypatch.setattr(StoryClusterer, "_links", no_links)
    restored = StoryClusterer.from_state(state)
    monkeypatch.undo()
    assert restored.assignments() == recomputed.assignments() == clusterer.assignments()
    # The restored clusterer goes on as the original would.
    for c in (clusterer, restored, recomputed):
        c.add_features(reports[-1])
    assert restored.assignments() == recomputed.assignments() == clusterer.assignments()


def test_a_saved_link_to_a_later_report_is_a_config_error() -> None:
    clusterer = StoryClusterer()
    for item in _random_reports(1, 6):
        clusterer.add_features(item)
    state = json.loads(json.dumps(clusterer.to_state()))
    state["reports"][0]["links"] = [[3, 0.9]]
    with pytest.raises(ConfigError, match="malformed"):
        StoryClusterer.from_state(state)


def _notice(i: int, day: int) -> ReportFeatures:
    """A templated earnings notice of one company: the template words are shared by every
    notice, the company name only by the notices of that company."""
    template = {"t:quarter": 0.5, "t:profit": 0.5, "l:quarter": 0.5, "l:profit": 0.4,
                "t:revenue": 0.4, "l:share": 0.3}
    # Two companies' notices: cosine 0.41; two notices of one company: 1.
    return _unit(f"n{i:03d}", {**template, f"n:company{i % 40}": 1.3}, day)


def test_templated_notices_do_not_percolate_into_one_story() -> None:
    notices = [_notice(i, 700_000 + i % 5) for i in range(120)]
    clusterer = StoryClusterer(max_story=30)
    for item in notices:
        clusterer.add_features(item)
    sizes = sorted(len(s.report_ids) for s in clusterer.stories())
    assert sizes[-1] <= 30
    # Cut at the level where the shared company name makes the difference: one story per
    # company (its three notices), as a function of the set, whatever the order.
    assert sizes == [3] * 40
    again = StoryClusterer(max_story=30)
    for item in reversed(notices):
        again.add_features(item)
    assert partition(again.assignments()) == partition(clusterer.assignments())
    assert {s.id: s.report_ids for s in again.stories()} == {
        s.id: s.report_ids for s in clusterer.stories()}
    touched = clusterer.take_touched()
    assert len(touched) == 120  # a change to an oversized set may move every cut in it


def test_a_large_story_linked_strongly_throughout_stays_whole() -> None:
    shared = {"n:harbour": 0.6, "p:varnhold": 0.6, "#:4500": 0.5}
    reports = [_unit(f"h{i:03d}", {**shared, f"t:word{i}": 0.1}, 700_000) for i in range(40)]
    clusterer = StoryClusterer(max_story=10)
    for item in reports:
        clusterer.add_features(item)
    assert [len(s.report_ids) for s in clusterer.stories()] == [40]
    assert clusterer.members("h000") == tuple(r.report_id for r in reports)


def test_stories_of_some_reports_equal_those_of_all() -> None:
    clusterer = cluster(ALL)
    every = {s.id: s for s in clusterer.stories()}
    some = clusterer.stories(of_reports=[ALL[0].id, ALL[-1].id, ALL[0].id])
    assert some and all(every[s.id] == s for s in some)
    assert {s.id for s in some} == {clusterer.story_of(ALL[0].id), clusterer.story_of(ALL[-1].id)}
