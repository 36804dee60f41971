"""A SPARQL 1.1 Protocol endpoint over a graph store, for YASGUI and SPARQL clients.

A thin protocol layer on the standard library's :class:`~http.server.ThreadingHTTPServer`:
Oxigraph (through :class:`~kg.store.GraphStore`) evaluates every query. GET and
POST (form-encoded or ``application/sparql-query``) are accepted on ``/`` and
``/sparql``; results are content-negotiated (SPARQL JSON by default, XML, CSV,
TSV; Turtle by default or N-Triples for graph results); every answer carries
CORS headers so a browser page on another origin can query. Updates are refused
with 403 unless ``allow_update`` is set. Malformed queries get 400 and the
parser's message; queries running past ``timeout`` seconds get 503.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import GraphError, KgError, QueryError
from kg.store import GraphStore

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_BODY = 1_000_000
PATHS = ("/", "/sparql", "/query", "/update")

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
DEFAULT_SOLUTIONS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"
CORS_HEADERS: dict[str, str] = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Authorization",
    "Access-Control-Max-Age": "86400",
}


def negotiate(accept: str | None, offered: dict[str, Any], default: str) -> str:
    """The offered media type the ``Accept`` header prefers, else ``default``.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_FORMATS, "x")
    'application/sparql-results+xml'
    >>> negotiate("*/*", SOLUTION_FORMATS, DEFAULT_SOLUTIONS)
    'application/sparql-results+json'
    >>> negotiate("image/png", GRAPH_FORMATS, DEFAULT_GRAPH)
    'text/turtle'
    """
    best, best_q = default, 0.0
    for position, item in enumerate((accept or "").split(",")):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        q -= position * 1e-6  # earlier wins among equals
        if media in offered and q > best_q:
            best, best_q = media, q
    return best


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the store and the endpoint's settings."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store: GraphStore,
        *,
        allow_update: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.allow_update = allow_update
        self.query_timeout = timeout
        self.write_lock = threading.Lock()

    @property
    def url(self) -> str:
        """The endpoint's URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/sparql"


class SparqlHandler(BaseHTTPRequestHandler):
    """One request: a SPARQL query or update, per the SPARQL 1.1 Protocol."""

    server: SparqlServer
    server_version = "kg-sparql"

    def do_OPTIONS(self) -> None:
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def do_GET(self) -> None:
        if not self._known_path():
            return
        params = parse_qs(urlsplit(self.path).query)
        if "update" in params:
            self._error(HTTPStatus.BAD_REQUEST, "updates must be sent with POST")
        elif "query" in params:
            self._query(params["query"][0])
        else:
            self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")

    def do_POST(self) -> None:
        if not self._known_path():
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = self.headers.get_content_type()
        params = parse_qs(urlsplit(self.path).query)
        if media == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
        elif media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/sparql-update":
            params["update"] = [body]
        if "query" in params:
            self._query(params["query"][0])
        elif "update" in params:
            self._update(params["update"][0])
        else:
            self._error(HTTPStatus.BAD_REQUEST, "missing 'query' or 'update'")

    def _known_path(self) -> bool:
        if urlsplit(self.path).path.rstrip("/") in {p.rstrip("/") for p in PATHS}:
            return True
        self._error(HTTPStatus.NOT_FOUND, f"no such endpoint; query {'/sparql'}")
        return False

    def _query(self, sparql: str) -> None:
        outcome: list[tuple[bytes, str] | KgError] = []

        def run() -> None:
            try:
                outcome.append(_answer(self.server.store, sparql, self.headers.get("Accept")))
            except KgError as exc:
                outcome.append(exc)

        # a daemon thread: Oxigraph cannot be interrupted, so a timed-out query is
        # abandoned to finish in the background without holding up shutdown
        worker = threading.Thread(target=run, name="kg-sparql-query", daemon=True)
        worker.start()
        worker.join(self.server.query_timeout)
        if not outcome:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "query timed out")
            return
        answer = outcome[0]
        if isinstance(answer, QueryError):
            self._error(HTTPStatus.BAD_REQUEST, str(answer))
        elif isinstance(answer, KgError):
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(answer))
        else:
            body, media = answer
            self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8")

    def _update(self, sparql: str) -> None:
        if not self.server.allow_update:
            self._error(
                HTTPStatus.FORBIDDEN, "this endpoint is read-only (serve with allow_update)"
            )
            return
        try:
            with self.server.write_lock:
                self.server.store.update(sparql)
                self.server.store.flush()
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except GraphError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, f"{message}\n".encode(), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str | None) -> None:
        self.send_response(status)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s - %s", self.address_string(), format % args)


def _answer(store: GraphStore, sparql: str, accept: str | None) -> tuple[bytes, str]:
    """Evaluate a query and serialise its result in the negotiated format."""
    result = store.query(sparql)
    try:
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, GRAPH_FORMATS, DEFAULT_GRAPH)
            return result.serialize(format=GRAPH_FORMATS[media]) or b"", media
        media = negotiate(accept, SOLUTION_FORMATS, DEFAULT_SOLUTIONS)
        return result.serialize(format=SOLUTION_FORMATS[media]) or b"", media
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def make_server(
    store: GraphStore,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    allow_update: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> SparqlServer:
    """Bind (but do not start) a SPARQL endpoint over ``store``; port 0 picks a free port.

    Raises:
        GraphError: the address cannot be bound.
    """
    try:
        return SparqlServer((host, port), store, allow_update=allow_update, timeout=timeout)
    except OSError as exc:
        raise GraphError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def serve(
    store: GraphStore,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    allow_update: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Answer SPARQL requests on ``http://host:port/sparql`` until interrupted (Ctrl-C).

    Args:
        store: the graph to serve (a file read into memory, a store, a remote server).
        host: the address to bind; the default is reachable from this machine only.
        port: the TCP port; 0 picks a free one.
        allow_update: accept SPARQL updates (otherwise they get 403).
        timeout: seconds a query may run before the client gets 503.
        on_ready: called with the endpoint's URL once it listens.

    Raises:
        GraphError: the address cannot be bound.
    """
    server = make_server(store, host, port, allow_update=allow_update, timeout=timeout)
    if on_ready:
        on_ready(server.url)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            store.flush()
