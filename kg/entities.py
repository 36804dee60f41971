"""One node per real-world actor: entity resolution within and across articles.

:class:`EntityResolver` fills the ``*_id`` fields of every fact with an entity
IRI and lists the :class:`~kg.records.Entity` records a document's facts refer
to. IRIs are stable slugs, ``{ENTITY_BASE}{kind}/{slug}`` with kind ``person``,
``organisation``, ``country`` or ``place``, so the same actor gets the same IRI
in every build that sees the same names in the same order.

The kind of a name comes from the extractor (``speaker_kind`` …), else from the
article's mention of it, else from its words (:func:`entity_kind`); spaCy's
GPE/NORP label on a name the gazetteer does not know is not trusted, and a
one-word name that is part of a person's full name in the article is that person.

Rules, in the order they are tried for one name:

1. **Gazetteer.** A name, alias, acronym or demonym in the offline gazetteer
   (:mod:`kg.gazetteer`) is that country or organisation, labelled with the
   gazetteer's short name and linked to Wikidata: "the U.S.", "America" →
   United States; "the Alliance" → NATO; "Ukrainian" → Ukraine. A capital stands
   for its government when it acts ("Washington said…") and is a place when it is
   where a meeting happens. The country or body acting through its people is the
   country or body: "the Ukrainian government", "the Government of Canada", "the
   Iraqi side", "U.S. officials", "GCC member states", "NATO allies".
2. **People by full name.** A person's key is their name without titles, middle
   initials and suffixes, accents folded and a few unambiguous nicknames expanded
   ("Joseph R. Biden, Jr.", "Joe Biden" → ``joseph-biden``; "Antony J. Blinken",
   "Secretary of State Antony Blinken" → ``antony-blinken``).
3. **People by surname, conservatively.** A partial name ("Blinken", "President
   Biden", "Mr. Lula", "President Al Sisi") links to the one full name in the
   same article that ends with it (or, for one word, contains it); failing that,
   to the one full name ending so already seen in the build. When two full names
   fit, or none is known yet, the partial name stays a node of its own
   (``person/biden``): two different people with one surname are never merged,
   and a surname seen before any full name is not merged later, because
   resolution streams (:meth:`EntityResolver.remember` seeds full names from an
   earlier build).
4. **Organisations** outside the gazetteer are keyed by their name without
   possessives or parenthesised acronyms. An acronym links to the one
   organisation of the article (failing that, of the build) whose initials it
   spells ("RMSI" → Regional Maritime Security Initiative); a common-noun
   reference ("the Fund", "the working session") links to the one organisation of
   the article whose name holds all its words.
5. A place where a meeting happens that the gazetteer does not know, and any
   other name, is a node keyed by its cleaned name and kind.

Memory is a few dicts of names (full-name keys by surname, acronyms, labels),
never documents.

>>> person_key("Joseph R. Biden, Jr.") == person_key("President Joe Biden")
True
>>> entity_kind("Department of Homeland Security"), entity_kind("Gina Raimondo")
('organisation', 'person')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer, normalise
from kg.records import Entity, Extraction, Fact, Meeting, Mention, Pledge, Role, Statement

ENTITY_BASE = "https://w3id.org/kg-diplomacy/id/"
KINDS = ("person", "organisation", "country", "place")

# Words of titles and posts that precede a person's name ("Deputy Secretary of State").
TITLE_WORDS_TEXT = """
mr mrs ms miss dr prof sir dame lord lady madam madame his her excellency majesty
highness honorable honourable hon president vice deputy under assistant acting chief
secretary general minister prime premier foreign chancellor ambassador envoy special
presidential representative senator sen rep congressman congresswoman governor mayor
king queen prince princess emir crown spokesperson spokesman spokeswoman advisor adviser
national security administrator director commissioner chair chairman chairwoman
chairperson head leader officer counselor counsellor coordinator commander gen lt col
adm captain first gentleman former incoming outgoing state defense defence commerce
treasury energy homeland justice labor labour trade economy external relations affairs
climate interior finance health agriculture education transportation development
cooperation international"""
TITLE_WORDS = frozenset(TITLE_WORDS_TEXT.split())
CONNECTORS = frozenset(("of", "for", "on", "to", "and", "the", "in", "at"))
SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
NICKNAMES = {
    "joe": "joseph",
    "mike": "michael",
    "bill": "william",
    "bob": "robert",
    "jim": "james",
    "tom": "thomas",
    "dave": "david",
}
# Words that make a name an organisation rather than a person.
ORG_WORDS_TEXT = """
department ministry ministries council bank agency organization organisation union
commission committee fund office government administration corporation association party
group forum summit institute university court assembly coalition alliance partnership
programme program initiative foundation authority bureau service services force forces
army navy embassy mission secretariat parliament congress senate house company inc ltd
network center centre board conference community nations cabinet delegation meeting
session ministerial dialogue talks countries states members"""
ORG_WORDS = frozenset(ORG_WORDS_TEXT.split())
# "the Ukrainian government", "the Government of Canada": words around a country name.
GOVERNMENT_PREFIXES = ("government of", "people of", "state of")
# "the Iraqi side", "U.S. officials", "the GCC member states", "NATO allies": the country or
# body acting.
ACTING_SUFFIXES = (
    "government", "administration", "side", "authorities", "leadership", "officials",
    "representatives", "delegation", "leaders", "member states", "member countries",
    "members", "countries", "allies",
)  # fmt: skip
# Leading words that only quantify a group ("some GCC partners").
QUANTIFIERS = frozenset(("some", "many", "several", "all", "both", "other", "senior", "top"))
# Lower-case words inside personal names ("Lula da Silva", "von der Leyen").
NAME_PARTICLES = frozenset(
    ("da", "de", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den")
    + ("bin", "bint", "ibn", "al", "el", "la", "le", "y")
)
# Heads of generic references to a body named earlier ("the Department", "the session").
GENERIC_HEADS = ORG_WORDS | {"allies", "partners", "participants", "leaders"}
# "the Kingdom" stands for the one country of the article whose official name has that word
# ("Kingdom of Saudi Arabia"); likewise the other forms of state.
STATE_FORMS = frozenset(
    {"kingdom", "republic", "federation", "emirates", "sultanate", "principality", "duchy"}
)
_DETERMINERS = ("this ", "that ", "these ", "those ")
ACTOR, LOCATION = "actor", "location"

_SLUG = re.compile(r"[^a-z0-9]+")
_EDGE = " \t\n,;:\"'“”‘’()"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """A URL-safe slug of a name.

    >>> slug("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", text.replace(".", "")).strip("-") or "unnamed"


def entity_iri(kind: str, key: str) -> str:
    """The IRI of the entity of ``kind`` with slug ``key``.

    >>> entity_iri("country", "united-states")
    'https://w3id.org/kg-diplomacy/id/country/united-states'
    """
    return f"{ENTITY_BASE}{kind}/{key}"


@lru_cache(maxsize=65536)
def clean(name: str) -> str:
    """A name without a leading article, possessive, parentheses or surrounding punctuation.

    >>> clean("the United Kingdom’s")
    'United Kingdom'
    >>> clean("U.S. Agency for International Development (USAID)")
    'U.S. Agency for International Development'
    >>> clean("some GCC partners")
    'GCC partners'
    """
    text = _PARENTHESIS.sub("", name).strip(_EDGE)
    text = _POSSESSIVE.sub("", text).strip(_EDGE)
    words = text.split()
    while len(words) > 1 and words[0].lower() in QUANTIFIERS | {"the"}:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return text.lower().strip(".,")


def person_name(name: str, gazetteer: Gazetteer | None = None) -> str:
    """A person's name without the titles, bodies and countries around it.

    >>> person_name("U.S. Secretary of State Antony J. Blinken")
    'Antony J. Blinken'
    >>> person_name("Prime Minister Hasina of Bangladesh")
    'Hasina'
    >>> person_name("Special Presidential Envoy for Climate John Kerry")
    'John Kerry'
    """
    gaz = gazetteer or default_gazetteer()
    words = clean(name).split()
    for i in range(len(words) - 1, 0, -1):
        if _fold(words[i - 1]) in ("of", "for") and gaz.lookup(" ".join(words[i:])):
            words = words[: i - 1]
            break
    start, after_connector = 0, False
    while start < len(words) - 1:
        span = _gazetteer_prefix(words[start:], gaz)
        if span:
            start += span
        elif _is_title(words[start]):
            start += 1
        elif _fold(words[start]) in CONNECTORS:
            start += 1
            after_connector = True
        else:
            break
    core = words[start:]
    if after_connector and len(_name_tokens(core)) > 2 and all(_is_titled(w) for w in core):
        # "Envoy for Climate John Kerry": the connector's object precedes the name.
        core = core[-len(_name_tokens(core[-2:])) - _trailing_extras(core) :]
    return " ".join(core) if core else clean(name)


def _is_title(word: str) -> bool:
    parts = _fold(word).split("-")
    return all(p in TITLE_WORDS for p in parts)


def _is_titled(word: str) -> bool:
    return word[:1].isupper() or _fold(word) in CONNECTORS or word in NAME_PARTICLES


def _trailing_extras(words: list[str]) -> int:
    return sum(1 for w in words[-4:] if _is_initial(w) or _fold(w) in SUFFIXES)


def _gazetteer_prefix(words: list[str], gaz: Gazetteer) -> int:
    for n in range(min(4, len(words) - 1), 0, -1):
        entry = gaz.lookup(" ".join(words[:n]))
        if entry is not None and entry.kind in ("country", "organisation"):
            return n
    return 0


@lru_cache(maxsize=65536)
def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word.strip(",")))


def _name_tokens(words: Iterable[str]) -> list[str]:
    # "Thomas-Greenfield" is two tokens so that either half can be matched.
    tokens = [t for w in words if not _is_initial(w) for t in _fold(w).replace("-", " ").split()]
    tokens = [t for t in tokens if t and t not in SUFFIXES]
    if tokens and tokens[0] in NICKNAMES:
        tokens[0] = NICKNAMES[tokens[0]]
    return tokens


def person_key(name: str) -> str:
    """The key two spellings of one person's full name share.

    >>> person_key("Antony J. Blinken")
    'antony-blinken'
    >>> person_key("António Guterres") == person_key("Antonio Guterres")
    True
    """
    return "-".join(slug(t) for t in _name_tokens(person_name(name).split()))


def entity_kind(name: str, gazetteer: Gazetteer | None = None) -> str:
    """The likely kind of a named actor: person, organisation, country or place.

    >>> entity_kind("the Alliance"), entity_kind("Japanese"), entity_kind("USAID")
    ('organisation', 'country', 'organisation')
    >>> entity_kind("U.S. Ambassador to the United Nations Linda Thomas-Greenfield")
    'person'
    >>> entity_kind("State Department"), entity_kind("Canada and Mexico")
    ('organisation', 'organisation')
    """
    gaz = gazetteer or default_gazetteer()
    entry = gaz.lookup(name)
    if entry is not None:
        return entry.kind
    text = clean(name)
    words = person_name(text, gaz).split()
    if not words or {_fold(w) for w in words} & ORG_WORDS or "and" in words:
        return "organisation"
    if any(gaz.lookup(part) for part in text.split(" and ")[1:]):
        return "organisation"  # "Canada and Mexico": actors together
    titled = len(words) < len(text.split())  # "President Lula": a title went
    if (len(words) >= 2 or titled) and len(words) <= 6 and all(map(_is_titled, words)):
        return "person"
    return "organisation"


def org_key(name: str) -> str:
    """The slug of an organisation outside the gazetteer.

    >>> org_key("Japan's Defence Agency") == org_key("Japan Defence Agency")
    True
    """
    return slug(re.sub(r"['’]s\b", "", clean(name)))


def acronym(name: str) -> str:
    """The initials of a name's capitalised words.

    >>> acronym("Department of Homeland Security")
    'DHS'
    """
    return "".join(w[0] for w in clean(name).replace("-", " ").split() if w[:1].isupper())


@dataclass
class _Context:
    """What one article says about its actors, used to resolve its short names."""

    persons: dict[str, str] = field(default_factory=dict)  # key → label
    orgs: dict[str, str] = field(default_factory=dict)  # acronym → org key
    org_names: list[str] = field(default_factory=list)  # organisation names, cleaned
    kinds: dict[str, str] = field(default_factory=dict)  # canonical name → mention kind
    person_names: set[str] = field(default_factory=set)  # names used for a person, cleaned
    found: dict[str, Entity] = field(default_factory=dict)  # iri → entity
    aliases: dict[str, set[str]] = field(default_factory=dict)  # iri → names
    #: (name, kind, role, generic) → entity; the article's names repeat, and once its
    #: context is read, linking a name depends on nothing else
    linked: dict[tuple[str, str | None, str, bool], Entity] = field(default_factory=dict)


class EntityResolver:
    """Resolve actor names to entity IRIs, one article after another.

    An instance lives across a whole build: it remembers the full names and
    acronyms it has seen so that later articles' short names link to them.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self._persons: dict[str, str] = {}  # key → first label seen
        self._surnames: dict[str, set[str]] = {}  # surname → person keys
        self._acronyms: dict[str, set[str]] = {}  # acronym → organisation keys
        self._labels: dict[str, str] = {}  # iri → first label seen
        self._orphans: dict[str, list[str]] = {}  # key of a surname-only node → its words
        self._acting_cache: dict[str, GazetteerEntry | None] = {}  # text → _acting's answer

    def resolve(self, extraction: Extraction) -> Extraction:
        """The extraction with every fact's ids filled and its entities listed."""
        ctx = self._context(extraction)
        facts = tuple(self._resolve_fact(fact, ctx) for fact in extraction.facts)
        used = dict(ctx.found)
        for mention in extraction.mentions:
            entity = self._link(mention.canonical, mention.kind, ACTOR, ctx)
            if entity.iri in used:
                ctx.aliases[entity.iri].add(clean(mention.text))
        entities = tuple(
            replace(e, aliases=tuple(sorted(ctx.aliases[e.iri] - {e.label})))
            for e in sorted(used.values(), key=lambda e: e.iri)
        )
        return replace(extraction, facts=facts, entities=entities)

    @property
    def persons(self) -> tuple[str, ...]:
        """The full person names seen so far, first spelling of each, in order seen."""
        return tuple(self._persons.values())

    def remember(self, names: Iterable[str]) -> None:
        """Make full person names known before any article, e.g. from an earlier build."""
        ctx = _Context()
        for name in names:
            self._remember_person(name, ctx)

    def merges(self) -> dict[str, str]:
        """Surname-only person nodes that a full name seen later in the build explains.

        A build streams, so "President Biden" read before any article names
        "Joseph R. Biden, Jr." became ``person/biden``. Once the build has seen
        exactly one full name ending in that surname, the node can join it;
        with two or more candidates it stays apart.

        Returns:
            old IRI → IRI of the full name, sorted by old IRI.
        """
        out: dict[str, str] = {}
        for key, tokens in sorted(self._orphans.items()):
            match = self._partial(tokens, _Context(), in_build=True)
            if match is not None and match != key:
                out[entity_iri("person", key)] = entity_iri("person", match)
        return out

    def link_mentions(self, extraction: Extraction) -> list[tuple[Mention, Entity]]:
        """Every named mention of the article with the entity it resolves to."""
        ctx = self._context(extraction)
        return [(m, self._link(m.canonical, m.kind, ACTOR, ctx)) for m in extraction.mentions]

    def link(self, name: str, kind: str | None = None, *, location: bool = False) -> Entity:
        """The entity a name resolves to outside any article (surnames use the build's names)."""
        ctx = _Context()
        if (kind or entity_kind(name, self.gazetteer)) == "person":
            self._remember_person(name, ctx)
        return self._link(name, kind, LOCATION if location else ACTOR, ctx)

    # -- per-article context -------------------------------------------------------

    def _context(self, extraction: Extraction) -> _Context:
        ctx = _Context()
        for mention in extraction.mentions:
            ctx.kinds.setdefault(mention.canonical, mention.kind)
        names: list[tuple[str, str | None]] = [(m.canonical, m.kind) for m in extraction.mentions]
        for fact in extraction.facts:
            names.extend(_actor_names(fact))
        kind_of = {pair: self._kind(*pair, ctx) for pair in dict.fromkeys(names)}
        kinds = [(name, kind_of[name, kind]) for name, kind in names]
        persons = [name for name, kind in kinds if kind == "person"]
        ctx.person_names = {clean(name) for name in persons}
        # Longest names first, so that "Al Sisi" is read as part of "Abdel Fattah Al Sisi".
        for name in sorted(persons, key=lambda n: -len(_name_tokens(n.split()))):
            self._remember_person(name, ctx)
        for name, kind in kinds:
            text = clean(name)
            if kind != "organisation" or not text or text in ctx.org_names:
                continue
            ctx.org_names.append(text)
            short = acronym(text)
            if self.gazetteer.lookup(text) is None and len(short) >= 2 and short != text:
                ctx.orgs.setdefault(short, org_key(text))
                self._acronyms.setdefault(short, set()).add(org_key(text))
        return ctx

    def _kind(self, name: str, kind: str | None, ctx: _Context) -> str:
        """The kind the extractor gave, else the mention's, else a guess from the name."""
        text = clean(name)
        kind = kind or ctx.kinds.get(name)
        known = self.gazetteer.lookup(text) or self._acting(text)
        if kind == "country" and known is None:
            kind = None  # spaCy's GPE or NORP on a name no gazetteer knows
        if kind != "person" and known is None and self._is_person(text, ctx):
            return "person"
        if kind is None and known is None and _fold(text) in self._surnames:
            return "person"  # a surname of a full name seen earlier in the build
        return kind or entity_kind(text, self.gazetteer)

    def _remember_person(self, name: str, ctx: _Context) -> None:
        full = person_name(name, self.gazetteer)
        tokens = _name_tokens(full.split())
        if len(tokens) < 2 or self.gazetteer.lookup(full) is not None:
            return
        key = "-".join(slug(t) for t in tokens)
        if key in ctx.persons or self._partial(tokens, ctx, in_build=False) is not None:
            return
        ctx.persons[key] = full
        self._persons.setdefault(key, full)
        self._surnames.setdefault(tokens[-1], set()).add(key)

    # -- facts ---------------------------------------------------------------------

    def _resolve_fact(self, fact: Fact, ctx: _Context) -> Fact:
        def one(name: str | None, kind: str | None, role: str = ACTOR) -> str | None:
            return self._link(name, kind, role, ctx, record=True).iri if name else None

        def many(names: tuple[str, ...], kinds: tuple[str, ...] = ()) -> tuple[str, ...]:
            padded: list[str | None] = [*kinds, *([None] * len(names))]
            return tuple(iri for n, k in zip(names, padded, strict=False) if (iri := one(n, k)))

        if isinstance(fact, Statement):
            return replace(
                fact,
                speaker_id=one(fact.speaker, fact.speaker_kind),
                co_speaker_ids=many(fact.co_speakers),
                mentioned_ids=many(fact.mentioned),
            )
        if isinstance(fact, Pledge):
            return replace(
                fact,
                pledger_id=one(fact.pledger, fact.pledger_kind),
                recipient_id=one(fact.recipient, fact.recipient_kind),
            )
        if isinstance(fact, Meeting):
            return replace(
                fact,
                participant_ids=many(fact.participants, fact.participant_kinds),
                location_id=one(fact.location, None, LOCATION),
            )
        return replace(
            fact,
            person_id=one(fact.person, "person"),
            organisation_id=one(fact.organisation, fact.organisation_kind),
        )

    # -- names ---------------------------------------------------------------------

    def _link(
        self,
        name: str,
        kind: str | None,
        role: str,
        ctx: _Context,
        *,
        record: bool = False,
        generic: bool = True,
    ) -> Entity:
        entity = ctx.linked.get((name, kind, role, generic))
        if entity is None:
            entity = self._new_link(name, kind, role, ctx, generic)
            ctx.linked[name, kind, role, generic] = entity
        if record:
            ctx.found.setdefault(entity.iri, entity)
            ctx.aliases.setdefault(entity.iri, set()).add(clean(name) or name.strip())
        return entity

    def _new_link(
        self, name: str, kind: str | None, role: str, ctx: _Context, generic: bool
    ) -> Entity:
        text = clean(name) or name.strip()
        kind = self._kind(name, kind, ctx)
        entity = self._from_gazetteer(text, kind, role, ctx)
        if entity is None and role != LOCATION and generic and kind != "person":
            entity = self._state(text, ctx)
        if entity is None:
            if role == LOCATION:
                entity = self._entity("place", slug(text), text)
            elif kind == "person":
                entity = self._person(text, ctx)
            elif kind == "organisation":
                entity = self._organisation(text, ctx, generic=generic)
            else:
                entity = self._entity(kind if kind in KINDS else "organisation", slug(text), text)
        return entity

    def _from_gazetteer(self, text: str, kind: str, role: str, ctx: _Context) -> Entity | None:
        entry = self.gazetteer.lookup(text)
        if entry is None:
            entry = self._acting(text)
        elif kind == "person" and entry.kind != "organisation" and self._is_surname(text, ctx):
            return None  # "Jordan" the person, not the country
        if entry is None:
            return None
        if entry.kind == "place" and role == ACTOR and entry.capital_of:
            entry = self.gazetteer.by_code("country", entry.capital_of) or entry
        return self._entity(entry.kind, entry.slug, entry.label, entry)

    def _acting(self, text: str) -> GazetteerEntry | None:
        """The country or body behind "the Iraqi side", "U.S. officials", "GCC members"."""
        if text not in self._acting_cache:
            self._acting_cache[text] = self._acting_uncached(text)
        return self._acting_cache[text]

    def _acting_uncached(self, text: str) -> GazetteerEntry | None:
        key = normalise(text)
        for suffix in ACTING_SUFFIXES:
            if key.endswith(" " + suffix):
                entry = self.gazetteer.lookup(key[: -len(suffix) - 1])
                if entry is not None and entry.kind in ("country", "organisation"):
                    return entry
        for prefix in GOVERNMENT_PREFIXES:
            if key.startswith(prefix + " "):
                return self._country(key[len(prefix) + 1 :])
        return None

    def _country(self, name: str) -> GazetteerEntry | None:
        entry = self.gazetteer.lookup(name)
        return entry if entry is not None and entry.kind == "country" else None

    def _is_person(self, text: str, ctx: _Context) -> bool:
        """True when the article uses the name for a person elsewhere, or it is a surname."""
        return text in ctx.person_names or self._is_surname(text, ctx)

    def _is_surname(self, text: str, ctx: _Context) -> bool:
        """True when a one-word name is part of a full name of the article ("Rutte")."""
        if len(text.split()) != 1:
            return False
        part = [slug(t) for t in _name_tokens([text])]
        return bool(part) and any(_fits(part, key) for key in ctx.persons)

    def _person(self, text: str, ctx: _Context) -> Entity:
        full = person_name(text, self.gazetteer)
        tokens = _name_tokens(full.split())
        if not tokens:
            return self._entity("person", slug(text), text)
        key = "-".join(slug(t) for t in tokens)
        if key in ctx.persons:
            return self._entity("person", key, self._persons.get(key, full))
        match = self._partial(tokens, ctx, in_build=False)
        if match is None and len(tokens) >= 2 and key in self._persons:
            match = key
        if match is None:
            match = self._partial(tokens, ctx, in_build=True)
        if match is not None:
            return self._entity("person", match, self._persons.get(match, full))
        if len(tokens) == 1:
            self._orphans.setdefault(key, tokens)
        return self._entity("person", key, full)

    def _partial(self, tokens: list[str], ctx: _Context, *, in_build: bool) -> str | None:
        """The one full name in the article (or the build) that a partial name ends."""
        part = [slug(t) for t in tokens]
        keys = self._surnames.get(tokens[-1], set()) if in_build else ctx.persons.keys()
        found = {k for k in keys if _fits(part, k)}
        return found.pop() if len(found) == 1 else None

    def _organisation(self, text: str, ctx: _Context, *, generic: bool = True) -> Entity:
        key = org_key(text)
        body = self._generic(text, ctx) if generic else None
        if body is not None:
            return body
        owner, sep, rest = text.replace("’", "'").partition("'s ")
        entry = self.gazetteer.lookup(owner) if sep else None
        if entry is not None and entry.kind == "organisation":
            key = org_key(rest)  # "the State Department's Bureau of …" is the Bureau
        if text.isupper() and len(text) >= 2:
            target = ctx.orgs.get(text)
            if target is None and len(self._acronyms.get(text, ())) == 1:
                target = next(iter(self._acronyms[text]))
            if target is not None:
                key = target
        return self._entity("organisation", key, text)

    def _state(self, text: str, ctx: _Context) -> Entity | None:
        """The one country of the article a bare form of state names ("the Kingdom")."""
        word = clean(text).lower()
        if word not in STATE_FORMS:
            return None
        found: dict[str, GazetteerEntry] = {}
        named: dict[str, GazetteerEntry] = {}  # the article itself wrote "Kingdom of …"
        for name, kind in ctx.kinds.items():
            entry = self.gazetteer.lookup(name) if kind == "country" else None
            if (
                entry is not None
                and entry.kind == "country"
                and any(word in n.lower().split() for n in entry.names)
            ):
                found[entry.slug] = entry
                if word in name.lower().split():
                    named[entry.slug] = entry
        for candidates in (found, named):
            if len(candidates) == 1:
                entry = next(iter(candidates.values()))
                return self._link(entry.label, "country", ACTOR, ctx)
        return None

    def _generic(self, text: str, ctx: _Context) -> Entity | None:
        """The one body of the article a common-noun reference fits ("the working session")."""
        lower = text.lower()
        for det in _DETERMINERS:
            if lower.startswith(det):
                text = text[len(det) :]
        words = text.split()
        if not words or any(w[:1].isupper() for w in words[1:]):
            return None
        folded = {_fold(w) for w in words}
        if _fold(words[-1]) not in GENERIC_HEADS:
            return None
        found = {
            entity.iri: entity
            for n in ctx.org_names
            if len(n.split()) > len(words) and folded <= {_fold(w) for w in n.split()}
            for entity in [self._link(n, "organisation", ACTOR, ctx, generic=False)]
        }
        return found.popitem()[1] if len(found) == 1 else None

    def _entity(
        self, kind: str, key: str, label: str, entry: GazetteerEntry | None = None
    ) -> Entity:
        iri = entity_iri(kind, key)
        label = self._labels.setdefault(iri, label)
        if entry is None:
            return Entity(iri=iri, label=label, kind=kind)
        return Entity(iri=iri, label=label, kind=kind, code=entry.code, wikidata=entry.wikidata)


def _fits(part: list[str], key: str) -> bool:
    """True when a partial name ends a full-name key, or is one of its later words."""
    full = key.split("-")
    if len(full) <= len(part):
        return False
    if full[-len(part) :] == part:
        return True
    return len(part) == 1 and part[0] in full[1:]


def _actor_names(fact: Fact) -> list[tuple[str, str | None]]:
    """The actor names a fact holds, with the kinds the extractor gave them."""
    if isinstance(fact, Statement):
        return [
            (fact.speaker, fact.speaker_kind),
            *((n, None) for n in fact.co_speakers),
            *((n, None) for n in fact.mentioned),
        ]
    if isinstance(fact, Pledge):
        names = [(fact.pledger, fact.pledger_kind)]
        return names + ([(fact.recipient, fact.recipient_kind)] if fact.recipient else [])
    if isinstance(fact, Meeting):
        kinds = list(fact.participant_kinds) + [None] * len(fact.participants)
        return list(zip(fact.participants, kinds, strict=False))
    if isinstance(fact, Role):
        return [(fact.person, "person"), (fact.organisation, fact.organisation_kind)]
    return []
