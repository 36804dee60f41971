"""Exports: the actor network as GEXF/GraphML/CSV read back, RDF formats, atomic writes."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import FormatError
from kg.export import EXPORTERS, export
from kg.network import project
from kg.store import GraphStore
from tests.factories import NATO, RUSSIA, RUTTE, UKRAINE, sample_extraction


@pytest.fixture()
def store() -> GraphStore:
    s = GraphStore()
    s.add(sample_extraction(), "test-model")
    return s


def test_projection_nodes_and_edges(store):
    g = project(store)
    assert g.nodes[RUTTE]["label"] == "Mark Rutte"
    assert g.nodes[RUTTE]["type"] == "person"
    assert g.nodes[UKRAINE]["type"] == "country"
    assert g.edges[RUTTE, UKRAINE, "mentioned"]["weight"] == 1
    assert g.edges[RUTTE, RUSSIA, "mentioned"]["label"] == "mentioned"
    pledged = g.edges[NATO, UKRAINE, "pledged EUR"]
    assert (pledged["amount"], pledged["currency"]) == (20000000000.0, "EUR")
    assert g.edges[RUTTE, NATO, "post Secretary General"]["label"] == "Secretary General"
    assert g.has_edge(*sorted([NATO, RUTTE]), "met")
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool, dict)) for v in data.values())


def test_gexf_written_and_read_back(store, tmp_path):
    path = tmp_path / "actors.gexf"
    export(store, "gexf", path)
    g = nx.read_gexf(path)
    assert g.nodes[RUTTE]["label"] == "Mark Rutte"
    assert g.nodes[RUTTE]["type"] == "person"
    assert g.nodes[RUTTE]["viz"]["color"]["b"] == 180
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"mentioned", "pledged", "met", "Secretary General"} <= labels
    assert b"<viz:color" in path.read_bytes()


def test_graphml_and_csv_read_back(store, tmp_path):
    export(store, "graphml", tmp_path / "a.graphml")
    g = nx.read_graphml(tmp_path / "a.graphml")
    assert g.nodes[NATO]["type"] == "organisation"
    export(store, "csv", tmp_path / "edges.csv")
    rows = list(csv.DictReader((tmp_path / "edges.csv").open(encoding="utf-8")))
    assert {"source_label": "NATO", "target_label": "Ukraine", "relation": "pledged"}.items() <= {
        k: v for r in rows if r["relation"] == "pledged" for k, v in r.items()
    }.items()


@pytest.mark.parametrize(
    "fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_rdf_formats_parse_back(store, tmp_path, fmt, rdflib_format):
    path = tmp_path / f"g.{fmt}"
    export(store, fmt, path)
    assert len(Graph().parse(path, format=rdflib_format)) == len(store.triples())


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig")])
def test_dataset_formats_keep_document_graphs(store, tmp_path, fmt, rdflib_format):
    path = tmp_path / f"g.{fmt}"
    export(store, fmt, path)
    ds = Dataset().parse(path, format=rdflib_format)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert any(n.endswith("/document/sample") for n in names)


def test_unknown_format_and_atomic_failure(store, tmp_path):
    with pytest.raises(FormatError, match="choose one of"):
        export(store, "xlsx", tmp_path / "x")
    target = tmp_path / "keep.ttl"
    target.write_text("old")

    def boom(_store, _out):
        _out.write(b"partial")
        raise RuntimeError("disk full")

    EXPORTERS["boom"] = boom
    try:
        with pytest.raises(RuntimeError):
            export(store, "boom", target)
    finally:
        del EXPORTERS["boom"]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.ttl"]
