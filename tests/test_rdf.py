"""Facts to RDF: stable IRIs, no blank nodes, byte-identical Turtle, round trip."""

from __future__ import annotations

import io

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SDO, XSD

from kg.export import write_rdf
from kg.rdf import extraction_triples, fact_iri, to_graph
from kg.store import GraphStore
from kg.vocab import KG
from tests.factories import NATO, RUTTE, UKRAINE, sample_extraction


def triples():
    return extraction_triples(sample_extraction(), "test-model")


def test_statement_has_speaker_content_and_said_triple():
    statement = sample_extraction().facts[0]
    node = fact_iri(statement)
    ts = set(triples())
    assert (node, RDF.type, KG.Statement) in ts
    assert (URIRef(RUTTE), KG.said, node) in ts
    assert (node, KG.content, Literal("allies stood with Ukraine against Russia")) in ts
    assert (node, KG.direct, Literal(False)) in ts
    assert (node, SDO.mentions, URIRef(UKRAINE)) in ts


def test_pledge_amount_is_decimal_with_iso_currency():
    pledge = sample_extraction().facts[1]
    node = fact_iri(pledge)
    money = URIRef(f"{node}-amount")
    ts = set(triples())
    assert (URIRef(NATO), KG.pledged, node) in ts
    assert (money, SDO.value, Literal("20000000000", datatype=XSD.decimal)) in ts
    assert (money, SDO.currency, Literal("EUR")) in ts
    assert (node, SDO.recipient, URIRef(UKRAINE)) in ts


def test_evidence_spans_are_rfc5147_fragments():
    ts = triples()
    spans = {s for s, p, o in ts if p == KG.evidence for s in [o]}
    assert spans and all("#char=" in str(s) for s in spans)


def test_no_blank_nodes_and_stable_iris():
    ts = triples()
    assert not any(isinstance(t, BNode) for triple in ts for t in triple)
    assert fact_iri(sample_extraction().facts[0]) == fact_iri(sample_extraction().facts[0])
    assert fact_iri(sample_extraction("other").facts[0]) != fact_iri(sample_extraction().facts[0])


def turtle(store: GraphStore) -> bytes:
    out = io.BytesIO()
    write_rdf(store, out, "ttl")
    return out.getvalue()


def test_turtle_is_byte_identical_and_round_trips():
    stores = []
    for _ in range(2):
        store = GraphStore()
        store.add(sample_extraction(), "test-model")
        stores.append(store)
    first, second = turtle(stores[0]), turtle(stores[1])
    assert first == second
    parsed = Graph().parse(data=first.decode(), format="turtle")
    expected = to_graph([sample_extraction()], "test-model")
    assert isomorphic(parsed, expected)


def test_unchanged_document_is_skipped_and_changed_one_replaced():
    store = GraphStore()
    assert store.add(sample_extraction(), "m") == "added"
    size = len(store)
    assert store.add(sample_extraction(), "m") == "unchanged"
    assert len(store) == size
    import dataclasses

    ex = sample_extraction()
    changed = dataclasses.replace(
        ex, document=dataclasses.replace(ex.document, title="New"), facts=ex.facts[:1]
    )
    assert store.add(changed, "m") == "replaced"
    assert len(store) < size
