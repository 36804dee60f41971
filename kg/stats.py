"""Counting what a graph holds: documents, facts by type, entities by type."""

from __future__ import annotations

from kg.store import GraphStore
from kg.vocab import PREFIXES

COUNTS: dict[str, str] = {
    "documents": "schema:NewsArticle",
    "statements": "kg:Statement",
    "pledges": "kg:Pledge",
    "meetings": "kg:Meeting",
    "roles": "kg:RoleFact",
    "people": "schema:Person",
    "organisations": "schema:Organization",
    "countries": "schema:Country",
    "places": "schema:Place",
}
GROUPS: dict[str, tuple[str, ...]] = {
    "documents": ("documents",),
    "facts": ("statements", "pledges", "meetings", "roles"),
    "entities": ("people", "organisations", "countries", "places"),
}


def stats(store: GraphStore) -> dict[str, int]:
    """How many documents, facts of each type and entities of each type the graph holds."""
    values = " ".join(f"({cls})" for cls in COUNTS.values())
    query = f"""
    SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {{
      VALUES (?cls) {{ {values} }}
      ?x a ?cls .
    }} GROUP BY ?cls
    """
    found: dict[str, int] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        found[row["cls"].value] = int(row["n"].value)
    out: dict[str, int] = {}
    for name, cls in COUNTS.items():
        prefix, local = cls.split(":")
        out[name] = found.get(PREFIXES[prefix] + local, 0)
    # Counted by the engine: listing (and sorting) every triple only to count them is wasteful.
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    out["triples"] = next(int(row["n"].value) for row in rows)  # type: ignore[union-attr]
    return out
