"""Asking the graph: SPARQL queries and their results as table, CSV, TSV or JSON.

SELECT gives rows, ASK a boolean, CONSTRUCT and DESCRIBE a graph (as Turtle).
Queries run in Oxigraph over the union of all document graphs, with the kg
prefixes (``kg:``, ``schema:``, ``prov:``, ``org:``, ``rdfs:``…) predeclared.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pyoxigraph as ox

from kg.errors import FormatError
from kg.store import GraphStore
from kg.vocab import PREFIXES

RESULT_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def compact(term: Any) -> str:
    """A short display form of a term: a prefixed name for IRIs, the value for literals.

    >>> compact(ox.NamedNode("https://schema.org/Person"))
    'schema:Person'
    >>> compact(ox.Literal("Mark Rutte"))
    'Mark Rutte'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = ""
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(ns) > len(best):
                best, name = ns, f"{prefix}:{iri[len(ns) :]}"
        return name if best else iri
    return str(term.value)


def run_query(store: GraphStore, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL query and format its result.

    Args:
        store: the graph.
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        fmt: ``table``, ``csv``, ``tsv`` or ``json`` (graph results are always Turtle).

    Raises:
        QueryError: the query is malformed.
        FormatError: ``fmt`` is unknown.
    """
    if fmt not in RESULT_FORMATS:
        raise FormatError(
            f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}"
        )
    result = store.query(sparql)
    if isinstance(result, ox.QueryTriples):
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        buf = io.BytesIO()
        ox.serialize(triples, buf, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return buf.getvalue().decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return "true\n" if bool(result) else "false\n"
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)}) + "\n"
        return ("true" if bool(result) else "false") + "\n"
    out_format = RESULT_FORMATS[fmt]
    if out_format is not None:
        buf = io.BytesIO()
        result.serialize(buf, out_format)
        return buf.getvalue().decode("utf-8")
    return _table(result)


def _table(result: ox.QuerySolutions) -> str:
    names = [v.value for v in result.variables]
    rows = [[compact(solution[name]) for name in names] for solution in result]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return "  ".join(c[:80].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
