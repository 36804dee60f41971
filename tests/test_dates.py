"""Relative and partial dates resolved against a publication date (kg.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.dates import find_dates, month_interval, parse_date, resolve_date, year_interval

WEDNESDAY = date(2025, 4, 9)

RESOLVE_CASES = [
    # (text, anchor, tense, expected)
    ("The ministers met today.", WEDNESDAY, "past", "2025-04-09"),
    ("They spoke yesterday.", WEDNESDAY, "past", "2025-04-08"),
    ("The envoy arrives tomorrow.", WEDNESDAY, "future", "2025-04-10"),
    ("On Friday, April 4, the allies met.", WEDNESDAY, "past", "2025-04-04"),
    ("The leaders talked on Tuesday.", WEDNESDAY, "past", "2025-04-08"),
    ("The summit opens on Tuesday.", WEDNESDAY, "future", "2025-04-15"),
    ("They met on Wednesday.", WEDNESDAY, "past", "2025-04-09"),
    ("The council met last week.", WEDNESDAY, "past", "2025-03-31/2025-04-06"),
    ("A second round follows next week.", WEDNESDAY, "future", "2025-04-14/2025-04-20"),
    ("The next meeting is next year.", WEDNESDAY, "future", "2026-01-01/2026-12-31"),
    ("Talks resume next month.", WEDNESDAY, "future", "2025-05-01/2025-05-31"),
    ("The pact was signed in 2022.", WEDNESDAY, "past", "2022-01-01/2022-12-31"),
    ("The conference took place in November 2022.", WEDNESDAY, "past", "2022-11-01/2022-11-30"),
    ("It will meet in February.", WEDNESDAY, "future", "2026-02-01/2026-02-28"),
    ("It met in February.", WEDNESDAY, "past", "2025-02-01/2025-02-28"),
    ("They met on 17 November.", date(2004, 11, 18), "past", "2004-11-17"),
    ("Delegates met on June 29 and 30.", date(2022, 7, 1), "past", "2022-06-29/2022-06-30"),
    ("The envoy travelled May 2-5.", date(2023, 5, 8), "past", "2023-05-02/2023-05-05"),
    ("Talks were held April 21–22, 2022.", WEDNESDAY, "past", "2022-04-21/2022-04-22"),
    ("The statement of 10 July 2023 was welcomed.", WEDNESDAY, "past", "2023-07-10"),
    ("On September 17, 2021, leaders convened.", WEDNESDAY, "past", "2021-09-17"),
    ("They meet again in March or April of 2026.", WEDNESDAY, "future", "2026-03-01/2026-04-30"),
    ("The summit runs from May to June 2025.", WEDNESDAY, "future", "2025-05-01/2025-06-30"),
    ("The forum meets later this month.", WEDNESDAY, "future", "2025-04-10/2025-04-30"),
    ("The envoys met earlier this week.", WEDNESDAY, "past", "2025-04-07/2025-04-08"),
    ("A third round is due later this year.", WEDNESDAY, "future", "2025-04-10/2025-12-31"),
    ("The leaders meet on Thursday.", WEDNESDAY, "future", "2025-04-10"),
    ("A December meeting is planned.", WEDNESDAY, "past", None),
    ("They may meet again soon.", WEDNESDAY, "future", None),
    ("Nothing about dates here.", WEDNESDAY, "past", None),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "expected"), RESOLVE_CASES)
def test_resolve_date(text: str, anchor: date, tense: str, expected: str | None) -> None:
    assert resolve_date(text, anchor, tense) == expected


def test_year_less_dates_need_an_anchor() -> None:
    assert resolve_date("They met on Friday.", None) is None
    assert resolve_date("They met on May 3, 2021.", None) == "2021-05-03"


def test_find_dates_gives_offsets() -> None:
    text = "Talks on March 3 and again on March 9."
    found = find_dates(text, date(2025, 3, 20))
    assert [(text[d.start : d.end], d.value) for d in found] == [
        ("March 3", "2025-03-03"),
        ("March 9", "2025-03-09"),
    ]


def test_resolution_never_depends_on_today() -> None:
    assert resolve_date("next year", date(1999, 6, 1), "future") == "2000-01-01/2000-12-31"


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(2024, 2, "2024-02-01/2024-02-29"), (2023, 2, "2023-02-01/2023-02-28")],
)
def test_month_interval(year: int, month: int, expected: str) -> None:
    assert month_interval(year, month) == expected


def test_year_interval() -> None:
    assert year_interval(2030) == "2030-01-01/2030-12-31"


def test_parse_date_unchanged() -> None:
    assert parse_date("2025-04-04") == date(2025, 4, 4)
    assert parse_date("") is None
