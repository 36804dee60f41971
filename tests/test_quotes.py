"""Quotation spans on plain strings (no spaCy)."""

from __future__ import annotations

import pytest

from kg.facts.quotes import find_quotes, inside


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are united,” she said.", ["We are united,"]),
        ('"We are united," she said.', ["We are united,"]),
        ("«Nous sommes unis», a-t-il dit.", ["Nous sommes unis"]),
        ("« We are united », he said.", ["We are united"]),
        ("He called it « instrumental » twice.", ["instrumental"]),
        ("‘We are united,’ she said.", ["We are united,"]),
        ("„Wir sind vereint“, sagte er.", ["Wir sind vereint"]),
        ("Ukraine’s allies met.", []),
        ("The allies’ summit ended.", []),
        ("He called it “a disgrace” and left.", ["a disgrace"]),
        ("“One,” he said, “two.”", ["One,", "two."]),
        ('"One," he said, "two."', ["One,", "two."]),
        ("“It’s Ukraine’s fight,” he said.", ["It’s Ukraine’s fight,"]),
        ("“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice,"]),
        ("In the ’90s the talks failed.", []),
        ("No quotes at all.", []),
        ("", []),
    ],
)
def test_quote_contents(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_multi_paragraph_quote_continues_when_next_paragraph_opens() -> None:
    text = "“First part.\n\n“Second part,” he said.\n\nAfter."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert text[q.start : q.end] == "First part.\n\n“Second part,"
    assert q.closed
    assert [text[s:e] for s, e in q.parts] == ["First part.", "Second part,"]


def test_unclosed_quote_ends_at_paragraph() -> None:
    text = "“Never closed here\n\nNext paragraph is plain."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "Never closed here"


def test_second_opener_before_closer_restarts() -> None:
    text = "“Unclosed start. “Real quote,” he said."
    assert contents(text) == ["Unclosed start.", "Real quote,"]


@pytest.mark.parametrize(
    "text",
    ["”stray closer", "“", '"', "« »", "‘", "“”", "a ” b “ c", "’’’", "“\n\n“\n\n“"],
)
def test_unbalanced_marks_never_crash(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_outer_and_inside() -> None:
    text = "He said “yes” twice."
    (q,) = find_quotes(text)
    assert q.outer == (8, 13)
    assert inside([q], 9, 12) is q
    assert inside([q], 0, 2) is None
