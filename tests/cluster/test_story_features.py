"""Clustering features from text alone and from an Analysis."""

from __future__ import annotations

from newsprism.cluster.features import (
    ESTIMATED_ANCHOR,
    GROUP_WEIGHTS,
    capitalized_names,
    content_terms,
    idf,
    number_values,
    report_features,
    stem,
)
from newsprism.types import Analysis, Mention, NumberExpr, Report, TimeExpr

from .fixtures import FLOOD_2019


def test_group_weights_sum_to_one() -> None:
    assert abs(sum(GROUP_WEIGHTS.values()) - 1.0) < 1e-9


def test_rare_words_weigh_more() -> None:
    assert idf("the") == 0.0
    assert idf("floodwater") > idf("water") > 0.0
    assert stem("charges") == stem("charged") == stem("charge")


def test_cheap_names_and_numbers() -> None:
    text = "Following the storm, Mayor Elspeth Gorrin met the Marrowby Rowing Club.\nTehran said."
    names = capitalized_names(text)
    assert "Following" not in names
    assert "Elspeth Gorrin" in " ".join(names)
    assert "Tehran" in names
    assert number_values("15.000 drones, 15,000 more, 4.7 metres, in 2019, 3 boats") == [
        "15000", "15000", "4.7"]


def test_analysis_replaces_text_heuristics() -> None:
    report = FLOOD_2019[0]
    analysis = Analysis(
        report_id=report.id,
        mentions=(Mention(report.id, 0, 5, "Elspeth Gorrin", "PERSON"),
                  Mention(report.id, 0, 5, "Marrowby", "GPE")),
        numbers=(NumberExpr(report.id, 0, 3, "140", 140), NumberExpr(report.id, 0, 4, "2019",
                                                                     2019, kind="year")),
        times=(TimeExpr(report.id, 0, 5, "March 3, 2019", "2019-03-03", "day"),),
    )
    features = report_features(report, analysis)
    assert "n:gorrin" in features.vector and "p:marrowby" in features.vector
    assert "#:140" in features.vector and "#:2019" not in features.vector
    assert "d:2019-03-03" in features.vector
    assert features.latest_year == 2019
    assert features.days == (features.published_day,)


def test_shared_names_do_not_hinge_on_their_type() -> None:
    """One town tagged as a person in one report and as a place in another still gives both
    reports the same name feature."""
    report = FLOOD_2019[0]

    def named(label: str) -> dict[str, float]:
        analysis = Analysis(report.id, mentions=(Mention(report.id, 0, 8, "Marrowby", label),))
        return report_features(report, analysis).vector

    as_person, as_place = named("PERSON"), named("GPE")
    assert "n:marrowby" in as_person and "n:marrowby" in as_place
    assert "p:marrowby" in as_place and "p:marrowby" not in as_person


def test_undated_report_is_anchored_on_the_dates_it_mentions() -> None:
    report = Report(id="x", source="t", text="The dam failed on August 3, 2017, near Ostwick.")
    features = report_features(report)
    assert features.published_day is None
    assert len(features.days) == 1 and features.latest_year == 2017
    assert features.keys(3)
    assert not any(k.startswith(("d:", "y:")) for k in features.keys(50))


def test_possessive_is_the_word_it_qualifies() -> None:
    terms = content_terms("Zhuravko’s plan and Zhuravko's aides met Zhuravko.")
    assert "zhuravko" in terms
    assert not any("'" in term for term in terms)


def test_times_resolved_against_an_estimated_date_are_not_features() -> None:
    report = Report(id="r", source="r", text="The Kesma council met on Wednesday.")
    estimated = TimeExpr("r", 31, 40, "Wednesday", "2031-05-07", "day", ESTIMATED_ANCHOR)
    features = report_features(report, Analysis("r", times=(estimated,)))
    assert features.days == ()
    assert not any(key.startswith("d:") for key in features.vector)
    written = TimeExpr("r", 31, 40, "Wednesday", "2031-05-07", "day", "publication")
    assert report_features(report, Analysis("r", times=(written,))).days != ()
