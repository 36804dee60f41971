"""Calendar dates: reading publication dates in any common format.

>>> parse_date("2025-04-04")
datetime.date(2025, 4, 4)
>>> parse_date("Wed, 03 Aug 2022 19:49:23 +0000")
datetime.date(2022, 8, 3)
>>> parse_date("not a date") is None
True
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> date | None:
    """Read a publication date given as ISO 8601, an RSS/e-mail date or free text.

    Returns None when the value is empty or not a date; never guesses a date
    relative to today.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only needed for unusual formats

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RELATIVE_BASE": datetime(1970, 1, 1)},
    )
    return parsed.date() if parsed else None


# --- Relative and partial dates in article text --------------------------------------------
#
# Dates in news are resolved against an anchor (the publication date), never against today:
# the same article always yields the same dates. Results are ISO 8601 strings: a day
# ("2025-04-04") or a closed interval of days ("2025-04-01/2025-04-30").

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = r"(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_RANGE = r"\s*(?:-|–|—|and|to|through)\s*"

# Order matters: the longest, most specific forms come first; each yields one kind of date.
DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "month_day_range",
        re.compile(
            rf"\b{_MONTH}\s+{_DAY}{_RANGE}(?:{_MONTH2}\s+)?{_DAY2}(?:,?\s+{_YEAR})?\b", re.I
        ),
    ),
    (
        "day_month_range",
        re.compile(rf"\b{_DAY}{_RANGE}{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    ),
    (
        "weekday_month_day",
        re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
    ),
    (
        "month_range",
        re.compile(
            rf"\b{_MONTH}\s*(?:-|–|or|to|and|through)\s*{_MONTH2},?\s+(?:of\s+)?{_YEAR}\b", re.I
        ),
    ),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?\b", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("day_offset", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.I)),
    (
        "relative_unit",
        re.compile(
            r"\b(?:(?P<part>later|earlier)\s+)?(?P<which>last|this|next)\s+"
            r"(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|next)\s+)?{_WEEKDAY}\b", re.I)),
    (
        "bare_month",
        re.compile(rf"\b(?:in|during|since|until|by|early|late|mid-?)\s+{_MONTH}\b", re.I),
    ),
    ("year", re.compile(rf"\b(?:in|during|for|by|of)\s+{_YEAR}\b", re.I)),
]


# The word each kind of date needs: a text without one skips that pattern's scan.
_WORD = re.compile(r"[A-Za-z]+|\d{4}")
_WORD_KINDS = {
    **dict.fromkeys(MONTHS, "month"),
    **dict.fromkeys(WEEKDAYS, "weekday"),
    **dict.fromkeys(DAY_OFFSETS, "offset"),
    **dict.fromkeys(("week", "month", "year"), "unit"),
    **{str(year): "year" for year in range(1900, 2100)},
}
NEEDS = {
    "month_day_range": "month",
    "day_month_range": "month",
    "weekday_month_day": "weekday",
    "month_range": "month",
    "month_day": "month",
    "day_month": "month",
    "month_year": "month",
    "day_offset": "offset",
    "relative_unit": "unit",
    "weekday": "weekday",
    "bare_month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: its character span and its ISO value."""

    start: int
    end: int
    text: str
    value: str


def _iso(day: date) -> str:
    return day.isoformat()


def month_interval(year: int, month: int) -> str:
    """The ISO interval covering a whole month.

    >>> month_interval(2024, 2)
    '2024-02-01/2024-02-29'
    """
    return f"{_iso(date(year, month, 1))}/{_iso(month_end(year, month))}"


def month_end(year: int, month: int) -> date:
    """The last day of a month.

    >>> month_end(2025, 3)
    datetime.date(2025, 3, 31)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> str:
    """The ISO interval covering a whole year.

    >>> year_interval(2022)
    '2022-01-01/2022-12-31'
    """
    return f"{year}-01-01/{year}-12-31"


def _guess_year(month: int, day: int, anchor: date, tense: str) -> int:
    """The year that puts month/day nearest the anchor on the side the tense points to."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return anchor.year
    if tense == "past":
        past = [c for c in candidates if c <= anchor + timedelta(days=1)]
        candidates = past or candidates
    elif tense == "future":
        future = [c for c in candidates if c >= anchor - timedelta(days=1)]
        candidates = future or candidates
    return min(candidates, key=lambda c: abs((c - anchor).days)).year


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(weekday: int, which: str | None, anchor: date, tense: str) -> date:
    delta = (weekday - anchor.weekday()) % 7
    if which == "next" or (which is None and tense == "future"):
        return anchor + timedelta(days=delta or 7)
    if which == "this":
        if tense == "future":
            return anchor + timedelta(days=delta)
        return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    back = (anchor.weekday() - weekday) % 7
    if which == "last":
        back = back or 7
    return anchor - timedelta(days=back)


def _relative_unit(which: str, unit: str, anchor: date) -> str:
    offset = YEAR_OFFSETS[which]
    if unit == "year":
        return year_interval(anchor.year + offset)
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + offset
        return month_interval(month_index // 12, month_index % 12 + 1)
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
    return f"{_iso(monday)}/{_iso(monday + timedelta(days=6))}"


def _value(kind: str, m: re.Match[str], anchor: date, tense: str) -> str | None:
    g = {k: v.lower() for k, v in m.groupdict().items() if v}
    if kind in ("month_day_range", "day_month_range"):
        month = MONTHS[g["month"]]
        month2 = MONTHS[g.get("month2", g["month"])]
        day1, day2 = int(g["day"]), int(g["day2"])
        year = int(g["year"]) if "year" in g else _guess_year(month, day1, anchor, tense)
        first, last = _day(year, month, day1), _day(year, month2, day2)
        if first is None or last is None or last < first:
            return None
        return f"{_iso(first)}/{_iso(last)}"
    if kind in ("weekday_month_day", "month_day", "day_month"):
        month, day = MONTHS[g["month"]], int(g["day"])
        year = int(g["year"]) if "year" in g else _guess_year(month, day, anchor, tense)
        found = _day(year, month, day)
        return _iso(found) if found else None
    if kind == "month_range":
        year = int(g["year"])
        opening, closing = MONTHS[g["month"]], MONTHS[g["month2"]]
        if closing < opening:
            return None
        return f"{month_interval(year, opening)[:10]}/{month_interval(year, closing)[11:]}"
    if kind == "month_year":
        return month_interval(int(g["year"]), MONTHS[g["month"]])
    if kind == "day_offset":
        return _iso(anchor + timedelta(days=DAY_OFFSETS[g["word"]]))
    if kind == "relative_unit":
        whole = _relative_unit(g["which"], g["unit"], anchor)
        if g["which"] != "this" or "part" not in g:
            return whole
        begin, end = whole.split("/")
        if g["part"] == "later":  # "later this month": after the anchor, within the month
            begin = _iso(anchor + timedelta(days=1))
        else:
            end = _iso(anchor - timedelta(days=1))
        return f"{begin}/{end}" if begin <= end else whole
    if kind == "weekday":
        return _iso(_weekday(WEEKDAYS[g["weekday"]], g.get("which"), anchor, tense))
    if kind == "bare_month":
        month = MONTHS[g["month"]]
        year = _guess_year(month, 15, anchor, tense)
        return month_interval(year, month)
    if kind == "year":
        return year_interval(int(g["year"]))
    return None


def find_dates(text: str, anchor: date | None, tense: str = "past") -> list[DateMention]:
    """Every date expression in ``text`` with its ISO value, resolved against ``anchor``.

    ``tense`` (``past``, ``future`` or ``nearest``) decides which way a date without a
    year or a bare weekday points. Without an anchor only dates that name their year
    are resolved. Overlapping matches keep the earliest, most specific one.

    >>> [d.value for d in find_dates("They met on Friday, April 4 and again on March 29-30.",
    ...                               date(2025, 4, 7))]
    ['2025-04-04', '2025-03-29/2025-03-30']
    >>> [d.value for d in find_dates("The next summit is in 2026.", None)]
    ['2026-01-01/2026-12-31']
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    present = set(map(_WORD_KINDS.get, map(str.lower, _WORD.findall(text))))
    for kind, pattern in DATE_PATTERNS:
        if NEEDS[kind] not in present:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if anchor is None and not m.groupdict().get("year"):
                continue
            month = m.groupdict().get("month")
            if month and not month[0].isupper():  # "may" the verb, not May the month
                continue
            value = _value(kind, m, anchor or date(1970, 1, 1), tense)
            if value is None:
                continue
            found.append(DateMention(m.start(), m.end(), m.group(0), value))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def resolve_date(text: str, anchor: date | None, tense: str = "past") -> str | None:
    """The ISO date or interval of the first date expression in ``text``, else None.

    Args:
        text: words such as "on Friday, April 4", "last week", "in November 2022".
        anchor: the date the text was written (publication date); relative words count
            from it. Never today's date, so the result is reproducible.
        tense: ``past`` (a bare weekday is the latest one on or before the anchor),
            ``future`` (the next one after it) or ``nearest``.

    >>> anchor = date(2025, 4, 9)  # a Wednesday
    >>> resolve_date("on Friday, April 4", anchor)
    '2025-04-04'
    >>> resolve_date("Tuesday", anchor)
    '2025-04-08'
    >>> resolve_date("next Tuesday", anchor)
    '2025-04-15'
    >>> resolve_date("last week", anchor)
    '2025-03-31/2025-04-06'
    >>> resolve_date("later this month", anchor)
    '2025-04-10/2025-04-30'
    >>> resolve_date("next year", anchor)
    '2026-01-01/2026-12-31'
    >>> resolve_date("in November 2022", anchor)
    '2022-11-01/2022-11-30'
    >>> resolve_date("in March or April of 2005", anchor)
    '2005-03-01/2005-04-30'
    >>> resolve_date("today", anchor)
    '2025-04-09'
    >>> resolve_date("soon", anchor) is None
    True
    """
    found = find_dates(text, anchor, tense)
    return found[0].value if found else None
