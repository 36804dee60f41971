"""The offline gazetteer: names, aliases, capitals, demonyms, QIDs and currencies."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pycountry
import pytest

from kg.gazetteer import CHECKOUT_DATA, data_path, default_gazetteer, lookup, normalise

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_gazetteer.py"
WIKIDATA = Path(__file__).resolve().parent.parent / "data" / "country-wikidata.csv"


@pytest.mark.parametrize(
    ("name", "kind", "label", "wikidata"),
    [
        ("the United States", "country", "United States", "Q30"),
        ("the U.S.", "country", "United States", "Q30"),
        ("U.S", "country", "United States", "Q30"),
        ("America", "country", "United States", "Q30"),
        ("American", "country", "United States", "Q30"),
        ("the United Kingdom", "country", "United Kingdom", "Q145"),
        ("Britain", "country", "United Kingdom", "Q145"),
        ("the UK", "country", "United Kingdom", "Q145"),
        ("British", "country", "United Kingdom", "Q145"),
        ("South Korea", "country", "South Korea", None),
        ("Republic of Korea", "country", "South Korea", None),
        ("Ukraine", "country", "Ukraine", "Q212"),
        ("Ukrainian", "country", "Ukraine", "Q212"),
        ("Japanese", "country", "Japan", None),
        ("Côte d’Ivoire", "country", "Côte d'Ivoire", None),
        ("Kosovo", "country", "Kosovo", "Q1246"),
        ("NATO", "organisation", "NATO", "Q7184"),
        ("NATO’s", "organisation", "NATO", "Q7184"),
        ("the North Atlantic Treaty Organization", "organisation", "NATO", "Q7184"),
        ("the Alliance", "organisation", "NATO", "Q7184"),
        ("the EU", "organisation", "European Union", "Q458"),
        ("the UN", "organisation", "United Nations", "Q1065"),
        ("U.N. Security Council", "organisation", "United Nations Security Council", None),
        ("State Department", "organisation", "U.S. Department of State", None),
        ("USAID", "organisation", "USAID", None),
        ("AU", "organisation", "African Union", "Q7159"),
        ("Kyiv", "place", "Kyiv", "Q1899"),
        ("Kiev", "place", "Kyiv", "Q1899"),
        ("Washington, D.C.", "place", "Washington", "Q61"),
        ("Geneva", "place", "Geneva", None),
    ],
)
def test_lookup(name: str, kind: str, label: str, wikidata: str | None) -> None:
    entry = lookup(name)
    assert entry is not None
    assert (entry.kind, entry.label) == (kind, label)
    if wikidata:
        assert entry.wikidata == wikidata


@pytest.mark.parametrize("name", ["Atlantis", "Mark Rutte", "said", "", "IN", "CAN"])
def test_unknown_names(name: str) -> None:
    assert lookup(name) is None


@pytest.mark.parametrize(
    ("capital", "country"),
    [("Washington", "USA"), ("Kyiv", "UKR"), ("London", "GBR"), ("Moscow", "RUS"),
     ("Beijing", "CHN"), ("Tokyo", "JPN"), ("Paris", "FRA"), ("Berlin", "DEU")],
)  # fmt: skip
def test_capitals_stand_for_countries(capital: str, country: str) -> None:
    entry = lookup(capital)
    assert entry is not None and entry.capital_of == country
    assert default_gazetteer().by_code("country", country) is not None


def test_every_country_has_a_wikidata_id() -> None:
    countries = [e for e in default_gazetteer().entries if e.kind == "country"]
    assert len(countries) >= len(pycountry.countries)
    missing = [e.label for e in countries if not e.wikidata]
    assert missing == ["Antarctica"]  # the one ISO code the QID table lacks


def test_labels_look_up_to_their_own_entry() -> None:
    gaz = default_gazetteer()
    for entry in gaz.entries:
        if entry.kind != "place":
            assert gaz.lookup(entry.label) == entry, entry.label


def test_keys_are_unique_per_kind() -> None:
    keys = [(e.kind, e.slug) for e in default_gazetteer().entries]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("text", "code"),
    [("€", "EUR"), ("$", "USD"), ("dollars", "USD"), ("£", "GBP"), ("GBP", "GBP"),
     ("yen", "JPY"), ("Swiss francs", "CHF"), ("hryvnia", "UAH")],
)  # fmt: skip
def test_currencies(text: str, code: str) -> None:
    currency = default_gazetteer().currency(text)
    assert currency is not None and currency.code == code


@pytest.mark.parametrize(
    ("name", "key"),
    [("the U.S.", "us"), ("U.S", "us"), ("US", "us"), ("NATO’s", "nato"),
     ("Washington, D.C.", "washington dc"), ("Timor-Leste", "timor leste")],
)  # fmt: skip
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


def test_checkout_falls_back_to_data_folder() -> None:
    assert data_path().exists()
    assert CHECKOUT_DATA == ROOT / "data" / "gazetteer.json"


@pytest.mark.skipif(not WIKIDATA.exists(), reason="the Wikidata table is not available")
def test_data_file_is_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("make_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(WIKIDATA)
    assert built == json.loads(CHECKOUT_DATA.read_text(encoding="utf-8"))
