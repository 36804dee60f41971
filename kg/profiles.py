"""Everything the graph knows about one actor: roles, statements, pledges, meetings.

Names are matched case-insensitively against entity labels and alternative
labels; a name that fits several actors raises :class:`~kg.errors.EntityError`
listing the candidates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kg.errors import EntityError
from kg.store import GraphStore

FIND_QUERY = """
SELECT DISTINCT ?e ?label WHERE {
  ?e rdfs:label ?label .
  VALUES ?cls { schema:Person schema:Organization schema:Country }
  ?e a ?cls .
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  FILTER(LCASE(STR(?name)) = LCASE(%s))
} ORDER BY ?e
"""
PLEDGE_QUERY = """
SELECT ?doc ?a ?b ?c WHERE {{
  {side} . ?p prov:wasDerivedFrom ?d . ?d kg:documentId ?doc .
  OPTIONAL {{ ?p kg:amount ?m . ?m schema:value ?v ; schema:currency ?cur . }}
  OPTIONAL {{ ?p kg:item ?item }}
  OPTIONAL {{ ?p {other}/rdfs:label ?b }}
  BIND(COALESCE(CONCAT(STR(?v), " ", ?cur), ?item, "") AS ?a) BIND("" AS ?c)
}}"""
SECTIONS: dict[str, str] = {
    "roles": """
SELECT ?doc ?a ?b ?c WHERE {
  ?r org:member ?e ; kg:roleLabel ?a ; prov:wasDerivedFrom ?d .
  OPTIONAL { ?r org:organization/rdfs:label ?b }
  ?d kg:documentId ?doc . BIND("" AS ?c)
}""",
    "statements": """
SELECT ?doc ?a ?b ?c WHERE {
  ?e kg:said ?s . ?s kg:cue ?a ; kg:content ?b ; kg:direct ?c ; prov:wasDerivedFrom ?d .
  ?d kg:documentId ?doc .
}""",
    "pledges given": PLEDGE_QUERY.format(side="?e kg:pledged ?p", other="schema:recipient"),
    "pledges received": PLEDGE_QUERY.format(side="?p schema:recipient ?e", other="kg:pledger"),
    "meetings": """
SELECT ?doc ?a ?b ?c WHERE {
  ?m schema:attendee ?e ; schema:name ?a ; prov:wasDerivedFrom ?d . ?d kg:documentId ?doc .
  OPTIONAL { ?m schema:location/rdfs:label ?b }
  OPTIONAL { ?m kg:date ?c }
}""",
}


@dataclass(frozen=True)
class Profile:
    """One actor's IRI, label and facts: section name → rows of (document id, values…)."""

    iri: str
    label: str
    sections: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)


def find_actor(store: GraphStore, name: str) -> tuple[str, str]:
    """The (IRI, label) of the one actor called ``name``.

    Raises:
        EntityError: no actor or several actors have that name.
    """
    query = FIND_QUERY % json.dumps(name, ensure_ascii=False)
    hits = [(row["e"].value, row["label"].value) for row in store.query(query)]  # type: ignore[union-attr]
    hits = sorted(set(hits))
    if not hits:
        raise EntityError(f"no actor called {name!r} in the graph")
    if len({iri for iri, _ in hits}) > 1:
        listed = "; ".join(f"{label} <{iri}>" for iri, label in hits)
        raise EntityError(f"{name!r} is ambiguous: {listed}")
    return hits[0]


def profile(store: GraphStore, name: str) -> Profile:
    """Everything the graph knows about the actor called ``name``, with source documents."""
    iri, label = find_actor(store, name)
    sections: dict[str, list[tuple[str, ...]]] = {}
    for section, query in SECTIONS.items():
        rows = store.query(query + f"\nVALUES ?e {{ <{iri}> }}")
        sections[section] = sorted(
            {
                tuple(
                    str(row[v].value) if row[v] is not None else "" for v in ("doc", "a", "b", "c")
                )
                for row in rows  # type: ignore[union-attr]
            }
        )
    return Profile(iri, label, sections)
