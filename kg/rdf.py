"""From resolved facts to RDF: one named graph of quads per document.

Facts become nodes typed by the kg ontology (``ontology/kg.ttl``) and linked to
schema.org, PROV-O and ORG terms. Every IRI is stable: facts are named by a
hash of their content (:func:`kg.records.fact_key`), entities by the resolver's
slugs, text spans by RFC 5147 fragments (``#char=start,end``) of their document.
No blank nodes are written, so the same input always gives the same graph.

>>> document_iri("usdos_2021-05-21")
rdflib.term.URIRef('https://w3id.org/kg-diplomacy/id/document/usdos_2021-05-21')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG as W3ORG
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg import __version__
from kg.records import (
    Document,
    Entity,
    Extraction,
    Fact,
    Meeting,
    Offsets,
    Pledge,
    Role,
    Statement,
    fact_key,
    fact_type,
)
from kg.vocab import ID, KG, PREFIXES, WIKIDATA

Triple = tuple[URIRef, URIRef, URIRef | Literal]

ENTITY_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "person": (SDO.Person, PROV.Agent),
    "organisation": (SDO.Organization, PROV.Agent),
    "country": (SDO.Country, PROV.Agent),
    "place": (SDO.Place,),
}
FACT_CLASSES: dict[str, URIRef] = {
    "statement": KG.Statement,
    "pledge": KG.Pledge,
    "meeting": KG.Meeting,
    "role": KG.RoleFact,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_XSD_STRING = XSD.string


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document (also the name of its graph)."""
    return ID[f"document/{quote(doc_id, safe='')}"]


def fact_iri(fact: Fact) -> URIRef:
    """The IRI of a fact: its type and a hash of its content."""
    return ID[f"{fact_type(fact)}/{fact_key(fact)}"]


def run_iri(model: str) -> URIRef:
    """The IRI of an extraction run: the kg version and the spaCy pipeline."""
    return ID[f"run/kg-{__version__}-{quote(model, safe='')}"]


def slug(text: str) -> str:
    """A lower-case, hyphenated IRI-safe form of a name.

    >>> slug("Secretary of State")
    'secretary-of-state'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


Value = URIRef | Literal | bool | int | Decimal | date | str
RawTriple = tuple[URIRef, URIRef, Value]


def lexical(value: object) -> tuple[str, URIRef]:
    """The lexical form and XSD datatype of a plain value.

    >>> lexical(Decimal("2E10"))
    ('20000000000', rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if type(value) is str:  # by far the most common, checked first
        return value, _XSD_STRING
    if isinstance(value, bool):
        return ("true" if value else "false"), XSD.boolean
    if isinstance(value, int):
        return str(value), XSD.integer
    if isinstance(value, Decimal):
        return format(value, "f"), XSD.decimal
    if isinstance(value, date):
        return value.isoformat(), XSD.date
    return str(value), XSD.string


def _lit(value: object) -> URIRef | Literal:
    if isinstance(value, (URIRef, Literal)):
        return value
    text, datatype = lexical(value)
    return Literal(text) if datatype == XSD.string else Literal(text, datatype=datatype)


class _Writer:
    """Collects the triples of one document, objects as IRIs or plain values."""

    def __init__(self, document: Document, run: URIRef) -> None:
        self.doc = document_iri(document.id)
        self.document = document
        self.run = run
        self.triples: list[RawTriple] = []

    def add(self, s: URIRef, p: URIRef, o: Value | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def link(self, s: URIRef, p: URIRef, iri: str | None) -> None:
        if iri:
            self.triples.append((s, p, URIRef(iri)))

    def text(self, offsets: Offsets) -> str:
        return self.document.text[offsets[0] : offsets[1]]

    def span(self, offsets: Offsets) -> URIRef:
        start, end = offsets
        node = URIRef(f"{self.doc}#char={start},{end}")
        self.add(node, RDF.type, KG.TextSpan)
        self.add(node, KG.inDocument, self.doc)
        self.add(node, KG.start, int(start))
        self.add(node, KG.end, int(end))
        return node

    def fact(self, fact: Fact, evidence: Offsets) -> URIRef:
        node = fact_iri(fact)
        self.add(node, RDF.type, FACT_CLASSES[fact_type(fact)])
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, PROV.wasGeneratedBy, self.run)
        self.add(node, KG.evidence, self.span(evidence))
        return node


def _statement(w: _Writer, s: Statement) -> None:
    spans = (s.speaker_span, s.cue_span, s.content_span)
    evidence = (min(a for a, _ in spans), max(b for _, b in spans))
    node = w.fact(s, evidence)
    w.link(node, KG.speaker, s.speaker_id)
    if s.speaker_id:
        w.add(URIRef(s.speaker_id), KG.said, node)
    for co in s.co_speaker_ids:
        w.link(node, KG.coSpeaker, co)
        w.link(URIRef(co), KG.said, node)
    for m in s.mentioned_ids:
        w.link(node, SDO.mentions, m)
    w.add(node, KG.speakerText, w.text(s.speaker_span) or s.speaker)
    w.add(node, KG.speakerIsPronoun, s.speaker_is_pronoun)
    w.add(node, KG.cue, s.cue)
    w.add(node, KG.content, s.content)
    w.add(node, KG.direct, s.direct)
    w.add(node, KG.speakerSpan, w.span(s.speaker_span))
    w.add(node, KG.cueSpan, w.span(s.cue_span))
    w.add(node, KG.contentSpan, w.span(s.content_span))


def _pledge(w: _Writer, p: Pledge) -> None:
    node = w.fact(p, p.span)
    w.link(node, KG.pledger, p.pledger_id)
    if p.pledger_id:
        w.add(URIRef(p.pledger_id), KG.pledged, node)
    w.link(node, SDO.recipient, p.recipient_id)
    if p.currency and p.amount is not None:
        money = URIRef(f"{node}-amount")
        w.add(node, KG.amount, money)
        w.add(money, RDF.type, SDO.MonetaryAmount)
        w.add(money, SDO.value, p.amount)
        w.add(money, SDO.currency, p.currency)
        if p.amount_max is not None:
            w.add(money, SDO.minValue, p.amount)
            w.add(money, SDO.maxValue, p.amount_max)
    elif p.amount is not None:
        w.add(node, KG.quantity, p.amount)
    w.add(node, KG.item, p.item)
    w.add(node, KG.period, p.period)
    w.add(node, KG.qualifier, p.qualifier)
    w.add(node, KG.purpose, p.purpose)
    w.add(node, KG.cue, p.cue)
    w.add(node, SDO.text, p.text)


def _meeting(w: _Writer, m: Meeting) -> None:
    node = w.fact(m, m.span)
    w.add(node, SDO.name, m.name)
    for pid in m.participant_ids:
        w.link(node, SDO.attendee, pid)
    w.link(node, SDO.location, m.location_id)
    w.add(node, KG.meetingKind, m.kind)
    w.add(node, KG.status, m.status)
    if m.date:
        w.add(node, KG.date, m.date)
        first, _, last = m.date.partition("/")
        if _DATE.match(first):
            w.add(node, SDO.startDate, Literal(first, datatype=XSD.date))
            w.add(
                node, SDO.endDate, Literal(last if _DATE.match(last) else first, datatype=XSD.date)
            )


def _role(w: _Writer, r: Role) -> None:
    node = w.fact(r, r.span)
    post = ID[f"post/{slug(r.role)}"]
    w.add(post, RDF.type, W3ORG.Role)
    w.add(post, RDFS.label, r.role)
    w.link(node, W3ORG.member, r.person_id)
    w.link(node, W3ORG.organization, r.organisation_id)
    w.add(node, W3ORG.role, post)
    w.add(node, KG.roleLabel, r.role)
    if r.person_id and r.organisation_id:
        w.add(URIRef(r.person_id), W3ORG.memberOf, URIRef(r.organisation_id))


FACT_WRITERS = {
    Statement: _statement,
    Pledge: _pledge,
    Meeting: _meeting,
    Role: _role,
}


def _entity(w: _Writer, e: Entity) -> None:
    node = URIRef(e.iri)
    for cls in ENTITY_CLASSES.get(e.kind, (SDO.Thing,)):
        w.add(node, RDF.type, cls)
    w.add(node, RDFS.label, e.label)
    for alias in e.aliases:
        if alias != e.label:
            w.add(node, SKOS.altLabel, alias)
    w.add(node, KG.code, e.code)
    if e.wikidata:
        w.add(node, OWL.sameAs, WIKIDATA[e.wikidata])


def _document(w: _Writer, d: Document) -> None:
    w.add(w.doc, RDF.type, SDO.NewsArticle)
    w.add(w.doc, KG.documentId, d.id)
    w.add(w.doc, SDO.headline, d.title)
    w.add(w.doc, SDO.datePublished, d.published)
    if d.url:
        w.add(w.doc, SDO.url, URIRef(d.url) if "://" in d.url and " " not in d.url else d.url)
    w.add(w.doc, KG.sourceName, d.source)
    w.add(w.doc, KG.contentHash, d.content_hash)


def run_triples(model: str) -> list[Triple]:
    """Triples describing the extraction run: tool version and spaCy pipeline."""
    run = run_iri(model)
    agent = ID[f"agent/kg-{__version__}"]
    return [
        (run, RDF.type, KG.ExtractionRun),
        (run, RDF.type, PROV.Activity),
        (run, PROV.wasAssociatedWith, agent),
        (run, KG.model, Literal(model)),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"kg {__version__}")),
        (agent, SDO.softwareVersion, Literal(__version__)),
    ]


def raw_triples(extraction: Extraction, model: str) -> list[RawTriple]:
    """The triples of one document with objects as IRIs or plain Python values.

    Writers of other RDF libraries (:mod:`kg.store` for pyoxigraph) turn the
    plain values into literals with :func:`lexical`.
    """
    w = _Writer(extraction.document, run_iri(model))
    _document(w, extraction.document)
    for fact in extraction.facts:
        FACT_WRITERS[type(fact)](w, fact)  # type: ignore[operator]
    for entity in extraction.entities:
        _entity(w, entity)
    return w.triples


def extraction_triples(extraction: Extraction, model: str) -> list[Triple]:
    """The triples of one document (metadata, facts, spans, entities) as rdflib terms."""
    return [(s, p, _lit(o)) for s, p, o in raw_triples(extraction, model)]


def to_graph(extractions: Iterable[Extraction], model: str) -> Graph:
    """An :class:`rdflib.Graph` of every extraction, for users of the rdflib API."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for t in run_triples(model):
        graph.add(t)
    for extraction in extractions:
        for t in extraction_triples(extraction, model):
            graph.add(t)
    return graph
