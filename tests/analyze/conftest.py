"""Shared fixtures for the analyze tests: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.analyze.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()
