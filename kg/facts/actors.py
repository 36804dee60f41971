"""The actors one document names, and how its shorter references resolve to them.

An :class:`ActorIndex` is built once per document from spaCy's named entities
and the roles found in it. Extractors ask it for the canonical (fullest) name
behind a mention: a surname ("Rutte") resolves to the full name given earlier
("Mark Rutte"), a title ("the Secretary General") to the person the document
says holds it, "the U.S." to itself (entity resolution across documents happens
later, in :mod:`kg.entities`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.symbols import IDS
from spacy.tokens import Doc, Span, Token

from kg.document import entities
from kg.records import Document, Mention, Role

#: tags of title-case verbs the tagger folds into a person's name in headlines
HEADLINE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})
KIND_BY_LABEL = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "NORP": "country",
}
#: the same by the labels' ids (entity labels are spaCy symbols; ``ent.label_`` costs a lookup)
_KIND_BY_ID = {IDS[label]: kind for label, kind in KIND_BY_LABEL.items()}
_PERSON = IDS["PERSON"]
_PLACE_OR_BODY = frozenset({IDS["GPE"], IDS["ORG"], IDS["NORP"]})
_APPOS = IDS["appos"]

HONORIFICS = frozenset(
    (
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam", "madame",
        "president", "secretary", "minister", "ambassador", "chancellor", "senator", "sen.", "rep.",
        "gen.", "general", "prime", "premier", "king", "queen", "prince", "his", "her",
        "excellency", "majesty", "highness", "deputy", "vice", "foreign", "spokesperson", "lady",
    )
)  # fmt: skip

#: honorifics that tell a person's grammatical gender ("Ms. Power" → she)
GENDER_HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "king": "m", "prince": "m", "lord": "m", "sheikh": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "madam": "f", "madame": "f", "dame": "f",
    "queen": "f", "princess": "f", "lady": "f", "spokeswoman": "f", "spokesman": "m",
    "chairwoman": "f", "chairman": "m", "congresswoman": "f", "congressman": "m",
}  # fmt: skip
#: given name → "m"/"f" for common, unambiguous first names of public figures
GIVEN_NAME_GENDER: dict[str, str] = {
    name.lower(): gender
    for gender, names in json.loads(
        Path(__file__).with_name("given_names.json").read_text("utf-8")
    ).items()
    if not gender.startswith("_")
    for name in names
}
#: words that may sit inside a title written before a name ("Secretary of State")
TITLE_GLUE = frozenset({"of", "for", "to", "on", "and", "the", "-"})
MAX_TITLE_TOKENS = 8

#: other names of common actors → the canonical short name (keys: letters only, lower case)
ACTOR_ALIASES = {
    "us": "United States", "usa": "United States", "unitedstatesofamerica": "United States",
    "unitedstates": "United States", "america": "United States",
    "usgovernment": "United States", "unitedstatesgovernment": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "greatbritain": "United Kingdom",
    "prc": "China", "peoplesrepublicofchina": "China", "republicofkorea": "South Korea",
    "rok": "South Korea", "korea": "South Korea", "republicofiraq": "Iraq",
    "russianfederation": "Russia", "un": "United Nations", "eu": "European Union",
    "uae": "United Arab Emirates", "unitedarabemirates": "United Arab Emirates",
}  # fmt: skip

#: lower-case particles inside surnames ("von der Leyen", "bin Salman", "da Silva")
NAME_PARTICLES = frozenset(
    {"von", "der", "van", "de", "den", "da", "dos", "del", "bin", "al", "el", "di", "du", "zu"}
)
#: generational suffixes kept on a full name ("Joseph R. Biden, Jr.")
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
_SUFFIX = re.compile(r",? (?:Jr\.|Sr\.|III|II|IV)(?![\w.])")

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class ActorRef:
    """A resolved actor: its canonical name and kind (person, organisation, country)."""

    name: str
    kind: str


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """Strip a leading article, a possessive and surrounding punctuation from a name.

    >>> clean_name("the United States’")
    'United States'
    >>> clean_name("NATO's")
    'NATO'
    """
    text = text.strip(" \t\n,;:.\"'“”‘’()")
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


@lru_cache(maxsize=65536)
def canonical_actor(name: str) -> str:
    """The common short name of a country or organisation written another way.

    >>> canonical_actor("U.S."), canonical_actor("the United States of America")
    ('United States', 'United States')
    >>> canonical_actor("NATO")
    'NATO'
    """
    key = re.sub(r"[^a-z]", "", clean_name(name).lower())
    return ACTOR_ALIASES.get(key, clean_name(name))


def person_core(name: str) -> list[str]:
    """The words of a person's name without honorifics and titles.

    >>> person_core("Mr. Mark Rutte")
    ['Mark', 'Rutte']
    """
    return [w for w in name.split() if w.lower() not in HONORIFICS]


def _person_text(ent: Span, text: str) -> str:
    """A person entity's text, completed when the tagger stopped at a name particle.

    "Ursula von der" + "Leyen" → "Ursula von der Leyen". ``text`` is the document's
    text: slicing it is cheaper than building the Span's text from its tokens.
    """
    doc = ent.doc
    last = doc[ent.end - 1]
    if last.lower_ in NAME_PARTICLES and ent.end < len(doc):
        nxt = doc[ent.end]
        if nxt.is_title:
            return text[ent.start_char : nxt.idx + len(nxt)]
    if ent.end - ent.start == 1 or last.tag_ not in HEADLINE_VERB_TAGS:
        return text[ent.start_char : ent.end_char]
    end = ent.end - 1
    while end - ent.start > 1 and doc[end - 1].tag_ in HEADLINE_VERB_TAGS:
        end -= 1  # "President Biden Raises Record Funding": a headline's verb is no name
    last = doc[end - 1]
    return text[ent.start_char : last.idx + len(last)]


@lru_cache(maxsize=16384)
def _core_name(text: str) -> str:
    """A person entity's text without article, possessive, honorifics and titles.

    >>> _core_name("Mr. Mark Rutte’s")
    'Mark Rutte'
    """
    return " ".join(person_core(clean_name(text)))


def _name_words(name: str) -> list[str]:
    """A person name's words without generational suffixes and commas."""
    return list(_name_word_tuple(name))


@lru_cache(maxsize=16384)
def _name_word_tuple(name: str) -> tuple[str, ...]:
    words = (w.strip(",") for w in name.split())
    return tuple(w for w in words if w and w.lower() not in NAME_SUFFIXES)


@lru_cache(maxsize=16384)
def _all_words(name: str) -> frozenset[str]:
    return frozenset(w.strip(",.") for w in name.split())


@lru_cache(maxsize=65536)
def _group_ref(name: str, kind: str) -> ActorRef:
    """The actor a country or organisation name stands for (one frozen record per name)."""
    return ActorRef(canonical_actor(name), kind)


class ActorIndex:
    """Canonical names of the actors in one document, with lookups for short references."""

    def __init__(self, doc: Doc, document: Document, roles: Iterable[Role] = ()) -> None:
        self.doc = doc
        self.document = document
        self._by_span: dict[tuple[int, int], ActorRef] = {}
        self._persons: list[str] = []
        self._titles: dict[str, str] = {}
        self._title_at: dict[str, int] = {}
        self._kinds: dict[str, str] = {}
        self._mentions: list[Mention] = []
        self._gender: dict[str, str] = {}
        self._text_titles: dict[str, Counter[str]] = {}
        self._mention_count: Counter[str] = Counter()
        self._posts: dict[str, set[str]] = {}
        self._resolved: dict[tuple[int, int, int], ActorRef | None] = {}  # span → resolve_entity
        #: the full names by their last and by their first word, in order of first mention
        self._by_last: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        self._full_names: dict[str, str] = {}  # name → full_name
        self._by_text: dict[tuple[str, str], ActorRef | None] = {}  # (text, kind) → actor
        self._person_words: set[frozenset[str]] = set()  # the words of each full name
        text = document.text
        ents = entities(doc)
        for role in roles:
            self._add_person(role.person)
            self._titles.setdefault(role.role.lower(), role.person)
            self._title_at.setdefault(role.role.lower(), role.span[0])
            if role.organisation:
                org = canonical_actor(role.organisation)
                self._posts.setdefault(org, set()).add(role.person)
        # the entities of an actor kind with their kind and text, read once: the loops below
        # run over every entity of every document
        named: list[tuple[Span, int, str, str]] = []
        for ent in ents:
            label = ent.label
            kind = _KIND_BY_ID.get(label)
            if kind is None:
                continue
            raw = (
                _person_text(ent, text) if label == _PERSON else text[ent.start_char : ent.end_char]
            )
            named.append((ent, label, kind, raw))
            if label == _PERSON:
                name = _core_name(raw)
                suffix = _SUFFIX.match(text, ent.end_char)
                self._add_person(name + suffix.group() if suffix and name else name)
        # resolve_entity() inlined
        resolved, by_text = self._resolved, self._by_text
        mentioned: list[str] = []  # the actor of each mention, counted at the end
        for ent, label, kind, raw in named:
            key = (raw, kind)
            ref = by_text[key] if key in by_text else self._resolve_name(raw, kind)
            by_text[key] = resolved[(ent.start, ent.end, label)] = ref
            if ref is None:
                continue
            span = (start, end) = (ent.start_char, ent.end_char)
            self._by_span[span] = ref
            self._mentions.append(Mention(document.id, text[start:end], span, ref.kind, ref.name))
            mentioned.append(ref.name)
            if ref.kind == "person":
                self._learn_title(ent, ref.name)
                self._learn_apposition(ent, ref.name)
        self._mention_count = Counter(mentioned)
        self._span_starts = sorted(self._by_span)
        self._starts = [s for s, _ in self._span_starts]

    def _learn_title(self, ent: Span, person: str) -> None:
        """Record the title and honorific written just before a person's name."""
        doc = ent.doc
        toks: list[Token] = []
        i = ent.start - 1
        while i >= 0 and len(toks) < MAX_TITLE_TOKENS:
            tok = doc[i]
            low = tok.lower_
            if low in GENDER_HONORIFICS:
                self._gender.setdefault(person, GENDER_HONORIFICS[low])
                i -= 1
                continue
            if tok.ent_type == _PERSON or not (tok.is_title or (low in TITLE_GLUE and toks)):
                break
            toks.insert(0, tok)
            i -= 1
        # "U.S. Secretary of State": the leading country names the organisation, not the title
        while toks and (toks[0].ent_type in _PLACE_OR_BODY or toks[0].lower_ in TITLE_GLUE):
            toks.pop(0)
        words = [t.text for t in toks]
        while words and words[0].lower() in TITLE_GLUE:
            words.pop(0)
        while words and words[-1].lower() in TITLE_GLUE:
            words.pop()
        if words:
            self._count_title(" ".join(words).lower(), person)
            for word in words:
                if word.lower() in GENDER_HONORIFICS:
                    self._gender.setdefault(person, GENDER_HONORIFICS[word.lower()])

    def _learn_apposition(self, ent: Span, person: str) -> None:
        """Titles in apposition: "Britain’s foreign secretary, David Cameron," and
        "Sergei Lavrov, Russia’s foreign minister," (lower-case titles included)."""
        root = ent.root
        heads = [root.head] if root.dep == _APPOS else []
        heads += [c for c in root.children if c.dep == _APPOS]
        for head in heads:
            if head.pos_ != "NOUN" or head.ent_type:
                continue
            words = [
                t.lower_
                for t in head.lefts
                if t.dep_ in ("amod", "compound") and not t.ent_type_ and t.is_alpha
            ]
            self._count_title(" ".join([*words, head.lower_]), person)

    def _count_title(self, title: str, person: str) -> None:
        """Count one more time the text gives ``person`` the title ``title``."""
        counts = self._text_titles.get(title)
        if counts is None:
            counts = self._text_titles[title] = Counter()
        counts[person] += 1

    def _add_person(self, name: str) -> None:
        if name and _all_words(name) in self._person_words:
            return
        if name and len(name.split()) >= 2 and name not in self._persons:
            self._persons.append(name)
            self._person_words.add(_all_words(name))
            self._kinds[name] = "person"
            words = _name_word_tuple(name)
            if words:
                self._by_last.setdefault(words[-1], []).append(name)
                self._by_first.setdefault(words[0], []).append(name)
            # full names changed
            self._resolved.clear()
            self._full_names.clear()
            self._by_text.clear()

    def resolve_entity(self, ent: Span) -> ActorRef | None:
        """The canonical actor behind a spaCy entity, or None for other entity types."""
        key = (ent.start, ent.end, ent.label)
        if key not in self._resolved:
            self._resolved[key] = self._resolve_entity(ent)
        return self._resolved[key]

    def _resolve_entity(self, ent: Span) -> ActorRef | None:
        kind = _KIND_BY_ID.get(ent.label)
        if kind is None:
            return None
        text = self.document.text
        raw = _person_text(ent, text) if kind == "person" else text[ent.start_char : ent.end_char]
        key = (raw, kind)
        if key not in self._by_text:
            self._by_text[key] = self._resolve_name(raw, kind)
        return self._by_text[key]

    def _resolve_name(self, raw: str, kind: str) -> ActorRef | None:
        """The actor behind an entity's text; the same for every mention with that text."""
        name = clean_name(raw)
        if not name:
            return None
        if kind == "person" or self._is_person_name(name):
            return ActorRef(self.full_name(name), "person")
        return _group_ref(name, kind)

    def _is_person_name(self, name: str) -> bool:
        """A name the tagger labelled ORG/GPE that the document gives as a person's."""
        words = name.split()
        if not words:
            return False
        if len(words) == 1:
            known = words[0] in self._by_last or words[0] in self._by_first
        else:
            known = name in self._persons
        return known and all(w[:1].isupper() for w in words)

    def full_name(self, name: str) -> str:
        """The fullest person name in the document that ends with ``name``'s surname.

        A surname shared by two different full names stays as given.
        """
        full = self._full_names.get(name)
        if full is None:
            full = self._full_names[name] = self._full_name(name)
        return full

    def _full_name(self, name: str) -> str:
        core = [w for w in person_core(name) if w.strip(",").lower() not in NAME_SUFFIXES]
        if not core:
            return name
        words = set(core)
        candidates = self._by_last.get(core[-1], [])
        # "Joseph R. Biden" and "Joseph R. Biden, Jr." are one person: keep the fullest
        fullest = [
            c for c in candidates if not any(_all_words(c) < _all_words(o) for o in candidates)
        ]
        if len(core) >= 2:
            fullest = [c for c in fullest if words <= set(_name_words(c))] or fullest
        if len(fullest) == 1:
            return fullest[0]
        if not candidates and len(core) == 1 and name.split() == core:
            # "Wang" for "Wang Yi": a family name written first
            firsts = self._by_first.get(core[0], [])
            if len(firsts) == 1:
                return firsts[0]
        return " ".join(core)

    def at(self, start: int, end: int) -> ActorRef | None:
        """The actor whose entity covers the characters ``start``–``end``, if any."""
        exact = self._by_span.get((start, end))
        if exact is not None:
            return exact  # entities never overlap: no other span can cover this one
        i = bisect_right(self._starts, start) - 1
        if i >= 0:
            span = self._span_starts[i]
            if span[0] <= start and end <= span[1]:
                return self._by_span[span]
        j = max(i + 1, 0)
        while j < len(self._starts) and self._starts[j] < end:
            span = self._span_starts[j]
            if start <= span[0] and span[1] <= end:
                return self._by_span[span]
            j += 1
        return None

    def holder_of(self, title: str) -> str | None:
        """The person the document says holds ``title`` ("the Secretary General")."""
        key = clean_name(title).lower()
        if key in self._titles:
            # "Secretary of State Blinken … the Secretary and King Abdullah II": a bare title
            # given to a second person later is the parser's doing; the first holder keeps it
            longer = [
                t
                for t in self._titles
                if t.startswith(key + " ") and self._titles[t] != self._titles[key]
            ]
            first = min(longer, key=self._title_at.__getitem__, default=None)
            if (
                first is not None
                and self._title_at[first] < self._title_at[key]
                and len({self._titles[t] for t in longer}) == 1
            ):
                return self._titles[first]
            return self._titles[key]
        matches = {p for t, p in self._titles.items() if t.endswith(key) or key.endswith(t)}
        if len(matches) == 1:
            return matches.pop()
        return self._holder_from_text(key)

    def holder_in(self, organisation: str) -> str | None:
        """The one person the document gives a post in ``organisation`` ("the NATO chief")."""
        persons = self._posts.get(canonical_actor(organisation), set())
        return next(iter(persons)) if len(persons) == 1 else None

    def _holder_from_text(self, key: str) -> str | None:
        """Title → person from titles written before names; ties go to the main person."""
        if not key:
            return None
        words = key.split()
        ranked: list[tuple[int, int, str]] = []
        for title, persons in self._text_titles.items():
            tw = title.split()
            if tw == words:
                rank = 3
            elif tw[: len(words)] == words:
                rank = 2
            elif tw[-len(words) :] == words or key in title:
                rank = 1
            else:
                continue
            for person in persons:
                ranked.append((rank, self._mention_count[person], person))
        if not ranked:
            return None
        ranked.sort(reverse=True)
        return ranked[0][2]

    def gender(self, person: str) -> str | None:
        """``"m"`` or ``"f"`` when an honorific, a title or the given name tells, else None."""
        known = self._gender.get(person)
        if known is not None:
            return known
        words = person_core(person)
        return GIVEN_NAME_GENDER.get(words[0].lower()) if len(words) >= 2 else None

    def set_gender(self, person: str, gender: str) -> None:
        """Remember a person's gender learnt elsewhere (a resolved he/she)."""
        self._gender.setdefault(person, gender)

    def mention_count(self, name: str) -> int:
        """How many entity mentions resolve to ``name``."""
        return self._mention_count[name]

    @property
    def persons(self) -> list[str]:
        """Full names of the persons in the document, in order of first mention."""
        return list(self._persons)

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every named-actor mention with its canonical name."""
        return tuple(self._mentions)
