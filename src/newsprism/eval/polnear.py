"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): reader and scorer for attributions.

PolNeAR annotates each attribution in political news as (source, cue, content) spans in brat
standoff files, one file per article and annotator. The scorer compares predicted quotes with
the gold contents:

* Tokens are the word tokens of the article (``\\w+`` runs): punctuation and quote marks do
  not count, so a prediction that stops inside the quote marks loses nothing.
* A prediction matches a gold content when their token sets share at least half of the gold
  content's tokens (``MATCH_SHARE``). Matching is one-to-one, larger overlaps first.
  Precision = matched predictions / predictions; recall = matched gold / gold contents.
* Direct quotes: a gold content is direct when its text (whitespace and final punctuation
  stripped) starts or ends with a double quote mark; a prediction is direct when newsprism
  marked it so, or when its text together with the quote marks right outside it starts or
  ends with one (a mixed quote: "said the plan was "bold""). Direct predictions are matched
  against direct gold only.
* Speaker accuracy: over matched pairs whose gold has a source span, the share whose
  predicted source span (the source as written; the resolved speaker when none) overlaps the
  gold source by at least one character.

Predictions are projected onto PolNeAR's conventions before scoring, as any system must be:
PolNeAR gives each token at most one attribution, so a predicted content lying wholly inside
another prediction is dropped (a partial quote inside an indirect quote), and quotes sharing
one source span and cue are one attribution with several content fragments (a quote that
runs over several sentences, "'...,' she said. '...'").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism.errors import MalformedInput, NotFound
from newsprism.types import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPLITS = ("train", "dev", "test")
# A prediction matches a gold content when it covers at least this share of its tokens.
MATCH_SHARE = 0.5
_WORD = re.compile(r"\w+")
_QUOTE_MARKS = ('"', "“", "”", "„", "«", "»", "''", "``")
_OPENING_MARKS = ("''", "``", '"', "“", "„", "«")
_CLOSING_MARKS = ("''", '"', "”", "»", "“")
_FINAL_PUNCT = ".,;:!?)—–-… \t\n"

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Spans
    source: Spans
    cue: Spans


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One predicted attribution: content fragments, source span and whether it is direct."""

    content: Spans
    source: tuple[int, int] | None = None
    direct: bool = False


def parse_ann(text: str, name: str = "<ann>") -> tuple[GoldAttribution, ...]:
    """Attributions of one brat .ann file (T lines with ';'-separated fragments, E lines)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            if len(fields) < 2:
                raise MalformedInput(name, f"line {number}: text-bound line without offsets")
            _label, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = tuple(
                    (int(a), int(b))
                    for a, b in (frag.split() for frag in offsets.split(";") if frag.strip())
                )
            except ValueError as exc:
                raise MalformedInput(name, f"line {number}: bad offsets {offsets!r}") from exc
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    out = []
    for event in events:
        content = [s for key in ("Content", "Content2") if key in event for s in spans[event[key]]]
        if not content:
            continue
        out.append(
            GoldAttribution(
                content=tuple(sorted(content)),
                source=spans.get(event.get("Source", ""), ()),
                cue=spans.get(event.get("Cue", ""), ()),
            )
        )
    return tuple(out)


def read_split(root: Path, split: str, limit: int | None = None) -> list[Article]:
    """Articles of ``split`` under the PolNeAR ``root`` (the folder holding ``data``).

    An article annotated by several annotators is read from the first annotator's file in
    name order, so every article counts once.
    """
    if split not in SPLITS:
        raise NotFound(f"PolNeAR split {split!r} does not exist; use one of {', '.join(SPLITS)}")
    base = root / "data" / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise NotFound(f"PolNeAR {split} files not found under {base} (text/, attributions/)")
    ann_by_article: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        article, _, _annotator = ann.stem.rpartition("_")
        ann_by_article.setdefault(article, ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in ann_by_article:
            continue
        ann = ann_by_article[txt.stem]
        articles.append(
            Article(
                name=txt.stem,
                annotator=ann.stem.rpartition("_")[2],
                text=txt.read_text(encoding="utf-8"),
                attributions=parse_ann(ann.read_text(encoding="utf-8"), str(ann)),
            )
        )
        if limit is not None and len(articles) >= limit:
            break
    return articles


# --- projection of newsprism quotes ---------------------------------------------------------


def predictions_from_quotes(text: str, quotes: Sequence[Quote]) -> list[Prediction]:
    """Group quotes into attributions (one source span and cue) and drop nested contents."""
    groups: dict[tuple[int, int, int] | int, list[Quote]] = {}
    for index, quote in enumerate(quotes):
        key: tuple[int, int, int] | int = (
            (quote.source_start, quote.source_end, quote.cue_start)
            if quote.source_start >= 0
            else index
        )
        groups.setdefault(key, []).append(quote)
    preds = []
    for members in groups.values():
        source = _source_span(members[0])
        content = tuple(sorted((q.start, q.end) for q in members))
        marked = _marked(text, _with_marks(text, content))
        direct = marked or any(q.kind == "direct" for q in members)
        preds.append(Prediction(content=content, source=source, direct=direct))
    return drop_nested(text, preds)


def _source_span(quote: Quote) -> tuple[int, int] | None:
    if quote.source_start >= 0:
        return (quote.source_start, quote.source_end)
    if quote.speaker_start >= 0:
        return (quote.speaker_start, quote.speaker_end)
    return None


def drop_nested(text: str, preds: list[Prediction]) -> list[Prediction]:
    index = WordIndex(text)
    sets = [index.tokens(p.content) for p in preds]
    keep = []
    for i, pred in enumerate(preds):
        nested = any(
            j != i and sets[i] <= sets[j] and (sets[i] != sets[j] or j < i)
            for j in range(len(preds))
        )
        if sets[i] and not nested:
            keep.append(pred)
    return keep


def _with_marks(text: str, content: Spans) -> Spans:
    """The content with the quote marks that close around it: an opening mark right before
    it, a closing mark right after it (past a comma or full stop). A prediction's content
    stops inside the marks; gold contents include them."""
    (first_start, first_end), (last_start, last_end) = content[0], content[-1]
    before = text[max(0, first_start - 2) : first_start]
    opening = next((m for m in _OPENING_MARKS if before.endswith(m)), None)
    if opening is not None:
        first_start -= len(opening)
    after = text[last_end : last_end + 3]
    stripped = after.lstrip(".,;:!?")
    closing = next((m for m in _CLOSING_MARKS if stripped.startswith(m)), None)
    if closing is not None:
        last_end += len(after) - len(stripped) + len(closing)
    if len(content) == 1:
        return ((first_start, last_end),)
    return ((first_start, first_end), *content[1:-1], (last_start, last_end))


def _marked(text: str, content: Spans) -> bool:
    """The content starts or ends with a double quote mark."""
    first = text[content[0][0] : content[0][1]].strip()
    last = text[content[-1][0] : content[-1][1]].rstrip(_FINAL_PUNCT)
    return first.startswith(_QUOTE_MARKS) or last.endswith(_QUOTE_MARKS)


# --- scoring ----------------------------------------------------------------------------------


class WordIndex:
    """Word tokens of a text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _WORD.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def tokens(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in spans:
            i = bisect.bisect_right(self.ends, start)
            while i < len(self.starts) and self.starts[i] < end:
                out.add(i)
                i += 1
        return frozenset(out)


def match(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs; a pair needs the prediction to cover
    at least MATCH_SHARE of the gold tokens. Larger overlaps are paired first."""
    pairs = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        for pi, p in enumerate(pred):
            overlap = len(g & p)
            if overlap and overlap >= MATCH_SHARE * len(g):
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


@dataclass(slots=True)
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_total: int = 0
    speaker_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_total": self.speaker_total,
            "speaker_accuracy": round(self.speaker_accuracy, 4),
        }


@dataclass(slots=True)
class Score:
    direct: Tally = field(default_factory=Tally)
    overall: Tally = field(default_factory=Tally)

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {"direct": self.direct.as_dict(), "overall": self.overall.as_dict()}


def gold_is_direct(text: str, attribution: GoldAttribution) -> bool:
    return _marked(text, attribution.content)


def score_article(score: Score, article: Article, preds: Sequence[Prediction]) -> None:
    """Add one article's counts to ``score``."""
    text = article.text
    index = WordIndex(text)
    golds = [a for a in article.attributions if index.tokens(a.content)]
    gold_sets = [index.tokens(a.content) for a in golds]
    pred_sets = [index.tokens(p.content) for p in preds]
    _tally(score.overall, golds, gold_sets, list(preds), pred_sets)
    direct_g = [i for i, a in enumerate(golds) if gold_is_direct(text, a)]
    direct_p = [i for i, p in enumerate(preds) if p.direct]
    _tally(
        score.direct,
        [golds[i] for i in direct_g],
        [gold_sets[i] for i in direct_g],
        [preds[i] for i in direct_p],
        [pred_sets[i] for i in direct_p],
    )


def _tally(
    tally: Tally,
    golds: Sequence[GoldAttribution],
    gold_sets: Sequence[frozenset[int]],
    preds: Sequence[Prediction],
    pred_sets: Sequence[frozenset[int]],
) -> None:
    tally.gold += len(golds)
    tally.pred += len(preds)
    for gi, pi in match(gold_sets, pred_sets):
        tally.matched += 1
        if golds[gi].source:
            tally.speaker_total += 1
            source = preds[pi].source
            if source is not None and _overlaps(source, golds[gi].source):
                tally.speaker_right += 1


def _overlaps(span: tuple[int, int], spans: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


# --- baseline ---------------------------------------------------------------------------------

# Reporting verbs of the baseline, in the spirit of textacy's direct-quotation finder (a list
# written for this scorer, not textacy's own).
BASELINE_VERBS = frozenset(
    {
        "say", "tell", "add", "state", "claim", "declare", "announce", "note", "explain",
        "argue", "insist", "ask", "reply", "respond", "write", "suggest", "warn", "acknowledge",
        "admit", "agree", "assert", "believe", "confirm", "deny", "estimate", "predict",
        "promise", "recall", "report", "think", "urge",
    }
)
_BASELINE_MARKS = frozenset({'"', "“", "”", "''", "``"})


def baseline_predictions(doc: Doc) -> list[Prediction]:
    """A textacy-style baseline: quote marks paired in order within a paragraph, attributed to
    the subject of a reporting verb in the same sentences; plus "X said (that) ..." with a
    clausal complement as indirect quotes."""
    preds = _baseline_direct(doc)
    inside = [p.content[0] for p in preds]
    for token in doc:
        if token.lemma_ != "say" or any(s <= token.idx < e for s, e in inside):
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if not clauses or subject is None:
            continue
        start = min(c.left_edge.idx for c in clauses)
        last = max((c.right_edge for c in clauses), key=lambda t: t.i)
        source = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        preds.append(Prediction(((start, last.idx + len(last)),), source, False))
    return drop_nested(doc.text, preds)


def _baseline_direct(doc: Doc) -> list[Prediction]:
    marks = [t for t in doc if t.text in _BASELINE_MARKS]
    preds = []
    i = 0
    while i + 1 < len(marks):
        open_, close = marks[i], marks[i + 1]
        if "\n" in doc.text[open_.idx : close.idx]:
            i += 1  # textacy-style pairing does not cross paragraphs
            continue
        i += 2
        if close.i - open_.i < 2:
            continue
        sents = {open_.sent.start, close.sent.start}
        window = [
            t
            for s in doc.sents
            if s.start in sents
            for t in s
            if not open_.i <= t.i <= close.i
        ]
        verb = next(
            (t for t in window if t.pos_ == "VERB" and t.lemma_ in BASELINE_VERBS), None
        )
        if verb is None:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source = (
            (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
            if subject is not None
            else None
        )
        content = ((open_.idx + len(open_), close.idx),)
        preds.append(Prediction(content, source, True))
    return preds
