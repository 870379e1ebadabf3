from __future__ import annotations

from newsprism.normalize.notices import classify, extract_notices

BODY = "The council approved the ferry budget on Monday.\nIt passed by nine votes to two."


def test_contribution_line_names_the_contributor() -> None:
    text, notices = extract_notices(BODY + "\nThe Harbour Wire contributed to this report.")
    assert text == BODY
    assert notices[0].kind == "contribution"
    assert notices[0].original_outlet == "The Harbour Wire"
    assert (notices[0].start, notices[0].end) == (-1, -1)


def test_republication_names_outlet_after_from() -> None:
    notice = classify("This article was originally published by Coastal Ledger. Read the "
                      "original here.")
    assert notice is not None and notice.kind == "republication"
    assert notice.original_outlet == "Coastal Ledger"


def test_long_disclaimer_about_republishing_a_feed() -> None:
    disclaimer = ("QX News is a broadcaster funded by a foreign ministry. Its stories are "
                  "carried here not as an endorsement but so readers can compare accounts. "
                  "For that reason this site will republish the feed from QX News for now. "
                  "Visit https://qx.example")
    text, notices = extract_notices(BODY + "\n" + disclaimer)
    assert text == BODY
    assert notices[0].kind == "republication"
    assert notices[0].original_outlet == "QX News"


def test_domain_used_when_no_name() -> None:
    notice = classify("This story first appeared on https://www.tidewater.example/ferry")
    assert notice is not None
    assert notice.original_outlet == "tidewater.example"


def test_body_sentence_with_provided_by_is_not_a_notice() -> None:
    text = BODY + ("\nOfficials said the boats, provided by a shipyard in the north, had been "
                   "tested for three weeks before the opening, and that the crews were ready.")
    kept, notices = extract_notices(text)
    assert notices == ()
    assert kept == text


def test_first_paragraph_notice() -> None:
    text, notices = extract_notices("Originally published on Coastal Ledger.\n" + BODY)
    assert text == BODY
    assert notices[0].original_outlet == "Coastal Ledger"


def test_source_line_and_contributor_list() -> None:
    notice = classify("SOURCE: Harbour Wire")
    assert notice is not None and notice.original_outlet == "Harbour Wire"
    credit = classify("Wire writers Ann Lee, Bo Chen and Cy Dunn contributed to this report.")
    assert credit is not None and credit.kind == "contribution"
    assert credit.original_outlet == "Ann Lee, Bo Chen and Cy Dunn"
