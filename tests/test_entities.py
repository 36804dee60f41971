"""Entity resolution: one IRI per real-world actor, within and across articles."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.entities import ENTITY_BASE, EntityResolver, entity_kind, person_key, person_name
from kg.records import Document, Extraction, Meeting, Mention, Pledge, Role, Statement

ID = ENTITY_BASE
BLINKEN = f"{ID}person/antony-blinken"
BIDEN = f"{ID}person/joseph-biden"
RUTTE = f"{ID}person/mark-rutte"
NATO = f"{ID}organisation/nato"
USA = f"{ID}country/united-states"
UKRAINE = f"{ID}country/ukraine"
UK = f"{ID}country/united-kingdom"


def said(speaker: str, kind: str | None = None, doc: str = "d") -> Statement:
    return Statement(
        doc=doc,
        speaker=speaker,
        speaker_span=(0, 1),
        cue="said",
        cue_span=(2, 6),
        content="talks went well",
        content_span=(7, 22),
        direct=False,
        speaker_kind=kind,
    )


def article(doc: str, *facts, mentions: tuple[Mention, ...] = ()) -> Extraction:
    return Extraction(document=Document(id=doc, text="text"), facts=facts, mentions=mentions)


def speaker_ids(resolver: EntityResolver, *speakers: str, doc: str = "d") -> list[str | None]:
    out = resolver.resolve(article(doc, *(said(s, doc=doc) for s in speakers)))
    return [f.speaker_id for f in out.facts if isinstance(f, Statement)]


# -- one article -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "iri"),
    [
        (["NATO Secretary General Mark Rutte", "Rutte", "Mr. Rutte"], RUTTE),
        (["the North Atlantic Treaty Organization", "NATO", "the Alliance", "NATO’s"], NATO),
        (["the United States", "the U.S.", "America", "Washington", "U.S. officials"], USA),
        (["Ukraine", "Kyiv", "the Ukrainian government", "Ukrainian"], UKRAINE),
        (["the United Kingdom", "Britain", "the UK", "London", "the British side"], UK),
        (["Government of Canada", "Canada", "Ottawa"], f"{ID}country/canada"),
        (["Abdel Fattah Al Sisi", "President Al Sisi"], f"{ID}person/abdel-fattah-al-sisi"),
        (["Linda Thomas-Greenfield", "Thomas-Greenfield"], f"{ID}person/linda-thomas-greenfield"),
        (["Luiz Inácio Lula da Silva", "President Lula"], f"{ID}person/luiz-inacio-lula-da-silva"),
    ],
)
def test_one_article_one_iri(names: list[str], iri: str) -> None:
    assert speaker_ids(EntityResolver(), *names) == [iri] * len(names)


def test_two_people_with_one_surname_in_an_article_stay_apart() -> None:
    ids = speaker_ids(EntityResolver(), "Donald J. Trump", "Melania Trump", "Trump")
    assert ids == [f"{ID}person/donald-trump", f"{ID}person/melania-trump", f"{ID}person/trump"]


def test_acronym_links_to_the_body_of_the_article() -> None:
    ids = speaker_ids(EntityResolver(), "Regional Maritime Security Initiative", "RMSI")
    assert ids[0] == ids[1] == f"{ID}organisation/regional-maritime-security-initiative"


def test_generic_reference_links_to_the_one_body_of_the_article() -> None:
    ids = speaker_ids(EntityResolver(), "Pandemic Preparedness Fund", "the Fund")
    assert ids[0] == ids[1]


def test_generic_reference_with_two_candidates_stays_apart() -> None:
    resolver = EntityResolver()
    ids = speaker_ids(resolver, "Pandemic Preparedness Fund", "Ocean Recovery Fund", "the Fund")
    assert len(set(ids)) == 3


def test_surname_with_mention_kind_of_country_is_the_person() -> None:
    mentions = (Mention("d", "Raimondo", (0, 8), "country", "Raimondo"),)
    out = EntityResolver().resolve(
        article("d", said("Gina Raimondo", "person"), said("Raimondo"), mentions=mentions)
    )
    assert {f.speaker_id for f in out.facts} == {f"{ID}person/gina-raimondo"}


def test_one_name_is_one_kind_within_an_article() -> None:
    out = EntityResolver().resolve(article("d", said("Biden", "person"), said("Biden", "country")))
    assert {f.speaker_id for f in out.facts} == {f"{ID}person/biden"}


# -- across articles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "later", "iri"),
    [
        ("Antony J. Blinken", ["Antony Blinken", "Secretary Blinken", "Blinken"], BLINKEN),
        ("Joseph R. Biden, Jr.", ["President Biden", "Joe Biden", "Joseph R. Biden Jr."], BIDEN),
        ("Wendy R. Sherman", ["Wendy Sherman", "Deputy Secretary Sherman"], None),
        ("António Guterres", ["Antonio Guterres", "UN Secretary-General Guterres"], None),
    ],
)
def test_across_articles_one_iri(first: str, later: list[str], iri: str | None) -> None:
    resolver = EntityResolver()
    [expected] = speaker_ids(resolver, first, doc="a1")
    if iri:
        assert expected == iri
    for i, name in enumerate(later):
        assert speaker_ids(resolver, name, doc=f"b{i}") == [expected], name


def test_surname_shared_by_two_people_in_the_build_is_not_merged() -> None:
    resolver = EntityResolver()
    speaker_ids(resolver, "Donald J. Trump", doc="a")
    speaker_ids(resolver, "Melania Trump", doc="b")
    assert speaker_ids(resolver, "President Trump", doc="c") == [f"{ID}person/trump"]


def test_surname_before_any_full_name_stays_its_own_node() -> None:
    resolver = EntityResolver()
    assert speaker_ids(resolver, "Secretary Blinken", doc="a") == [f"{ID}person/blinken"]
    assert speaker_ids(resolver, "Antony Blinken", doc="b") == [BLINKEN]
    assert speaker_ids(resolver, "Blinken", doc="c") == [BLINKEN]


def test_remembered_names_link_from_the_first_article() -> None:
    first = EntityResolver()
    speaker_ids(first, "Secretary Blinken", doc="a")
    speaker_ids(first, "Antony J. Blinken", doc="b")
    assert first.persons == ("Antony J. Blinken",)
    second = EntityResolver()
    second.remember(first.persons)
    assert speaker_ids(second, "Secretary Blinken", doc="a") == [BLINKEN]


def test_same_input_same_output() -> None:
    docs = [article("a", said("Antony Blinken"), said("NATO")), article("b", said("Blinken"))]
    first = [EntityResolver().resolve(d) for d in docs]
    resolver = EntityResolver()
    assert [resolver.resolve(d) for d in docs][0] == first[0]


# -- facts and entity records ----------------------------------------------------------


def test_every_id_field_is_filled() -> None:
    facts = (
        Statement(
            doc="d",
            speaker="Mark Rutte",
            speaker_span=(0, 10),
            cue="said",
            cue_span=(11, 15),
            content="allies stand with Ukraine",
            content_span=(16, 40),
            direct=False,
            co_speakers=("Antony Blinken",),
            mentioned=("Ukraine",),
            speaker_kind="person",
        ),
        Pledge(
            doc="d",
            pledger="NATO",
            amount=Decimal("2E10"),
            currency="EUR",
            text="€20 billion",
            span=(0, 11),
            recipient="Kyiv",
        ),
        Meeting(
            doc="d",
            name="foreign ministers' meeting",
            span=(0, 10),
            participants=("Mark Rutte", "the U.S."),
            location="Brussels",
        ),
        Role(
            doc="d",
            person="Mark Rutte",
            role="Secretary General",
            organisation="NATO",
            span=(0, 10),
        ),
    )
    out = EntityResolver().resolve(article("d", *facts))
    statement, pledge, meeting, role = out.facts
    assert isinstance(statement, Statement)
    assert (statement.speaker_id, statement.co_speaker_ids) == (RUTTE, (BLINKEN,))
    assert statement.mentioned_ids == (UKRAINE,)
    assert isinstance(pledge, Pledge)
    assert (pledge.pledger_id, pledge.recipient_id) == (NATO, UKRAINE)
    assert isinstance(meeting, Meeting)
    assert meeting.participant_ids == (RUTTE, USA)
    assert meeting.location_id == f"{ID}place/brussels"
    assert isinstance(role, Role)
    assert (role.person_id, role.organisation_id) == (RUTTE, NATO)
    entities = {e.iri: e for e in out.entities}
    assert set(entities) == {RUTTE, BLINKEN, UKRAINE, NATO, USA, f"{ID}place/brussels"}
    assert (entities[NATO].label, entities[NATO].wikidata, entities[NATO].code) == (
        "NATO",
        "Q7184",
        "NATO",
    )
    assert entities[USA].label == "United States" and entities[USA].wikidata == "Q30"
    assert "U.S." in entities[USA].aliases
    assert "Kyiv" in entities[UKRAINE].aliases
    assert entities[RUTTE].kind == "person" and entities[RUTTE].wikidata is None


def test_entities_are_only_those_the_facts_refer_to() -> None:
    mentions = (Mention("d", "Japan", (0, 5), "country", "Japan"),)
    out = EntityResolver().resolve(article("d", said("NATO"), mentions=mentions))
    assert [e.iri for e in out.entities] == [NATO]


def test_capital_is_a_place_where_a_meeting_happens() -> None:
    meeting = Meeting(doc="d", name="talks", span=(0, 5), location="Washington")
    out = EntityResolver().resolve(article("d", meeting))
    [entity] = out.entities
    assert (entity.iri, entity.kind, entity.wikidata) == (f"{ID}place/washington", "place", "Q61")


# -- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("U.S. Secretary of State Antony J. Blinken", "Antony J. Blinken"),
        ("NATO Secretary General Mark Rutte", "Mark Rutte"),
        ("Special Presidential Envoy for Climate John Kerry", "John Kerry"),
        ("Prime Minister Hasina of Bangladesh", "Hasina"),
        ("Secretary-General António Guterres", "António Guterres"),
        ("Mr. Rutte", "Rutte"),
    ],
)
def test_person_name(name: str, core: str) -> None:
    assert person_name(name) == core


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Joseph R. Biden, Jr.", "Joe Biden"),
        ("Wendy R. Sherman", "Deputy Secretary of State Wendy Sherman"),
        ("António Guterres", "Antonio Guterres"),
    ],
)
def test_person_key_matches_spellings(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Gina Raimondo", "person"),
        ("President Lula", "person"),
        ("Department of Homeland Security", "organisation"),
        ("Pandemic Preparedness Fund", "organisation"),
        ("Canada and Mexico", "organisation"),
        ("Japanese", "country"),
        ("Geneva", "place"),
    ],
)
def test_entity_kind(name: str, kind: str) -> None:
    assert entity_kind(name) == kind


# -- through the real pipeline ---------------------------------------------------------

TEXT = (
    "Blinken meets Ukrainian leaders\n\n"
    "U.S. Secretary of State Antony Blinken met Ukrainian Foreign Minister Dmytro Kuleba "
    "in Kyiv on Monday. Blinken said the United States would keep supporting Ukraine. "
    "Kuleba said Ukraine welcomed the help of Washington and of NATO."
)


def test_pipeline_resolves_mentions_and_facts(make_doc) -> None:
    from kg.facts import extract

    document, doc = make_doc(TEXT, doc_id="p")
    resolver = EntityResolver()
    extraction = extract(doc, document)
    links = {m.text: e.iri for m, e in resolver.link_mentions(extraction)}
    assert links.get("Antony Blinken") == links.get("Blinken") == BLINKEN
    assert links.get("Ukraine") == UKRAINE
    assert links.get("the United States", links.get("United States")) == USA
    out = resolver.resolve(extraction)
    for fact in out.facts:
        if isinstance(fact, Statement) and "Blinken" in fact.speaker:
            assert fact.speaker_id == BLINKEN
    assert all(e.iri.startswith(ENTITY_BASE) for e in out.entities)


def test_surname_node_joins_a_full_name_seen_later_in_the_build() -> None:
    resolver = EntityResolver()
    assert speaker_ids(resolver, "President Biden", doc="a") == [f"{ID}person/biden"]
    assert speaker_ids(resolver, "Joseph R. Biden, Jr.", doc="b") == [BIDEN]
    assert resolver.merges() == {f"{ID}person/biden": BIDEN}


def test_surname_node_stays_apart_when_two_full_names_fit() -> None:
    resolver = EntityResolver()
    speaker_ids(resolver, "Mr. Smith", doc="a")
    speaker_ids(resolver, "John Smith", doc="b")
    speaker_ids(resolver, "Jane Smith", doc="c")
    assert resolver.merges() == {}


def test_store_merges_entities_in_every_graph() -> None:
    from kg.store import GraphStore

    resolver = EntityResolver()
    store = GraphStore()
    for doc, name in (("a", "President Biden"), ("b", "Joseph R. Biden, Jr.")):
        store.add(resolver.resolve(article(doc, said(name, doc=doc))), "m")
    store.merge_entities(resolver.merges())
    rows = store.query(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?p kg:said ?s . ?p rdfs:label ?l }"
    )
    assert [int(r["n"].value) for r in rows] == [2]  # type: ignore[union-attr]
    assert not store.query(f"ASK {{ GRAPH ?g {{ ?x ?y <{ID}person/biden> }} }}")
    labels = store.query(f"SELECT ?a WHERE {{ <{BIDEN}> skos:altLabel ?a }}")
    assert "Biden" in {r["a"].value for r in labels}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("countries", "reference", "iri"),
    [
        (("Saudi Arabia", "Egypt"), "the Kingdom", f"{ID}country/saudi-arabia"),
        (("Saudi Arabia", "Jordan"), "the Kingdom", None),  # two kingdoms: no guess
        (("Korea, Republic of", "Japan"), "the Republic", f"{ID}country/south-korea"),
    ],
)
def test_bare_form_of_state_is_the_one_such_country(countries, reference, iri) -> None:
    mentions = tuple(Mention("d", c, (0, 1), "country", c) for c in countries)
    out = EntityResolver().resolve(article("d", said(reference, "organisation"), mentions=mentions))
    (statement,) = out.facts
    assert isinstance(statement, Statement)
    if iri is None:
        assert statement.speaker_id == f"{ID}organisation/kingdom"
    else:
        assert statement.speaker_id == iri


def test_bare_form_of_state_prefers_the_country_the_article_named_so() -> None:
    mentions = (
        Mention("d", "the Kingdom of Saudi Arabia", (0, 1), "country", "Kingdom of Saudi Arabia"),
        Mention("d", "Jordan", (2, 3), "country", "Jordan"),
    )
    out = EntityResolver().resolve(article("d", said("the Kingdom"), mentions=mentions))
    assert [f.speaker_id for f in out.facts] == [f"{ID}country/saudi-arabia"]
