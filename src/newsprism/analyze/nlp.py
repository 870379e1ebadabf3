"""The spaCy pipeline, loaded once per process and per model name.

Every analyze function takes a parsed ``Doc``; only this module loads a model, so a worker
process pays the load cost once and the rest of the stage never parses a text twice.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from newsprism.analyze.paragraphs import paragraph_bounds
from newsprism.config import DEFAULT_MODEL
from newsprism.errors import ModelError

# Components the extractors read: tagger/attribute_ruler (POS, tags), parser (dependencies,
# sentences), lemmatizer (cue lemmas), ner (mentions). A model missing one cannot be used.
REQUIRED_COMPONENTS = ("parser", "ner")
PARAGRAPH_COMPONENT = "newsprism_paragraphs"
# Quote marks glued to words ('said,“Look', 'told:"We') split off as tokens of their own, so
# that quotes and their cue verbs are separate tokens for the parser. Curly marks and
# guillemets are never part of a word; a straight mark is split only after punctuation.
EXTRA_INFIXES = (r"[“”„«»]", r"(?<=\w)[,;:](?=[“„«\"])", r"(?<=[,;:])\"(?=\w)")
_TEXT_KEY = "newsprism.text"
_SENT_KEY = "newsprism.sentence_starts"


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after each paragraph break, before the parser runs.

    Headlines, bylines and captions end without a full stop; left to the parser they fuse
    with the next sentence and take over its subject.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    for start, _ in paragraph_bounds(text)[1:]:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, also for a text longer than the pipeline's ``max_length``: such a text
    is parsed in pieces cut after line breaks and joined back into one Doc."""
    if len(text) <= nlp.max_length:
        return nlp(text)
    docs = [nlp(piece) for piece in _pieces(text, max(1, nlp.max_length // 2))]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise ModelError(f"a {len(text):,}-character text could not be parsed in pieces")
    return doc


def _pieces(text: str, size: int) -> list[str]:
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on each read."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where the sentences of ``doc`` start, computed once per Doc."""
    starts = doc.user_data.get(_SENT_KEY)
    if not isinstance(starts, list):
        if len(doc) == 0:
            starts = []
        else:
            table = doc.to_array([IDX, SENT_START]).astype(np.int64)
            first = table[:, 1] == 1
            first[0] = True
            starts = [int(x) for x in table[first, 0]]
        doc.user_data[_SENT_KEY] = starts
    return starts


def _split_glued_quotes(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer is left as its author made it
    infixes = [*(nlp.Defaults.infixes or ()), *EXTRA_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``model`` (a package name or path), cached per process.

    A small component that starts sentences at paragraph breaks is added before the parser,
    and quote marks glued to words are split off by the tokenizer.
    Raises ModelError when the model is not installed or lacks a parser or NER component.
    """
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"spaCy model {model!r} cannot be loaded ({exc.__class__.__name__}: {exc}). "
            f"Install it into the environment (e.g. `pip install {model}`) or pass the name "
            "of an installed English pipeline."
        ) from exc
    missing = [name for name in REQUIRED_COMPONENTS if name not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy model {model!r} has no {', '.join(missing)} component "
            f"(it has {', '.join(nlp.pipe_names) or 'none'}); newsprism needs a pipeline "
            "with a dependency parser and named-entity recognizer."
        )
    _split_glued_quotes(nlp)
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp
