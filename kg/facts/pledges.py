"""TEMPORARY placeholder: being written by a helper."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.facts.actors import ActorIndex
from kg.records import Document


def extract_pledges(doc: Doc, document: Document, actors: ActorIndex) -> list:
    return []
