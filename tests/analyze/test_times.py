"""Time expressions: spans, TIMEX3 values against a publication date, re-anchoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsprism.analyze.times import extract_times, resolve_times, tag_text
from newsprism.analyze.timex import day_near, number_value, parse_anchor, weekday_near
from newsprism.errors import ConfigError

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
# A Thursday: weekdays below are checked against it.
ANCHOR = "2022-04-28"


def _values(text: str, anchor: str | None = ANCHOR, nlp: Language | None = None
            ) -> dict[str, str | None]:
    return {t.text: t.value for t in tag_text(text, anchor, nlp)}


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The treaty was signed in March 2021 in Vienna.", "March 2021", "2021-03"),
        ("Talks resumed in November 2021.", "November 2021", "2021-11"),
        ("The mayor spoke on April 27 at the harbour.", "April 27", "2022-04-27"),
        ("The ferry sank on 3 January 2019.", "3 January 2019", "2019-01-03"),
        ("The vote is on Sept. 5, 2023.", "Sept. 5, 2023", "2023-09-05"),
        ("Officials met in 2018 to discuss it.", "2018", "2018"),
        ("Prices rose last year.", "last year", "2021"),
        ("Sales will grow this year.", "this year", "2022"),
        ("The board meets next week.", "next week", "2022-W18"),
        ("The report came out last month.", "last month", "2022-03"),
        ("The bridge opened two weeks ago.", "two weeks ago", "2022-04-14"),
        ("Five years ago the mill closed.", "Five years ago", "2017"),
        ("The strike ended yesterday.", "yesterday", "2022-04-27"),
        ("The market is calm today.", "today", "2022-04-28"),
        ("The court rules tomorrow.", "tomorrow", "2022-04-29"),
        ("Results for the third quarter of 2020 were weak.", "the third quarter of 2020",
         "2020-Q3"),
        ("The factory was built in the 1990s.", "the 1990s", "199"),
        ("Floods hit the coast last summer.", "last summer", "2021-SU"),
        ("Stocks are currently flat.", "currently", "PRESENT_REF"),
        ("Prices will rise in the coming months.", "in the coming months", "FUTURE_REF"),
        ("The siege lasted four days.", "four days", "P4D"),
        ("They signed a 25-year lease.", "25-year", "P25Y"),
        ("The plant runs 24 hours a day.", "24 hours", "PT24H"),
        ("The paper is printed daily.", "daily", "P1D"),
        ("The talks have been on pause since March 11.", "March 11", "2022-03-11"),
        ("He left at 10:30 a.m. on Tuesday.", "10:30 a.m. on Tuesday", "2022-04-26T10:30"),
    ],
)
def test_values_against_anchor(text: str, expr: str, value: str) -> None:
    assert _values(text).get(expr) == value


def test_weekday_in_past_tense_is_latest_on_or_before_anchor(nlp: Language) -> None:
    found = _values("The minister said on Wednesday that the port would reopen.", ANCHOR, nlp)
    assert found["Wednesday"] == "2022-04-27"
    same_day = _values("The envoy arrived on Thursday.", ANCHOR, nlp)
    assert same_day["Thursday"] == "2022-04-28"


def test_weekday_in_future_tense_is_next(nlp: Language) -> None:
    assert _values("The envoy will travel on Monday.", ANCHOR, nlp)["Monday"] == "2022-05-02"


def test_this_weekday_is_not_sent_to_the_future(nlp: Language) -> None:
    # news convention: "this Wednesday" in a report is the Wednesday just past
    found = _values("This Wednesday, the governor announced a new budget.", ANCHOR, nlp)
    assert found["This Wednesday"] == "2022-04-27"


def test_weekday_with_explicit_date_in_parentheses() -> None:
    found = _values("The premier spoke on Friday (April 22) about the harvest.")
    assert found["Friday (April 22)"] == "2022-04-22"


def test_last_month_in_january_resolves_both_parts() -> None:
    found = _values("Last month in January, the council voted.", "2023-02-20")
    assert found["Last month"] == "2023-01"
    assert found["January"] == "2023-01"


def test_a_year_earlier_follows_the_quarter_in_focus() -> None:
    text = ("Profit in the third quarter of 2019 rose to $4 million from $3 million a year "
            "earlier.")
    assert _values(text, "2019-11-02")["a year earlier"] == "2018-Q3"


def test_precision_and_kind() -> None:
    times = {t.text: t for t in tag_text("In March 2021 it rained for four days.", ANCHOR)}
    assert times["March 2021"].precision == "month"
    assert times["March 2021"].kind == "date"
    assert times["four days"].kind == "duration"
    assert times["four days"].precision == "day"


def test_absolute_values_need_no_anchor_relative_ones_wait() -> None:
    times = {t.text: t for t in tag_text("In 2019 the dam broke; on Monday it was fixed.", None)}
    assert times["2019"].value == "2019"
    assert times["2019"].anchor == "absolute"
    assert times["Monday"].value is None
    assert times["Monday"].anchor == "unresolved"
    assert times["Monday"].relative is not None


def test_resolve_times_reanchors_without_the_doc() -> None:
    times = tag_text("The dam broke yesterday; repairs began on Monday.", None)
    resolved = {t.text: t for t in resolve_times(times, "2022-04-28")}
    assert resolved["yesterday"].value == "2022-04-27"
    assert resolved["yesterday"].anchor == "story-estimated"
    assert resolved["Monday"].value == "2022-04-25"
    again = resolve_times(list(resolved.values()), "2030-01-01", "publication")
    assert {t.text: t.value for t in again}["yesterday"] == "2022-04-27"


def test_anchor_with_month_precision_leaves_day_expressions_unresolved() -> None:
    found = {t.text: t for t in tag_text("Yesterday was wet; last year was dry.", "2022-04")}
    assert found["Yesterday"].value is None
    assert found["last year"].value == "2021"


def test_spans_point_into_the_text() -> None:
    text = "Since March 11, the talks have stalled; they may resume next month."
    for t in tag_text(text, ANCHOR):
        assert text[t.start : t.end] == t.text


def test_ages_and_names_are_not_times() -> None:
    found = _values("A 6-year-old boy watched Russia Today with a second cousin.")
    assert found == {}


def test_bad_anchor_raises_config_error() -> None:
    with pytest.raises(ConfigError, match="not an ISO 8601 date"):
        tag_text("today", "last Tuesday")


def test_calendar_helpers() -> None:
    anchor = parse_anchor("2022-04-28T09:15:00Z")
    assert anchor.precision == "day"
    assert weekday_near(anchor.day, 2, "past").isoformat() == "2022-04-27"
    assert weekday_near(anchor.day, 2, "future").isoformat() == "2022-05-04"
    near = day_near(anchor.day, 12, 30, "past")
    assert near is not None and near.isoformat() == "2021-12-30"
    assert number_value("twenty-four") == 24


def test_extract_times_uses_the_doc(nlp: Language) -> None:
    doc = nlp("The ministers will meet on Friday in Oslo.")
    times = extract_times(doc, "r1", ANCHOR)
    assert [(t.text, t.value, t.report_id) for t in times] == [("Friday", "2022-04-29", "r1")]


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not available at {SEEDS}")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"no seed report {prefix}_* in {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def test_seed_month_and_anchored_day(nlp: Language) -> None:
    text = _seed("003")  # published 2022-04-28
    times = extract_times(nlp(text), "003", "2022-04-28")
    by_text = {t.text: t for t in times}
    assert by_text["March 2021"].value == "2021-03"
    assert by_text["March 2021"].precision == "month"
    assert by_text["April 27"].value == "2022-04-27"


def test_table_digits_and_year_numbers_are_not_durations() -> None:
    found = _values("Revs 622,470 vs 613,205\n  Year\n  Sales in the 1986 year rose.")
    assert not any(v and v.startswith("P") for v in found.values())


def test_fiscal_year_ended_on_a_date_is_a_duration() -> None:
    found = _values("The mill earned $4 million in the fiscal year ended March 31.")
    assert found["the fiscal year"] == "P1Y"
    assert found["March 31"] == "2022-03-31"
    # without "ended" the year in focus is a calendar year
    assert _values("Sales fell 3% for the year.", "2022-02-03")["the year"] == "2022"


def test_rates_are_not_times_but_frequencies_are() -> None:
    found = _values("The plan saves $2 million a year and rooms cost $40 a night.")
    assert found == {}
    assert _values("Output should grow 8.5% annually.") == {}
    assert _values("Wages rose to 8.87 dlrs an hour; it sought a 32 mln dlr a year cut.") == {}
    assert _values("Crowds met at the annual Harvest Fair.") == {}
    assert _values("Prices rose 5 pct in a year.")["a year"] == "P1Y"
    assert _values("The board meets twice a year.") != {}


def test_soon_only_in_a_clause_about_the_future(nlp: Language) -> None:
    assert _values("The bakery will soon reopen.", ANCHOR, nlp)["soon"] == "FUTURE_REF"
    assert _values("The mayor was soon replaced.", ANCHOR, nlp) == {}
    assert _values("Talks began soon after the vote.", ANCHOR, nlp) == {}
    found = _values("Repairs will start as soon as possible.", ANCHOR, nlp)
    assert found == {"as soon as possible": "FUTURE_REF"}


def test_bare_earlier_orders_events_and_is_not_tagged() -> None:
    assert _values("Earlier, the council had rejected the plan.") == {}


def test_year_earlier_adjective_span_and_comparison_year() -> None:
    text = "Last year losses were $5 million. The year-earlier results were restated."
    found = _values(text, "2022-10-30")
    assert found["Last year"] == "2021"
    # the comparison is with last year itself, not the year before it
    assert found["year-earlier"] == "2021"
    assert _values("Sales fell from the year-ago quarter.", "2022-10-30")[
        "the year-ago quarter"] == "2021-Q3"
    # an absolute year in focus is stepped back from, adjective or not
    found = _values("It reported a 2021 profit against a year-ago loss.", "2022-03-04")
    assert found["year-ago"] == "2020"
    found = _values("Imports rose to 700 tonnes in 2021 from 650 a year earlier.", "2022-03-04")
    assert found["a year earlier"] == "2020"
    assert "soon" not in _values("A bid for the soon-to-be-sold mill failed.")


def test_age_at_the_end_of_a_sentence_is_not_a_duration() -> None:
    assert _values("The mayor met every 6-year-old.") == {}


def test_weekday_with_part_of_day_is_the_day(nlp: Language) -> None:
    found = _values("Crowds rallied in the square on Friday night.", ANCHOR, nlp)
    assert found["Friday night"] == "2022-04-22"
    flights = _values("Ferries will leave on Monday and Tuesday nights.", ANCHOR, nlp)
    assert flights["Tuesday nights"] == "XXXX-WXX-2TNI"
    assert _values("The bar closed last night.")["last night"] == "2022-04-27TNI"


def test_deadline_dates_lean_ahead_whatever_the_tense(nlp: Language) -> None:
    found = _values("The bank extended the loan through January.", "2022-10-30", nlp)
    assert found["January"] == "2023-01"
    found = _values("The bank extended the loan in January.", "2022-10-30", nlp)
    assert found["January"] == "2022-01"
    assert _values("The rule took effect Sept. 1.", "2022-10-30", nlp)["Sept. 1"] == "2022-09-01"


def test_full_year_is_the_year_reported_on() -> None:
    text = "Profit rose in 2021. Sales for the full year were $6 billion."
    assert _values(text, "2022-02-10")["the full year"] == "2021"


def test_listed_dates_run_forward_from_the_one_before() -> None:
    found = _values("Payable to holders of record on Nov. 20, Dec. 18 and Jan. 15.", "2022-10-30")
    assert [found["Nov. 20"], found["Dec. 18"], found["Jan. 15"]] == [
        "2022-11-20", "2022-12-18", "2023-01-15"]
    assert _values("Shares were bought between Dec. 16 and Feb. 23.", "2023-03-04")[
        "Feb. 23"] == "2023-02-23"


def test_wire_fractions_and_fractions_of_a_total() -> None:
    assert _values("Bonds held a 3-1/2 month trading range.")["3-1/2 month"] == "P3M15D"
    assert _values("About one-quarter of the rigs were idle.") == {}


def test_spelled_years_after_months_and_seasons() -> None:
    found = _values("Prices last fell this low in the winter of nineteen ninety-four.")
    assert found["the winter of nineteen ninety-four"] == "1994-WI"
    assert _values("January nineteen ninety-seven: a second blast.")[
        "January nineteen ninety-seven"] == "1997-01"


def test_short_spans_later_or_earlier_are_durations() -> None:
    found = _values("The dam broke on March 3. Three days later, the town flooded.")
    assert found["March 3"] == "2022-03-03"
    assert found["Three days later"] == "P3D"
    assert _values("A few hours earlier, the alarm rang.")["A few hours earlier"] == "PTXH"
    assert _values("Profit was $5 million in 2020 and $4 million a year earlier.")[
        "a year earlier"] == "2019"


def test_weekday_picks_the_year_of_a_month_day() -> None:
    # April 27 was a Wednesday in 2022, not in 2023
    found = _values("The minister spoke on Wednesday (April 27) in the capital.", "2023-02-17")
    assert found["Wednesday (April 27)"] == "2022-04-27"
    assert _values("Talks resume Thursday, Jan. 6.", "2023-02-17")["Thursday, Jan. 6"] == (
        "2022-01-06")


def test_latest_quarter_has_ended() -> None:
    text = "The insurer expects a fourth-quarter charge. Profit fell 5% in the latest quarter."
    assert _values(text, "2022-11-02")["the latest quarter"] == "2022-Q3"
    text = "Third-quarter sales rose. Margins in the latest quarter were thin."
    assert _values(text, "2022-11-02")["the latest quarter"] == "2022-Q3"
