"""The whole pipeline in one screen: text → document → facts → entities → store.

>>> STAGES
('read', 'parse', 'extract', 'resolve', 'store')
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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
        workers: processes that parse and extract (same output as one).
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
    """Parse, extract and resolve already-read documents, lazily and in order.

    With ``workers`` > 1, parsing and extraction run in that many processes and
    this one only resolves entities (which needs every earlier article, in order).
    """
    resolver = resolver or EntityResolver()
    for extraction in _extracted(documents, model, workers):
        yield resolver.resolve(extraction)


def _extracted(
    documents: Iterable[Document], model: str | None, workers: int
) -> Iterator[Extraction]:
    nlp = load_pipeline(model)  # here too, so that a missing model fails before any work
    if workers <= 1:
        for document, doc in parse(documents, nlp):
            yield extract(doc, document)
        return
    # Spawned, not forked: a forked worker would share this process's open store
    # (RocksDB state, file handles), which it must never touch.
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(model,),
    )
    running: deque[Future[list[Extraction]]] = deque()
    try:
        for batch in _batches(documents, WORKER_BATCH):
            running.append(pool.submit(_extract_batch, batch, model))
            if len(running) >= 2 * workers:  # a bounded queue keeps memory flat
                yield from running.popleft().result()
        while running:
            yield from running.popleft().result()
    finally:
        if running:  # stopped early (an error, Ctrl-C): the queued work is not wanted
            _stop_workers(pool)
        pool.shutdown(wait=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # Python 3.11's executor can hang in shutdown when queued work is cancelled
    # (the stop signal does not reach the workers); ending them is safe, since
    # they hold nothing but parsed text.
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()


WORKER_BATCH = 16
"""Articles sent to a worker process at a time."""


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_worker(model: str | None) -> None:
    # Ctrl-C is the main process's to handle: it stops the pool and keeps finished work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_pipeline(model)
    gc.freeze()  # the pipeline lives as long as the worker: keep it out of GC sweeps


def _extract_batch(batch: list[Document], model: str | None) -> list[Extraction]:
    """Parse and extract one batch of articles (in a worker process)."""
    nlp = load_pipeline(model)
    return [extract(doc, document) for document, doc in parse(batch, nlp, batch_size=len(batch))]


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
