from __future__ import annotations

import pytest

from newsprism.normalize.boilerplate import drop_boilerplate, is_boilerplate


@pytest.mark.parametrize("line", [
    "Post a Comment", "Read more", "Read more: Ferry fares to rise", "Related Topics",
    "Share this article", "Advertisement", "Subscribe to our channel",
    "Sign up for our newsletter", "Comments", "12 comments", "Click here to read the report",
    "We use cookies to improve your experience. By continuing you accept our policy.",
    "  • Share on Facebook  ", "Tags: ferries, harbour",
])
def test_whole_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Readers who want to read more about the ferry can visit the harbour office, which "
    "opens at nine and keeps the plans on display for a month.",
    "Subscribers to the harbour pass will pay less.",
    "The director said comments from residents would be heard in July.",
    "Advertisement revenue fell by a third, the paper said in its annual report to owners.",
])
def test_sentences_are_never_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_repeated_byline_names_dropped_anywhere() -> None:
    text = "First paragraph.\nAnn Lee\nSecond paragraph mentions Ann Lee.\nann lee"
    assert drop_boilerplate(text, ["Ann Lee"]) == (
        "First paragraph.\nSecond paragraph mentions Ann Lee.")
