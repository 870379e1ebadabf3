"""The analyze stage as a whole: Analyzer, analyze_many, analyze_text, the model loader, and
checks on the seed reports (read from ../shared at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analyze import Analyzer, analyze_text
from newsprism.analyze.nlp import load_pipeline
from newsprism.errors import ModelError
from newsprism.types import Analysis, Quote, Report

FICTION = (
    "Velmora Buys Patrol Boats\n"
    "Velmoran Defence Minister Ilse Karvonen said on Tuesday that the navy would buy 40 "
    "patrol boats from Ostrava Shipyards.\n"
    "“These boats will guard our coast for thirty years,” she told reporters in Karlsgrad.\n"
    "The shipyard reportedly offered a discount of 15 percent, according to the Harbour Times."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _report(text: str, report_id: str = "r1") -> Report:
    return Report(id=report_id, source="test", text=text, published_at="2031-05-14")


def test_analyze_fills_every_part(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(_report(FICTION))
    assert analysis.report_id == "r1"
    assert analysis.mentions and analysis.quotes and analysis.numbers and analysis.times
    assert analysis.claims
    assert analysis.sentences[0][0] == 0
    for start, end in analysis.sentences:
        assert 0 <= start < end <= len(FICTION)
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert direct and direct[0].speaker_text == "Ilse Karvonen"
    hedged = [c for c in analysis.claims if c.stance == "hedged"]
    assert hedged and "reportedly" in hedged[0].hedges


def test_every_span_points_into_the_text(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(_report(FICTION))
    spans = [
        (r.start, r.end, r.text)
        for group in (analysis.mentions, analysis.quotes, analysis.numbers, analysis.times,
                      analysis.claims)
        for r in group
    ]
    for start, end, text in spans:
        assert FICTION[start:end] == text


def test_analysis_is_deterministic(analyzer: Analyzer) -> None:
    assert analyzer.analyze(_report(FICTION)) == analyzer.analyze(_report(FICTION))


def test_analyze_many_keeps_order_and_ids(analyzer: Analyzer) -> None:
    reports = [
        _report("Ostrava sold 12 frigates to Karlsgrad in 2029.", "a"),
        _report("", "b"),
        _report(FICTION, "c"),
    ]
    analyses = list(analyzer.analyze_many(reports, batch_size=2))
    assert [a.report_id for a in analyses] == ["a", "b", "c"]
    assert analyses[1] == Analysis(report_id="b")
    assert analyses[2] == analyzer.analyze(reports[2])


@pytest.mark.slow
def test_analyze_many_in_two_processes(analyzer: Analyzer) -> None:
    reports = [_report(FICTION, f"r{i}") for i in range(4)]
    parallel = list(analyzer.analyze_many(reports, n_process=2, batch_size=1))
    assert [a.report_id for a in parallel] == ["r0", "r1", "r2", "r3"]
    assert parallel[0].quotes == analyzer.analyze(reports[0]).quotes


def test_analyze_text_uses_a_content_id() -> None:
    first = analyze_text(FICTION, published_at="2031-05-14")
    assert first.report_id == analyze_text(FICTION).report_id
    assert len(first.report_id) == 16
    assert any(t.value for t in first.times)


def test_missing_model_is_a_model_error() -> None:
    with pytest.raises(ModelError) as info:
        load_pipeline("no_such_model_for_newsprism_tests")
    assert "no_such_model_for_newsprism_tests" in str(info.value)
    assert info.value.code == "E501"


def test_pipeline_is_cached_and_breaks_paragraphs() -> None:
    nlp = load_pipeline()
    assert nlp is load_pipeline()
    doc = nlp("A headline without a full stop\nThe body sentence follows here.")
    assert [s.text.strip() for s in doc.sents] == [
        "A headline without a full stop",
        "The body sentence follows here.",
    ]


# --- seed reports ---------------------------------------------------------------------------
# Quotes are located by one word of their content and checked against the speaker's surname;
# the seed texts themselves stay in ../shared.


_SEED_CACHE: dict[Path, tuple[str, Analysis]] = {}


def _seed(seeds_dir: Path, prefix: str) -> tuple[str, Analysis]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    if path not in _SEED_CACHE:
        text = path.read_text(encoding="utf-8")
        report = Report(id=prefix, source=str(path), text=text)
        _SEED_CACHE[path] = (text, Analyzer().analyze(report))
    return _SEED_CACHE[path]


def _quote(analysis: Analysis, word: str, kind: str = "direct") -> Quote:
    found = [q for q in analysis.quotes if word in q.text and q.kind == kind]
    assert found, f"no {kind} quote containing {word!r}"
    return found[0]


SEED_SPEAKERS = [
    # (seed, a word of the quote, a word of the expected speaker)
    ("000", "queue", "official"),
    ("000", "power", "adviser"),
    ("000", "wise", "official"),
    ("000", "production", "Ashtiani"),
    ("001", "queuing", "official"),
    ("001", "Our", "official"),
    ("001", "Ukraine", "official"),
    ("002", "resist", "Leahy"),
    ("002", "Wherever", "Ashtiani"),
    ("003", "improving", "Wei"),
    ("003", "strategic.", "Raisi"),
    ("003", "Confronting", "Raisi"),
    ("003", "particularly", "Wei"),
    ("003", "agreed", "Bagheri"),
    ("003", "option", "Obama"),
    ("004", "Confronting", "Raisi"),
    ("004", "regional", "Raisi"),
    ("004", "improving", "Wei"),
    ("004", "particularly", "Wei"),
    ("004", "need", "Ashtiani"),
    ("004", "wherever", "Ashtiani"),
    ("004", "agreed", "Bagheri"),
]


@pytest.mark.parametrize(("seed", "word", "speaker"), SEED_SPEAKERS)
def test_seed_quote_speakers(seeds_dir: Path, seed: str, word: str, speaker: str) -> None:
    _, analysis = _seed(seeds_dir, seed)
    quote = _quote(analysis, word)
    assert quote.speaker_text is not None and speaker in quote.speaker_text


def test_seed_every_direct_quote_has_a_speaker(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        _, analysis = _seed(seeds_dir, path.name.split("_")[0])
        for quote in analysis.quotes:
            if quote.kind == "direct":
                assert quote.speaker_text, f"{path.name}: {quote.text[:40]!r} has no speaker"


def test_seed_mislabelled_speaker_is_a_person(seeds_dir: Path) -> None:
    text, analysis = _seed(seeds_dir, "002")
    quote = _quote(analysis, "resist")
    mention = next(m for m in analysis.mentions if m.start == quote.speaker_start)
    assert mention.type == "PERSON"
    assert mention.type_source.startswith("evidence:")
    assert mention.end == quote.speaker_end
    assert text[mention.start : mention.end] == quote.speaker_text


def test_seed_unnamed_official_is_a_description(seeds_dir: Path) -> None:
    _, analysis = _seed(seeds_dir, "000")
    quote = _quote(analysis, "queue")
    assert quote.speaker_text is not None
    assert quote.speaker_text.lower().startswith("the ")
    assert not any(m.start == quote.speaker_start for m in analysis.mentions)


def test_seed_channel_of_a_quote(seeds_dir: Path) -> None:
    _, analysis = _seed(seeds_dir, "003")
    quote = _quote(analysis, "agreed")
    assert quote.via is not None and "Arabiya" in quote.via


def test_seed_attribution_chain(seeds_dir: Path) -> None:
    _, analysis = _seed(seeds_dir, "001")
    chains = [c.attribution for c in analysis.claims if len(c.attribution) == 2]
    assert any("official" in inner and "agency" in outer for inner, outer in chains)


def test_seed_roles(seeds_dir: Path) -> None:
    _, analysis = _seed(seeds_dir, "003")
    roles = {m.text: m.role for m in analysis.mentions if m.role}
    assert any(name.endswith("Bagheri") and role and role.startswith("chief of staff")
               for name, role in roles.items())


def test_text_longer_than_max_length_is_parsed_in_pieces(analyzer: Analyzer) -> None:
    paragraph = "Velmora bought 40 patrol boats from Ostrava Shipyards in March 2030.\n"
    text = paragraph * 12
    limit = analyzer.nlp.max_length
    analyzer.nlp.max_length = len(paragraph) * 5
    try:
        whole = analyzer.analyze(_report(text, "long"))
        many = list(analyzer.analyze_many([_report(text, "long")]))
    finally:
        analyzer.nlp.max_length = limit
    assert many == [whole]
    assert len(whole.claims) == 12
    assert whole.claims[-1].end == len(text) - 1
