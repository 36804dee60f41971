"""The offline gazetteer: countries, international organisations, places and currencies.

The data lives in ``gazetteer.json`` (built by ``scripts/make_gazetteer.py`` from
pycountry, the Wikidata table in ``data/`` and hand-written tables of aliases,
capitals, demonyms and organisations). It is read once, on first use, into an
index from normalised name to entry, so a look-up is one dict access.

>>> lookup("the U.S.").label
'United States'
>>> lookup("NATO's").wikidata
'Q7184'
>>> lookup("Ukrainian").label
'Ukraine'
>>> lookup("Atlantis") is None
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError

PACKAGE_DATA = Path(__file__).resolve().parent / "data" / "gazetteer.json"
CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"

_POSSESSIVE = re.compile(r"(?:'s|')$")
_STRIP = re.compile(r"[.,;:()\"“”‘’\[\]!?]")


@dataclass(frozen=True)
class GazetteerEntry:
    """A known actor or place: its kind, label, names and identifiers.

    ``kind`` is ``country``, ``organisation`` or ``place``; ``code`` is the ISO
    3166-1 alpha-3 code of a country or an organisation's acronym; ``country``
    is the alpha-3 code of the country a place or national body belongs to;
    ``capital_of`` is set on capital cities, which stand for their government.
    """

    slug: str
    kind: str
    label: str
    names: tuple[str, ...] = ()
    code: str | None = None
    wikidata: str | None = None
    country: str | None = None
    capital_of: str | None = None
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency with the symbols and words that name it in text."""

    code: str
    name: str
    names: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The look-up key of a name: ASCII, lower case, no article, dots or possessive.

    >>> normalise("the U.S.’s")
    'us'
    >>> normalise("Timor-Leste")
    'timor leste'
    >>> normalise("São Tomé & Príncipe")
    'sao tome and principe'
    """
    name = name.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = name if not text.strip() else text
    text = text.replace("&", " and ").lower().strip()
    text = _POSSESSIVE.sub("", text.rstrip(" .,;:"))
    text = _STRIP.sub(lambda m: "" if m.group() == "." else " ", text)
    text = text.replace("-", " ").replace("–", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Entries and currencies indexed by every normalised name they go by."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(
            GazetteerEntry(
                slug=e["slug"],
                kind=e["kind"],
                label=e["label"],
                names=tuple(e.get("names", ())),
                code=e.get("code"),
                wikidata=e.get("wikidata"),
                country=e.get("country"),
                capital_of=e.get("capital_of"),
                demonyms=tuple(e.get("demonyms", ())),
            )
            for e in data["entries"]
        )
        self.currencies: tuple[Currency, ...] = tuple(
            Currency(c["code"], c["name"], tuple(c.get("names", ())))
            for c in data.get("currencies", ())
        )
        self._index: dict[str, GazetteerEntry] = {}
        self._codes: dict[tuple[str, str], GazetteerEntry] = {}
        self._money: dict[str, Currency] = {}
        # Earlier entries win a shared name: the file lists countries first.
        for entry in self.entries:
            for name in (entry.label, *entry.names, *entry.demonyms):
                self._index.setdefault(normalise(name), entry)
            if entry.code:
                self._codes.setdefault((entry.kind, entry.code.upper()), entry)
        for currency in self.currencies:
            for name in (currency.code, currency.name, *currency.names):
                self._money.setdefault(name.lower(), currency)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a name, alias, acronym or demonym stands for, if known."""
        return self._index.get(normalise(name))

    def by_code(self, kind: str, code: str) -> GazetteerEntry | None:
        """The entry of ``kind`` with ISO or acronym ``code`` ("country", "USA")."""
        return self._codes.get((kind, code.upper()))

    def currency(self, name: str) -> Currency | None:
        """The ISO 4217 currency a code, symbol or word names ("€", "dollars", "GBP")."""
        return self._money.get(name.strip().lower())


def data_path() -> Path:
    """Where ``gazetteer.json`` is: inside the installed package, else in the checkout."""
    return PACKAGE_DATA if PACKAGE_DATA.exists() else CHECKOUT_DATA


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process.

    Raises:
        KgError: the data file is missing or not valid JSON.
    """
    path = data_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise KgError(f"cannot read the gazetteer {path}: {err}") from None
    return Gazetteer(data)


def lookup(name: str) -> GazetteerEntry | None:
    """The packaged gazetteer's entry for ``name``, or None."""
    return default_gazetteer().lookup(name)
