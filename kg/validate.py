"""Checking a graph against the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from kg.resources import ONTOLOGY, SHAPES
from kg.store import GraphStore


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: whether the graph conforms and pySHACL's report text."""

    conforms: bool
    text: str


def to_rdflib(store: GraphStore) -> Graph:
    """The union of the store's graphs as an :class:`rdflib.Graph`."""
    buf = io.BytesIO()
    ox.serialize(store.triples(), buf, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    graph.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    return graph


def validate(store: GraphStore) -> Report:
    """Validate the graph with the kg shapes, using the ontology for subclass inference."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(SHAPES, format="turtle")
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    conforms, _, text = shacl_validate(
        to_rdflib(store),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
    )
    return Report(bool(conforms), str(text))
