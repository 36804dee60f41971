"""Plain records that flow through the pipeline: documents, facts and entities.

Every record is a frozen dataclass holding plain values (strings, character
offsets, :class:`~decimal.Decimal`, :class:`~datetime.date`), never spaCy spans
or rdflib terms, so records outlive the parse, serialise to JSON lines and are
easy to build by hand in tests.

>>> s = Statement(doc="d1", speaker="Mark Rutte", speaker_span=(0, 5), cue="said",
...               cue_span=(6, 10), content="allies are united", content_span=(11, 28),
...               direct=False)
>>> fact_to_json(s)["type"]
'statement'
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

Offsets = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One article: its text exactly as read plus the metadata that came with it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and metadata, used to skip unchanged articles."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.title, self.published, self.url, self.source):
            h.update(str(part).encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Mention:
    """A named actor as one document refers to it.

    ``kind`` is ``person``, ``organisation`` or ``country``; ``canonical`` is the
    fullest form of the name the document gives.
    """

    doc: str
    text: str
    span: Offsets
    kind: str
    canonical: str


@dataclass(frozen=True)
class Statement:
    """Actor said content: a direct quote or reported speech."""

    doc: str
    speaker: str
    speaker_span: Offsets
    cue: str
    cue_span: Offsets
    content: str
    content_span: Offsets
    direct: bool
    speaker_is_pronoun: bool = False
    co_speakers: tuple[str, ...] = ()
    speaker_kind: str | None = None
    speaker_id: str | None = None
    co_speaker_ids: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()
    mentioned_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pledge:
    """Actor committed money (amount + ISO 4217 currency) or an in-kind item."""

    doc: str
    pledger: str
    amount: Decimal | None
    currency: str | None
    text: str
    span: Offsets
    item: str | None = None
    recipient: str | None = None
    period: str | None = None
    amount_max: Decimal | None = None
    qualifier: str | None = None
    purpose: str | None = None
    cue: str | None = None
    pledger_kind: str | None = None
    recipient_kind: str | None = None
    pledger_id: str | None = None
    recipient_id: str | None = None


@dataclass(frozen=True)
class Meeting:
    """A meeting, call, visit, summit or conference, held or scheduled."""

    doc: str
    name: str
    span: Offsets
    participants: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    kind: str | None = None
    status: str = "held"
    participant_kinds: tuple[str, ...] = ()
    participant_ids: tuple[str, ...] = ()
    location_id: str | None = None


@dataclass(frozen=True)
class Role:
    """Person holds post at organisation (a country for national posts)."""

    doc: str
    person: str
    role: str
    organisation: str
    span: Offsets
    organisation_kind: str | None = None
    person_id: str | None = None
    organisation_id: str | None = None


Fact = Statement | Pledge | Meeting | Role

FACT_TYPES: dict[type, str] = {
    Statement: "statement",
    Pledge: "pledge",
    Meeting: "meeting",
    Role: "role",
}


@dataclass(frozen=True)
class Entity:
    """One real-world actor: a stable IRI, a label and every name seen for it."""

    iri: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the fact extractors found in one document."""

    document: Document
    facts: tuple[Fact, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = field(default=())


def fact_type(fact: Fact) -> str:
    """The fact's type name as used in JSON lines and the ontology.

    >>> fact_type(Role(doc="d", person="Mark Rutte", role="Secretary General",
    ...                organisation="NATO", span=(0, 10)))
    'role'
    """
    return FACT_TYPES[type(fact)]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def fact_to_json(fact: Fact) -> dict[str, Any]:
    """The fact as a JSON-ready dict with ``type`` first.

    >>> fact_to_json(Pledge(doc="d", pledger="NATO", amount=Decimal("2E10"),
    ...                     currency="EUR", text="€20 billion", span=(3, 14)))["amount"]
    20000000000
    """
    out: dict[str, Any] = {"type": fact_type(fact)}
    for f in dataclasses.fields(fact):
        out[f.name] = _plain(getattr(fact, f.name))
    return out


def fact_key(fact: Fact) -> str:
    """A stable hash of the fact's identifying content (document, type, offsets, values).

    >>> k = fact_key(Role(doc="d", person="A B", role="Envoy", organisation="UN", span=(0, 3)))
    >>> len(k), k == fact_key(Role(doc="d", person="A B", role="Envoy", organisation="UN",
    ...                            span=(0, 3)))
    (16, True)
    """
    data = fact_to_json(fact)
    parts = [f"{k}={data[k]!r}" for k in sorted(data) if not k.endswith(("_id", "_ids"))]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
