"""The SPARQL endpoint, queried by SPARQLWrapper as a real client would."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.errors import GraphError
from kg.serve import SparqlServer, make_server, serve
from kg.store import GraphStore

DATA = """
INSERT DATA { GRAPH <https://w3id.org/kg-diplomacy/id/document/s1> {
  <urn:x:st1> a kg:Statement ; kg:cue "said" ; kg:content "Talks will resume in June." .
  <urn:x:st2> a kg:Statement ; kg:cue "stressed" ; kg:content "Aid, food and \\"fuel\\"." .
} }
"""
SELECT = "SELECT ?cue WHERE { ?s a kg:Statement ; kg:cue ?cue } ORDER BY ?cue"


def start(store: GraphStore, **options: object) -> SparqlServer:
    server = make_server(store, "127.0.0.1", 0, **options)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: SparqlServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    store = GraphStore()
    store.update(DATA)
    server = start(store, timeout=5.0)
    yield server.url
    stop(server)


def client(url: str, query: str, fmt: str = JSON, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(10)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(endpoint: str, method: str) -> None:
    result = client(endpoint, SELECT, method=method).queryAndConvert()
    assert [b["cue"]["value"] for b in result["results"]["bindings"]] == ["said", "stressed"]


def test_post_sparql_query_body(endpoint: str) -> None:
    sparql = client(endpoint, SELECT, method="POST")
    sparql.setRequestMethod("postdirectly")
    result = sparql.queryAndConvert()
    assert len(result["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    ("fmt", "media", "expected"),
    [
        (XML, "application/sparql-results+xml", "<literal>stressed</literal>"),
        (CSV, "text/csv", "cue\r\nsaid\r\nstressed"),
        (TSV, "text/tab-separated-values", '?cue\n"said"\n"stressed"'),
    ],
)
def test_result_formats(endpoint: str, fmt: str, media: str, expected: str) -> None:
    response = client(endpoint, SELECT, fmt).query()
    assert response.response.headers.get_content_type() == media
    assert expected in response.response.read().decode()


def test_ask(endpoint: str) -> None:
    assert client(endpoint, "ASK { ?s kg:cue 'said' }").queryAndConvert()["boolean"] is True


def test_construct_turtle(endpoint: str) -> None:
    query = "CONSTRUCT { ?s kg:content ?c } WHERE { ?s kg:content ?c }"
    graph = client(endpoint, query, TURTLE).queryAndConvert()
    assert '\\"fuel\\"' in graph.decode() or '"fuel"' in graph.decode()


def test_construct_ntriples_by_accept(endpoint: str) -> None:
    request = urllib.request.Request(
        endpoint + "?query=" + urllib.parse.quote("CONSTRUCT WHERE { ?s kg:cue ?c }"),
        headers={"Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get_content_type() == "application/n-triples"
        assert response.read().decode().count(" .\n") == 2


def test_bad_query_is_400_with_message(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed, match="malformed SPARQL"):
        client(endpoint, "SELECT ?x WHERE { ?x").query()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/sparql", 400), ("GET", "/elsewhere", 404), ("OPTIONS", "/sparql", 204)],
)
def test_status_and_cors(endpoint: str, method: str, path: str, status: int) -> None:
    url = endpoint.rsplit("/", 1)[0] + path
    request = urllib.request.Request(url, method=method, headers={"Origin": "http://yasgui.org"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            code, headers = response.status, response.headers
    except urllib.error.HTTPError as exc:
        code, headers = exc.code, exc.headers
    assert code == status
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_updates_refused_when_read_only(endpoint: str) -> None:
    sparql = client(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403
    assert client(endpoint, "ASK { <urn:a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_updates_allowed() -> None:
    server = start(GraphStore(), allow_update=True)
    try:
        client(server.url, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }",
               method="POST").query()  # fmt: skip
        result = client(server.url, "SELECT ?o WHERE { <urn:a> <urn:b> ?o }").queryAndConvert()
        assert [b["o"]["value"] for b in result["results"]["bindings"]] == ["c"]
        with pytest.raises(QueryBadFormed):
            client(server.url, "INSERT DATA {", method="POST").query()
    finally:
        stop(server)


def test_query_timeout() -> None:
    store = GraphStore()
    store.update(
        "INSERT DATA { " + " ".join(f"<urn:n{i}> <urn:p> {i} ." for i in range(300)) + " }"
    )
    server = start(store, timeout=0.2)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"  # 27 M rows
    try:
        request = urllib.request.Request(server.url + "?query=" + urllib.parse.quote(slow))
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 503
        assert b"timed out" in caught.value.read()
    finally:
        stop(server)


def test_json_is_the_default(endpoint: str) -> None:
    request = urllib.request.Request(endpoint + "?query=" + urllib.parse.quote(SELECT))
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get_content_type() == "application/sparql-results+json"
        assert json.loads(response.read())["head"]["vars"] == ["cue"]


def test_busy_port_is_a_graph_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(GraphError, match="cannot listen"):
            serve(GraphStore(), "127.0.0.1", busy.getsockname()[1])
