"""The ECB+ entity-coreference setup of Cybulska & Vossen as preprocessed by Barhom et al.
(2019): documents of one split with their gold entity mentions and chains.

``ECB_<Split>_corpus.txt`` holds the annotated sentences token by token; each document's text
is rebuilt from them (one line per sentence, spacing as print would have it) and every token
keeps its character span, so a gold mention becomes a span of that text. The key files
(``CD_test_entity_mention_based.key_conll``) list mentions in the order ``key_order`` gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError

SPLITS = ("Train", "Dev", "Test")
# Gold categories of entity mentions: human participants, non-human participants, locations,
# times.
CATEGORIES = ("HUM", "NON", "LOC", "TIM")

_GLUE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re",
                          "'ve", "'ll", "'d", "'m", "'S", "’s", "'"})
_GLUE_AFTER = frozenset({"(", "[", "{", "$", "#"})


@dataclass(frozen=True, slots=True)
class EcbDoc:
    name: str  # "36_1ecb"
    topic: int
    text: str
    # (sentence, token index) -> character span in ``text``
    spans: dict[tuple[int, int], tuple[int, int]]

    @property
    def subtopic(self) -> str:
        return f"{self.topic}_{'ecbplus' if self.name.endswith('ecbplus') else 'ecb'}"


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    sentence: int
    tokens: tuple[int, ...]
    start: int
    end: int
    text: str
    category: str  # HUM, NON, LOC, TIM
    chain: str


def _join(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens as printed text, with each token's span in it."""
    out = ""
    spans: list[tuple[int, int]] = []
    glue_next = False
    open_quote = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        text, glue = tok, glue_next
        glue_next = False
        if tok in ("``", "''", '"'):
            text = '"'
            if tok == "``" or (tok == '"' and not open_quote):
                open_quote, glue_next = True, True
            else:
                open_quote, glue = False, True
        elif tok in _GLUE_BEFORE:
            glue = True
        elif tok in _GLUE_AFTER:
            glue_next = True
        # "U . S .", "T - Mobile", "4 . 6": one word in print.
        if tok == "." and len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha():
            glue_next = True
        if tok in (".", ":") and prev.isdigit() and nxt.isdigit():
            glue_next = True
        if tok == "," and prev.isdigit() and len(nxt) == 3 and nxt.isdigit():
            glue_next = True
        if tok == "-" and prev[-1:].isalnum() and nxt[:1].isalnum():
            glue, glue_next = True, True
        if out and not glue:
            out += " "
        spans.append((len(out), len(out) + len(text)))
        out += text
    return out, spans


def read_split(root: Path, split: str) -> tuple[list[EcbDoc], list[GoldMention]]:
    """Documents and gold entity mentions of ``split`` (Train, Dev or Test) under ``root``
    (the ``cybulska_setup_barhom2019`` folder)."""
    if split not in SPLITS:
        raise ConfigError(f"unknown ECB+ split {split!r}; use one of {', '.join(SPLITS)}")
    corpus = root / f"ECB_{split}_corpus.txt"
    gold = root / f"ECB_{split}_Entity_gold_mentions.json"
    for path in (corpus, gold):
        if not path.is_file():
            raise ConfigError(f"{path} not found; point at the cybulska_setup_barhom2019 folder")
    docs = _read_docs(corpus)
    try:
        records = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{gold}: not readable JSON ({exc})") from exc
    by_name = {d.name: d for d in docs}
    mentions = [_mention(rec, by_name, gold) for rec in records]
    return docs, mentions


def _read_docs(path: Path) -> list[EcbDoc]:
    sentences: dict[str, dict[int, list[tuple[int, str]]]] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4:
                continue
            try:
                sent, idx = int(cells[1]), int(cells[2])
            except ValueError as exc:
                raise ConfigError(f"{path} line {number}: bad sentence/token number") from exc
            sentences.setdefault(cells[0], {}).setdefault(sent, []).append((idx, cells[3]))
    docs = []
    for name in sorted(sentences):
        text = ""
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for sent in sorted(sentences[name]):
            toks = sorted(sentences[name][sent])
            line, tok_spans = _join([t for _, t in toks])
            base = len(text) + (1 if text else 0)
            text = f"{text}\n{line}" if text else line
            for (idx, _), (s, e) in zip(toks, tok_spans, strict=True):
                spans[(sent, idx)] = (base + s, base + e)
        topic = int(name.split("_", 1)[0])
        docs.append(EcbDoc(name=name, topic=topic, text=text, spans=spans))
    return docs


def _mention(rec: dict[str, object], docs: dict[str, EcbDoc], path: Path) -> GoldMention:
    name = str(rec["doc_id"])
    doc = docs.get(name)
    sent = int(rec["sent_id"])  # type: ignore[call-overload]
    tokens = tuple(int(t) for t in rec["tokens_number"])  # type: ignore[attr-defined]
    try:
        start = doc.spans[(sent, min(tokens))][0]  # type: ignore[union-attr]
        end = doc.spans[(sent, max(tokens))][1]  # type: ignore[union-attr]
    except (KeyError, AttributeError, ValueError) as exc:
        raise ConfigError(f"{path}: mention {rec.get('tokens_str')!r} of {name} sentence "
                          f"{sent} points at tokens not in the corpus file") from exc
    assert doc is not None
    return GoldMention(doc=name, sentence=sent, tokens=tokens, start=start, end=end,
                       text=doc.text[start:end], category=str(rec["mention_type"]),
                       chain=str(rec["coref_chain"]))


def _doc_order(name: str) -> tuple[bool, str, str]:
    topic, rest = name.split("_", 1)
    return ("plus" in rest, topic, name)


def key_order(mentions: Sequence[GoldMention]) -> list[GoldMention]:
    """Mentions in the order of the mention-based key files: ECB topics before ECB+ topics,
    topics and documents by name, sentences by number, and within a sentence from the last
    mention to the first (checked against the key by the tests)."""
    return sorted(mentions, key=lambda m: (_doc_order(m.doc), m.sentence, -min(m.tokens)))


def doc_sort_key(name: str) -> tuple[int, int, str]:
    """Natural order of ECB+ document names ("36_2ecb" before "36_10ecb")."""
    topic, rest = name.split("_", 1)
    match = re.match(r"\d+", rest)
    return (int(topic), int(match.group()) if match else 0, rest)
