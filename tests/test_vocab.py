"""The typed vocabulary in kg.vocab mirrors ontology/kg.ttl term for term."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.resources import ONTOLOGY
from kg.vocab import KG


def ontology_terms() -> set[str]:
    graph = Graph().parse(ONTOLOGY, format="turtle")
    ns = str(KG._NS)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        str(s)[len(ns) :]
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(ns)
    }


def test_vocab_and_ontology_define_the_same_terms():
    code_terms = set(KG.__annotations__)
    assert code_terms == ontology_terms()


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        _ = KG.Statment  # type: ignore[attr-defined]


def test_every_term_has_a_label():
    graph = Graph().parse(ONTOLOGY, format="turtle")
    from rdflib.namespace import RDFS

    unlabelled = [t for t in ontology_terms() if graph.value(KG[t], RDFS.label) is None]
    assert unlabelled == []
