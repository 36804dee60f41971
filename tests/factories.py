"""Small hand-built documents and facts for unit tests of the later stages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kg.records import Document, Entity, Extraction, Meeting, Pledge, Role, Statement

ID = "https://w3id.org/kg-diplomacy/id/"
RUTTE = f"{ID}person/mark-rutte"
NATO = f"{ID}organisation/nato"
UKRAINE = f"{ID}country/ukraine"
RUSSIA = f"{ID}country/russia"
BRUSSELS = f"{ID}place/brussels"

TEXT = (
    "Allies meet\n\n"
    "NATO Secretary General Mark Rutte said allies stood with Ukraine against Russia. "
    "NATO pledged €20 billion to Ukraine. Ministers met in Brussels on Friday."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def sample_extraction(doc_id: str = "sample") -> Extraction:
    document = Document(
        id=doc_id,
        text=TEXT,
        title="Allies meet",
        published=date(2025, 4, 4),
        url="https://example.org/allies",
        source="test",
    )
    statement = Statement(
        doc=doc_id,
        speaker="Mark Rutte",
        speaker_span=span(TEXT, "Mark Rutte"),
        cue="said",
        cue_span=span(TEXT, "said"),
        content="allies stood with Ukraine against Russia",
        content_span=span(TEXT, "allies stood with Ukraine against Russia"),
        direct=False,
        speaker_kind="person",
        speaker_id=RUTTE,
        mentioned=("Ukraine", "Russia"),
        mentioned_ids=(UKRAINE, RUSSIA),
    )
    pledge = Pledge(
        doc=doc_id,
        pledger="NATO",
        amount=Decimal("20000000000"),
        currency="EUR",
        text="NATO pledged €20 billion to Ukraine",
        span=span(TEXT, "NATO pledged €20 billion to Ukraine"),
        recipient="Ukraine",
        pledger_id=NATO,
        recipient_id=UKRAINE,
        cue="pledged",
    )
    meeting = Meeting(
        doc=doc_id,
        name="NATO foreign ministers' meeting",
        span=span(TEXT, "Ministers met in Brussels"),
        participants=("NATO", "Mark Rutte"),
        location="Brussels",
        date="2025-04-04",
        kind="multilateral",
        participant_ids=(NATO, RUTTE),
        location_id=BRUSSELS,
    )
    role = Role(
        doc=doc_id,
        person="Mark Rutte",
        role="Secretary General",
        organisation="NATO",
        span=span(TEXT, "NATO Secretary General Mark Rutte"),
        person_id=RUTTE,
        organisation_id=NATO,
    )
    entities = (
        Entity(RUTTE, "Mark Rutte", "person", ("Rutte",)),
        Entity(
            NATO, "NATO", "organisation", ("North Atlantic Treaty Organization",), "NATO", "Q7184"
        ),
        Entity(UKRAINE, "Ukraine", "country", (), "UKR", "Q212"),
        Entity(RUSSIA, "Russia", "country", (), "RUS", "Q159"),
        Entity(BRUSSELS, "Brussels", "place", ()),
    )
    return Extraction(document, (statement, pledge, meeting, role), (), entities)
