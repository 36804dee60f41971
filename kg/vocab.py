"""The RDF vocabulary `kg` writes, typed so that a misspelt term fails at import.

:class:`KG` mirrors ``ontology/kg.ttl`` term for term (a test keeps them in
sync); schema.org, PROV-O, ORG, SKOS and OWL terms come from rdflib's own
namespaces. Resource IRIs live under :data:`ID`.

>>> str(KG.Statement)
'https://w3id.org/kg-diplomacy/ontology#Statement'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class KG(DefinedNamespace):
    """Terms of the kg ontology (``ontology/kg.ttl``)."""

    _NS = Namespace("https://w3id.org/kg-diplomacy/ontology#")
    _fail = True

    # classes
    Fact: URIRef
    Statement: URIRef
    Pledge: URIRef
    Meeting: URIRef
    RoleFact: URIRef
    TextSpan: URIRef
    ExtractionRun: URIRef
    # statements
    said: URIRef
    speaker: URIRef
    coSpeaker: URIRef
    cue: URIRef
    content: URIRef
    direct: URIRef
    speakerText: URIRef
    speakerIsPronoun: URIRef
    speakerSpan: URIRef
    cueSpan: URIRef
    contentSpan: URIRef
    # pledges
    pledged: URIRef
    pledger: URIRef
    amount: URIRef
    item: URIRef
    quantity: URIRef
    period: URIRef
    qualifier: URIRef
    purpose: URIRef
    # meetings
    meetingKind: URIRef
    status: URIRef
    date: URIRef
    # roles
    roleLabel: URIRef
    # provenance and text
    evidence: URIRef
    inDocument: URIRef
    start: URIRef
    end: URIRef
    documentId: URIRef
    contentHash: URIRef
    sourceName: URIRef
    model: URIRef
    # entities
    code: URIRef


ONTOLOGY_IRI = URIRef("https://w3id.org/kg-diplomacy/ontology")
ID = Namespace("https://w3id.org/kg-diplomacy/id/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WIKIDATA),
    "doc": f"{ID}document/",
    "statement": f"{ID}statement/",
    "pledge": f"{ID}pledge/",
    "meeting": f"{ID}meeting/",
    "role": f"{ID}role/",
    "post": f"{ID}post/",
    "person": f"{ID}person/",
    "organisation": f"{ID}organisation/",
    "country": f"{ID}country/",
    "place": f"{ID}place/",
    "run": f"{ID}run/",
}
"""Prefixes written in Turtle output and declared in SPARQL queries by default."""
