"""Where the graph lives: an Oxigraph store in memory, on disk, or behind a file.

A :class:`GraphStore` keeps one named graph per document, named by the
document's IRI, so a changed article replaces exactly its own facts and an
unchanged one (same content hash) is skipped. Queries see the union of all
graphs. A Turtle (or N-Triples, N-Quads, TriG, JSON-LD) file is read into an
in-memory store; a directory is an on-disk Oxigraph store; an ``http(s)://`` URL
is any SPARQL 1.1 Query + Update server (:class:`RemoteStore`: Oxigraph server,
Apache Jena Fuseki, Virtuoso, GraphDB), reached with the standard library only.
"""

from __future__ import annotations

import queue
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import FormatError, GraphError, QueryError
from kg.rdf import Triple, document_iri, lexical, raw_triples, run_triples
from kg.records import Extraction
from kg.vocab import KG, PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES: dict[str, str] = {
    ".ttl": "ttl",
    ".turtle": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
RUN_GRAPH = ox.NamedNode(f"{PREFIXES['run']}graph")
_HASH = ox.NamedNode(str(KG.contentHash))
_DEFAULT = ox.DefaultGraph()
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

REMOTE_SCHEMES = ("http://", "https://")
ENDPOINT_LAYOUTS: tuple[tuple[str, str, str], ...] = (
    # (URL path pattern, query endpoint, update endpoint), first match wins
    (r"^(.*)/query$", r"\1/query", r"\1/update"),  # Oxigraph server, Fuseki
    (r"^(.*)/sparql$", r"\1/sparql", r"\1/sparql"),  # Virtuoso, Fuseki's combined endpoint
    (r"^(.*/repositories/[^/]+)$", r"\1", r"\1/statements"),  # GraphDB, RDF4J
    (r"^(.*?)/?$", r"\1/query", r"\1/update"),  # a dataset's base URL
)
UNION_PARAMS: dict[str, str] = {"union-default-graph": ""}
"""Sent with remote queries when the URL has no query string: Oxigraph's switch
that makes the default graph the union of all graphs (Virtuoso and GraphDB do
so anyway; for Fuseki add ``?default-graph-uri=urn:x-arq:UnionGraph`` to the URL)."""
RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
REMOTE_TIMEOUT = 60.0


def rdf_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for a short name such as ``ttl``.

    >>> rdf_format("nt").name
    'N-Triples'
    """
    try:
        return RDF_FORMATS[name]
    except KeyError:
        raise FormatError(
            f"unknown RDF format {name!r}; choose one of {', '.join(RDF_FORMATS)}"
        ) from None


def to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    """Convert an rdflib IRI or literal to its pyoxigraph twin."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


WRITE_BATCH = 50
"""Documents an on-disk store collects before handing them to its writer thread."""


@lru_cache(maxsize=16384)
def _iri(value: str) -> ox.NamedNode:
    # Predicates, classes, datatypes, entities and a fact's own IRI repeat.
    return ox.NamedNode(value)


def _ox_object(value: object) -> ox.NamedNode | ox.Literal:
    if type(value) is str:  # most objects: labels, texts, cues
        return ox.Literal(value)
    if isinstance(value, URIRef):
        return _iri(value)
    if isinstance(value, Literal):
        return to_ox(value)
    text, datatype = lexical(value)
    return ox.Literal(text, datatype=_iri(datatype))


@lru_cache(maxsize=16384)
def _nt_iri(value: str) -> str:
    # checked by Oxigraph, which refuses what is not an IRI
    return str(_iri(value))


def _nt_object(value: object) -> str:
    if type(value) is str:
        return str(ox.Literal(value))  # escaped by Oxigraph
    if isinstance(value, URIRef):
        return _nt_iri(value)
    return str(_ox_object(value))


_HASH_PREDICATE = KG.contentHash


def document_ntriples(extraction: Extraction, model: str) -> tuple[list[str], list[str]]:
    """One document's triples in N-Triples syntax (``<s> <p> o``, without the final dot).

    Terms are written by Oxigraph, which checks IRIs and escapes literals. The
    content hash comes apart, to be written once the rest is in.

    Returns:
        the document's triples without its content hash, and the content hash.
    """
    body: list[str] = []
    seal: list[str] = []
    for s, p, o in raw_triples(extraction, model):
        triple = f"{_nt_iri(s)} {_nt_iri(p)} {_nt_object(o)}"
        (seal if p == _HASH_PREDICATE else body).append(triple)
    return body, seal


def document_nquads(extraction: Extraction, model: str) -> tuple[str, str]:
    """One document's triples as N-Quads text, each in its graph and in the union.

    Oxigraph parses text faster than Python builds its ``Quad`` objects, and
    does so with the GIL released.

    Returns:
        the document's quads without its content hash, and the content hash.
    """
    graph = _nt_iri(document_iri(extraction.document.id))
    body, seal = document_ntriples(extraction, model)
    return _in_graph_and_union(body, graph), _in_graph_and_union(seal, graph)


def _in_graph_and_union(triples: list[str], graph: str) -> str:
    return "".join(f"{t} {graph} .\n{t} .\n" for t in triples)


def document_quads(extraction: Extraction, model: str) -> list[ox.Quad]:
    """One document's quads, in the document's named graph."""
    graph = ox.NamedNode(str(document_iri(extraction.document.id)))
    body, seal = document_ntriples(extraction, model)
    text = "".join(f"{t} .\n" for t in body + seal)
    parsed = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]


def _with_union(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Named-graph quads followed by their copies in the default graph (the union)."""
    return [*quads, *(ox.Quad(q.subject, q.predicate, q.object) for q in quads)]


class GraphStore:
    """An Oxigraph store with one named graph per document.

    The default graph holds the union of the document graphs as a set, kept in
    step by every write of this class, so queries see each triple once (an
    entity described in many documents has one label, not one per document)
    and run on Oxigraph's plain indexes, 5–50 × faster than its on-the-fly
    union of named graphs. Files and stores written without that copy are
    given one when opened (or, read-only, queried through the slower union).
    """

    def __init__(
        self, store: ox.Store | None = None, location: str | None = None, *, on_disk: bool = False
    ) -> None:
        self.store = store if store is not None else ox.Store()
        self.location = location
        self.on_disk = on_disk
        self._runs: set[str] = set()
        self.union_copy = True
        # On disk, documents are collected and written WRITE_BATCH at a time.
        self._pending: list[str] = []  # N-Quads of each document
        self._seals: list[str] = []  # their content hashes, written after the rest
        self._pending_hashes: dict[str, str] = {}
        self._writer: _BackgroundWriter | None = None

    @classmethod
    def open(
        cls, location: str | Path, *, create: bool = False, read_only: bool = False
    ) -> GraphStore:
        """Open a graph file (read into memory), an on-disk store or a SPARQL server.

        Args:
            location: a ``.ttl``/``.nt``/``.nq``/``.trig``/``.jsonld`` file, a store
                directory, or an ``http(s)://`` URL (see :class:`RemoteStore`).
            create: create the store directory if it does not exist.
            read_only: open a store directory read-only (another process may hold it).

        Raises:
            GraphError: the file or store cannot be read.
        """
        if isinstance(location, str) and location.startswith(REMOTE_SCHEMES):
            return RemoteStore(location)
        path = Path(location)
        if path.is_dir() or (create and not path.exists() and not path.suffix):
            try:
                raw = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
                opened = cls(raw, str(path), on_disk=True)
            except (OSError, RuntimeError) as exc:  # RocksDB reports damage as RuntimeError
                raise GraphError(f"{path}: cannot open store ({_first_line(exc)})") from None
            opened._check_union(writable=not read_only)
            return opened
        if not path.exists():
            raise GraphError(f"{path}: no such graph file or store")
        fmt = SUFFIXES.get(path.suffix.lower(), "ttl")
        store = ox.Store()
        try:
            if RDF_FORMATS[fmt].supports_datasets:
                store.bulk_load(path=str(path), format=RDF_FORMATS[fmt])
            else:
                store.bulk_load(path=str(path), format=RDF_FORMATS[fmt], to_graph=ox.DefaultGraph())
        except SyntaxError as exc:
            raise GraphError(f"{path}: not a valid {fmt} graph ({_first_line(exc)})") from None
        except (OSError, ValueError) as exc:
            raise GraphError(f"{path}: cannot read graph ({_first_line(exc)})") from None
        opened = cls(store, str(path))
        opened._check_union(writable=True)
        return opened

    def _check_union(self, writable: bool) -> None:
        """Give a dataset without a union copy one, or fall back to the query-time union."""
        has_named = next(iter(self.store.named_graphs()), None) is not None
        has_default = next(iter(self.store.quads_for_pattern(None, None, None, _DEFAULT)), None)
        if not has_named or has_default is not None:
            return
        if writable:
            self.store.extend(list(_union_quads(self.store)))
        else:
            self.union_copy = False

    def document_hash(self, doc_id: str) -> str | None:
        """The content hash stored for a document, or None when it is not in the store."""
        pending = self._pending_hashes.get(doc_id)
        if pending is None and self._writer is not None:
            pending = self._writer.hash_of(doc_id)
        if pending is not None:
            return pending
        graph = ox.NamedNode(str(document_iri(doc_id)))
        for quad in self.store.quads_for_pattern(None, _HASH, None, graph):
            return _value(quad.object)
        return None

    def add(self, extraction: Extraction, model: str) -> str:
        """Add one document's facts, replacing its older version.

        A document graph is complete once its content hash is written, which
        happens last; a graph without one (a build killed mid-write) is replaced.

        Returns:
            ``added``, ``replaced`` or ``unchanged`` (same content hash: nothing written).
        """
        document = extraction.document
        old = self.document_hash(document.id)
        if old == document.content_hash:
            return "unchanged"
        if document.id in self._pending_hashes:
            self._write_pending()  # the same article twice in one batch: the later one wins
        graph = ox.NamedNode(str(document_iri(document.id)))
        if old is not None or next(self.store.quads_for_pattern(None, None, None, graph), None):
            self.remove_graph(graph)
        self.add_run(model)
        body, seal = document_nquads(extraction, model)
        if not self.on_disk:
            self.store.load(input=body + seal, format=ox.RdfFormat.N_QUADS)
        else:
            self._pending_hashes[document.id] = document.content_hash
            self._pending.append(body)
            self._seals.append(seal)
            if len(self._pending_hashes) >= WRITE_BATCH:
                self._hand_over()
        return "added" if old is None else "replaced"

    def _hand_over(self) -> None:
        """Pass the collected documents to the writer thread, which writes while we parse."""
        if not self._pending_hashes:
            return
        if self._writer is None:
            self._writer = _BackgroundWriter(self.store, self.location or "store")
        batch = (self._pending, self._seals, self._pending_hashes)
        self._pending, self._seals, self._pending_hashes = [], [], {}
        self._writer.put(*batch)

    def _write_pending(self) -> None:
        """Write every collected document and wait until all are in the store."""
        self._hand_over()
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Drop a named graph and the union triples no other graph still holds."""
        self._write_pending()
        for quad in list(self.store.quads_for_pattern(None, None, None, graph)):
            held = self.store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)
            if not any(q.graph_name not in (graph, _DEFAULT) for q in held):
                self.store.remove(ox.Quad(quad.subject, quad.predicate, quad.object))
        self.store.remove_graph(graph)

    def add_run(self, model: str) -> None:
        """Record the extraction run (tool version and pipeline) once."""
        if model in self._runs:
            return
        self._runs.add(model)
        self.add_triples(run_triples(model), RUN_GRAPH.value)

    def add_triples(self, triples: Iterable[Triple], graph: str) -> None:
        """Add rdflib triples to the named graph ``graph``."""
        g = ox.NamedNode(graph)
        self._extend(
            [
                ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), to_ox(o), g)
                for s, p, o in triples
            ]
        )

    def _extend(self, quads: list[ox.Quad]) -> None:
        # one transaction for the graph and its union copy
        self.store.extend(_with_union(quads))

    def triples(self) -> list[ox.Triple]:
        """Every distinct triple of every graph, sorted, for deterministic output."""
        self._write_pending()
        if self.union_copy:
            found = self.store.quads_for_pattern(None, None, None, _DEFAULT)
            return sorted(
                (ox.Triple(q.subject, q.predicate, q.object) for q in found), key=_triple_key
            )
        seen = {ox.Triple(q.subject, q.predicate, q.object) for q in self.store}
        return sorted(seen, key=_triple_key)

    def quads(self) -> list[ox.Quad]:
        """Every quad of the dataset (named graphs, without the union copy), sorted."""
        return sorted(self, key=lambda q: (str(q.graph_name), *_triple_key(q)))

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with the kg prefixes declared.

        Raises:
            QueryError: the query is malformed or fails.
        """
        self._write_pending()  # a query sees every document added so far
        try:
            return self.store.query(
                sparql, use_default_graph_as_union=not self.union_copy, prefixes=dict(PREFIXES)
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {_first_line(exc)}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_first_line(exc)}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update, with the kg prefixes declared.

        Triples inserted into named graphs are then copied into the union (the
        default graph); a triple deleted from a named graph stays in the union
        until it is deleted there too.

        Raises:
            QueryError: the update is malformed or fails.
        """
        self._write_pending()
        try:
            self.store.update(sparql, prefixes=dict(PREFIXES))
            if self.union_copy:
                self.store.extend(list(_union_quads(self.store)))
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {_first_line(exc)}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"update failed: {_first_line(exc)}") from None

    def merge_entities(self, merges: dict[str, str]) -> None:
        """Rename entity IRIs (old → new) in every graph; old labels become alternative labels."""
        if not merges:
            return
        self._write_pending()
        try:
            # The update renames in the union copy too, so it needs no re-copy afterwards.
            self.store.update(merge_update(merges), prefixes=dict(PREFIXES))
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"entity merge failed: {_first_line(exc)}") from None

    def __len__(self) -> int:
        """The number of quads in the dataset (as :meth:`quads` lists them)."""
        return sum(1 for _ in self)

    def __iter__(self) -> Iterator[ox.Quad]:
        self._write_pending()
        has_named = next(iter(self.store.named_graphs()), None) is not None
        for quad in self.store:
            if not (has_named and quad.graph_name == _DEFAULT):
                yield quad

    def flush(self) -> None:
        """Write the collected documents and pending changes of an on-disk store."""
        self._write_pending()
        if self.on_disk:
            self.store.flush()


class _BackgroundWriter:
    """Writes batches of documents into an on-disk store on its own thread.

    pyoxigraph lets go of the GIL while a transaction writes, so a build goes
    on parsing while the previous batch reaches the disk. Batches are written
    in order, each document's quads before its content-hash seal, and flushed
    so that RocksDB's write buffers stay small. At most two batches wait, which
    keeps memory flat; a failed write is raised in the building thread.
    """

    def __init__(self, store: ox.Store, location: str) -> None:
        self.store = store
        self.location = location
        self._queue: queue.Queue[tuple[list[str], list[str]] | None] = queue.Queue(2)
        self._in_flight: deque[dict[str, str]] = deque()  # hashes of unwritten batches
        self._sent = 0
        self._written = 0  # advanced by the writer thread only
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            try:
                if self._error is None:
                    for part in batch:  # the documents, then their content hashes
                        self.store.load(input="".join(part), format=ox.RdfFormat.N_QUADS)
                    self.store.flush()
            except BaseException as exc:  # handed to the building thread
                self._error = exc
            finally:
                self._written += 1

    def put(self, body: list[str], seals: list[str], hashes: dict[str, str]) -> None:
        """Queue one batch (waits while two batches are still queued)."""
        self._check()
        while len(self._in_flight) > self._sent - self._written:
            self._in_flight.popleft()  # batches are written in order
        self._in_flight.append(hashes)
        self._sent += 1
        self._queue.put((body, seals))

    def hash_of(self, doc_id: str) -> str | None:
        """The content hash of a document queued but perhaps not yet written."""
        for hashes in reversed(self._in_flight):
            if doc_id in hashes:
                return hashes[doc_id]
        return None

    def close(self) -> None:
        """Write what is queued, stop the thread, and raise any write error."""
        self._queue.put(None)
        self._thread.join()
        self._check()

    def _check(self) -> None:
        if self._error is not None:
            raise GraphError(f"{self.location}: cannot write ({_first_line(self._error)})")


MERGE_TEMPLATE = """
DELETE {{ {open} ?s ?p ?o {close} }}
INSERT {{ {open} ?s2 ?p2 ?o2 {close} }}
WHERE {{
  {{ VALUES (?old ?new) {{ {pairs} }} {open} ?old ?p ?o {close} BIND(?old AS ?s) }}
  UNION
  {{ VALUES (?old ?new) {{ {pairs} }} {open} ?s ?p ?old {close} BIND(?old AS ?o) }}
  BIND(IF(?s = ?old, ?new, ?s) AS ?s2)
  BIND(IF(?o = ?old, ?new, ?o) AS ?o2)
  BIND(IF(?s = ?old && ?p = rdfs:label, skos:altLabel, ?p) AS ?p2)
}}"""


def merge_update(merges: dict[str, str]) -> str:
    """A SPARQL update that renames IRIs in the named graphs and in the default graph.

    Each renamed IRI is looked up as subject and as object, so the update costs
    the triples it touches, not a scan of the whole store.

    >>> "VALUES (?old ?new) { (<urn:a> <urn:b>) }" in merge_update({"urn:a": "urn:b"})
    True
    """
    pairs = " ".join(f"(<{old}> <{new}>)" for old, new in sorted(merges.items()))
    return " ;\n".join(
        MERGE_TEMPLATE.format(open=o, close=c, pairs=pairs)
        for o, c in (("GRAPH ?g {", "}"), ("", ""))
    )


def _union_quads(store: ox.Store) -> Iterator[ox.Quad]:
    for quad in store:
        if quad.graph_name != _DEFAULT:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


class RemoteStore(GraphStore):
    """A SPARQL 1.1 Query + Update server used like a :class:`GraphStore`.

    Writes are SPARQL updates (each document's graph is dropped and re-inserted
    in one request); query results are parsed back with pyoxigraph, so callers
    get the same result objects as from a local store. The URL names the
    query endpoint, the update endpoint or the dataset (see
    :data:`ENDPOINT_LAYOUTS`); its query string, if any, is sent with every
    query instead of :data:`UNION_PARAMS`.

    >>> RemoteStore("http://127.0.0.1:3030/ds").update_url
    'http://127.0.0.1:3030/ds/update'
    """

    def __init__(
        self,
        location: str,
        *,
        update_url: str | None = None,
        timeout: float = REMOTE_TIMEOUT,
    ) -> None:
        query_url, guessed_update, params = endpoints(location)
        self.location = location
        self.query_url = query_url
        self.update_url = update_url or guessed_update
        self.params = params
        self.timeout = timeout
        self._runs = set()

    def document_hash(self, doc_id: str) -> str | None:
        """The content hash stored for a document, or None when it is not in the store."""
        graph = ox.NamedNode(str(document_iri(doc_id)))
        rows = self._select(f"SELECT ?h WHERE {{ GRAPH {graph} {{ ?d {_HASH} ?h }} }} LIMIT 1")
        for row in rows:
            return _value(row["h"])
        return None

    def add(self, extraction: Extraction, model: str) -> str:
        """Add one document's facts, replacing its older version in one update.

        Returns:
            ``added``, ``replaced`` or ``unchanged`` (same content hash: nothing written).
        """
        document = extraction.document
        old = self.document_hash(document.id)
        if old == document.content_hash:
            return "unchanged"
        graph = ox.NamedNode(str(document_iri(document.id)))
        triples, seal = document_ntriples(extraction, model)
        body = "".join(f"{t} .\n" for t in triples + seal)
        self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")
        self.add_run(model)
        return "added" if old is None else "replaced"

    def add_run(self, model: str) -> None:
        """Record the extraction run (tool version and pipeline) once."""
        if model in self._runs:
            return
        self._runs.add(model)
        self.add_triples(run_triples(model), RUN_GRAPH.value)

    def add_triples(self, triples: Iterable[Triple], graph: str) -> None:
        """Add rdflib triples to the named graph ``graph``."""
        body = _ntriples(
            ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), to_ox(o)) for s, p, o in triples
        )
        self._update(f"INSERT DATA {{ GRAPH {ox.NamedNode(graph)} {{\n{body}}} }}")

    def triples(self) -> list[ox.Triple]:
        """Every distinct triple of every graph, sorted, for deterministic output."""
        rows = self._select(
            "SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            union=False,
        )
        return sorted((ox.Triple(r["s"], r["p"], r["o"]) for r in rows), key=_triple_key)

    def quads(self) -> list[ox.Quad]:
        """Every quad of the named graphs, sorted, for deterministic dataset output."""
        rows = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        quads = (ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        return sorted(quads, key=lambda q: (str(q.graph_name), *_triple_key(q)))

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query on the server, with the kg prefixes declared.

        Raises:
            QueryError: the server refuses the query.
            GraphError: the server cannot be reached or answers nonsense.
        """
        return self._query(_prologue() + sparql, union=True)

    def merge_entities(self, merges: dict[str, str]) -> None:
        """Rename entity IRIs (old → new) in every graph of the server."""
        if merges:
            self.update(merge_update(merges))

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server, with the kg prefixes declared.

        Raises:
            QueryError: the server refuses the update.
            GraphError: the server cannot be reached.
        """
        self._update(_prologue() + sparql)

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        return int(_value(next(iter(rows))["n"]))

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.quads())

    def flush(self) -> None:
        """Nothing to do: every update is committed by the server."""

    def _select(self, sparql: str, union: bool = True) -> ox.QuerySolutions:
        result = self._query(sparql, union=union)
        if not isinstance(result, ox.QuerySolutions):
            raise GraphError(f"{self.query_url}: expected SELECT results")
        return result

    def _query(self, sparql: str, union: bool) -> QueryResult:
        url = self.query_url
        params = self.params if union else {}
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data, media_type = self._post(url, sparql, "application/sparql-query", RESULTS_ACCEPT)
        return _parse_results(data, media_type, url)

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    def _post(self, url: str, body: str, content_type: str, accept: str) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            method="POST",
            headers={"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                return response.read(), media_type
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip() or exc.reason
            if 400 <= exc.code < 500:
                raise QueryError(f"{url}: HTTP {exc.code}: {_first_line_of(message)}") from None
            raise GraphError(f"{url}: HTTP {exc.code}: {_first_line_of(message)}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GraphError(f"{url}: cannot reach the SPARQL server ({reason})") from None


def endpoints(location: str) -> tuple[str, str, dict[str, str]]:
    """The query URL, update URL and query parameters for a server URL.

    >>> endpoints("http://127.0.0.1:7878")[:2]
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://h:8890/sparql")[:2]
    ('http://h:8890/sparql', 'http://h:8890/sparql')
    >>> endpoints("http://h:7200/repositories/kg")[1]
    'http://h:7200/repositories/kg/statements'
    >>> endpoints("http://h:3030/ds/query?default-graph-uri=urn:x-arq:UnionGraph")[2]
    {'default-graph-uri': 'urn:x-arq:UnionGraph'}
    """
    parts = urllib.parse.urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GraphError(f"{location}: not an http(s) URL of a SPARQL server")
    params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    base = f"{parts.scheme}://{parts.netloc}"
    for pattern, query_path, update_path in ENDPOINT_LAYOUTS:
        if re.match(pattern, parts.path):
            return (
                base + re.sub(pattern, query_path, parts.path, count=1),
                base + re.sub(pattern, update_path, parts.path, count=1),
                params or dict(UNION_PARAMS),
            )
    raise GraphError(f"{location}: cannot tell the query endpoint")  # pragma: no cover


def _parse_results(data: bytes, media_type: str, url: str) -> QueryResult:
    try:
        if "sparql-results" in media_type or media_type == "application/json":
            fmt = ox.QueryResultsFormat.from_media_type(media_type)
            if fmt is None and media_type == "application/json":
                fmt = ox.QueryResultsFormat.JSON
            if fmt is not None:
                return ox.parse_query_results(data, fmt)
        rdf = ox.RdfFormat.from_media_type(media_type)
        if rdf is not None:
            # a throw-away store turns parsed triples into the same QueryTriples a local query gives
            scratch = ox.Store()
            scratch.extend(
                ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(data, rdf, base_iri=url)
            )
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    except (SyntaxError, ValueError) as exc:
        raise GraphError(f"{url}: unreadable {media_type} results ({_first_line(exc)})") from None
    raise GraphError(f"{url}: unexpected result type {media_type}")


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.Literal | ox.NamedNode) else str(term)


def _ntriples(quads: Iterable[ox.Quad]) -> str:
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def _prologue() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def _first_line_of(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _triple_key(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
