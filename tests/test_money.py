"""The money grammar: one row per way of writing an amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.facts.money import Money, _has_marker, parse_money

D = Decimal

# text, value, currency, max_value, qualifier (first amount found)
CASES = [
    ("€20 billion", D("20e9"), "EUR", None, None),
    ("$1.5bn", D("1.5e9"), "USD", None, None),
    ("£3m", D("3e6"), "GBP", None, None),
    ("¥500 million", D("5e8"), "JPY", None, None),
    ("US$4.2 million", D("4.2e6"), "USD", None, None),
    ("C$250,000", D("250000"), "CAD", None, None),
    ("A$ 1.1 billion", D("1.1e9"), "AUD", None, None),
    ("HK$2.5bn", D("2.5e9"), "HKD", None, None),
    ("R$900 million", D("9e8"), "BRL", None, None),
    ("₹500 crore", D("5e9"), "INR", None, None),
    ("CHF 300m", D("3e8"), "CHF", None, None),
    ("EUR 1.2 million", D("1.2e6"), "EUR", None, None),
    ("1.2 million euros", D("1.2e6"), "EUR", None, None),
    ("USD 5bn", D("5e9"), "USD", None, None),
    ("USD70 billion", D("7e10"), "USD", None, None),
    ("40 million USD", D("4e7"), "USD", None, None),
    ("$10 billion USD", D("1e10"), "USD", None, None),
    ("CAD 3 million", D("3e6"), "CAD", None, None),
    ("3 million dollars", D("3e6"), "USD", None, None),
    ("12 million pounds", D("1.2e7"), "GBP", None, None),
    ("80 billion yen", D("8e10"), "JPY", None, None),
    ("2 lakh rupees", D("2e5"), "INR", None, None),
    ("9 million Swiss francs", D("9e6"), "CHF", None, None),
    ("9 million francs", D("9e6"), None, None, None),
    ("$1.21 billion Canadian", D("1.21e9"), "CAD", None, None),
    ("$75 million Canadian dollars", D("7.5e7"), "CAD", None, None),
    ("a total U.S. $6 billion", D("6e9"), "USD", None, None),
    ("$50k", D("50000"), "USD", None, None),
    ("€2 mn", D("2e6"), "EUR", None, None),
    ("€2 mln", D("2e6"), "EUR", None, None),
    ("$3 bln", D("3e9"), "USD", None, None),
    ("$1 tn", D("1e12"), "USD", None, None),
    ("$1.7 trillion", D("1.7e12"), "USD", None, None),
    ("$12,500", D("12500"), "USD", None, None),
    ("$1,234,567.89", D("1234567.89"), "USD", None, None),
    ("€1.200.000", D("1200000"), "EUR", None, None),
    ("1,5 million euros", D("1.5e6"), "EUR", None, None),
    ("two billion dollars", D("2e9"), "USD", None, None),
    ("a million euros", D("1e6"), "EUR", None, None),
    ("between $2 billion and $3 billion", D("2e9"), "USD", D("3e9"), None),
    ("between $2 and $3 billion", D("2e9"), "USD", D("3e9"), None),
    ("$1–2 million", D("1e6"), "USD", D("2e6"), None),
    ("$2-3bn", D("2e9"), "USD", D("3e9"), None),
    ("from €5 million to €8 million", D("5e6"), "EUR", D("8e6"), None),
    ("more than $5 billion", D("5e9"), "USD", None, "more than"),
    ("nearly €1.6 billion", D("1.6e9"), "EUR", None, "nearly"),
    ("up to $2 million", D("2e6"), "USD", None, "up to"),
    ("over $171 million", D("1.71e8"), "USD", None, "over"),
    ("approximately £40 million", D("4e7"), "GBP", None, "approximately"),
    ("some $5.5 million", D("5.5e6"), "USD", None, "some"),
    ("at least $50 million", D("5e7"), "USD", None, "at least"),
    ("a minimum of $10 billion USD", D("1e10"), "USD", None, "a minimum of"),
    ("$5 million to 10 million people", D("5e6"), "USD", None, None),
    ("$5-million grant", D("5e6"), "USD", None, None),
]


@pytest.mark.parametrize(("text", "value", "currency", "max_value", "qualifier"), CASES)
def test_amount(
    text: str,
    value: Decimal,
    currency: str | None,
    max_value: Decimal | None,
    qualifier: str | None,
) -> None:
    money = parse_money(text)[0]
    assert (money.value, money.currency, money.max_value, money.qualifier) == (
        value,
        currency,
        max_value,
        qualifier,
    )


# text with no money in it
NOT_MONEY = [
    "500 pounds of rice",
    "5 million people",
    "COVID-19 cases rose by 2 million",
    "three patrol boats",
    "the top 10 donors",
    "GEF-8 replenishment",
    "a dollar-denominated bond",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert parse_money(text) == []


def test_spans_are_substrings() -> None:
    text = "Japan gave ¥80 billion and Germany pledged EUR 1.2 million on Monday."
    found = [text[m.span[0] : m.span[1]] for m in parse_money(text)]
    assert found == ["¥80 billion", "EUR 1.2 million"]


def test_parenthetical_equivalent() -> None:
    text = "Tokyo pledged 500 million yen ($3.4 million) in aid."
    (money,) = parse_money(text)
    assert (money.value, money.currency) == (D("5e8"), "JPY")
    assert money.equivalent == Money(D("3.4e6"), "USD", (text.index("$"), text.index(")")))


def test_parenthetical_after_name_is_its_own_amount() -> None:
    text = "Germany (€1.3 billion) and France (nearly €1.6 billion)"
    assert [(m.value, m.qualifier) for m in parse_money(text)] == [
        (D("1.3e9"), None),
        (D("1.6e9"), "nearly"),
    ]


def test_never_negative() -> None:
    assert all(m.value >= 0 for m in parse_money("a loss of -$5 million, or $1-2 million"))


# Markers in other cases, or in letters that only match case-insensitively (Kelvin sign
# "K" lower-cases to "k"; long "ſ" does not lower-case to "s", so "ſhekels" is no word).
MARKERS = [
    ("Twelve Million DOLLARS", D("1.2e7"), "USD"),
    ("40 million usd", None, None),
    ("USD5 million", D("5e6"), "USD"),
    ("3 million Euros", D("3e6"), "EUR"),
    ("3 million \u212aroner", D("3e6"), None),
    ("10 million \u017fhekels", None, None),
    ("On 4 May 2024, 300 people came.", None, None),
]


@pytest.mark.parametrize(("text", "value", "currency"), MARKERS)
def test_marker_precheck_keeps_amounts(text: str, value: Decimal | None, currency: str) -> None:
    found = [(m.value, m.currency) for m in parse_money(text)]
    assert found == ([(value, currency)] if value is not None else [])
    assert _has_marker(text) == (value is not None)
