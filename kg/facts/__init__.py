"""From annotated document to facts: statements, pledges, meetings and roles.

Roles come first because speakers and participants are resolved through them
("the Secretary General" → the person the article says holds that post).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from kg.document import forget
from kg.facts.actors import ActorIndex
from kg.facts.meetings import extract_meetings
from kg.facts.pledges import extract_pledges
from kg.facts.roles import extract_roles
from kg.facts.statements import extract_statements
from kg.records import Document, Extraction, Fact

Extractor = Callable[[Doc, Document, ActorIndex], list]

EXTRACTORS: dict[str, Extractor] = {
    "statement": extract_statements,
    "pledge": extract_pledges,
    "meeting": extract_meetings,
}


def extract(doc: Doc, document: Document, kinds: tuple[str, ...] | None = None) -> Extraction:
    """Every fact of the asked ``kinds`` (all by default) in one parsed document."""
    try:
        roles = extract_roles(doc, document)
        actors = ActorIndex(doc, document, roles)
        facts: list[Fact] = list(roles) if kinds is None or "role" in kinds else []
        for name, extractor in EXTRACTORS.items():
            if kinds is None or name in kinds:
                facts.extend(extractor(doc, document, actors))
    finally:
        forget(doc)
    return Extraction(document=document, facts=tuple(facts), mentions=actors.mentions)
