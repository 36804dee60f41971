"""The whole pipeline in one screen: text → document → facts → entities → store.

>>> STAGES
('read', 'parse', 'extract', 'resolve', 'store')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.document import load_pipeline, parse, pipeline_id
from kg.entities import EntityResolver
from kg.errors import KgError
from kg.facts import extract
from kg.records import Document, Extraction
from kg.sources import read_documents
from kg.store import GraphStore

STAGES = ("read", "parse", "extract", "resolve", "store")
ErrorHandler = Callable[[KgError], None]


def extract_documents(
    inputs: Iterable[str | Path],
    *,
    model: str | None = None,
    workers: int = 1,
    strict: bool = False,
    on_error: ErrorHandler | None = None,
) -> Iterator[Extraction]:
    """Stream one resolved :class:`Extraction` per article in ``inputs``.

    Args:
        inputs: files, folders, JSON Lines files or ``-``.
        model: spaCy pipeline name (default: the installed English pipeline).
        workers: spaCy processes.
        strict: stop at the first bad input instead of skipping it.
        on_error: receives each skipped input's error.
    """
    documents = read_documents(inputs, strict=strict, on_error=on_error)
    return extract_from(documents, model=model, workers=workers)


def extract_from(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    workers: int = 1,
    resolver: EntityResolver | None = None,
) -> Iterator[Extraction]:
    """Parse, extract and resolve already-read documents, lazily and in order."""
    nlp = load_pipeline(model)
    resolver = resolver or EntityResolver()
    for document, doc in parse(documents, nlp, workers=workers):
        yield resolver.resolve(extract(doc, document))


KNOWN_PEOPLE = (
    "SELECT DISTINCT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
)


def known_people(store: GraphStore) -> list[str]:
    """Labels of the people a store already holds, sorted (empty for a new store)."""
    if next(iter(store), None) is None:
        return []
    return [row["name"].value for row in store.query(KNOWN_PEOPLE)]  # type: ignore[union-attr]


@dataclass
class BuildReport:
    """What a build did: documents added, replaced or unchanged, and facts written."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    facts: int = 0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged


def build(
    inputs: Iterable[str | Path],
    store: GraphStore | None = None,
    *,
    model: str | None = None,
    workers: int = 1,
    strict: bool = False,
    on_error: ErrorHandler | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> tuple[GraphStore, BuildReport]:
    """Read, parse, extract, resolve and store every article in ``inputs``.

    Articles already in ``store`` with the same content hash are skipped before
    parsing; a changed article replaces its older facts.

    Args:
        inputs: files, folders, JSON Lines files or ``-``.
        store: where the graph goes (a new in-memory store by default).
        on_document: called once per article when it is done: stored, or skipped as
            unchanged (progress reporting).

    Returns:
        the store and a report of what changed.
    """
    store = store if store is not None else GraphStore()
    name = pipeline_id(load_pipeline(model))
    report = BuildReport()

    def changed(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            if store.document_hash(document.id) == document.content_hash:
                report.unchanged += 1
                if on_document:
                    on_document(document)
            else:
                yield document

    documents = read_documents(inputs, strict=strict, on_error=on_error)
    resolver = EntityResolver()
    # People already in the store let a surname in a new article link to them.
    resolver.remember(known_people(store))
    try:
        for extraction in extract_from(
            changed(documents), model=model, workers=workers, resolver=resolver
        ):
            outcome = store.add(extraction, name)
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.facts += len(extraction.facts)
            if on_document:
                on_document(extraction.document)
        # Surname-only people read before their full name joins them, once unambiguous.
        store.merge_entities(resolver.merges())
        store.add_run(name)
    finally:
        store.flush()  # articles finished before an error or interrupt are kept
    return store, report
