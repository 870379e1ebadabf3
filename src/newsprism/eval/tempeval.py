"""TempEval-3 (TimeML) reader and the timex scorer used for docs/quality.md.

Evaluation definition (TempEval-3, UzZaman et al. 2013, as implemented here):

* Gold timexes are the TIMEX3 elements inside a document's ``<TEXT>``. The document creation
  time (the ``<DCT>`` TIMEX3, functionInDocument=CREATION_TIME) lives in metadata, not in the
  text, so it is not a gold mention; it is the anchor every relative expression resolves
  against. TIMEX3s inside the text are all kept, whatever their functionInDocument.
* Relaxed span match: a predicted timex matches a gold one when their character spans
  overlap. Matching is one-to-one: each gold timex is paired with at most one prediction,
  taking pairs by largest overlap first.
* Span P/R/F1: matched pairs over predictions / over gold.
* Value P/R/F1: pairs whose normalized values are identical strings, over all predictions /
  over all gold (so a missed or spurious timex costs value F1 too). This is the "value F1"
  of the TempEval-3 task-A ranking.

AQUAINT is split into two fixed halves (``split_halves``) so that rules can be developed on
one half and checked on the other: documents are grouped by the part of their id before the
first dot (agency and date, e.g. ``APW19980818``, so same-day stories of one agency stay
together), the groups are sorted, and alternate groups go to the development and held-out
halves (first group: development).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from newsprism.errors import MalformedInput


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    doc_id: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    value: str | None
    text: str = ""


@dataclass(slots=True)
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    value_correct: int = 0
    type_correct: int = 0
    # (doc id, text, gold value, predicted value, start offset of the timex in the doc text)
    errors: list[tuple[str, str, str | None, str | None, int]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.strict += other.strict
        self.value_correct += other.value_correct
        self.type_correct += other.type_correct
        self.errors.extend(other.errors)

    @staticmethod
    def _f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def span(self) -> tuple[float, float, float]:
        return self._f1(self.matched, self.predicted, self.gold)

    def strict_span(self) -> tuple[float, float, float]:
        return self._f1(self.strict, self.predicted, self.gold)

    def value(self) -> tuple[float, float, float]:
        return self._f1(self.value_correct, self.predicted, self.gold)


def _walk(elem: Element, parts: list[str], timexes: list[GoldTimex], pos: list[int]) -> None:
    """Append ``elem``'s text to ``parts``, recording TIMEX3 spans by character offset."""
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, timexes, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(parts)[start : pos[0]]
        timexes.append(
            GoldTimex(start, pos[0], text, elem.get("type", ""), elem.get("value", ""))
        )


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse one TimeML ``.tml`` file into plain text, gold timexes and the DCT value."""
    try:
        root = ElementTree.fromstring(path.read_bytes())
    except ElementTree.ParseError as exc:
        raise MalformedInput(str(path), f"not well-formed TimeML XML ({exc})") from exc
    text_elem = root.find("TEXT")
    dct_elem = root.find("DCT/TIMEX3")
    if text_elem is None or dct_elem is None:
        raise MalformedInput(str(path), "TimeML file without <TEXT> or <DCT><TIMEX3>")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(text_elem, parts, timexes, [0])
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(doc_id, dct_elem.get("value", ""), "".join(parts), tuple(timexes))


def read_corpus(folder: Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``folder`` (sorted by name)."""
    files = sorted(p for p in folder.rglob("*.tml") if not p.name.startswith("._"))
    if not files:
        raise MalformedInput(str(folder), "no .tml files found")
    return [read_timeml(p) for p in files]


def score_doc(doc: TimeMLDoc, predicted: Sequence[Predicted]) -> Score:
    """Score one document's predictions against its gold timexes (definition above)."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(doc.timexes):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    score = Score(gold=len(doc.timexes), predicted=len(predicted))
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = doc.timexes[gi], predicted[pi]
        score.matched += 1
        score.strict += int((g.start, g.end) == (p.start, p.end))
        if p.value == g.value:
            score.value_correct += 1
        else:
            score.errors.append((doc.doc_id, g.text, g.value, p.value, g.start))
    for gi, g in enumerate(doc.timexes):
        if gi not in used_g:
            score.errors.append((doc.doc_id, g.text, g.value, "<missed>", g.start))
    for pi, p in enumerate(predicted):
        if pi not in used_p:
            score.errors.append((doc.doc_id, p.text, "<spurious>", p.value, p.start))
    return score


def score_corpus(
    docs: Iterable[TimeMLDoc], tagger: Callable[[TimeMLDoc], Sequence[Predicted]]
) -> Score:
    """Run ``tagger`` on every document and sum the scores."""
    total = Score()
    for doc in docs:
        total.add(score_doc(doc, tagger(doc)))
    return total


def split_halves(docs: Sequence[TimeMLDoc]) -> tuple[list[TimeMLDoc], list[TimeMLDoc]]:
    """The fixed (development, held-out) halves of a corpus, by document id (module doc)."""
    groups = sorted({d.doc_id.split(".", 1)[0] for d in docs})
    dev_groups = set(groups[::2])
    dev = [d for d in docs if d.doc_id.split(".", 1)[0] in dev_groups]
    held = [d for d in docs if d.doc_id.split(".", 1)[0] not in dev_groups]
    return dev, held
