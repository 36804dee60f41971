"""Files shipped with kg: the ontology, the SHACL shapes and the gazetteer.

In an installed wheel they sit inside the package (``kg/ontology``,
``kg/data``); in a source checkout they are the repository's top-level
``ontology/`` and ``data/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource(folder: str, name: str) -> Path:
    """The path of a shipped file, inside the package or in the source checkout.

    >>> resource("ontology", "kg.ttl").name
    'kg.ttl'
    """
    for base in (_PACKAGE / folder, _PACKAGE.parent / folder):
        path = base / name
        if path.is_file():
            return path
    return _PACKAGE.parent / folder / name


ONTOLOGY = resource("ontology", "kg.ttl")
SHAPES = resource("ontology", "shapes.ttl")
