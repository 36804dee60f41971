"""The actor network: a networkx projection of the knowledge graph.

Nodes are actors (people, organisations, countries) with plain ``label``,
``type`` and a ``viz`` colour per type; edges are relations between actors
with a ``label``, a ``relation`` and a ``weight`` (how many facts support them):

- ``mentioned``: speaker → actor named in a statement's content;
- ``pledged``: pledger → recipient, with the summed ``amount`` per ``currency``;
- ``met``: participants of the same meeting (one edge per pair, sorted);
- ``holds post at``: person → organisation, labelled with the post.

Attribute values are only ``str``, ``int``, ``float`` or ``bool`` so that GEXF
and GraphML writers accept them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

import networkx as nx

from kg.store import GraphStore

TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "person": (31, 119, 180),
    "organisation": (255, 127, 14),
    "country": (44, 160, 44),
    "place": (148, 103, 189),
    "actor": (127, 127, 127),
}
CLASS_TYPES: dict[str, str] = {
    "https://schema.org/Person": "person",
    "https://schema.org/Organization": "organisation",
    "https://schema.org/Country": "country",
    "https://schema.org/Place": "place",
}

ACTORS_QUERY = """
SELECT ?actor ?class (SAMPLE(?l) AS ?label) WHERE {
  ?actor a ?class ; rdfs:label ?l .
  VALUES ?class { schema:Person schema:Organization schema:Country }
} GROUP BY ?actor ?class
"""
MENTIONS_QUERY = """
SELECT ?speaker ?other (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a kg:Statement ; kg:speaker ?speaker ; schema:mentions ?other .
  FILTER(?speaker != ?other)
} GROUP BY ?speaker ?other
"""
PLEDGES_QUERY = """
SELECT ?pledger ?recipient ?currency (COUNT(DISTINCT ?p) AS ?n) (SUM(?value) AS ?total) WHERE {
  ?p a kg:Pledge ; kg:pledger ?pledger ; schema:recipient ?recipient .
  OPTIONAL { ?p kg:amount ?m . ?m schema:value ?value ; schema:currency ?currency . }
} GROUP BY ?pledger ?recipient ?currency
"""
MEETINGS_QUERY = """
SELECT ?m ?who WHERE { ?m a kg:Meeting ; schema:attendee ?who . }
"""
ROLES_QUERY = """
SELECT ?person ?org ?post (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?r a kg:RoleFact ; org:member ?person ; org:organization ?org ; kg:roleLabel ?post .
} GROUP BY ?person ?org ?post
"""


def _rows(store: GraphStore, query: str) -> Iterable[dict[str, Any]]:
    result = store.query(query)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    for solution in result:  # type: ignore[union-attr]
        yield {n: (solution[n].value if solution[n] is not None else None) for n in names}


def _bump(g: nx.MultiDiGraph, u: str, v: str, key: str, weight: int, **attrs: Any) -> None:
    if u not in g or v not in g:
        return
    if g.has_edge(u, v, key):
        g.edges[u, v, key]["weight"] += weight
    else:
        g.add_edge(u, v, key=key, weight=weight, **attrs)


def project(store: GraphStore) -> nx.MultiDiGraph:
    """Project the knowledge graph onto a network of actors and their relations.

    Returns:
        a MultiDiGraph keyed by relation; node and edge attributes are plain values.
    """
    g = nx.MultiDiGraph()
    for row in sorted(_rows(store, ACTORS_QUERY), key=lambda r: (r["actor"], r["class"])):
        kind = CLASS_TYPES.get(row["class"], "actor")
        if row["actor"] in g:
            continue
        r, gr, b = TYPE_COLOURS[kind]
        g.add_node(
            row["actor"],
            label=row["label"] or row["actor"].rsplit("/", 1)[-1],
            type=kind,
            viz={"color": {"r": r, "g": gr, "b": b, "a": 1.0}},
        )
    for row in _rows(store, MENTIONS_QUERY):
        _bump(
            g,
            row["speaker"],
            row["other"],
            "mentioned",
            int(row["n"]),
            label="mentioned",
            relation="mentioned",
        )
    for row in _rows(store, PLEDGES_QUERY):
        currency = row["currency"] or ""
        attrs: dict[str, Any] = {"label": "pledged", "relation": "pledged", "currency": currency}
        if row["total"] is not None:
            with contextlib.suppress(InvalidOperation):
                attrs["amount"] = float(Decimal(row["total"]))
        _bump(
            g,
            row["pledger"],
            row["recipient"],
            f"pledged {currency}".strip(),
            int(row["n"]),
            **attrs,
        )
    attendees: dict[str, set[str]] = {}
    for row in _rows(store, MEETINGS_QUERY):
        attendees.setdefault(row["m"], set()).add(row["who"])
    for meeting in sorted(attendees):
        for u, v in combinations(sorted(attendees[meeting]), 2):
            _bump(g, u, v, "met", 1, label="met", relation="met")
    for row in _rows(store, ROLES_QUERY):
        _bump(
            g,
            row["person"],
            row["org"],
            f"post {row['post']}",
            int(row["n"]),
            label=row["post"],
            relation="holds post at",
        )
    return _sorted_copy(g)


def _sorted_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges in sorted order, so exports are byte-stable."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(sorted(g.nodes(data=True), key=lambda n: n[0]))
    out.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return out
