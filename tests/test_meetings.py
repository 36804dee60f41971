"""Meetings through the real spaCy pipeline: place, date, kind, status, merging."""

from __future__ import annotations

from datetime import date

import pytest

from kg.facts.actors import ActorIndex
from kg.facts.meetings import extract_meetings
from kg.facts.roles import extract_roles
from kg.records import Document, Meeting

STATE = "U.S. Department of State (press release)"


def _meetings(nlp, text: str, published: str, source: str = STATE) -> list[Meeting]:
    document = Document(id="t", text=text, published=date.fromisoformat(published), source=source)
    doc = nlp(text)
    return extract_meetings(doc, document, ActorIndex(doc, document, extract_roles(doc, document)))


# (text, published, expected [(location, date)] in order of first mention)
MEETING_CASES = [
    (
        "Secretary Blinken met with Foreign Minister Wang Yi today in Beijing.",
        "2023-06-19",
        [("Beijing", "2023-06-19")],
    ),
    (
        "On Friday, April 4, NATO foreign ministers met in Brussels to discuss Ukraine.",
        "2025-04-07",
        [("Brussels", "2025-04-04")],
    ),
    (
        "President Biden spoke by phone with Chancellor Scholz on Tuesday.",
        "2025-04-09",
        [(None, "2025-04-08")],
    ),
    (
        "Leaders will gather for the NATO Summit in Vilnius in July 2023.",
        "2023-05-02",
        [("Vilnius", "2023-07-01/2023-07-31")],
    ),
    (
        "The ministers welcomed plans for the G20 Summit in Rio de Janeiro in November.",
        "2024-06-01",
        [("Rio de Janeiro", "2024-11-01/2024-11-30")],
    ),
    (
        "Canada will host the next G7 Summit in 2025.",
        "2024-06-15",
        [("Canada", "2025-01-01/2025-12-31")],
    ),
    (
        "Special Envoy John Kerry traveled to Asia May 2-5. In Japan, Kerry met with Prime "
        "Minister Fumio Kishida. In South Korea, Kerry met with Foreign Minister Park Jin.",
        "2023-05-08",
        [("Japan", "2023-05-02/2023-05-05"), ("South Korea", "2023-05-02/2023-05-05")],
    ),
    (
        "Under Secretary Uzra Zeya visited Tunisia on March 23-27.",
        "2022-03-28",
        [("Tunisia", "2022-03-23/2022-03-27")],
    ),
    (
        "The foreign ministers of France and Germany met in Paris yesterday.",
        "2024-02-15",
        [("Paris", "2024-02-14")],
    ),
    (
        "GENEVA, Switzerland – The two delegations met on Monday to discuss a ceasefire.",
        "2024-03-06",
        [("Geneva", "2024-03-04")],
    ),
    (
        "The agreement builds on commitments made at the November 2023 Woodside Summit.",
        "2024-08-28",
        [(None, "2023-11-01/2023-11-30")],
    ),
    (
        "Previous U.S.-GCC Summits took place at Camp David on May 14, 2015 and in Riyadh on "
        "April 21, 2016.",
        "2022-07-16",
        [("Camp David", "2015-05-14"), ("Riyadh", "2016-04-21")],
    ),
    (
        "The Third Ukraine Recovery Conference opened in Berlin on June 11, 2024. At the Third "
        "Ukraine Recovery Conference, donors announced new aid.",
        "2024-06-12",
        [("Berlin", "2024-06-11")],
    ),
    (
        "Costa Rica offered to host the next Americas Partnership Leaders' Summit in 2025.",
        "2023-11-03",
        [("Costa Rica", "2025-01-01/2025-12-31")],
    ),
    (
        "On June 29 and 30, Special Representative Thomas West led a delegation to Doha to "
        "meet with Taliban representatives.",
        "2022-07-01",
        [("Doha", "2022-06-29/2022-06-30")],
    ),
    (
        "Deputy Secretary Wendy Sherman met Secretary General Stefano Sannino in Brussels on "
        "April 21 and 22. They also held the third high-level meeting of the U.S.-EU Dialogue "
        "on China.",
        "2022-04-22",
        [("Brussels", "2022-04-21/2022-04-22"), ("Brussels", "2022-04-21/2022-04-22")],
    ),
]

NO_MEETING_CASES = [
    "The two presidents said they look forward to meeting again soon.",
    "For further information, please visit our website.",
    "The new products meet the requirements of the regulator.",
    "The Pacific Islands Forum issued a statement on fisheries.",
]


@pytest.mark.parametrize(("text", "published", "expected"), MEETING_CASES)
def test_meetings(nlp, text: str, published: str, expected: list) -> None:
    found = [(m.location, m.date) for m in _meetings(nlp, text, published)]
    assert found == expected


@pytest.mark.parametrize("text", NO_MEETING_CASES)
def test_no_meetings(nlp, text: str) -> None:
    assert _meetings(nlp, text, "2024-01-10") == []


def test_call_has_no_place_and_kind_call(nlp) -> None:
    (m,) = _meetings(
        nlp, "The President held a video call with Prime Minister Modi in Delhi.", "2024-01-10"
    )
    assert (m.kind, m.location) == ("call", None)


def test_scheduled_meeting(nlp) -> None:
    (m,) = _meetings(
        nlp, "Leaders will meet at the ASEAN Summit in Vientiane next year.", "2023-09-07"
    )
    assert (m.status, m.location, m.date) == ("scheduled", "Vientiane", "2024-01-01/2024-12-31")


def test_participants_are_canonical_names(nlp) -> None:
    text = (
        "Secretary of State Antony Blinken met Foreign Minister Penny Wong in Canberra today. "
        "Blinken and Wong discussed AUKUS."
    )
    (m,) = _meetings(nlp, text, "2023-07-29")
    assert {"Antony Blinken", "Penny Wong"} <= set(m.participants)
    assert len(m.participant_kinds) == len(m.participants)


def test_readout_defaults_to_publication_date(nlp) -> None:
    text = (
        "Readout of the Secretary's Meeting with the Foreign Minister of Kenya\n\n"
        "Secretary Blinken met with Kenyan Foreign Minister Musalia Mudavadi in Washington. "
        "They discussed regional security and trade."
    )
    (m,) = _meetings(nlp, text, "2024-05-22")
    assert (m.location, m.date, m.status) == ("Washington", "2024-05-22", "held")
