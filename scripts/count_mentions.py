"""Count the name mentions the analyze stage extracts from Reuters-21578 wire texts, to see the
junk ones: figures-table row labels and abbreviations ("Shr", "Revs", "cts") typed as people
or organisations, which make unrelated earnings reports look alike to later stages.

    .venv/bin/python scripts/count_mentions.py [--limit 1500] [--top 25] [--cache FILE]

Reads ../shared/datasets/reuters21578_xml at run time (loader: benchmarks/corpora.py). Prints
the most frequent mention texts per type and the counts of three junk measures:

- lowercase: a mention with no uppercase letter in a text that has uppercase letters;
- table-label: a one-word PERSON/ORG mention that opens a short line of which at least a
  quarter of the words are figures (the row label of an earnings table);
- reported: PERSON/ORG mentions with a word among the row labels and abbreviations named in
  issue 3 ("Revs", "U.S. Dlrs"; a fixed list used only to measure, never by the extractor);
- lone 'Bank': the one-word ORG "Bank" (issue 3 counted it as junk; in these texts it is
  mostly "the Bank said" after "Bank of England", a short reference left to the resolve stage).

``--cache`` keeps the parses in a spaCy DocBin file, so that repeated runs while developing
the extractor do not parse again (delete the file after a model or tokenizer change).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_docs

from newsprism.analyze.entities import extract_mentions
from newsprism.analyze.nlp import load_pipeline
from newsprism.config import DEFAULT_MODEL
from newsprism.types import Mention

# The table and unit abbreviations issue 3 found as mention words in these texts; used to
# measure only, never by the extractor.
REPORTED_JUNK = frozenset({"cts", "Revs", "Avg", "Shr", "Shrs", "Dlrs", "Net", "Qtr", "Oper"})
# A table row is a short line ("Avg shrs 51.7 mln vs 43.4 mln").
TABLE_LINE_WORDS = 12


def _parses(texts: list[str], model: str, cache: Path | None) -> list[Doc]:
    nlp = load_pipeline(model)
    if cache is not None and cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
        print(f"cache {cache} holds other texts; parsing again", file=sys.stderr)
    docs = list(nlp.pipe(texts, batch_size=64))
    if cache is not None:
        DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs


def _is_table_label(text: str, m: Mention) -> bool:
    """A one-word PERSON/ORG mention opening a short line of which at least a quarter of the
    words are figures ("Revs 4.5 mln vs 3.9 mln")."""
    if m.type not in ("PERSON", "ORG") or " " in m.text:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip():
        return False
    line_end = text.find("\n", m.start)
    words = text[line_start : line_end if line_end >= 0 else len(text)].split()
    figures = sum(any(ch.isdigit() for ch in w) for w in words)
    return len(words) <= TABLE_LINE_WORDS and figures * 4 >= len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=1500, help="first N Reuters texts")
    ap.add_argument("--top", type=int, default=25, help="mention texts shown per type")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--cache", type=Path, default=None, help="DocBin file for the parses")
    args = ap.parse_args(argv)
    if not reuters_available():
        print("Reuters-21578 not found in ../shared/datasets", file=sys.stderr)
        return 2
    texts = [d["text"] for d in reuters_docs()[: args.limit]]
    docs = _parses(texts, args.model, args.cache)
    by_type: dict[str, Counter[str]] = {}
    junk: Counter[str] = Counter()
    started = time.process_time()
    for i, doc in enumerate(docs):
        text = doc.text
        has_upper = text != text.lower()
        for m in extract_mentions(doc, str(i)):
            by_type.setdefault(m.type, Counter())[m.text] += 1
            junk["all"] += 1
            junk["lowercase"] += has_upper and m.text == m.text.lower()
            junk["table-label"] += _is_table_label(text, m)
            person_or_org = m.type in ("PERSON", "ORG")
            junk["reported"] += person_or_org and not REPORTED_JUNK.isdisjoint(m.text.split())
            junk["lone 'Bank'"] += person_or_org and m.text == "Bank"
    seconds = time.process_time() - started
    print(f"{len(docs)} Reuters texts, {junk['all']} mentions, "
          f"extract_mentions {seconds:.1f} s CPU")
    for key in ("lowercase", "table-label", "reported", "lone 'Bank'"):
        print(f"  {key:12} {junk[key]}")
    for label in sorted(by_type):
        top = ", ".join(f"{t} {n}" for t, n in by_type[label].most_common(args.top))
        print(f"\n{label} ({sum(by_type[label].values())}): {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
