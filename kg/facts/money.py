"""A grammar for amounts of money in plain English text.

:func:`parse_money` finds every amount that carries a currency marker (symbol,
ISO 4217 code or currency word) and reads it into a :class:`Money`: the value
as a :class:`~decimal.Decimal` in units of the currency, the ISO code, the
character span, a range's upper bound, a qualifier ("more than", "up to") and a
parenthetical conversion ("500 million yen ($3.4 million)").

Conventions of the sources this project reads:

- a bare ``$`` is US dollars (U.S. government and wire copy write ``C$``, ``A$``
  or "Canadian" when they mean another dollar); likewise a bare ``¥`` is yen and
  bare "rupees" are Indian rupees;
- currency words shared by several countries ("francs", "pesos", "kroner",
  "riyals") keep ``currency`` None unless an adjective settles it ("Swiss francs");
- a number without any currency marker is not money and is not returned;
- amounts are never negative: a dash between two numbers is a range.

The tables below are the grammar's data; adding a symbol, word or scale is a
one-line change.

>>> [(m.value, m.currency) for m in parse_money("€20 billion and USD 5bn")]
[(Decimal('20000000000'), 'EUR'), (Decimal('5000000000'), 'USD')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

Offsets = tuple[int, int]

#: Symbols and prefixes written before the number, longest first when matched.
PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "US $": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "Mex$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₴": "UAH",
    "₪": "ILS",
    "₦": "NGN",
    "₺": "TRY",
}

#: Currency words written after the number (or after the scale word); None = ambiguous.
WORDS: dict[str, str | None] = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "new zealand dollars": "NZD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "taiwan dollars": "TWD",
    "canadian": "CAD",
    "australian": "AUD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
    "rupees": "INR",
    "swiss francs": "CHF",
    "cfa francs": None,
    "francs": None,
    "roubles": "RUB",
    "rubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnia's": "UAH",
    "shekels": "ILS",
    "korean won": "KRW",
    "won": "KRW",
    "rand": "ZAR",
    "reais": "BRL",
    "mexican pesos": "MXN",
    "pesos": None,
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "kroner": None,
    "swedish kronor": "SEK",
    "kronor": "SEK",
    "zloty": "PLN",
    "turkish lira": "TRY",
    "lira": None,
    "saudi riyals": "SAR",
    "riyals": None,
    "uae dirhams": "AED",
    "dirhams": None,
    "naira": "NGN",
    "kenyan shillings": "KES",
    "shillings": None,
}

#: Scale words and abbreviations, matched case-insensitively and as whole words.
SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "million": 10**6,
    "millions": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "crore": 10**7,
    "crores": 10**7,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}

#: Number words accepted in place of digits ("two billion dollars").
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}

#: Hedges written before an amount; kept as ``qualifier`` (the value stays as stated).
QUALIFIERS: tuple[str, ...] = (
    "more than",
    "no less than",
    "no more than",
    "less than",
    "fewer than",
    "just over",
    "just under",
    "well over",
    "well above",
    "over",
    "under",
    "above",
    "upwards of",
    "in excess of",
    "nearly",
    "almost",
    "close to",
    "up to",
    "as much as",
    "as many as",
    "a maximum of",
    "a minimum of",
    "at least",
    "at most",
    "approximately",
    "approx.",
    "about",
    "around",
    "roughly",
    "some",
    "an estimated",
    "estimated",
)

#: ISO 4217 codes that are also English words; not read as currency before a number.
WORD_CODES = frozenset({"ALL", "BOB", "COP", "CUP", "GEL", "LAK", "MOP", "SOS", "TOP"})


@dataclass(frozen=True)
class Money:
    """An amount of money found in text.

    ``value`` is in units of ``currency`` (an ISO 4217 code, or None when the text
    does not settle it); ``max_value`` is a range's upper bound; ``equivalent`` is a
    parenthetical conversion of the same amount into another currency.
    """

    value: Decimal
    currency: str | None
    span: Offsets
    max_value: Decimal | None = None
    qualifier: str | None = None
    equivalent: Money | None = None


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    """The ISO 4217 alphabetic codes known to pycountry (loaded once).

    >>> "EUR" in iso_codes(), "GDP" in iso_codes()
    (True, False)
    """
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:[.,]\d+)?"
_NUM = rf"(?:{_DIGITS}|(?i:\b(?:{_alternation(NUMBER_WORDS)})\b))"
_SCALE = rf"(?i:(?:{_alternation(SCALES)}))(?![\w])"
_PREFIX = rf"(?:(?<![\w$])(?:{_alternation(PREFIXES)})|\b[A-Z]{{3}}(?=\s?\d))"
_WORD = rf"(?i:(?:{_alternation(WORDS)}))(?![\w])(?!\s+of\b)"
_POST = rf"(?:{_WORD}|\b[A-Z]{{3}}\b)"


def _atom(n: int) -> str:
    return (
        rf"(?:(?P<pre{n}>{_PREFIX})\s?|(?<![\w.,$€£¥]))(?P<num{n}>{_NUM})"
        rf"(?:[\s-]?(?P<scale{n}>{_SCALE}))?"
    )


#: The characters an amount can start with ("between"/"from", a prefix, a digit, a number
#: word): a lookahead that only restates them lets the engine skip the others fast.
_START = (
    rf"(?=[\d{re.escape(''.join(sorted({p[0] for p in PREFIXES})))}A-Z]|(?i:[bf])"
    rf"|\b(?i:[{''.join(sorted({w[0] for w in NUMBER_WORDS}))}]))"
)
_RANGE = re.compile(
    rf"{_START}(?P<btw>(?i:between|from)\s+)?{_atom(1)}"
    rf"(?:(?P<sep>\s*[–—-]\s*|\s+(?:to|(?(btw)and|to))\s+){_atom(2)})?"
    rf"(?:\s?(?P<post>{_POST}))?"
)
_SINGLE = re.compile(rf"{_atom(1)}(?:\s?(?P<post>{_POST}))?")
_QUALIFIER = re.compile(rf"(?i:\b(?P<q>{_alternation(QUALIFIERS)}))\s+$")
_PAREN = re.compile(r"\s*\((?:(?i:or|about|approximately|roughly|around|some|equivalent to)\s+)?")


#: Every amount carries a currency marker; these find, cheaply, texts that have none.
#: The shortest prefixes, as plain substrings ("$" stands for "US$", "C$" …).
_MARKS = tuple(p for p in PREFIXES if not any(q != p and q in p for q in PREFIXES))
#: The shortest currency words, as substrings of lower-cased text ("dollar" for "us dollars").
_STEMS = tuple(w for w in WORDS if not any(v != w and v in w for v in WORDS))
#: Every run of three capitals (overlapping), where an ISO code may be.
_CODE = re.compile(r"(?=([A-Z]{3}))")


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    """The ISO codes read as currency markers: all but those that are English words."""
    return iso_codes() - WORD_CODES


def _has_marker(text: str) -> bool:
    """False when no part of ``text`` has a currency marker, so no part of it states an amount.

    A quick test before :func:`parse_money`, exact for it: a currency word counts only
    when its lower case is one of :data:`WORDS` (:func:`_code`), so it shows in
    ``text.lower()``.

    >>> _has_marker("On 4 May 2024, 300 people came."), _has_marker("12 Pounds")
    (False, True)
    """
    for mark in _MARKS:  # plain loops: this runs on every sentence with a number
        if mark in text:
            return True
    lower = text.lower()
    for stem in _STEMS:
        if stem in lower:
            return True
    return not _currency_codes().isdisjoint(_CODE.findall(text))


def _number(text: str) -> Decimal:
    word = NUMBER_WORDS.get(text.lower())
    if word is not None:
        return Decimal(word)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
        return Decimal(text.replace(".", ""))
    if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", text):
        return Decimal(text.replace(",", "."))
    return Decimal(text.replace(",", ""))


def _scaled(num: str, scale: str | None) -> Decimal:
    value = _number(num) * SCALES[scale.lower()] if scale else _number(num)
    return value.to_integral_value() if value == value.to_integral_value() else value


def _code(marker: str | None) -> tuple[bool, str | None]:
    """(is a currency marker, its ISO code) for a prefix or post-number marker."""
    if not marker:
        return False, None
    if marker in PREFIXES:
        return True, PREFIXES[marker]
    if marker.lower() in WORDS:
        return True, WORDS[marker.lower()]
    if marker in iso_codes() and marker not in WORD_CODES:
        return True, marker
    return False, None


def _read(m: re.Match[str], ranged: bool) -> Money | None:
    has_pre, pre = _code(m["pre1"])
    has_pre2, pre2 = _code(m["pre2"]) if ranged else (False, None)
    has_post, post = _code(m["post"])
    if not (has_pre or has_pre2 or has_post):
        return None
    if m["num1"].lower() in ("a", "an") and not m["scale1"]:
        return None
    # A post-number word settles a bare "$" ("$1.2 billion Canadian").
    prefixed = pre if has_pre else pre2
    currency = post if has_post and (not has_pre or pre == "USD") else prefixed
    n = "2" if ranged else "1"
    end = m.end() if has_post else m.end(f"scale{n}") if m[f"scale{n}"] else m.end(f"num{n}")
    start = m.start("pre1") if m["pre1"] else m.start("num1")
    if not ranged:
        return Money(_scaled(m["num1"], m["scale1"]), currency, (start, end))
    low = _scaled(m["num1"], m["scale1"] or m["scale2"])
    high = _scaled(m["num2"], m["scale2"])
    return Money(low, currency, (m.start("btw") if m["btw"] else start, end), max_value=high)


def _range_ok(m: re.Match[str]) -> bool:
    if m["num2"] is None:
        return False
    low = _scaled(m["num1"], m["scale1"] or m["scale2"])
    if _scaled(m["num2"], m["scale2"]) <= low:
        return False
    # "$5 million to 10 million people": a scaled first amount needs a currency on the second.
    return not (m["scale1"] and not m["pre2"] and "to" in m["sep"] and not m["btw"])


def _one(text: str, pos: int) -> tuple[Money, int] | None:
    """The first amount at or after ``pos`` and the offset where scanning resumes."""
    while (m := _RANGE.search(text, pos)) is not None:
        ranged = _range_ok(m)
        if not ranged:
            m = _SINGLE.match(text, m.start("pre1") if m["pre1"] else m.start("num1"))
            assert m is not None  # the range pattern's first amount is a single amount
        money = _read(m, ranged)
        if money is not None:
            return _dressed(text, money), money.span[1]
        pos = m.end("num1")
    return None


def _dressed(text: str, money: Money) -> Money:
    """``money`` with its qualifier and parenthetical equivalent attached."""
    start, end = money.span
    q = _QUALIFIER.search(text, max(0, start - 30), start)
    equivalent = None
    paren = _PAREN.match(text, end)
    if paren:
        inner = _one(text, paren.end())
        if inner and inner[0].span[0] == paren.end():
            close = text.find(")", inner[0].span[1])
            if close != -1 and not text[inner[0].span[1] : close].strip():
                equivalent = inner[0]
    return Money(
        money.value,
        money.currency,
        money.span,
        money.max_value,
        q["q"].lower() if q else None,
        equivalent,
    )


def parse_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order of appearance.

    Args:
        text: plain text (a sentence or a whole article).

    Returns:
        One :class:`Money` per amount; a parenthetical conversion is attached to
        the amount it converts as ``equivalent``, not returned on its own.

    >>> m = parse_money("Japan pledged nearly 500 million yen ($3.4 million) to the fund.")[0]
    >>> m.value, m.currency, m.qualifier, m.equivalent.value, m.equivalent.currency
    (Decimal('500000000'), 'JPY', 'nearly', Decimal('3400000'), 'USD')
    >>> [(m.value, m.max_value) for m in parse_money("between $2 billion and $3 billion")]
    [(Decimal('2000000000'), Decimal('3000000000'))]
    """
    found: list[Money] = []
    if not _has_marker(text):
        return found
    pos = 0
    while (hit := _one(text, pos)) is not None:
        money, pos = hit
        found.append(money)
        if money.equivalent is not None:
            pos = max(pos, text.find(")", money.equivalent.span[1]) + 1)
    return found
