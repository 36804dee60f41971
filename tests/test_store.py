"""The Oxigraph store: one named graph per document, keyed by content hash."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.store
from kg.document import parse
from kg.errors import GraphError, QueryError
from kg.rdf import document_iri, extraction_triples
from kg.records import Document, Entity, Extraction, Pledge, Role
from kg.store import GraphStore, RemoteStore, document_quads
from kg.vocab import KG

MODEL = "test_model"
ENTITY = "https://w3id.org/kg-diplomacy/id/"


def make_extraction(doc_id: str = "a1", text: str | None = None) -> Extraction:
    """A hand-built extraction: one role, one pledge, their entities."""
    text = text or 'Ana Duarte, the foreign minister of Portugal, pledged €5 million "now".'
    document = Document(id=doc_id, text=text, title="Portugal pledges aid")
    person, country = f"{ENTITY}person/ana-duarte", f"{ENTITY}country/prt"
    facts = (
        Role(doc=doc_id, person="Ana Duarte", role="foreign minister", organisation="Portugal",
             span=(0, 44), person_id=person, organisation_id=country),
        Pledge(doc=doc_id, pledger="Portugal", amount=Decimal("5000000"), currency="EUR",
               text="€5 million", span=(54, 64), pledger_id=country),
    )  # fmt: skip
    entities = (
        Entity(iri=person, label="Ana Duarte", kind="person"),
        Entity(iri=country, label="Portugal", kind="country", code="PRT"),
    )
    return Extraction(document=document, facts=facts, entities=entities)


COUNT_PLEDGES = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Pledge }"


def count(store: GraphStore, sparql: str = COUNT_PLEDGES) -> int:
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))["n"].value)


def test_add_is_keyed_by_content_hash() -> None:
    store = GraphStore()
    first = make_extraction()
    assert store.document_hash("a1") is None
    assert store.add(first, MODEL) == "added"
    size = len(store)
    assert store.document_hash("a1") == first.document.content_hash
    assert store.add(first, MODEL) == "unchanged"
    assert len(store) == size
    changed = make_extraction(text=first.document.text.replace("€5", "€7"))
    assert store.add(changed, MODEL) == "replaced"
    assert store.document_hash("a1") == changed.document.content_hash
    assert count(store) == 1  # the old pledge went with the old graph


def test_documents_live_in_their_own_graphs() -> None:
    store = GraphStore()
    store.add(make_extraction("a1"), MODEL)
    store.add(make_extraction("a2"), MODEL)
    graphs = {q.graph_name.value for q in store.quads() if isinstance(q.graph_name, ox.NamedNode)}
    assert {g.rsplit("/", 1)[-1] for g in graphs} >= {"a1", "a2"}
    # the union default graph sees both documents' pledges
    assert count(store) == 2
    assert count(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }") == 2


def test_queries_see_the_union_as_a_set() -> None:
    store = GraphStore()
    store.add(make_extraction("a1"), MODEL)
    store.add(make_extraction("a2"), MODEL)
    # both documents describe Portugal; the union holds its label once
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?e rdfs:label 'Portugal' }") == 1


def test_replacing_gives_the_store_a_fresh_build_gives() -> None:
    first, other = make_extraction("a1"), make_extraction("a2")
    changed = make_extraction("a1", text=first.document.text.replace("€5", "€7"))
    changed = dataclasses.replace(changed, entities=changed.entities[:1])
    updated, fresh = GraphStore(), GraphStore()
    for extraction in (first, other, changed):
        updated.add(extraction, MODEL)
    for extraction in (other, changed):
        fresh.add(extraction, MODEL)
    assert updated.triples() == fresh.triples()
    assert updated.quads() == fresh.quads()
    assert len(updated) == len(fresh)


def test_store_without_union_copy_gets_one(tmp_path: Path) -> None:
    source = GraphStore()
    source.add(make_extraction(), MODEL)
    raw = ox.Store(str(tmp_path / "old"))
    raw.extend(source.quads())  # named graphs only, as an older kg wrote them
    raw.flush()
    del raw
    reader = GraphStore.open(tmp_path / "old", read_only=True)
    assert not reader.union_copy
    assert count(reader) == 1
    assert reader.triples() == source.triples()
    del reader
    upgraded = GraphStore.open(tmp_path / "old")
    assert upgraded.union_copy
    assert upgraded.triples() == source.triples()
    assert count(upgraded) == 1


def test_dataset_file_round_trip(tmp_path: Path) -> None:
    store = GraphStore()
    store.add(make_extraction(), MODEL)
    path = tmp_path / "g.nq"
    path.write_bytes(ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS))
    loaded = GraphStore.open(path)
    assert loaded.quads() == store.quads()
    assert loaded.triples() == store.triples()


def test_updates_into_named_graphs_reach_the_union() -> None:
    store = GraphStore()
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label 'a' } }")
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> rdfs:label ?l }") == 1


def test_triples_are_sorted_and_distinct() -> None:
    store = GraphStore()
    store.add(make_extraction("a1"), MODEL)
    store.add(make_extraction("a2"), MODEL)
    triples = store.triples()
    assert triples == sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate),
                                                          str(t.object)))  # fmt: skip


def test_on_disk_store_persists(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = GraphStore.open(location, create=True)
    store.add(make_extraction(), MODEL)
    store.flush()
    size = len(store)
    del store
    reopened = GraphStore.open(location)
    assert len(reopened) == size
    assert reopened.add(make_extraction(), MODEL) == "unchanged"


def test_on_disk_store_batches_writes_but_reads_see_them(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "store", create=True)
    first = make_extraction("a1")
    assert store.add(first, MODEL) == "added"
    assert store.add(make_extraction("a2"), MODEL) == "added"
    assert store.document_hash("a1") == first.document.content_hash  # known while pending
    assert store.add(first, MODEL) == "unchanged"
    assert count(store) == 2  # the query loads the batch first
    memory = GraphStore()
    for doc_id in ("a1", "a2"):
        memory.add(make_extraction(doc_id), MODEL)
    assert store.quads() == memory.quads()
    assert store.triples() == memory.triples()


def test_writer_thread_writes_batches_while_adding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(kg.store, "WRITE_BATCH", 1)  # every document goes to the writer
    store = GraphStore.open(tmp_path / "store", create=True)
    extractions = [make_extraction(f"a{i}") for i in range(5)]
    for extraction in extractions:
        assert store.add(extraction, MODEL) == "added"
    # queued or written, every document is known by its hash
    assert store.document_hash("a4") == extractions[4].document.content_hash
    assert store.add(extractions[2], MODEL) == "unchanged"
    assert count(store) == 5
    memory = GraphStore()
    for extraction in extractions:
        memory.add(extraction, MODEL)
    assert store.quads() == memory.quads()


def test_a_failed_background_write_is_raised(tmp_path: Path, monkeypatch) -> None:
    class Full:
        def load(self, **_: object) -> None:
            raise OSError("No space left on device")

    monkeypatch.setattr(kg.store, "WRITE_BATCH", 1)
    store = GraphStore.open(tmp_path / "store", create=True)
    store.add(make_extraction("a1"), MODEL)  # writes the run record, starts the writer
    assert store._writer is not None
    store._writer.store = Full()  # type: ignore[assignment]
    with pytest.raises(GraphError, match="cannot write \\(No space left on device\\)"):
        for doc_id in ("a2", "a3"):  # raised by the next hand-over or by the flush
            store.add(make_extraction(doc_id), MODEL)
        store.flush()


def test_same_document_twice_in_one_batch_keeps_the_later(tmp_path: Path) -> None:
    first = make_extraction("a1")
    changed = make_extraction("a1", text=first.document.text.replace("€5", "€7"))
    store = GraphStore.open(tmp_path / "store", create=True)
    assert store.add(first, MODEL) == "added"
    assert store.add(changed, MODEL) == "replaced"
    store.flush()
    fresh = GraphStore()
    fresh.add(changed, MODEL)
    assert store.quads() == fresh.quads()
    assert store.triples() == fresh.triples()


def test_graph_cut_short_before_its_hash_is_replaced(tmp_path: Path) -> None:
    # A build killed mid-write leaves a document graph without its content hash.
    old = make_extraction("a1")
    raw = ox.Store(str(tmp_path / "store"))
    partial = [q for q in document_quads(old, MODEL) if q.predicate.value != str(KG.contentHash)]
    raw.extend(partial + [ox.Quad(q.subject, q.predicate, q.object) for q in partial])
    raw.flush()
    del raw
    store = GraphStore.open(tmp_path / "store")
    assert store.document_hash("a1") is None
    changed = make_extraction("a1", text=old.document.text.replace("€5", "€7"))
    assert store.add(changed, MODEL) == "added"
    store.flush()
    assert count(store) == 1  # the partial old pledge is gone
    fresh = GraphStore()
    fresh.add(changed, MODEL)
    assert store.quads() == fresh.quads()
    assert store.triples() == fresh.triples()


def test_read_only_store_beside_a_writer(tmp_path: Path) -> None:
    writer = GraphStore.open(tmp_path / "store", create=True)
    writer.add(make_extraction(), MODEL)
    writer.flush()
    reader = GraphStore.open(tmp_path / "store", read_only=True)
    assert len(reader) == len(writer)
    with pytest.raises(QueryError, match="read-write"):
        reader.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_turtle_file_is_read_into_memory(tmp_path: Path) -> None:
    store = GraphStore()
    store.add(make_extraction(), MODEL)
    path = tmp_path / "g.ttl"
    path.write_bytes(ox.serialize(store.triples(), format=ox.RdfFormat.TURTLE))
    assert len(GraphStore.open(path).triples()) == len(store.triples())


@pytest.mark.parametrize(
    ("location", "error"),
    [("missing.ttl", "no such graph file"), ("bad.ttl", "not a valid ttl graph")],
)
def test_open_errors(tmp_path: Path, location: str, error: str) -> None:
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n")
    with pytest.raises(GraphError, match=error):
        GraphStore.open(tmp_path / location)


@pytest.mark.parametrize(
    ("sparql", "error"),
    [
        ("SELECT ?x WHERE { ?x", "malformed SPARQL"),
        ("SELECT ?x WHERE { ?x nope:p ?y }", "Prefix not found"),
    ],
)
def test_query_errors(sparql: str, error: str) -> None:
    with pytest.raises(QueryError, match=error):
        GraphStore().query(sparql)


def test_update_and_malformed_update() -> None:
    store = GraphStore()
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label 'a' } }")
    assert len(store) == 1
    with pytest.raises(QueryError, match="malformed SPARQL update"):
        store.update("INSERT DATA {")


def test_urls_open_remote_stores() -> None:
    store = GraphStore.open("http://127.0.0.1:9/ds")
    assert isinstance(store, RemoteStore)
    assert (store.query_url, store.update_url) == (
        "http://127.0.0.1:9/ds/query",
        "http://127.0.0.1:9/ds/update",
    )


@pytest.mark.slow
def test_parse_with_two_workers_matches_one(nlp) -> None:
    documents = [
        Document(id="p1", text="The prime minister of Norway met the Kenyan president in Oslo."),
        Document(id="p2", text="Japan pledged $40 million to the World Food Programme on Monday."),
    ]

    def annotations(workers: int) -> list[tuple[str, list[tuple[str, str, str, int, str]]]]:
        return [
            (document.id, [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc])
            for document, doc in parse(documents, nlp, workers=workers, batch_size=1)
        ]

    assert annotations(2) == annotations(1)


@pytest.mark.parametrize(
    "error",
    [
        OSError("IO error: No such file or directory: bad/MANIFEST-000099"),
        RuntimeError("Corruption: Mismatch in unique ID on table file 10"),
    ],
)
def test_a_damaged_store_is_a_one_line_error(tmp_path: Path, monkeypatch, error) -> None:
    def refuse(location: str) -> ox.Store:
        raise error

    (tmp_path / "store").mkdir()
    monkeypatch.setattr(kg.store.ox, "Store", refuse)
    with pytest.raises(GraphError, match=f"store: cannot open store \\({error.args[0][:12]}"):
        GraphStore.open(tmp_path / "store")


def test_nquads_text_holds_each_quad_and_its_union_copy() -> None:
    extraction = make_extraction()
    # quotes, a backslash and a line break in a literal must survive the N-Quads escaping
    title = 'Portugal "pledges" aid \\ in\nLisbon'
    extraction = dataclasses.replace(
        extraction, document=dataclasses.replace(extraction.document, title=title)
    )
    body, seal = kg.store.document_nquads(extraction, MODEL)
    parsed = set(ox.parse(body + seal, format=ox.RdfFormat.N_QUADS))
    # the same triples through rdflib's terms, an independent writer
    graph = kg.store.to_ox(document_iri(extraction.document.id))
    named = [
        ox.Quad(kg.store.to_ox(s), kg.store.to_ox(p), kg.store.to_ox(o), graph)
        for s, p, o in extraction_triples(extraction, MODEL)
    ]
    union = {ox.Quad(q.subject, q.predicate, q.object) for q in named}
    assert parsed == set(named) | union
    assert len(parsed) == 2 * len(named)
    # the content hash is the seal, apart from the rest: in its graph and in the union
    assert seal.count("\n") == 2
    assert all(
        q.predicate == ox.NamedNode(str(KG.contentHash))
        for q in ox.parse(seal, format=ox.RdfFormat.N_QUADS)
    )
    assert str(KG.contentHash) not in body
    assert ox.Literal(title) in {q.object for q in parsed}
