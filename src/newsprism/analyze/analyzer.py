"""One spaCy parse per report feeds every extractor; nothing after the parse reads the text
again more than a linear number of times."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsprism.analyze.claims import extract_claims
from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.events import extract_events
from newsprism.analyze.nlp import load_pipeline, parse
from newsprism.analyze.numbers import extract_numbers
from newsprism.analyze.quotes import extract_quotes
from newsprism.analyze.times import extract_times
from newsprism.config import DEFAULT_MODEL
from newsprism.types import Analysis, Report


def analyze_doc(doc: Doc, report_id: str, published_at: str | None = None) -> Analysis:
    """Run every extractor over one parsed report."""
    mentions = extract_mentions(doc, report_id)
    quotes = extract_quotes(doc, report_id, mentions)
    numbers = extract_numbers(doc, report_id)
    times = extract_times(doc, report_id, published_at)
    events = extract_events(doc, report_id, mentions, times, numbers)
    claims = extract_claims(doc, report_id, mentions, quotes, numbers, times)
    return Analysis(
        report_id=report_id,
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        numbers=tuple(numbers),
        times=tuple(times),
        events=tuple(events),
        claims=tuple(claims),
        sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
    )


class Analyzer:
    """The analyze stage for one spaCy model, loaded once per process."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self.nlp = load_pipeline(model)

    def analyze(self, report: Report) -> Analysis:
        return analyze_doc(parse(self.nlp, report.text), report.id, report.published_at)

    def analyze_many(
        self, reports: Iterable[Report], *, n_process: int = 1, batch_size: int = 64
    ) -> Iterator[Analysis]:
        """Analyses in the order of ``reports``, parsed in batches by ``nlp.pipe``. A text
        longer than the pipeline's ``max_length`` is parsed on its own, in pieces."""
        limit = self.nlp.max_length
        pairs = (
            (report.text if len(report.text) <= limit else "", report) for report in reports
        )
        for doc, report in self.nlp.pipe(
            pairs, as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            if len(report.text) > limit:
                doc = parse(self.nlp, report.text)
            yield analyze_doc(doc, report.id, report.published_at)


def analyze_text(text: str, published_at: str | None = None) -> Analysis:
    """Analyze a bare text; its report id is the SHA-256 of the text (first 16 hex digits)."""
    report_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    report = Report(id=report_id, source="<text>", text=text, published_at=published_at)
    return Analyzer().analyze(report)
