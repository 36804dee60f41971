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

# Rows added in round 2 (issue #4): intent, durations, lowercase events, city lists.
MEETING_CASES += [
    (
        "The two prime ministers agreed to hold a trilateral summit with President Lee "
        "in Seoul on Friday.",
        "2025-06-03",
        [("Seoul", "2025-06-06")],
    ),
    (
        "Arctic Council ministers wrapped up three days of talks in Tromso on Thursday, May 8.",
        "2025-05-09",
        [("Tromso", "2025-05-06/2025-05-08")],
    ),
    (
        "Finance ministers gathered in Rome on Monday, March 3, for a two-day conference on "
        "debt relief.",
        "2025-03-05",
        [("Rome", "2025-03-03/2025-03-04")],
    ),
    (
        "The next OSCE summit will take place in The Hague in October.",
        "2025-04-04",
        [("The Hague", "2025-10-01/2025-10-31")],
    ),
    (
        "President Ruto met with Kenyan business leaders at the State House in Nairobi on Monday.",
        "2025-04-09",
        [("Nairobi", "2025-04-07")],
    ),
    (
        "The First and Second Andean Summits were held at Quito, Ecuador in May 2001 and "
        "Lima, Peru in June 2003.",
        "2004-12-10",
        [("Quito", "2001-05-01/2001-05-31"), ("Lima", "2003-06-01/2003-06-30")],
    ),
    (
        "The summit was held at Cusco and Ayacucho on 7-9 December.",
        "2004-12-10",
        [("Cusco and Ayacucho", "2004-12-07/2004-12-09")],
    ),
    (
        "Chinese Premier Li Qiang plans to raise the matter at the annual ASEAN summit in "
        "Malaysia later this month.",
        "2025-05-12",
        [("Malaysia", "2025-05-13/2025-05-31")],
    ),
]

MEETING_CASES += [
    (
        "The Andean Summit opened in Quito on Monday. On the margins of the Summit, the "
        "foreign ministers of Peru and Chile met with business leaders.",
        "2025-03-05",
        [("Quito", "2025-03-03"), ("Quito", "2025-03-03")],
    ),
    (
        "The bases hosting foreign personnel are national bases.",
        "2025-03-05",
        [],
    ),
]

MEETING_CASES += [
    (
        "In the UN Security Council on March 3, France introduced a draft resolution.",
        "2025-03-05",
        [(None, "2025-03-03")],
    ),
    (
        "In Riyadh on Tuesday, the President held a meeting with King Salman and then a "
        "working session with Crown Prince Mohammed bin Salman.",
        "2025-05-14",
        [("Riyadh", "2025-05-13"), ("Riyadh", "2025-05-13")],
    ),
]

NO_MEETING_CASES = [
    "The ministers agreed to raise their cooperation to a biennial Energy Ministers Dialogue.",
    "The leaders renewed their commitment to the U.S.-India Strategic Dialogue co-chaired by "
    "the two foreign ministers.",
    "Secretary of State Marco Rubio led the U.S. delegation, alongside Ambassador Mike Waltz.",
    "The minister thanked Canada for its work to co-host the OECD.",
    "The two presidents said they look forward to meeting again soon.",
    "For further information, please visit our website.",
    "The new products meet the requirements of the regulator.",
    "The Pacific Islands Forum issued a statement on fisheries.",
    # round 3: questions, hypotheticals and phone numbers report no meeting
    "QUESTION: Did you talk to Prime Minister Albanese about the trip to Canberra?",
    "The Speaker alone will decide whether or not to visit Taipei.",
    "To reach the helpline, residents can call 311 from any phone.",
]


def test_visited_places_are_not_participants(nlp) -> None:
    (m,) = _meetings(
        nlp, "Secretary Blinken will visit Kenya and Nigeria and Senegal in May.", "2024-04-02"
    )
    assert m.location == "Kenya"
    assert m.participants == ("Blinken",)


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


def test_a_joined_session_is_part_of_the_talks(nlp) -> None:
    text = (
        "Arctic Council ministers wrapped up two days of talks in Tromso on Thursday, May 8. "
        "The Danish foreign minister Lars Lokke Rasmussen joined a session with the ministers "
        "on Wednesday."
    )
    (m,) = _meetings(nlp, text, "2025-05-09")
    assert (m.location, m.date) == ("Tromso", "2025-05-07/2025-05-08")
    assert "Lars Lokke Rasmussen" in m.participants


def test_agreed_summit_is_scheduled_and_looks_ahead(nlp) -> None:
    text = "The leaders agreed to hold a summit with President Lee in Seoul on Friday."
    (m,) = _meetings(nlp, text, "2025-06-03")
    assert (m.status, m.date) == ("scheduled", "2025-06-06")


def test_participants_are_the_actors_who_meet(nlp) -> None:
    text = (
        "Secretary of State Marco Rubio met with Foreign Minister Penny Wong in Canberra on "
        "Monday to discuss Chinese pressure on the Philippines."
    )
    (m,) = _meetings(nlp, text, "2025-07-30")
    assert "Philippines" not in m.participants
    assert {"Marco Rubio", "Penny Wong"} <= set(m.participants)


def test_lowercase_event_gets_its_city_and_owner(nlp) -> None:
    (m,) = _meetings(nlp, "Donors pledged new aid at the Berlin conference.", "2024-06-12")
    assert m.location == "Berlin"
    assert "Berlin" not in m.participants


def test_joining_the_meeting_adds_participants(nlp) -> None:
    text = (
        "Readout of the President's meeting with Prime Minister Carney\n\n"
        "President Donald Trump met with Canadian Prime Minister Mark Carney at the White House "
        "in Washington on Tuesday. Secretary of State Marco Rubio and Canadian Foreign Minister "
        "Anita Anand joined the meeting."
    )
    (m,) = _meetings(nlp, text, "2025-05-07")
    assert (m.location, m.date) == ("Washington", "2025-05-06")
    assert {"Marco Rubio", "Anita Anand", "Mark Carney"} <= set(m.participants)


def test_the_leaders_are_the_main_meetings_people(nlp) -> None:
    text = (
        "President Donald Trump met with Canadian Prime Minister Mark Carney in Washington on "
        "Tuesday. The leaders also agreed to hold a trilateral summit with Mexican President "
        "Claudia Sheinbaum in Toronto on Friday."
    )
    first, second = _meetings(nlp, text, "2025-05-07")
    assert (second.location, second.date, second.status) == ("Toronto", "2025-05-09", "scheduled")
    assert {"Mark Carney", "Claudia Sheinbaum"} <= set(second.participants)


def test_the_summit_refers_back_to_the_named_one(nlp) -> None:
    text = (
        "Leaders met at the Fifth Andean Summit on Monday. The summit, held at Cuzco and Puno, "
        "was attended by heads of state from Bolivia and Chile."
    )
    (m,) = _meetings(nlp, text, "2025-03-05")
    assert (m.location, m.date) == ("Cuzco and Puno", "2025-03-03")


def test_numbers_in_a_name_are_not_ranks(nlp) -> None:
    text = (
        "The 3rd Global Malaria-19 Summit opened in Geneva on Monday. Donors built on "
        "commitments made at the Global Malaria-19 Summit."
    )
    (m,) = _meetings(nlp, text, "2025-03-05")
    assert (m.location, m.date) == ("Geneva", "2025-03-03")


def test_a_hyphenated_pair_of_countries_is_no_venue(nlp) -> None:
    text = (
        "Mr. Sullivan traveled to Brasilia on Monday. He met with Admiral Flavio Rocha to "
        "discuss the U.S.-Brazil relationship."
    )
    assert {m.location for m in _meetings(nlp, text, "2022-12-06")} == {"Brasilia"}
