"""Score cross-document entity coreference on ECB+ (Cybulska setup, gold entity mentions).

Usage: .venv/bin/python scripts/score_coref.py [--split Test|Dev|Train]
           [--stories newsprism|barhom|subtopic|topic] [--data DIR] [--model NAME] [--errors N]

Each document's gold entity mentions become ``Mention`` records (their text and span; their
type is spaCy's entity label of the mention's head word when it has one, else the gold coarse
class: a description of people, a thing, a place or a time). Documents are grouped into stories
by newsprism's own story stage (``--stories newsprism``, the default: the analyze stage's
analyses of the split's documents clustered by ``StoryClusterer``), by the
document clusters Barhom et al. (2019) predicted (``barhom``), or by the gold subtopics/topics
(for development only). ``newsprism.resolve.identities.resolve`` then links the mentions, and
the result is scored with ``newsprism.eval.conll_coref`` (MUC, B-cubed, CEAF-e, CoNLL F1) with
and without singletons. On the test split the response is scored against the released key file
``CD_test_entity_mention_based.key_conll``; on train/dev against the gold chains.

The baseline, scored the same way in the same run: within each story, mentions with the same
head lemma are one entity, and so are names whose full texts are at least 90% alike
(rapidfuzz ratio).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from newsprism.analyze.entities import attach_role
from newsprism.config import DEFAULT_MODEL
from newsprism.eval.conll_coref import (
    CorefScores,
    clusters_from_labels,
    read_conll_clusters,
    score,
)
from newsprism.eval.ecb_entities import EcbDoc, GoldMention, key_order, read_split
from newsprism.resolve.identities import resolve
from newsprism.types import Mention

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "ecbplus" / "cybulska_setup_barhom2019"
KEY_FILE = "CD_test_entity_mention_based.key_conll"
PREDICTED_TOPICS = "predicted_topics_barhom2019_system_output.txt"
# Types of description for mentions whose head word is not part of a named entity.
_CLASS_TYPE = {"HUM": "HUM", "NON": "NON", "LOC": "PLACE", "TIM": "TIM"}
# spaCy labels that name a referent or a time; amounts ("20 points") stay descriptions.
_NAME_OR_TIME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT",
                                  "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME"})
# spaCy labels that agree with each annotated class of mention; a label outside them is the
# tagger's mistake ("Actress" as a work of art).
_CLASS_LABELS = {
    "HUM": ("PERSON", "ORG", "NORP", "GPE"),
    "NON": ("PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "ORG", "LANGUAGE", "FAC"),
    "LOC": ("GPE", "LOC", "FAC", "ORG"),
    "TIM": ("DATE", "TIME"),
}
# The name type of a capitalized mention whose label disagrees with its class.
_CLASS_NAME = {"LOC": "LOC", "NON": "PRODUCT"}
# Baseline: two names whose texts are at least this alike (rapidfuzz ratio, 0-100).
BASELINE_NAME_RATIO = 90


def head_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    # "in Canada": the place, not the preposition, heads the mention.
    if root.pos_ == "ADP":
        objects = [c for c in root.children if c.dep_ == "pobj" and c.i < span.end]
        if objects:
            root = objects[0]
    return root


def mention_type(head: Token | None, category: str) -> str:
    """spaCy's label of the head word when it agrees with the mention's annotated class (a
    person or body for HUM, a place for LOC, ...); else the class's own type: a capitalized
    place or thing stays a name ("LOC", "PRODUCT"), anything else a description."""
    label = head.ent_type_ if head is not None else ""
    if label in _NAME_OR_TIME_LABELS and label in _CLASS_LABELS.get(category, (label,)):
        return label
    if label and head is not None and head.text[:1].isupper() and category in _CLASS_NAME:
        return _CLASS_NAME[category]
    return _CLASS_TYPE.get(category, category)


def build_mentions(docs: Sequence[EcbDoc], gold: Sequence[GoldMention], parsed: dict[str, Doc]
                   ) -> tuple[dict[str, list[Mention]], dict[int, tuple[str, int]]]:
    """Mentions per document in text order, and gold mention number -> (doc, index)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(gold):
        by_doc[g.doc].append(k)
    mentions: dict[str, list[Mention]] = {}
    where: dict[int, tuple[str, int]] = {}
    for name, ks in by_doc.items():
        ks.sort(key=lambda k: (gold[k].start, -gold[k].end, k))
        out: list[Mention] = []
        for k in ks:
            g = gold[k]
            head = head_token(parsed[name], g.start, g.end)
            mtype = mention_type(head, g.category)
            role = None
            span = parsed[name].char_span(g.start, g.end, alignment_mode="expand")
            if mtype == "PERSON" and span is not None:
                # The analyze stage's own role reading ("76ers coach", "the actress").
                role = attach_role(span)
            out.append(Mention(report_id=name, start=g.start, end=g.end, text=g.text,
                               type=mtype, type_source="ecb", role=role))
            where[k] = (name, len(out) - 1)
        mentions[name] = out
    for d in docs:
        mentions.setdefault(d.name, [])
    return mentions, where


class _NoClasses(pickle.Unpickler):
    """The predicted-topics file is a pickled list of lists of strings: refuse anything else."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a topics file")


def story_assignment(kind: str, docs: Sequence[EcbDoc], data: Path, model: str
                     ) -> dict[str, str]:
    if kind == "subtopic":
        return {d.name: d.subtopic for d in docs}
    if kind == "topic":
        return {d.name: str(d.topic) for d in docs}
    if kind == "barhom":
        with (data / PREDICTED_TOPICS).open("rb") as fh:
            clusters = _NoClasses(fh).load()
        story = {str(name): f"t{i}" for i, names in enumerate(clusters) for name in names}
        return {d.name: story.get(d.name, f"doc:{d.name}") for d in docs}
    return newsprism_stories(docs, data, model)


def newsprism_stories(docs: Sequence[EcbDoc], data: Path, model: str) -> dict[str, str]:
    """Stories from newsprism's own story stage over the split's full ECB+ documents: each is
    analysed by the analyze stage (``Analyzer``: mentions, numbers, times) and clustered by
    ``StoryClusterer`` with that analysis, as the pipeline's cluster stage does."""
    from newsprism.analyze import Analyzer  # type: ignore[attr-defined,unused-ignore]
    from newsprism.cluster.stories import StoryClusterer
    from newsprism.eval.ecb import read_document
    from newsprism.types import Report

    xml_root = data.parent / "xml"
    reports = []
    for d in docs:
        full = read_document(xml_root / str(d.topic) / f"{d.name}.xml")
        reports.append(Report(id=full.name, source=full.name, text=full.text))
    analyses = Analyzer(model).analyze_many(reports)
    clusterer = StoryClusterer()
    clusterer.extend(zip(reports, analyses, strict=True))
    return clusterer.assignments()


def baseline_labels(mentions: dict[str, list[Mention]], story_of: dict[str, str],
                    parsed: dict[str, Doc]) -> dict[tuple[str, int], str]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_head: dict[tuple[str, str], tuple[str, int]] = {}
    names: dict[str, list[tuple[tuple[str, int], str]]] = defaultdict(list)
    for rid, ms in mentions.items():
        story = story_of[rid]
        for idx, m in enumerate(ms):
            node = (rid, idx)
            parent[node] = node
            head = head_token(parsed[rid], m.start, m.end)
            lemma = head.lemma_.lower() if head is not None else m.text.lower()
            first = by_head.setdefault((story, lemma), node)
            parent[find(node)] = find(first)
            if head is not None and head.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "NORP",
                                                       "FAC"):
                names[story].append((node, m.text))
    for items in names.values():
        for i, (a, ta) in enumerate(items):
            for b, tb in items[i + 1:]:
                if fuzz.ratio(ta, tb) >= BASELINE_NAME_RATIO:
                    parent[find(a)] = find(b)
    return {node: "{}/{}".format(*find(node)) for node in parent}


def newsprism_labels(mentions: dict[str, list[Mention]], story_of: dict[str, str],
                     docs: Sequence[EcbDoc]) -> dict[tuple[str, int], str]:
    texts = {d.name: d.text for d in docs}
    from newsprism.resolve.synonyms import default_embedder

    result = resolve(mentions, story_of, texts=texts, across_stories=True,
                     embedder=default_embedder)
    return dict(result.mention_entity)


def scores_for(split: str, data: Path, gold: Sequence[GoldMention],
               where: dict[int, tuple[str, int]], labels: dict[tuple[str, int], str]
               ) -> tuple[CorefScores, CorefScores]:
    if split == "Test":
        order = key_order(gold)
        index = {id(g): k for k, g in enumerate(gold)}
        key_labels = read_conll_clusters(data / KEY_FILE)
        if len(key_labels) != len(order):
            raise SystemExit(f"{KEY_FILE} has {len(key_labels)} mentions, the split "
                             f"{len(order)}")
        key = clusters_from_labels(enumerate(key_labels))
        response = clusters_from_labels(
            (n, labels[where[index[id(g)]]]) for n, g in enumerate(order))
    else:
        key = clusters_from_labels((k, g.chain) for k, g in enumerate(gold))
        response = clusters_from_labels((k, labels[where[k]]) for k in range(len(gold)))
    return score(key, response), score(key, response, singletons=False)


def format_row(name: str, s: CorefScores) -> str:
    return (f"| {name} | {s.muc.f1:.3f} | {s.bcubed.f1:.3f} | {s.ceafe.f1:.3f} | "
            f"**{s.conll_f1:.3f}** |")


def show_errors(gold: Sequence[GoldMention], where: dict[int, tuple[str, int]],
                labels: dict[tuple[str, int], str], n: int) -> None:
    """The gold chains split most often, and the response clusters mixing most chains."""
    chains: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(gold):
        chains[g.chain].append(k)
    split = sorted(chains.values(), key=lambda ks: -len({labels[where[k]] for k in ks}))
    print("\nchains split into most response clusters:")
    for ks in split[:n]:
        parts: dict[str, list[str]] = defaultdict(list)
        for k in ks:
            parts[labels[where[k]]].append(gold[k].text)
        print("  " + " || ".join(" | ".join(v[:6]) for v in parts.values())[:300])
    clusters: dict[str, list[int]] = defaultdict(list)
    for k in range(len(gold)):
        clusters[labels[where[k]]].append(k)
    mixed = sorted(clusters.values(), key=lambda ks: -len({gold[k].chain for k in ks}))
    print("\nresponse clusters mixing most gold chains:")
    for ks in mixed[:n]:
        parts = defaultdict(list)
        for k in ks:
            parts[gold[k].chain].append(gold[k].text)
        print("  " + " || ".join(" | ".join(v[:5]) for v in parts.values())[:300])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="Test", choices=["Train", "Dev", "Test"])
    ap.add_argument("--stories", default="newsprism",
                    choices=["newsprism", "barhom", "subtopic", "topic"])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"dataset not found: {args.data}", file=sys.stderr)
        return 2
    from newsprism.analyze.nlp import load_pipeline

    t0 = time.perf_counter()
    docs, gold = read_split(args.data, args.split)
    nlp = load_pipeline(args.model)
    parsed = {d.name: doc for d, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True)}
    mentions, where = build_mentions(docs, gold, parsed)
    story_of = story_assignment(args.stories, docs, args.data, args.model)
    n_stories = len(set(story_of.values()))
    t1 = time.perf_counter()
    base = baseline_labels(mentions, story_of, parsed)
    ours = newsprism_labels(mentions, story_of, docs)
    t2 = time.perf_counter()
    print(f"ECB+ {args.split}: {len(docs)} documents, {len(gold)} gold entity mentions, "
          f"{n_stories} stories ({args.stories}); types: "
          f"{dict(Counter(m.type for ms in mentions.values() for m in ms).most_common(8))}")
    print("\n| system | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |\n|---|---|---|---|---|")
    results = {}
    for name, labels in (("baseline (head lemma + fuzzy name)", base), ("newsprism", ours)):
        with_s, without = scores_for(args.split, args.data, gold, where, labels)
        results[name] = (with_s, without)
        print(format_row(name, with_s))
    print("\nwithout singletons:\n\n| system | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |\n"
          "|---|---|---|---|---|")
    for name, (_, without) in results.items():
        print(format_row(name, without))
    print(f"\nparse + stories {t1 - t0:.1f} s, resolve + baseline {t2 - t1:.1f} s")
    if args.errors:
        show_errors(gold, where, ours, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
