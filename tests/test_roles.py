"""Roles through the real spaCy pipeline: person, bare title and the body it belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from kg.facts.roles import (
    _ACRONYM_DEFINITION,
    _acronym_definitions,
    document_acronyms,
    expand_name,
    extract_roles,
    resolve_country,
    resolve_organisation,
)
from kg.records import Document

STATE = "U.S. Department of State (press release)"
WIRE = "Example Wire"

# (text, source, expected (person, role, organisation) triples that must be present)
ROLE_CASES = [
    (
        "NATO Secretary General Mark Rutte arrived in Kyiv on Monday.",
        WIRE,
        [("Mark Rutte", "Secretary General", "NATO")],
    ),
    (
        "Mark Rutte, NATO's Secretary General, said the alliance stood united.",
        WIRE,
        [("Mark Rutte", "Secretary General", "NATO")],
    ),
    (
        "U.S. Secretary of State Antony Blinken met his counterparts in Rome.",
        WIRE,
        [("Antony Blinken", "Secretary of State", "United States")],
    ),
    (
        "Kaja Kallas, the EU's top diplomat, travelled to Beijing last week.",
        WIRE,
        [("Kaja Kallas", "Top diplomat", "European Union")],
    ),
    (
        "Indian Prime Minister Narendra Modi addressed the gathering.",
        WIRE,
        [("Narendra Modi", "Prime Minister", "India")],
    ),
    (
        "USAID Administrator Samantha Power announced new funding for Sudan.",
        WIRE,
        [("Samantha Power", "Administrator", "USAID")],
    ),
    (
        "State Department Spokesperson Ned Price briefed reporters on the talks.",
        WIRE,
        [("Ned Price", "Spokesperson", "U.S. Department of State")],
    ),
    (
        "President of the European Commission Ursula von der Leyen spoke in Strasbourg.",
        WIRE,
        [("Ursula von der Leyen", "President", "European Commission")],
    ),
    (
        "Secretary of State Antony Blinken will travel to Tokyo next week.",
        STATE,
        [("Antony Blinken", "Secretary of State", "United States")],
    ),
    (
        "Deputy Assistant Secretary of State for Levant Affairs Aimee Cutrona joined the talks.",
        STATE,
        [
            (
                "Aimee Cutrona",
                "Deputy Assistant Secretary of State for Levant Affairs",
                "United States",
            )
        ],
    ),
    (
        "The delegation included U.S. Ambassador to Lebanon Dorothy Shea.",
        WIRE,
        [("Dorothy Shea", "Ambassador to Lebanon", "United States")],
    ),
    (
        "Lebanese Armed Forces (LAF) Commander General Joseph Aoun headed the other side.",
        WIRE,
        [("Joseph Aoun", "Commander General", "Lebanese Armed Forces")],
    ),
    (
        "Acting Assistant Secretary of Defense for International Security Affairs Mara Karlin "
        "spoke first.",
        STATE,
        [
            (
                "Mara Karlin",
                "Acting Assistant Secretary of Defense for International Security Affairs",
                "United States",
            )
        ],
    ),
    (
        "Japanese Foreign Minister Yoko Kamikawa met Chinese Foreign Minister Wang Yi in Busan.",
        WIRE,
        [
            ("Yoko Kamikawa", "Foreign Minister", "Japan"),
            ("Wang Yi", "Foreign Minister", "China"),
        ],
    ),
    (
        "Brazilian President Luiz Inácio Lula da Silva hosted German Chancellor Olaf Scholz.",
        WIRE,
        [
            ("Luiz Inácio Lula da Silva", "President", "Brazil"),
            ("Olaf Scholz", "Chancellor", "Germany"),
        ],
    ),
    (
        "The talks were led by Dr. Fuad Hussein, Iraq's Minister of Foreign Affairs, and others.",
        WIRE,
        [("Fuad Hussein", "Minister of Foreign Affairs", "Iraq")],
    ),
    (
        "President Isaac Herzog of Israel received the visiting senators.",
        WIRE,
        [("Isaac Herzog", "President", "Israel")],
    ),
    (
        "Participants included:\n\nPrime Minister Mario Draghi, Italian Republic\n\n"
        "President Joko Widodo, Republic of Indonesia\n\nThe meeting ended at noon.",
        WIRE,
        [
            ("Mario Draghi", "Prime Minister", "Italy"),
            ("Joko Widodo", "President", "Indonesia"),
        ],
    ),
    (
        "UN Secretary-General Antonio Guterres warned of famine in Gaza.",
        WIRE,
        [("Antonio Guterres", "Secretary-General", "United Nations")],
    ),
    (
        "The Minister of Finance of Ukraine Sergii Marchenko signed the loan agreement.",
        WIRE,
        [("Sergii Marchenko", "Minister of Finance", "Ukraine")],
    ),
    (
        "The envoy met the Crown Prince of Abu Dhabi, Sheikh Mohamed bin Zayed, on Sunday.",
        WIRE,
        [("Mohamed bin Zayed", "Crown Prince", "Abu Dhabi")],
    ),
    (
        "In Saudi Arabia, the envoy met Minister of Environment, Water, and Agriculture "
        "Abdulrahman al-Fadhli and Minister of Investment Khalid Al-Falih.",
        STATE,
        [
            (
                "Abdulrahman al-Fadhli",
                "Minister of Environment, Water, and Agriculture",
                "Saudi Arabia",
            ),
            ("Khalid Al-Falih", "Minister of Investment", "Saudi Arabia"),
        ],
    ),
    (
        "Special Assistant to the President and National Security Council Senior Director for "
        "Africa Judd Devermont visited Nairobi.",
        STATE,
        [
            ("Judd Devermont", "Special Assistant to the President", "United States"),
            ("Judd Devermont", "Senior Director for Africa", "National Security Council"),
        ],
    ),
    (
        "During her visit to Tunisia, Under Secretary Uzra Zeya met Prime Minister Najla Bouden.",
        STATE,
        [
            ("Uzra Zeya", "Under Secretary", "United States"),
            ("Najla Bouden", "Prime Minister", "Tunisia"),
        ],
    ),
    (
        "Secretary of State Antony Blinken arrived on Monday. Later, Secretary Blinken met the "
        "press.",
        STATE,
        [("Antony Blinken", "Secretary of State", "United States")],
    ),
    (
        "Chinese Vice Foreign Minister Sun Weidong received the Japanese ambassador to China "
        "Hideo Tarumi in Beijing.",
        WIRE,
        [
            ("Sun Weidong", "Vice Foreign Minister", "China"),
            ("Hideo Tarumi", "Ambassador to China", "Japan"),
        ],
    ),
    (
        "NATO foreign ministers met in Brussels, where Secretary General Mark Rutte urged "
        "allies to spend more on defence.",
        WIRE,
        [("Mark Rutte", "Secretary General", "NATO")],
    ),
]

# Rows added in round 2 (issue #4): the home country and single-holder posts.
ROLE_CASES += [
    (
        # a demonym belongs to the title it precedes; the unmarked leader is the home one
        "President Emmanuel Macron met with German Chancellor Friedrich Merz in Paris. "
        "Germany and France agreed to deepen cooperation, and Germany will host the next "
        "meeting.",
        WIRE,
        [
            ("Friedrich Merz", "Chancellor", "Germany"),
            ("Emmanuel Macron", "President", "France"),
        ],
    ),
    (
        # two presidents without a country: the one named more often keeps the home post
        "President Biden welcomed the talks. President Biden and President Yoon discussed "
        "trade with South Korea, and President Biden thanked the Korean people.",
        STATE,
        [("Biden", "President", "United States"), ("Yoon", "President", "South Korea")],
    ),
]

ROLE_CASES += [
    (
        # a bare "Secretary" later is the short form of the full title, not a U.S. post
        "Mexican Secretary of Economy Raquel Buenrostro joined the talks. Secretary "
        "Buenrostro said trade was growing.",
        STATE,
        [("Raquel Buenrostro", "Secretary of Economy", "Mexico")],
    ),
    (
        "Vice President JD Vance met with King Abdullah and Crown Prince Hussein bin "
        "Abdullah of Jordan.",
        STATE,
        [("Hussein bin Abdullah", "Crown Prince", "Jordan")],
    ),
]

ROLE_CASES += [
    (
        # spaCy ends a sentence after the initials; the name goes on
        "The talks opened on Monday. Senior Official for Arms Control and International "
        "Security J.R. Peter Cole headed the U.S. delegation.",
        STATE,
        [("J.R. Peter Cole", "Senior Official for Arms Control and International Security", None)],
    ),
]

ROLE_CASES += [
    # round 3: organisations from context on unseen text
    (
        "President Biden met with President Erdogan of Turkey on Monday. President Erdogan "
        "said the talks were useful.",
        STATE,
        [("Erdogan", "President", "Türkiye"), ("Biden", "President", "United States")],
    ),
    (
        "The leadership of Secretary-General Guterres and the United Nations made the deal.",
        STATE,
        [("Guterres", "Secretary-General", "United Nations")],
    ),
    (
        "Rafael Grossi, head of the International Atomic Energy Agency, toured the plant.",
        WIRE,
        [("Rafael Grossi", "Head", "International Atomic Energy Agency")],
    ),
    (
        "The president of Kenya, William Ruto, arrived in Paris.",
        WIRE,
        [("William Ruto", "President", "Kenya")],
    ),
    (
        "The President spoke with President Lula about the Amazon. Brazil and the United "
        "States agreed to work together.",
        STATE,
        [("Lula", "President", "Brazil")],
    ),
    (
        "Secretary Blinken sat down with Prime Minister Kishida in Tokyo on Monday.",
        STATE,
        [("Kishida", "Prime Minister", "Japan")],
    ),
    (
        "Under President Obama, she led the trade office.",
        STATE,
        [("Obama", "President", "United States")],
    ),
]

ROLE_CASES += [
    (
        "The President met His Majesty King Hamad of the Kingdom of Bahrain today. The "
        "President and King Hamad discussed shipping in the Red Sea.",
        STATE,
        [("Hamad", "King", "Bahrain")],
    ),
]

ROLE_CASES += [
    # the name inside a long qualifier starts at the tagged person or a given name
    (
        "The envoy met the President of the Iraqi Kurdistan Region Nechirvan Barzani in Erbil.",
        STATE,
        [("Nechirvan Barzani", "President of the Iraqi Kurdistan Region", None)],
    ),
    (
        "Joining were Special Assistant to the President for Port Logistics Samantha Ortiz "
        "and staff.",
        STATE,
        [("Samantha Ortiz", "Special Assistant to the President for Port Logistics", None)],
    ),
]

NO_ROLE_CASES = [
    "She was named Assistant General Counsel at the agency in 2019.",
    "He served as Deputy Chief Trial Judge of the Air Force.",
    "They hosted the wedding of their granddaughter Anna King Carter on the lawn.",
    "The General Assembly adopted the resolution by a wide margin.",
    "The President said the talks would continue next week.",
    "Member States agreed on the budget.",
    "Please contact the Office of the Spokesperson for more information.",
]


def _roles(nlp, text: str, source: str = WIRE):
    document = Document(id="t", text=text, published=date(2025, 4, 4), source=source)
    return extract_roles(nlp(text), document)


@pytest.mark.parametrize(("text", "source", "expected"), ROLE_CASES)
def test_roles(nlp, text: str, source: str, expected: list) -> None:
    found = {(r.person, r.role.lower()): r.organisation for r in _roles(nlp, text, source)}
    for person, role, organisation in expected:
        assert (person, role.lower()) in found, (person, role, sorted(found))
        if organisation is not None:
            assert found[(person, role.lower())] == organisation


@pytest.mark.parametrize("text", NO_ROLE_CASES)
def test_no_roles(nlp, text: str) -> None:
    assert _roles(nlp, text) == []


def test_one_role_per_person_and_title(nlp) -> None:
    text = (
        "Secretary of State Antony Blinken arrived on Monday. Secretary of State Antony Blinken "
        "then met the press, and Secretary Blinken left on Tuesday."
    )
    roles = _roles(nlp, text, STATE)
    assert [(r.person, r.role) for r in roles] == [("Antony Blinken", "Secretary of State")]


def test_role_span_covers_title_and_name(nlp) -> None:
    text = "Yesterday NATO Secretary General Mark Rutte spoke."
    (role,) = _roles(nlp, text)
    assert text[role.span[0] : role.span[1]] == "NATO Secretary General Mark Rutte"
    assert role.organisation_kind == "organisation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Kingdom of Saudi Arabia", "Saudi Arabia"),
        ("Argentine Republic", "Argentina"),
        ("People’s Republic of China", "China"),
        ("Russian Federation", "Russia"),
        ("Emirati", "United Arab Emirates"),
        ("Commission", None),
    ],
)
def test_resolve_country(text: str, expected: str | None) -> None:
    assert resolve_country(text) == expected


@pytest.mark.parametrize(
    ("text", "acronyms", "expected"),
    [
        ("AUC", {}, ("African Union Commission", "organisation")),
        ("the White House", {}, ("White House", "organisation")),
        ("LAF", {"LAF": "Lebanese Armed Forces"}, ("Lebanese Armed Forces", "organisation")),
        ("Indonesian", {}, ("Indonesia", "country")),
        ("Tuesday", {}, None),
    ],
)
def test_resolve_organisation(text: str, acronyms: dict, expected) -> None:
    assert resolve_organisation(text, acronyms) == expected


@pytest.mark.parametrize(
    ("name", "full", "expected"),
    [
        ("Blinken", ["Antony J. Blinken"], "Antony J. Blinken"),
        ("Lula", ["Luiz Inácio Lula da Silva"], "Luiz Inácio Lula da Silva"),
        ("Smith", ["John Smith", "Mary Smith"], "Smith"),
        ("Biden", ["Joe Biden", "Joseph R. Biden, Jr."], "Biden"),
    ],
)
def test_expand_name(name: str, full: list[str], expected: str) -> None:
    assert expand_name(name, full) == expected


ACRONYM_TEXTS = [
    ("the Gulf Cooperation Council (GCC) met", {"GCC": "Gulf Cooperation Council"}),
    ("Talks (in Rome) with the World Food Programme (WFP).", {"WFP": "World Food Programme"}),
    ("the Lebanese Armed Forces, (LAF) and the African Union (AU)", {"AU": "African Union"}),
    ("the Agency (EU)(UN) for Trade (AT)", {"EU": "Agency", "AT": "Trade"}),
    (
        "aid to the United Nations\nDevelopment Programme (UNDP)",
        {"UNDP": "United Nations Development Programme"},
    ),
    ("one two three (ABC)", {}),
    ("A B C D E F G H I J (ABC)", {"ABC": "C D E F G H I J"}),  # eight words at most
]


@pytest.mark.parametrize(("text", "expected"), ACRONYM_TEXTS)
def test_document_acronyms(text: str, expected: dict) -> None:
    assert document_acronyms(text) == expected


@pytest.mark.parametrize("text", [t for t, _ in ACRONYM_TEXTS])
def test_acronym_search_matches_the_full_pattern(text: str) -> None:
    # searching only before each "(XX)" finds what the pattern finds over the whole text
    found = [(m.span(), m.groups()) for m in _acronym_definitions(text * 3)]
    assert found == [(m.span(), m.groups()) for m in _ACRONYM_DEFINITION.finditer(text * 3)]


def test_short_title_of_the_same_person_is_dropped(nlp) -> None:
    text = (
        "Mexican Secretary of Economy Raquel Buenrostro joined the talks. Secretary "
        "Buenrostro said trade was growing."
    )
    roles = _roles(nlp, text, STATE)
    assert [(r.person, r.role) for r in roles] == [("Raquel Buenrostro", "Secretary of Economy")]


def test_son_is_not_the_king(nlp) -> None:
    text = "President Biden met King Salman. He later met Crown Prince Mohammed bin Salman."
    kings = [r.person for r in _roles(nlp, text, STATE) if r.role == "King"]
    assert kings == ["Salman"]


def test_headline_words_are_not_part_of_a_name(nlp) -> None:
    text = (
        "President Biden Raises New Funding for Global Health\n\n"
        "President Biden announced the pledge in New York on Wednesday."
    )
    people = {r.person for r in _roles(nlp, text, STATE)}
    assert people == {"Biden"}


def test_the_president_and_the_king_are_two_people(nlp) -> None:
    text = (
        "President Biden hosted King Hamad of Bahrain. The President and King Hamad "
        "discussed shipping in the Red Sea."
    )
    hamad = {(r.role, r.organisation) for r in _roles(nlp, text, STATE) if r.person == "Hamad"}
    assert hamad == {("King", "Bahrain")}


def test_a_text_without_its_headline_keeps_whole_names(nlp) -> None:
    text = (
        "Today, National Climate Advisor Rosa Whitfield convened the task force.\n\n"
        "The members discussed heat waves."
    )
    document = Document(
        id="t",
        text=text,
        published=date(2024, 5, 2),
        source=STATE,
        title="Readout of the Task Force",
    )
    people = {r.person for r in extract_roles(nlp(text), document)}
    assert people == {"Rosa Whitfield"}


def test_a_shared_surname_with_another_exclusive_post_is_another_person(nlp) -> None:
    text = (
        "First Lady Laura Bush toured the library on Monday. Later, President Bush signed the bill."
    )
    found = {(r.person, r.role) for r in _roles(nlp, text, STATE)}
    assert found == {("Laura Bush", "First Lady"), ("Bush", "President")}
