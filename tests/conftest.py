"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.dates import parse_date
from kg.document import load_pipeline
from kg.records import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def make_doc(nlp) -> Callable:
    """Build (Document, spaCy Doc) from a test sentence."""

    def make(text: str, published: str | None = "2025-04-04", doc_id: str = "t"):
        document = Document(id=doc_id, text=text, published=parse_date(published))
        return document, nlp(text)

    return make
