"""The PolNeAR reader and attribution scorer, on fictional brat files; plus a small run on
the real data when ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyze.nlp import load_pipeline
from newsprism.errors import MalformedInput, NotFound
from newsprism.eval.polnear import (
    Article,
    GoldAttribution,
    Prediction,
    Score,
    WordIndex,
    baseline_predictions,
    gold_is_direct,
    match,
    parse_ann,
    predictions_from_quotes,
    read_split,
    score_article,
)
from newsprism.types import Quote

TEXT = (
    "The mayor said the bridge would open in May. "
    "“We are ready,” Lena Ostrova told reporters."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def _ann() -> str:
    lines = []
    parts = [
        ("T1", "Source", "The mayor"),
        ("T2", "Cue", "said"),
        ("T3", "Content", "the bridge would open in May"),
        ("T4", "Source", "Lena Ostrova"),
        ("T5", "Cue", "told"),
        ("T6", "Content", "“We are ready,”"),
    ]
    for tid, label, part in parts:
        start, end = _span(TEXT, part)
        lines.append(f"{tid}\t{label} {start} {end}\t{part}")
    lines.append("E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1")
    lines.append("E2\tAttribution:T5 Cue:T5 Source:T4 Content:T6")
    return "\n".join(lines) + "\n"


def test_parse_ann_reads_sources_cues_and_contents() -> None:
    gold = parse_ann(_ann())
    assert len(gold) == 2
    assert gold[0].content == (_span(TEXT, "the bridge would open in May"),)
    assert gold[1].source == (_span(TEXT, "Lena Ostrova"),)
    assert gold_is_direct(TEXT, gold[1]) and not gold_is_direct(TEXT, gold[0])


def test_parse_ann_reads_fragments() -> None:
    gold = parse_ann("T1\tContent 0 3;10 14\tabc def\nE1\tAttribution-no-source:T1 Content:T1\n")
    assert gold[0].content == ((0, 3), (10, 14))
    assert gold[0].source == ()


def test_parse_ann_rejects_bad_offsets() -> None:
    with pytest.raises(MalformedInput):
        parse_ann("T1\tContent 0 x\tabc\n", "bad.ann")


def test_match_needs_half_of_the_gold_tokens() -> None:
    gold = [frozenset(range(10))]
    assert match(gold, [frozenset(range(5))]) == [(0, 0)]
    assert match(gold, [frozenset(range(4))]) == []
    # one-to-one: the larger overlap wins the gold
    assert match(gold, [frozenset(range(6)), frozenset(range(9))]) == [(0, 1)]


def test_word_index_ignores_punctuation() -> None:
    index = WordIndex("“We are ready,” she said.")
    assert len(index.tokens([(0, 15)])) == 3
    assert index.tokens([(1, 14)]) == index.tokens([(0, 15)])


def _quote(text: str, part: str, kind: str, source: str, cue: str) -> Quote:
    start, end = _span(text, part)
    s_start, s_end = _span(text, source)
    c_start, c_end = _span(text, cue)
    return Quote(id="x", report_id="r", start=start, end=end, text=part,
                 kind=kind,  # type: ignore[arg-type]
                 source_start=s_start, source_end=s_end, cue_start=c_start, cue_end=c_end)


def test_score_perfect_predictions() -> None:
    article = Article("a", "x", TEXT, parse_ann(_ann()))
    quotes = [
        _quote(TEXT, "the bridge would open in May", "indirect", "The mayor", "said"),
        _quote(TEXT, "We are ready,", "direct", "Lena Ostrova", "told"),
    ]
    score = Score()
    score_article(score, article, predictions_from_quotes(TEXT, quotes))
    assert score.overall.f1 == 1.0
    assert score.direct.f1 == 1.0
    assert score.overall.speaker_accuracy == 1.0


def test_score_wrong_speaker_and_missed_quote() -> None:
    article = Article("a", "x", TEXT, parse_ann(_ann()))
    preds = [Prediction(content=(_span(TEXT, "We are ready"),), source=_span(TEXT, "mayor"),
                        direct=True)]
    score = Score()
    score_article(score, article, preds)
    assert (score.overall.gold, score.overall.pred, score.overall.matched) == (2, 1, 1)
    assert score.overall.recall == 0.5
    assert score.overall.speaker_accuracy == 0.0


def test_nested_predictions_are_dropped_and_shared_sources_grouped() -> None:
    text = "Ostrova said the plan was “bold and overdue” and “long awaited”."
    outer = _quote(text, "the plan was “bold and overdue” and “long awaited", "indirect",
                   "Ostrova", "said")
    inner = Quote(id="y", report_id="r", start=outer.start + 14, end=outer.start + 29,
                  text="bold and overdue", kind="direct")
    preds = predictions_from_quotes(text, [outer, inner])
    assert len(preds) == 1 and preds[0].direct


def test_baseline_runs_on_a_parse() -> None:
    preds = baseline_predictions(load_pipeline()(TEXT))
    contents = [TEXT[p.content[0][0] : p.content[0][1]] for p in preds]
    assert "We are ready," in contents
    assert any("bridge" in c for c in contents)


def test_read_split_rejects_unknown_split(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        read_split(tmp_path, "holdout")
    with pytest.raises(NotFound):
        read_split(tmp_path, "dev")


def test_read_split_on_fictional_files(tmp_path: Path) -> None:
    base = tmp_path / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "paper_2031-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    (base / "attributions" / "paper_2031-01-01_story_b2.ann").write_text(_ann(), "utf-8")
    (base / "attributions" / "paper_2031-01-01_story_a1.ann").write_text("", "utf-8")
    articles = read_split(tmp_path, "dev")
    assert [(a.name, a.annotator, len(a.attributions)) for a in articles] == [
        ("paper_2031-01-01_story", "a1", 0)
    ]


def test_real_polnear_dev_reads(shared_dir: Path) -> None:
    root = shared_dir / "datasets" / "polnear"
    if not root.is_dir():
        pytest.skip(f"PolNeAR not found at {root}")
    articles = read_split(root, "dev", limit=3)
    assert len(articles) == 3
    for article in articles:
        assert article.attributions
        for gold in article.attributions:
            assert isinstance(gold, GoldAttribution)
            assert all(0 <= s < e <= len(article.text) for s, e in gold.content)
