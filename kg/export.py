"""Writing the graph out: RDF serialisations and network files for Gephi.

Every writer takes an open binary file; :func:`export` writes to a path
atomically (a temporary file beside it, then a rename), so a failure never
leaves a half-written file, or to standard output for ``-``.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from kg.errors import FormatError, GraphError
from kg.network import project
from kg.store import RDF_FORMATS, GraphStore, rdf_format
from kg.vocab import PREFIXES

Writer = Callable[[GraphStore, IO[bytes]], None]
DATASET_FORMATS = ("nq", "trig")


def write_rdf(store: GraphStore, out: IO[bytes], fmt: str = "ttl") -> None:
    """Serialise the graph (sorted, with the kg prefixes) in an RDF format.

    Turtle, N-Triples and JSON-LD get the union of all graphs; N-Quads and TriG
    keep one named graph per document.
    """
    f = rdf_format(fmt)
    data = store.quads() if fmt in DATASET_FORMATS else store.triples()
    prefixes = PREFIXES if f in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    ox.serialize(data, out, format=f, prefixes=prefixes)


def write_gexf(store: GraphStore, out: IO[bytes]) -> None:
    """Write the actor network as GEXF 1.2 with labels, types and colours for Gephi."""
    nx.write_gexf(project(store), out, version="1.2draft")


def write_graphml(store: GraphStore, out: IO[bytes]) -> None:
    """Write the actor network as GraphML."""
    g = project(store)
    plain = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        plain.add_node(n, **{k: v for k, v in data.items() if k != "viz"})
    plain.add_edges_from(g.edges(keys=True, data=True))
    nx.write_graphml(plain, out)


EDGE_COLUMNS = (
    "source",
    "source_label",
    "target",
    "target_label",
    "relation",
    "label",
    "weight",
    "amount",
    "currency",
)


def write_csv(store: GraphStore, out: IO[bytes]) -> None:
    """Write the actor network's edges as CSV, one row per relation between two actors."""
    g = project(store)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(EDGE_COLUMNS)
    for u, v, data in g.edges(data=True):
        writer.writerow(
            [
                u,
                g.nodes[u]["label"],
                v,
                g.nodes[v]["label"],
                data.get("relation", ""),
                data.get("label", ""),
                data.get("weight", 1),
                data.get("amount", ""),
                data.get("currency", ""),
            ]
        )
    text.flush()
    text.detach()


def _rdf_writer(fmt: str) -> Writer:
    return lambda store, out: write_rdf(store, out, fmt)


EXPORTERS: dict[str, Writer] = {
    **{name: _rdf_writer(name) for name in RDF_FORMATS},
    "gexf": write_gexf,
    "graphml": write_graphml,
    "csv": write_csv,
}


def exporter(fmt: str) -> Writer:
    """The writer for a format name, or FormatError listing the valid names."""
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}") from None


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    ``-`` writes to standard output. On any error the temporary file is removed
    and ``path`` is left as it was.
    """
    if str(path) == "-":
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise GraphError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(store: GraphStore, fmt: str, path: str | Path) -> None:
    """Write the graph in format ``fmt`` to ``path`` (``-`` for standard output)."""
    writer = exporter(fmt)
    atomic_write(path, lambda out: writer(store, out))
