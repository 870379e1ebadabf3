"""Read ECB+ (CROMER XML) documents as plain-text reports, with their gold events.

The corpus ships token lists, not the original text, so the text is rebuilt with a small
detokenizer (enough for name, number and date extraction to see "4.6", "U.S." and "2:09" the way
an article prints them). Sentence 0 of every ``*ecbplus`` document is the URL the text was found
at; it is dropped because it names the story, which a real report's body would not.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from newsprism.errors import ConfigError, MalformedInput

# The standard split of Cybulska & Vossen (2015) as used by Barhom et al. (2019): topics 36-45
# are test, these eight are dev, every other topic is train.
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TEST_TOPICS = frozenset(range(36, 46))

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m", "'S", "''", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}
_DIGIT = re.compile(r"^\d+$")
_INITIAL = re.compile(r"^[A-Za-z]$")
_THOUSANDS = re.compile(r"^\d{3}$")


@dataclass(frozen=True, slots=True)
class EcbDocument:
    name: str  # file name without ".xml", e.g. "36_1ecbplus"
    topic: int
    event: str  # gold subtopic, e.g. "36_ecbplus"
    text: str

    @property
    def split(self) -> str:
        if self.topic in TEST_TOPICS:
            return "test"
        return "dev" if self.topic in DEV_TOPICS else "train"


def detokenize(sentences: Sequence[Sequence[str]]) -> str:
    """Join token lists into text: one line per sentence, spacing as print would have it."""
    return "\n".join(_join_tokens(tokens) for tokens in sentences if tokens)


def _join_tokens(tokens: Sequence[str]) -> str:
    out: list[str] = []
    open_quote = False
    glue_next = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        text, glue = tok, glue_next
        glue_next = False
        if tok in ("``", "''") or (tok == '"'):
            text = '"'
            if tok == "``" or (tok == '"' and not open_quote):
                open_quote, glue_next = True, True
            else:
                open_quote, glue = False, True
        elif tok in _NO_SPACE_BEFORE:
            glue = True
        elif tok in _NO_SPACE_AFTER:
            glue_next = True
        # "4 . 6", "2 : 09", "U . S ." and "north - northeast" are single words in print.
        if tok in (".", ":") and _DIGIT.match(prev) and _DIGIT.match(nxt):
            glue_next = True
        if tok == "," and _DIGIT.match(prev) and _THOUSANDS.match(nxt):
            glue_next = True
        if tok == "." and _INITIAL.match(prev) and _INITIAL.match(nxt):
            glue_next = True
        if tok == "-" and prev[-1:].isalnum() and nxt[:1].isalnum():
            glue, glue_next = True, True
        if out and not glue:
            out.append(" ")
        out.append(text)
    return "".join(out).strip()


def read_document(path: Path) -> EcbDocument:
    """One CROMER XML file as text (URL sentence dropped for ecbplus documents)."""
    try:
        root = ElementTree.parse(str(path)).getroot()
    except ElementTree.ParseError as exc:
        raise MalformedInput(str(path), f"not well-formed ECB+ XML ({exc})") from exc
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    name = path.name.removesuffix(".xml")
    if name.endswith("ecbplus"):
        sentences.pop(0, None)
    topic = int(name.split("_", 1)[0])
    kind = "ecbplus" if name.endswith("ecbplus") else "ecb"
    text = detokenize([sentences[k] for k in sorted(sentences)])
    return EcbDocument(name=name, topic=topic, event=f"{topic}_{kind}", text=text)


def iter_documents(root: Path) -> Iterator[EcbDocument]:
    """Every document under ``root``/xml in a fixed order, checked against doc_clusters.tsv."""
    gold = read_gold(root)
    paths = sorted((root / "xml").glob("*/*.xml"))
    if not paths:
        raise ConfigError(f"{root}/xml holds no ECB+ XML files; point at the ecbplus folder")
    for path in paths:
        doc = read_document(path)
        expected = gold.get(path.name)
        if expected is not None and expected != doc.event:
            raise ConfigError(f"{path}: gold event {expected!r} differs from {doc.event!r}")
        yield doc


def read_gold(root: Path) -> dict[str, str]:
    """doc_clusters.tsv as file name -> subtopic (the gold event)."""
    path = root / "doc_clusters.tsv"
    try:
        with path.open(encoding="utf-8") as fh:
            return {row["doc"]: row["subtopic"] for row in csv.DictReader(fh, delimiter="\t")}
    except (OSError, KeyError) as exc:
        raise ConfigError(f"{path}: cannot read the ECB+ gold clusters ({exc})") from exc
