"""Plain-text reports: header lines read as a person would, boilerplate dropped."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.normalize import normalize
from newsprism.normalize.header import looks_like_outlet, parse_byline, split_title
from newsprism.types import RawDocument

BODY = (
    "The harbour authority of Port Almond said on Tuesday that the new ferry line would "
    "open in June, after two years of delays blamed on a shortage of steel.\n\n"
    "\u201cWe are finally ready,\u201d the authority\u2019s director, Mara Quill, told "
    "reporters at the pier, adding that tickets would cost 4.50 crowns.\n"
)


def _report(text: str, **fields: str):
    return normalize(RawDocument(source="story.txt", data=text.encode("utf-8"), **fields),
                     Settings())


def test_title_and_outlet_split_on_the_last_separator() -> None:
    report = _report("Ferry Line - Finally - Opens in June - Almond Daily Gazette\n\n" + BODY)
    assert report.title == "Ferry Line - Finally - Opens in June"
    assert report.outlet == "Almond Daily Gazette"
    assert report.text.startswith("The harbour authority")


def test_pipe_separator_and_domain_outlet() -> None:
    assert split_title("Ferry line opens | almondgazette.example") == (
        "Ferry line opens", "almondgazette.example")


def test_right_part_that_is_a_sentence_is_not_an_outlet() -> None:
    _title, outlet = split_title("Ferry opens - and the mayor says, at last, it works.")
    assert outlet is None
    assert not looks_like_outlet("and the mayor says it works")
    assert looks_like_outlet("Voice of the Harbour")


def test_byline_repeats_and_date_line_are_consumed() -> None:
    text = ("Ferry Line Opens After Long Delay\n\nBy Tomas Reed\nTomas Reed\nTomas Reed\n"
            "June 3, 2024Updated: June 4, 2024\n\n" + BODY + "\nTomas Reed\nShare this article\n")
    report = _report(text)
    assert report.title == "Ferry Line Opens After Long Delay"
    assert report.byline == "Tomas Reed"
    assert report.published_at == "2024-06-03"
    assert report.published_precision == "day"
    assert report.published_source == "text"
    assert report.updated_at == "2024-06-04"
    assert "Tomas Reed" not in report.text
    assert "Share this article" not in report.text
    assert report.text.startswith("The harbour authority")


def test_published_line_with_time_and_zone() -> None:
    report = _report("Published 3 March 2025, 14:05 GMT\n\n" + BODY)
    assert report.published_at == "2025-03-03T14:05:00+00:00"
    assert report.published_precision == "minute"
    assert report.published_source == "text"


def test_sentence_first_line_is_not_a_title_and_dates_in_body_are_not_publication() -> None:
    report = _report(BODY + "\nThe line was first proposed on May 2, 2019.\n")
    assert report.title is None
    assert report.published_at is None
    assert report.published_source == "unknown"
    assert report.outlet is None


def test_container_metadata_wins() -> None:
    report = _report("Some Other Heading\n\n" + BODY, title="Ferry opens",
                     outlet="Harbour Wire", byline="Ann Lee",
                     published_at="2024-06-03T08:00:00Z")
    assert (report.title, report.outlet, report.byline) == ("Ferry opens", "Harbour Wire",
                                                            "Ann Lee")
    assert report.published_at == "2024-06-03T08:00:00+00:00"
    assert report.published_source == "metadata"


def test_byline_parser_accepts_names_only() -> None:
    assert parse_byline("By Ann Lee and Tomas Reed") == ["Ann Lee", "Tomas Reed"]
    assert parse_byline("By the time the ferry arrived, it was dark.") is None
