"""A remote store: a real Oxigraph server on 127.0.0.1, loaded, queried and re-loaded."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import GraphError, QueryError
from kg.records import Document, Entity, Extraction, Pledge, Statement
from kg.store import GraphStore, RemoteStore

MODEL = "test_model"
ENTITY = "https://w3id.org/kg-diplomacy/id/"
STARTUP_ATTEMPTS = 100  # × 0.05 s


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int) -> None:
    for _ in range(STARTUP_ATTEMPTS):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"oxigraph server on port {port} did not start")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def remote(server: str) -> RemoteStore:
    store = GraphStore.open(server)
    assert isinstance(store, RemoteStore)
    store.update("DROP SILENT ALL")
    return store


def make_extraction(doc_id: str = "r1", amount: str = "3000000") -> Extraction:
    """A hand-built extraction whose literals need escaping (quotes, newline, non-ASCII)."""
    text = 'Leila Haddad said: "Aid is coming\nsoon." Jordan pledged €3 million.'
    document = Document(id=doc_id, text=text, title='Jordan "pledges"')
    person, country = f"{ENTITY}person/leila-haddad", f"{ENTITY}country/jor"
    facts = (
        Statement(doc=doc_id, speaker="Leila Haddad", speaker_span=(0, 12), cue="said",
                  cue_span=(13, 17), content="Aid is coming\nsoon.", content_span=(20, 39),
                  direct=True, speaker_id=person),
        Pledge(doc=doc_id, pledger="Jordan", amount=Decimal(amount), currency="EUR",
               text="€3 million", span=(57, 67), pledger_id=country),
    )  # fmt: skip
    entities = (
        Entity(iri=person, label="Leila Haddad", kind="person"),
        Entity(iri=country, label="Jordan", kind="country", code="JOR"),
    )
    return Extraction(document=document, facts=facts, entities=entities)


def test_load_query_and_reload(remote: RemoteStore) -> None:
    first = make_extraction()
    assert remote.add(first, MODEL) == "added"
    assert remote.document_hash("r1") == first.document.content_hash
    size = len(remote)
    assert remote.add(first, MODEL) == "unchanged"
    assert len(remote) == size
    changed = make_extraction(amount="4000000")
    changed = Extraction(
        document=Document(id="r1", text=first.document.text + " ", title="Jordan"),
        facts=changed.facts,
        entities=changed.entities,
    )
    assert remote.add(changed, MODEL) == "replaced"
    solutions = remote.query("SELECT ?v WHERE { ?p a kg:Pledge ; kg:amount/schema:value ?v }")
    assert isinstance(solutions, ox.QuerySolutions)
    assert [s["v"].value for s in solutions] == ["4000000"]


def test_remote_matches_local_store(remote: RemoteStore) -> None:
    local = GraphStore()
    for doc_id in ("r1", "r2"):
        local.add(make_extraction(doc_id), MODEL)
        remote.add(make_extraction(doc_id), MODEL)
    assert remote.triples() == local.triples()
    assert remote.quads() == local.quads()
    assert len(remote) == len(local)


@pytest.mark.parametrize(
    ("sparql", "kind"),
    [
        ("SELECT ?c WHERE { ?s kg:content ?c }", ox.QuerySolutions),
        ("ASK { ?s a kg:Statement }", ox.QueryBoolean),
        ("CONSTRUCT { ?s kg:content ?c } WHERE { ?s kg:content ?c }", ox.QueryTriples),
    ],
)
def test_query_forms_give_pyoxigraph_results(remote: RemoteStore, sparql: str, kind: type) -> None:
    remote.add(make_extraction(), MODEL)
    result = remote.query(sparql)
    assert isinstance(result, kind)
    local = GraphStore()
    local.add(make_extraction(), MODEL)
    if isinstance(result, ox.QueryBoolean):
        assert bool(result)
    else:
        assert sorted(map(str, result)) == sorted(map(str, local.query(sparql)))  # type: ignore[arg-type]


def test_bad_query_is_a_query_error(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="HTTP 400"):
        remote.query("SELECT ?x WHERE { ?x")


def test_unreachable_server_is_a_graph_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(GraphError, match="cannot reach"):
        store.document_hash("r1")
