"""Roles: who holds which post at which organisation or country.

A role is read from a *title phrase* next to a person's name:

- before the name: "NATO Secretary General Mark Rutte", "U.S. Ambassador to Lebanon
  Dorothy Shea", "Deputy Assistant Secretary of State for Levant Affairs Aimee Cutrona";
- after it, as an apposition: "Mark Rutte, NATO's Secretary General", "Luiz Inácio Lula
  da Silva, the President of Brazil";
- before it with a comma: "the Crown Prince of Abu Dhabi, Sheikh Mohamed bin Zayed".

A title phrase is ``[organisation] core [qualifier]``: the core is a run of title words
that ends with a head ("Deputy Assistant Secretary"), the qualifier a capitalised tail
("of State for Levant Affairs"). The organisation comes, in this order, from the words
before the core ("NATO", "Indian" → India), a trailing "of <country or body>" ("President
of the European Commission"), words after the name ("President Isaac Herzog of Israel",
"President Joko Widodo, Republic of Indonesia"), the nearest country named earlier in
the sentence when the person is not its subject ("In Egypt, X met with Prime Minister Y"),
and finally the document's *home country*: national posts without a country ("Secretary
of State Antony Blinken") belong to the country of the publisher (``source_bodies`` in
``titles.json``: "U.S. Department of State", "The White House" → United States), else to
the country the document names most often. Spokespeople of a publishing agency belong to
that agency ("Spokesperson Ned Price" in a State Department release → U.S. Department of
State).

The lexicon (heads, modifiers, honorifics, demonyms, organisation aliases) lives in
``titles.json`` beside this module.
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.symbols import IDS
from spacy.tokens import Doc, Span

from kg.document import CACHE_PREFIX, entities
from kg.errors import KgError
from kg.facts.actors import GIVEN_NAME_GENDER
from kg.records import Document, Role

ORG_WORDS = frozenset(
    [
        "Forces",
        "Force",
        "Council",
        "Commission",
        "Department",
        "Ministry",
        "Office",
        "Agency",
        "Party",
        "Union",
        "Community",
        "Organization",
        "Organisation",
        "Bank",
        "Fund",
        "Service",
        "House",
        "Government",
        "Parliament",
        "Assembly",
        "Court",
        "Committee",
        "Bureau",
        "Administration",
        "Center",
        "Centre",
        "Institute",
        "Forum",
        "Group",
        "Alliance",
        "Coalition",
        "Movement",
        "Army",
        "Navy",
        "Police",
        "Secretariat",
        "Board",
        "Authority",
        "Cabinet",
        "Senate",
        "Congress",
        "Mission",
        "Delegation",
        "Federation",
        "League",
        "Association",
        "Corps",
        "Guard",
        "Program",
        "Programme",
    ]
)
CONNECTORS = frozenset({"of", "for", "to", "and", "the", "on", "&", ",", "at", "in"})
QUALIFIER_STARTS = frozenset({"of", "for", "to"})
QUALIFIER_CONNECTORS = frozenset({"of", "for", "to", "the", "&", "on"})
QUALIFIER_TAIL = QUALIFIER_CONNECTORS | {"-", "(", ","}  # trimmed off a qualifier's end
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "II", "III"})
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
INITIALS_GAPS = (3, 5, 7)  # the lengths of ``INITIALS`` texts with a space after them
PATRONYMICS = frozenset({"bin", "ibn", "bint", "ben"})
PLACE_OR_BODY = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC"})
APPOSITION_END = frozenset({",", ".", ";", ":", ")", "\n"})


@cache
def lexicon() -> dict[str, Any]:
    """The role lexicon from ``titles.json`` (heads, modifiers, demonyms, aliases …)."""
    text = resources.files("kg.facts").joinpath("titles.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    heads = set()
    modifiers = set(data["modifiers"])
    for head in data["heads"]:
        words = head.split()
        heads.add(words[-1])
        modifiers.update(words[:-1])
    data["head_set"] = frozenset(heads)
    data["modifier_set"] = frozenset(modifiers)
    data["lower_head_set"] = frozenset(data["lowercase_heads"])
    data["lower_modifier_set"] = frozenset(data["lowercase_modifiers"])
    # a canonical name is an alias of itself ("United Nations" beside "UN")
    for name in list(data["organisations"].values()):
        data["organisations"].setdefault(name.lower(), name)
    data["honorific_set"] = frozenset(data["honorifics"])
    data["counterpart_verb_set"] = frozenset(data["counterpart_verbs"]["verbs"])
    data["particle_set"] = frozenset(data["name_particles"])
    data["not_name_set"] = (
        frozenset(data["portfolio_words"])
        | ORG_WORDS
        | heads
        | frozenset(data["demonyms"])
        | frozenset(data["office_words"]["words"])
    )
    data["bound_modifier_map"] = {
        k: frozenset(v) for k, v in data["bound_modifiers"].items() if not k.startswith("_")
    }
    # the word lists as sets, built once: membership is asked per token or per title
    data["portfolio_set"] = frozenset(data["portfolio_words"])
    data["place_word_set"] = frozenset(data["place_words"]["words"])
    data["office_word_set"] = frozenset(data["office_words"]["words"])
    data["plural_head_set"] = frozenset(data["plural_heads"])
    data["agency_title_set"] = frozenset(data["agency_titles"])
    data["delegation_noun_set"] = frozenset(data["delegation_nouns"])
    data["exclusive_title_set"] = frozenset(data["exclusive_titles"]["titles"])
    data["body_title_set"] = frozenset(data["organisation_titles"]["titles"])
    data["single_title_set"] = frozenset(data["single_holder_titles"]["titles"])
    data["leader_set"] = frozenset(data["single_holder_titles"]["leaders"])
    data["foreign_title_sets"] = {
        k: frozenset(v) for k, v in data["foreign_titles"].items() if not k.startswith("_")
    }
    return data


@cache
def _countries() -> dict[str, str]:
    """Lower-cased country names, official names and aliases → common English short name."""
    import pycountry

    lex = lexicon()
    table: dict[str, str] = {}
    for country in pycountry.countries:
        name = country.name
        canonical = lex["country_names"].get(name) or getattr(country, "common_name", None) or name
        canonical = lex["country_names"].get(canonical, canonical)
        for form in (
            name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if form:
                table.setdefault(form.lower(), canonical)
        table.setdefault(canonical.lower(), canonical)
    for demonym, country in lex["demonyms"].items():
        table.setdefault(demonym.lower(), country)
    for alias, name in lex["organisations"].items():
        if name.lower() in table:
            table[alias] = table[name.lower()]
    return table


_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]{1,7}")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@lru_cache(maxsize=16384)
def _strip(text: str) -> str:
    text = _PARENTHESES.sub("", text)
    text = _POSSESSIVE.sub("", text.strip(" ,;:."))
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


@cache
def _organisation_keys() -> frozenset[str]:
    """The lexicon's organisation aliases and names, lower-cased."""
    return frozenset(a.lower() for a in lexicon()["organisations"])


@lru_cache(maxsize=16384)
def resolve_country(text: str) -> str | None:
    """The common English name of the country ``text`` names, or None.

    >>> resolve_country("the Kingdom of Saudi Arabia")
    'Saudi Arabia'
    >>> resolve_country("Indian")
    'India'
    >>> resolve_country("U.S.")
    'United States'
    >>> resolve_country("Republic of Korea")
    'South Korea'
    >>> resolve_country("Department of State") is None
    True
    """
    name = _strip(text)
    lowered = name.lower()
    table = _countries()
    if lowered in table:
        return table[lowered]
    prefixes = _country_prefixes()
    if not lowered.startswith(prefixes):
        return None
    for prefix, original in zip(prefixes, lexicon()["country_prefixes"], strict=True):
        if lowered.startswith(prefix):
            rest = name[len(original) + 1 :]
            return table.get(rest.lower()) or table.get(_strip(rest).lower())
    return None


@cache
def _country_prefixes() -> tuple[str, ...]:
    """The lexicon's country prefixes ("Kingdom of"), lower-cased, each with its space."""
    return tuple(prefix.lower() + " " for prefix in lexicon()["country_prefixes"])


def resolve_organisation(
    text: str, acronyms: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """The canonical name and kind (``country`` or ``organisation``) of an organisation mention.

    ``acronyms`` maps acronyms the document defines ("Lebanese Armed Forces (LAF)") to
    their full names.

    >>> resolve_organisation("NATO's")
    ('NATO', 'organisation')
    >>> resolve_organisation("State Department")
    ('U.S. Department of State', 'organisation')
    >>> resolve_organisation("Lebanese Armed Forces (LAF)")
    ('Lebanese Armed Forces', 'organisation')
    >>> resolve_organisation("Japanese")
    ('Japan', 'country')
    >>> resolve_organisation("Today") is None
    True
    """
    if acronyms:
        name = _strip(text)
        if (
            name in acronyms
            and resolve_country(name) is None
            and name.lower() not in lexicon()["organisations"]
        ):
            full = acronyms[name]
            return _resolve_known(full) or (full, "organisation")
    return _resolve_known(text)


@lru_cache(maxsize=16384)
def _resolve_known(text: str) -> tuple[str, str] | None:
    """:func:`resolve_organisation` without document acronyms (cached: called per token)."""
    name = _strip(text)
    if not name or "," in name:
        return None
    country = resolve_country(name)
    if country:
        return country, "country"
    aliases = lexicon()["organisations"]
    if name.lower() in aliases:
        return aliases[name.lower()], "organisation"
    words = name.split()
    if not all(w[:1].isupper() or w in CONNECTORS for w in words) or words[-1] in CONNECTORS:
        return None
    if _ACRONYM.fullmatch(name):
        return name, "organisation"
    if len(words) >= 2 and any(w in ORG_WORDS for w in words):
        return name, "organisation"
    return None


_ACRONYM_IN_PARENS = re.compile(r"\([A-Z]{2,8}\)")
_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w’'.\-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8})\(([A-Z]{2,8})\)"
)
_OUTSIDE_NAME_RUN = re.compile(r"[^\w’'.\-\s]")  # no character a definition's name holds


def document_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines in parentheses after the full name.

    >>> document_acronyms("the Lebanese Armed Forces (LAF) and the LAF")
    {'LAF': 'Lebanese Armed Forces'}
    """
    out: dict[str, str] = {}
    for m in _acronym_definitions(text):
        words = m.group(1).split()
        letters = m.group(2)
        initials = [w for w in words if w[:1].isupper()]
        take = len(initials)
        # keep the shortest tail whose capitals spell the acronym, else the whole run
        for n in range(1, len(initials) + 1):
            if "".join(w[0] for w in initials[-n:]) == letters:
                take = n
                break
        start_word = initials[-take]
        idx = len(words) - 1 - words[::-1].index(start_word)
        while idx > 0 and words[idx - 1] in CONNECTORS and words[idx - 1] != "the":
            idx -= 1
        while idx < len(words) and words[idx] in CONNECTORS:
            idx += 1
        out.setdefault(letters, " ".join(words[idx:]))
    return out


def _acronym_definitions(text: str) -> Iterable[re.Match[str]]:
    """The matches ``_ACRONYM_DEFINITION.finditer(text)`` gives, found faster.

    The full pattern is slow to try at every position of a long text. A match ends at
    an "(XX)" and its name run holds no punctuation, so each "(XX)" is searched for
    from the last character outside a name run before it only.
    """
    pos = 0
    for paren in _ACRONYM_IN_PARENS.finditer(text):
        if paren.start() < pos:
            continue
        stop = _OUTSIDE_NAME_RUN.search(text[pos : paren.start()][::-1])
        start = paren.start() - stop.start() if stop else pos
        m = _ACRONYM_DEFINITION.search(text, start, paren.end())
        if m:
            yield m
            pos = m.end()


# what is read once per Doc, kept in ``Doc.user_data`` until ``kg.document.forget``
_SENTS_KEY = CACHE_PREFIX + "sents"
_SENT_BOUNDS_KEY = CACHE_PREFIX + "sent_bounds"
_PARSER_STARTS_KEY = CACHE_PREFIX + "parser_starts"
_WORDS_KEY = CACHE_PREFIX + "words"


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, as ``Doc.sents`` gives them but read from the sentence-start
    array (``Doc.sents`` builds a Token object for every token); built once per Doc."""
    found = doc.user_data.get(_SENTS_KEY)
    if found is None:
        found = doc.user_data[_SENTS_KEY] = tuple(Span(doc, a, b) for a, b in sentence_bounds(doc))
    return list(found)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) token indexes of :func:`sentences`, without building Spans."""
    found: tuple[tuple[int, int], ...] | None = doc.user_data.get(_SENT_BOUNDS_KEY)
    if found is None:
        found = doc.user_data[_SENT_BOUNDS_KEY] = tuple(_sentence_bounds(doc))
    return list(found)


def parser_starts(doc: Doc) -> list[int]:
    """The tokens the parser starts a sentence at (``Token.is_sent_start``), read once per Doc."""
    found: list[int] | None = doc.user_data.get(_PARSER_STARTS_KEY)
    if found is None:
        found = doc.user_data[_PARSER_STARTS_KEY] = (
            (doc.to_array(SENT_START) == 1).nonzero()[0].tolist()
        )
    return found


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if not len(doc):
        return []
    # token offsets: from token_words() when it has read them, else from the Doc
    words: tuple[list[int], list[str]] | None = doc.user_data.get(_WORDS_KEY)
    idx = words[0] if words is not None else doc.to_array(IDX).tolist()
    # a token and the space after it take 3, 5 or 7 characters when it is initials ("C.S. ")
    kept = [
        i
        for i in parser_starts(doc)
        if i > 0 and not (idx[i] - idx[i - 1] in INITIALS_GAPS and _after_initials(doc, i))
    ]
    return list(itertools.pairwise([0, *kept, len(doc)]))


def _after_initials(doc: Doc, i: int) -> bool:
    """Whether a sentence break at ``i`` falls inside a name ("C.S. | Eliot Kang")."""
    initials = doc[i - 1]
    return (
        INITIALS.fullmatch(initials.text) is not None
        and resolve_country(initials.text) is None
        and i + 1 < len(doc)
        and doc[i].pos_ == "PROPN"
        and doc[i + 1].pos_ == "PROPN"
        and initials.whitespace_ != ""
    )


def token_words(doc: Doc, text: str) -> tuple[list[int], list[str]]:
    """Every token's character offset and text (``Token.idx``, ``Token.text``), read in
    bulk once per Doc; ``text`` is the Doc's text (:func:`doc_text`)."""
    found: tuple[list[int], list[str]] | None = doc.user_data.get(_WORDS_KEY)
    if found is None:
        starts, lengths, flags = doc.to_array([IDX, LENGTH, SENT_START]).T
        idx, ends = starts.tolist(), (starts + lengths).tolist()
        # slicing the text is cheaper than decoding every token's string hash
        words = [text[a:b] for a, b in zip(idx, ends, strict=True)]
        found = doc.user_data[_WORDS_KEY] = (idx, words)
        # parser_starts() of the same read: one pass over the tokens instead of two
        doc.user_data.setdefault(_PARSER_STARTS_KEY, (flags == 1).nonzero()[0].tolist())
    return found


def headline_end(text: str, title: str | None) -> int:
    """End of the headline line that opens ``text``, or -1 when the text has none.

    A known title counts only where the text opens with it; without one, a short first
    line that is no sentence is the headline.

    >>> headline_end("Talks in Rome\\n\\nThe talks began.", None)
    13
    >>> headline_end("Today the envoy met the minister.\\n\\nMore.", "Talks in Rome")
    -1
    """
    if title:
        return len(title) if text.startswith(title) else -1
    end = text.find("\n")
    return end if 0 < end <= 250 and not text[:end].rstrip().endswith(".") else -1


def doc_text(doc: Doc, document: Document) -> str:
    """The Doc's text, taken from the document record when it is the text parsed
    (``Doc.text`` rebuilds the string from every token on each access)."""
    text = document.text
    if len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def home_country(doc: Doc, document: Document) -> str | None:
    """The country national posts without a country belong to.

    The publisher's country when the source names a known body, else the country the
    document mentions most often.
    """
    return _home_country(document, _country_mentions(entities(doc), doc_text(doc, document)))


def _home_country(document: Document, mentions: list[tuple[int, str]]) -> str | None:
    """:func:`home_country`, given the document's country mentions."""
    source = (document.source or "").lower()
    for key, (_, country) in lexicon()["source_bodies"].items():
        if key in source:
            return str(country)
    counts = Counter(c for _, c in mentions)
    return counts.most_common(1)[0][0] if counts else None


def source_body(document: Document) -> str | None:
    """The agency that published the document, if ``titles.json`` knows it."""
    source = (document.source or "").lower()
    for key, (body, _) in lexicon()["source_bodies"].items():
        if key in source:
            return str(body)
    return None


_INSIDE, _BEGIN = 1, 3  # ENT_IOB codes of "I" and "B"


class _Tokens:
    """The token attributes the readers look at, read once per Doc into plain lists.

    ``doc[i]`` builds a new Token object on every access, and the readers look at the
    same few tokens many times. ``text`` is the Doc's text; attributes read for a few
    tokens only (part of speech, punctuation) come from ``doc`` itself.
    """

    def __init__(self, doc: Doc, text: str, ents: list[Span], labels: list[str]) -> None:
        self.doc = doc
        self.text = text
        self.n = len(doc)
        self.idx, self.words = token_words(doc, text)  # shared: never changed here
        # the entity tags, from the entities the Doc builds out of the same tags
        self.iob: list[int] = [0] * self.n
        self.ent_type: list[str] = [""] * self.n
        iob, ent_type = self.iob, self.ent_type
        for ent, label in zip(ents, labels, strict=True):
            start = ent.start
            iob[start] = _BEGIN
            ent_type[start] = label
            for k in range(start + 1, ent.end):  # most entities are a word or two
                iob[k] = _INSIDE
                ent_type[k] = label

    def space_after(self, i: int) -> bool:
        """Whether whitespace follows token ``i`` (spaCy's ``whitespace_``)."""
        follows = self.idx[i + 1] if i + 1 < self.n else len(self.text)
        return self.end_char(i) < follows

    def is_space(self, i: int) -> bool:
        """Whether token ``i`` is whitespace (spaCy's ``is_space``)."""
        return self.words[i].isspace()

    def is_punct(self, i: int) -> bool:
        """Whether token ``i`` is punctuation (spaCy's ``is_punct``, read from the Doc for
        a word that does not start with a letter or digit: those never are)."""
        return not self.words[i][:1].isalnum() and bool(self.doc[i].is_punct)

    def span_text(self, s: int, e: int) -> str:
        """The text of tokens ``s``..``e``, as ``doc[s:e].text`` gives it."""
        e = min(e, self.n)
        if e <= s:
            return ""
        return self.text[self.idx[s] : self.end_char(e - 1)]

    def end_char(self, i: int) -> int:
        """The character offset just after token ``i``'s text."""
        return self.idx[i] + len(self.words[i])


@dataclass
class _Title:
    """One title phrase being read: token indexes into the Doc."""

    start: int  # first token of the core
    end: int  # one past the last token of core + qualifier
    core_end: int
    organisation: tuple[str, str] | None = None
    prefix_start: int | None = None

    def role_text(self, toks: _Tokens) -> str:
        return _clean_role(toks.span_text(self.start, self.end))

    def core_text(self, toks: _Tokens) -> str:
        return toks.span_text(self.start, self.core_end)


@lru_cache(maxsize=16384)
def _clean_role(text: str) -> str:
    text = _SPACES.sub(" ", text).strip(" ,")
    text = _PARENTHESES.sub("", text)
    return text


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


@cache
def _core_words(lower_ok: bool) -> tuple[frozenset[str], frozenset[str]]:
    """(the words a title core may hold, the heads that may end it); lower-case title
    words count only when ``lower_ok``."""
    lex = lexicon()
    words = lex["head_set"] | lex["modifier_set"]
    heads = lex["head_set"]
    if lower_ok:
        words |= lex["lower_head_set"] | lex["lower_modifier_set"]
        heads |= lex["lower_head_set"]
    return words, heads


def _core_at(toks: _Tokens, i: int, limit: int, lower_ok: bool) -> int | None:
    """End (exclusive) of the title core starting at token ``i``, or None."""
    words = toks.words
    title_words, heads = _core_words(lower_ok)
    if (
        toks.iob[i] == _INSIDE
        and toks.ent_type[i] == "PERSON"
        and words[i - 1] not in title_words
        and words[i - 1] not in lexicon()["honorific_set"]
    ):
        return None  # a name's middle word ("Naomi King Biden")
    bound = lexicon()["bound_modifier_map"]
    j = i
    last_head = None
    while j < limit:
        word = words[j]
        if word in bound and (j + 1 >= limit or words[j + 1] not in bound[word]):
            break
        if (
            word == "-"
            and j > i
            and j + 1 < limit
            and not toks.space_after(j - 1)
            and words[j + 1] in title_words
        ):
            j += 1  # "Secretary-General", "Vice-President"
            continue
        if word not in title_words:
            break
        if word in heads:
            last_head = j
        j += 1
    return last_head + 1 if last_head is not None else None


def _org_prefix(
    toks: _Tokens, core_start: int, sent_start: int, acronyms: dict[str, str], blocked: set[int]
) -> tuple[int, tuple[str, str]] | None:
    """The organisation named right before a title core ("NATO", "Iraq's", "U.S.")."""
    words = toks.words
    i = core_start
    while i > sent_start:
        word = words[i - 1]
        if (
            i - 1 in blocked
            or toks.is_space(i - 1)
            or word in (",", ":", ";", "—", "–", '"', "“", "”")
        ):
            break
        if not (_is_cap(word) or word in ("of", "(", ")", "-", "’s", "'s", "&", "the")):
            break
        i -= 1
    for s in range(i, core_start):
        if words[s] in ("of", ")", "-", "’s", "'s", "&", "("):
            continue
        found = resolve_organisation(toks.span_text(s, core_start), acronyms)
        if found:
            return s, found
    return None


def _qualifier_end(toks: _Tokens, j: int, limit: int) -> int:
    """End (exclusive) of the capitalised qualifier after a core ("of State for X Affairs").

    Commas and "and" continue it only into portfolio words ("Environment, Water, and
    Agriculture"), never into a new title or name.
    """
    words = toks.words
    if j >= limit or words[j] not in QUALIFIER_STARTS:
        return j
    lex = lexicon()
    k = j + 1
    prev_connector = True
    while k < limit:
        word = words[k]
        if toks.is_space(k) or word in (";", ":", ".", "“", "”", '"'):
            break
        if word in (",", "and"):
            nxt = k + 1
            while nxt < limit and words[nxt] in ("and", "the"):
                nxt += 1
            if nxt >= limit or words[nxt] not in lex["portfolio_set"]:
                break
            ahead = nxt
            while ahead < min(nxt + 4, limit) and _is_cap(words[ahead]):
                if _core_at(toks, ahead, limit, False) is not None:
                    break
                ahead += 1
            if ahead < limit and _is_cap(words[ahead]) and _core_at(toks, ahead, limit, False):
                break  # ", and European Commission Director-General …" starts a new title
            prev_connector = True
            k = nxt
            continue
        if word in QUALIFIER_CONNECTORS or word in ("-", "(", ")", "’s", "'s"):
            prev_connector = True
            k += 1
            continue
        if not _is_cap(word):
            break
        # a head right after a capitalised word starts a second title ("of Delegation Chairperson")
        if not prev_connector and word in lex["head_set"]:
            break
        prev_connector = False
        k += 1
    while k > j and words[k - 1] in QUALIFIER_TAIL:
        k -= 1
    return k


def _name_run(toks: _Tokens, i: int, limit: int, max_words: int = 5) -> int:
    """End (exclusive) of the run of name tokens starting at ``i``."""
    lex = lexicon()
    words = toks.words
    k = i
    count = 0
    while k < limit:
        word = words[k]
        if k > i and word == "-" and k + 1 < limit and not toks.space_after(k - 1):
            k += 2  # "al-Jubeir", "Jae-in", "Schwarzelühr-Sutter"
            continue
        if toks.is_space(k) or word != "." and toks.is_punct(k):
            break
        if word in lex["particle_set"] or word.lower() in ("al", "bin", "el"):
            k += 1
            continue
        if not _is_cap(word) or word in ("’s", "'s"):
            break
        if count and word in lex["not_name_set"]:
            break
        if count >= max_words:
            break
        count += 1
        k += 1
    while k > i and words[k - 1] in lex["particle_set"] and words[k - 1] not in NAME_SUFFIXES:
        k -= 1
    return k


def _skip_honorifics(toks: _Tokens, i: int, limit: int) -> int:
    lex = lexicon()
    while i < limit and toks.words[i] in lex["honorific_set"]:
        i += 1
    return i


def _split_name(toks: _Tokens, lo: int, hi: int) -> int:
    """Where the person's name starts inside a qualifier+name run ``lo``..``hi``."""
    lex = lexicon()
    words = toks.words
    for k in range(hi - 1, lo - 1, -1):
        if words[k] in lex["honorific_set"]:
            return k + 1
    start = hi
    count = 0
    while start > lo:
        word = words[start - 1]
        if (
            word == "-"
            and not toks.space_after(start - 1)
            and start - 2 >= lo
            and not toks.space_after(start - 2)
        ):
            start -= 2
            continue
        if (
            word in CONNECTORS
            or word in lex["not_name_set"]
            or word != "."
            and toks.is_punct(start - 1)
        ):
            break
        if resolve_country(word):
            break
        if word not in lex["particle_set"]:
            count += 1
        if count > 3:
            break
        start -= 1
    # "of the Iraqi Kurdistan Region Nechirvan Barzani": the tagger's person starts later
    for k in range(start + 1, hi):
        if (
            toks.ent_type[k] == "PERSON"
            and toks.iob[k] == _BEGIN
            and (
                toks.ent_type[k - 1] in PLACE_OR_BODY
                or words[k - 1] in ORG_WORDS
                or words[k - 1] in lex["place_word_set"]
            )
        ):
            return k
    # "for Infrastructure Implementation Samantha Silverberg": or at a known given name
    for k in range(start + 1, hi - 1):
        if (
            words[k].lower() in GIVEN_NAME_GENDER
            and words[k - 1].lower() not in GIVEN_NAME_GENDER
            and not INITIALS.fullmatch(words[k - 1])
        ):
            return k
    return start


def _name_in_qualifier(toks: _Tokens, title: _Title) -> int | None:
    """Start of the person's name at the end of a title's qualifier, if one is there."""
    s = _split_name(toks, title.core_end + 1, title.end)
    if s < title.end and toks.words[s - 1] not in ("of", "the") and _valid_name(toks, s, title.end):
        return s
    return None


def _valid_name(toks: _Tokens, s: int, e: int, single: bool = False) -> bool:
    """Whether tokens ``s``..``e`` look like a person's name."""
    if e <= s:
        return False
    lex = lexicon()
    words = toks.words
    every = range(s, min(e, toks.n))
    kept = [k for k in every if words[k] not in lex["particle_set"] and words[k] != "-"]
    if not kept or any(words[k] in lex["not_name_set"] or words[k] in ORG_WORDS for k in kept):
        return False
    if resolve_organisation(toks.span_text(s, e)) is not None:
        return False
    in_person = "PERSON" in toks.ent_type[s:e]
    after_preposition = s > 0 and words[s - 1].lower() in ("of", "to", "in", "for")
    if after_preposition and _is_entity(toks, s, e, ("GPE", "LOC", "NORP")):
        return False  # "Abu Dhabi" after "Crown Prince of"
    if len(kept) == 1 and not in_person and not (single and toks.doc[kept[0]].pos_ == "PROPN"):
        return False
    return in_person or all(words[k].endswith(".") or toks.doc[k].pos_ == "PROPN" for k in kept)


def _is_entity(toks: _Tokens, s: int, e: int, labels: tuple[str, ...]) -> bool:
    """Whether tokens ``s``..``e`` are exactly one entity with one of ``labels``."""
    return (
        toks.iob[s] == _BEGIN
        and toks.ent_type[s] in labels
        and all(toks.iob[k] == _INSIDE for k in range(s + 1, min(e, toks.n)))
        and (e >= toks.n or toks.iob[e] != _INSIDE)
    )


def _with_suffix(toks: _Tokens, e: int) -> int:
    """Extend a name over a trailing ", Jr." / "Jr."."""
    if e + 1 < toks.n and toks.words[e] == "," and toks.words[e + 1] in ("Jr.", "Jr", "Sr."):
        return e + 2
    return e


def _trailing_org(
    toks: _Tokens, e: int, limit: int, acronyms: dict[str, str]
) -> tuple[str, str] | None:
    """An organisation right after a name: "Herzog of Israel", "Widodo, Republic of Indonesia"."""
    words = toks.words
    if e < limit and words[e] == "of":
        k = _qualifier_end(toks, e, limit)
        # "Erdogan of Turkey on Monday": the body ends before a connector that runs on
        stops = [k] + [j for j in range(k - 1, e + 1, -1) if words[j] in CONNECTORS]
        for stop in stops:
            if stop > e + 1 and (
                hit := resolve_organisation(toks.span_text(e + 1, stop), acronyms)
            ):
                return hit
        return None
    if e < limit and words[e] == ",":
        k = e + 1
        while (
            k < limit
            and not toks.is_space(k)
            and words[k] not in (",", ";", ".")
            and (_is_cap(words[k]) or words[k] in ("of", "and", "the", "’s", "'s"))
        ):
            k += 1
        at_line_end = k >= toks.n or toks.is_space(k) or words[k] in (";",)
        if k > e + 1 and at_line_end:
            return resolve_organisation(toks.span_text(e + 1, k), acronyms)
    return None


_GPE = IDS["GPE"]
_COUNTRY_LABELS = frozenset({_GPE, IDS["NORP"]})  # by id: ``ent.label_`` costs a lookup


def _country_mentions(ents: Iterable[Span], text: str) -> list[tuple[int, str]]:
    """(token, country) for each country or demonym entity; ``text`` is the Doc's text."""
    out = []
    for ent in ents:
        if ent.label in _COUNTRY_LABELS:
            country = resolve_country(text[ent.start_char : ent.end_char])
            if country:
                out.append((int(ent.start), country))
    return out


def _city_countries(ents: Iterable[Span], text: str) -> list[tuple[int, str]]:
    """(token, country) for each known city the text names ("in Tokyo" → Japan)."""
    # data only: the gazetteer imports nothing of kg's stages
    from kg.gazetteer import default_gazetteer

    try:
        default_gazetteer()
    except KgError:
        return []  # without the gazetteer a city names no country
    out = []
    for ent in ents:
        if ent.label != _GPE:
            continue
        country = _city_country(text[ent.start_char : ent.end_char])
        if country:
            out.append((int(ent.start), country))
    return out


@lru_cache(maxsize=16384)
def _city_country(name: str) -> str | None:
    """The country of the place ``name`` when the gazetteer knows it and it is no country
    itself; the packaged gazetteer must be readable."""
    from kg.gazetteer import default_gazetteer

    if resolve_country(name) is not None:
        return None
    gazetteer = default_gazetteer()
    place = gazetteer.lookup(name)
    home = gazetteer.by_code("country", place.country) if place and place.country else None
    return resolve_country(home.label) if home else None


def _counterpart(doc: Doc, s: int, e: int) -> bool:
    """Whether the name is the object of a meeting verb ("met with President Lula")."""
    verbs = lexicon()["counterpart_verb_set"]
    for tok in doc[s:e]:
        if tok.head.i != tok.i and s <= tok.head.i < e:
            continue
        node = tok
        if node.dep_ == "pobj" and node.head.lower_ in ("with", "to"):
            node = node.head
        if node.dep_ in ("dobj", "prep", "dative") and node.head.lemma_.lower() in verbs:
            return True
    return False


def _is_subject(doc: Doc, s: int, e: int) -> bool:
    for tok in doc[s:e]:
        node = tok
        for _ in range(3):
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ not in ("compound", "appos", "flat", "conj") or node.head.i == node.i:
                break
            node = node.head
    return False


def _after_organisation(toks: _Tokens, i: int, lo: int) -> bool:
    """Whether token ``i`` follows an organisation or country ("Japanese ambassador", "the
    EU's top diplomat"): only then do lower-case titles count."""
    k = i - 1
    if k >= lo and toks.words[k] in ("’s", "'s"):
        k -= 1
    return k >= lo and resolve_organisation(toks.words[k]) is not None


def _one_leader(toks: _Tokens, found: _Found) -> _Found:
    """Keep the last of two leaders' titles chained by "and" ("the President and King
    Abdullah"): nobody is both, so the earlier one is another person's."""
    if len(found.titles) < 2:
        return found  # most names have one title
    leaders = lexicon()["leader_set"]
    at = [k for k, t in enumerate(found.titles) if t.core_text(toks) in leaders]
    cores = {found.titles[k].core_text(toks) for k in at}
    if len(cores) < 2:
        return found
    return replace(found, titles=found.titles[at[-1] :])


@dataclass(frozen=True)
class _Found:
    person_span: tuple[int, int]  # token indexes
    titles: tuple[_Title, ...]
    trailing: tuple[str, str] | None


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every word a title core may hold, the lower-case ones among them)."""
    lex = lexicon()
    return _core_words(True)[0], lex["lower_head_set"] | lex["lower_modifier_set"]


class _Reader:
    """Reads every title phrase + name pair in one parsed document."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self.doc = doc
        self.document = document
        self.text = doc_text(doc, document)
        self.ents = list(entities(doc))
        self.labels = [ent.label_ for ent in self.ents]  # read once: a lookup on each access
        self.toks = _Tokens(doc, self.text, self.ents, self.labels)
        self.title_end = headline_end(self.text, document.title)
        self.acronyms = document_acronyms(self.text)
        self.used: set[int] = set()
        self._place_names: set[str] | None = None

    def sentence_of(self, i: int) -> tuple[int, int]:
        """The (start, end) tokens of ``doc[i].sent``, the parser's sentence of token ``i``
        (read from the sentence-start array, without building Spans)."""
        starts = parser_starts(self.doc)
        k = bisect_right(starts, i)
        return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else self.toks.n)

    def ents_of(self, *labels: str) -> list[Span]:
        """The entities with one of ``labels``, in order."""
        return [ent for ent, label in zip(self.ents, self.labels, strict=True) if label in labels]

    def ent_text(self, ent: Span) -> str:
        """An entity's text, sliced from the document text (``Span.text`` joins tokens)."""
        return self.text[ent.start_char : ent.end_char]

    def titles_from(self, i: int, limit: int, sent_start: int, lower_ok: bool) -> list[_Title]:
        """A chain of title phrases starting with a core at ``i`` ("X and Y Z")."""
        toks = self.toks
        words = toks.words
        out: list[_Title] = []
        while True:
            core_end = _core_at(toks, i, limit, lower_ok)
            if core_end is None:
                break
            end = _qualifier_end(toks, core_end, limit)
            title = _Title(i, end, core_end)
            prefix = _org_prefix(toks, i, sent_start, self.acronyms, self.used)
            if out and prefix and prefix[0] < out[-1].end:
                prefix = None
            if prefix:
                title.prefix_start, title.organisation = prefix
            out.append(title)
            if end > core_end and _name_in_qualifier(toks, title) is not None:
                break
            k = end
            while k < limit and words[k] in (",", "and"):
                k += 1
            if k == end or k >= limit:
                if k < limit and _core_at(toks, k, limit, False) and k == end:
                    i = k
                    continue
                break
            # chain only through a separator into another (organisation +) core
            nxt = k
            while (
                nxt < limit
                and not _core_at(toks, nxt, limit, False)
                and _is_cap(words[nxt])
                and nxt - k < 6
            ):
                nxt += 1
            if (
                nxt < limit
                and _core_at(toks, nxt, limit, False)
                and (nxt == k or resolve_organisation(toks.span_text(k, nxt), self.acronyms))
            ):
                i = nxt
                continue
            break
        return out

    def read(self) -> list[_Found]:
        toks = self.toks
        words = toks.words
        found: list[_Found] = []
        title_words, lower_words = _title_words()
        plural_heads = lexicon()["plural_head_set"]
        # only a title word can start a core
        starts = list(itertools.compress(itertools.count(), map(title_words.__contains__, words)))
        if not starts:
            return found
        bounds = sentence_bounds(self.doc)
        firsts = [a for a, _ in bounds]
        sent = (0, 0)  # the sentence of the title word at i
        resume = 0  # the tokens before it are read
        for i in starts:  # in order, sentence by sentence
            if i >= sent[1]:
                sent = bounds[bisect_right(firsts, i) - 1]
                resume = sent[0]
            sent_start, sent_end = sent
            if i < resume:
                continue
            lower_ok = words[i] in lower_words and (
                _after_organisation(toks, i, sent_start)
                or _trailing_org(toks, i + 1, sent_end, self.acronyms) is not None
            )
            if i in self.used or _core_at(toks, i, sent_end, lower_ok) is None:
                continue
            if i > sent_start and words[i - 1] in plural_heads:
                continue
            titles = self.titles_from(i, sent_end, sent_start, lower_ok)
            if not titles:
                continue
            hit = self.after(titles, sent) or self.before(titles, sent)
            if hit is None:
                resume = titles[0].core_end
                continue
            found.append(_one_leader(toks, hit))
            s, e = hit.person_span
            self.used.update(range(s, e))
            resume = max(titles[-1].end, e)
        return found

    def after(self, titles: list[_Title], sent: tuple[int, int]) -> _Found | None:
        """The name that follows the title chain ("Secretary General Mark Rutte"); ``sent``
        holds the sentence's (start, end) tokens."""
        toks = self.toks
        words = toks.words
        last = titles[-1]
        limit = sent[1]
        if last.end > last.core_end:  # qualifier: its capitalised tail may hold the name
            s = _name_in_qualifier(toks, last)
            if s is not None:
                e = _with_suffix(toks, _name_run(toks, s, limit, max_words=3))
                last.end = s
                while last.end > last.core_end and (
                    words[last.end - 1] in CONNECTORS | {"-"}
                    or words[last.end - 1] in lexicon()["honorific_set"]
                ):
                    last.end -= 1
                if last.end <= last.core_end + 1:
                    last.end = last.core_end
                return _Found((s, e), tuple(titles), _trailing_org(toks, e, limit, self.acronyms))
            k = last.end
            if k < limit and words[k] == ",":  # "the Crown Prince of Abu Dhabi, Sheikh …"
                s = _skip_honorifics(toks, k + 1, limit)
                e = _name_run(toks, s, limit)
                qualifier_org = self.qualifier_org(last) or self.appositive_org(last)
                if (
                    qualifier_org
                    and _valid_name(toks, s, e)
                    and (e >= limit or words[e] in APPOSITION_END | {"and"} or toks.is_space(e))
                ):
                    return _Found((s, _with_suffix(toks, e)), tuple(titles), None)
            return None
        s = _skip_honorifics(toks, last.end, limit)
        e = _name_run(toks, s, limit)
        if not _valid_name(toks, s, e, single=words[last.core_end - 1][:1].isupper()):
            return None
        if e < limit and words[e] in lexicon()["office_word_set"]:
            return None  # "Deputy Chief Trial Judge": a post, not a name
        e = _with_suffix(toks, self.trim_headline(s, e))
        return _Found((s, e), tuple(titles), _trailing_org(toks, e, limit, self.acronyms))

    def before(self, titles: list[_Title], sent: tuple[int, int]) -> _Found | None:
        """The name an apposition follows ("Mark Rutte, NATO's Secretary General")."""
        sent_start, sent_end = sent
        toks = self.toks
        words = toks.words
        first = titles[0]
        k = first.prefix_start if first.prefix_start is not None else first.start
        if k > sent_start and words[k - 1] in ("the", "a"):
            k -= 1
        if k - 1 <= sent_start or words[k - 1] != ",":
            return None
        last = titles[-1]
        end_ok = (
            last.end >= sent_end
            or words[last.end] in APPOSITION_END | {"and", "met", "said"}
            or toks.is_space(last.end)
        )
        if not end_ok:
            return None
        e = k - 1
        s = e
        lex = lexicon()
        while (
            s > sent_start
            and (
                _is_cap(words[s - 1]) or words[s - 1] in lex["particle_set"] or words[s - 1] == "-"
            )
            and words[s - 1] not in lex["honorific_set"]
        ):
            s -= 1
        while s < e and (
            words[s] in lex["particle_set"]
            or words[s] in ("The", "A")
            and self.doc[s].is_sent_start
        ):
            s += 1
        if e - s > 6 or not _valid_name(toks, s, e):
            return None
        if "PERSON" not in toks.ent_type[s:e] and e - s < 2:
            return None
        return _Found((s, e), tuple(titles), None)

    def trim_headline(self, s: int, e: int) -> int:
        """Cut headline words off a name in the title line ("President Biden Hosts …")."""
        title_end = self.title_end
        if title_end < 0 or self.toks.idx[s] > title_end:
            return e
        body = self.text[title_end:]
        k = s + 1
        while k < e and re.search(rf"\b{re.escape(self.toks.words[k])}\b", body):
            k += 1
        return k

    def appositive_org(self, title: _Title) -> tuple[str, str, int] | None:
        """The body in "the Crown Prince of Abu Dhabi, Sheikh …": any capitalised name after
        "of" when the title is introduced by "the" and followed by a comma and a name."""
        toks = self.toks
        words = toks.words
        if title.start == 0 or words[title.start - 1].lower() != "the":
            return None
        if title.end >= toks.n or words[title.end] != ",":
            return None
        of = next((k for k in range(title.core_end, title.end) if words[k] == "of"), None)
        if of is None or of + 1 >= title.end:
            return None
        if not all(w[:1].isupper() or w in ("of", "the") for w in words[of + 1 : title.end]):
            return None
        return _strip(toks.span_text(of + 1, title.end)), "organisation", of

    def qualifier_org(self, title: _Title) -> tuple[str, str, int] | None:
        """The organisation a title's qualifier names ("… of the European Commission").

        Returns its name, kind and the index of the "of" that introduces it.
        """
        toks = self.toks
        for k in range(title.core_end, min(title.end, toks.n)):
            if toks.words[k] != "of" or k + 1 >= title.end:
                continue
            span_text = toks.span_text(k + 1, title.end)
            found = resolve_organisation(span_text, self.acronyms)
            if found:
                return found[0], found[1], k
            if _strip(span_text) in self.place_names():
                return _strip(span_text), "country", k
        return None

    def place_names(self) -> set[str]:
        """The stripped texts of the document's GPE entities, gathered on first use."""
        names = self._place_names
        if names is None:
            names = self._place_names = {_strip(self.ent_text(ent)) for ent in self.ents_of("GPE")}
        return names


def _person_names(reader: _Reader, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The full (two words or more) person names the document gives."""
    lex = lexicon()
    toks = reader.toks
    skip = lex["honorific_set"] | {"’s", "'s"}
    names: set[str] = set()
    for s, e in spans:
        names.add(_person_text(toks, s, e))
    for ent in reader.ents_of("PERSON"):
        # "President Biden Raises Record Funding": headline words are not a name
        end = reader.trim_headline(ent.start, ent.end)
        words = [w for w in toks.words[ent.start : end] if w not in skip]
        if len(words) >= 2 and not any(w in lex["not_name_set"] for w in words):
            names.add(" ".join(words))
    return sorted(n for n in names if len(_name_words(n)) >= 2)


def _name_words(name: str) -> list[str]:
    return list(_name_word_tuple(name))


@lru_cache(maxsize=16384)
def _name_word_tuple(name: str) -> tuple[str, ...]:
    """:func:`_name_words` as a tuple (cached: read for every name pair)."""
    return tuple(w for w in name.replace(",", " ").split() if w not in ("Jr.", "Jr", "Sr."))


def expand_name(name: str, full_names: Iterable[str]) -> str:
    """The one fuller name in ``full_names`` that ``name`` abbreviates, else ``name``.

    A surname matches the last word; a single word also matches any word of exactly
    one full name ("Lula" → "Luiz Inácio Lula da Silva", "Mori" → "Mori Takeo").

    >>> expand_name("Blinken", ["Antony J. Blinken", "Wendy Sherman"])
    'Antony J. Blinken'
    >>> expand_name("Mori", ["Mori Takeo"])
    'Mori Takeo'
    >>> expand_name("Moussa Faki", ["Moussa Faki Mahamat"])
    'Moussa Faki Mahamat'
    >>> expand_name("Salman", ["Mohammed bin Salman"])
    'Salman'
    """
    words = _name_word_tuple(name)
    if not words:
        return name
    fulls = [f for f in full_names if len(f) > len(name)]
    split = {f: _name_word_tuple(f) for f in fulls}
    # "Salman" is not "Mohammed bin Salman" (the son of a Salman)
    fulls = [f for f in fulls if not _after_patronymic(split[f], words[-1])]
    by_last = {f for f in fulls if split[f][-1] == words[-1]}
    if len(words) >= 2:
        by_last = {f for f in by_last if split[f][0][:1] == words[0][:1]}
    if len(words) == 1 and not by_last:
        by_last = {f for f in fulls if words[0] in split[f]}
    if len(words) >= 2 and not by_last:  # "Moussa Faki" → "Moussa Faki Mahamat"
        by_last = {f for f in fulls if split[f][: len(words)] == words}
    if not by_last:
        return name
    longest = max(by_last, key=len)
    if all(set(split[n]) <= set(split[longest]) for n in by_last):
        return longest
    return name


def _after_patronymic(words: tuple[str, ...], word: str) -> bool:
    """Whether ``word`` follows "bin"/"ibn" in a full name, naming a parent."""
    if word not in words[1:]:
        return False  # the common case, told without a loop
    return any(
        w == word and k > 0 and words[k - 1].lower() in PATRONYMICS for k, w in enumerate(words)
    )


def _person_text(toks: _Tokens, s: int, e: int) -> str:
    return _clean_person(toks.span_text(s, e))


@lru_cache(maxsize=16384)
def _clean_person(text: str) -> str:
    """A name's text with spaces normalised and a possessive cut off (cached: pure)."""
    text = _SPACES.sub(" ", text).strip(" ,")
    return _POSSESSIVE.sub("", text).rstrip()  # "John Kerry ’s visit"


class _Context:
    """What a title without its own organisation falls back on in one document."""

    def __init__(self, reader: _Reader, found: list[_Found]) -> None:
        self.reader = reader
        # the helpers pick these labels themselves: given fewer entities, they read faster
        mentions = _country_mentions(reader.ents_of("GPE", "NORP"), reader.text)
        self.home = _home_country(reader.document, mentions)
        self.home_from_source = source_body(reader.document) is not None
        self.agency = source_body(reader.document)
        qualifiers = [(t.core_end, t.end) for f in found for t in f.titles if t.core_end < t.end]
        self.countries = [(i, c) for i, c in mentions if not any(a <= i < b for a, b in qualifiers)]
        lex = lexicon()
        self.foreign_heads = lex["foreign_title_sets"].get(self.home or "", frozenset())
        self.delegation_nouns = lex["delegation_noun_set"]
        foreign = Counter(c for _, c in self.countries if c != self.home)
        self.body_titles = lex["body_title_set"]
        known = _organisation_keys() | {a.lower() for a in reader.acronyms}
        self.bodies = [
            (int(ent.start), hit[0])
            for ent in reader.ents_of("ORG")
            if _strip(name := reader.ent_text(ent)).lower() in known
            and (hit := resolve_organisation(name, reader.acronyms)) is not None
            and hit[1] == "organisation"
        ]
        self.main_foreign = foreign.most_common(1)[0][0] if foreign else None
        self.places = sorted(
            [*self.countries, *_city_countries(reader.ents_of("GPE"), reader.text)]
        )
        self.single = lex["single_title_set"]
        leaders = lex["leader_set"]
        if not self.home_from_source:
            # a writer names the country of a foreign leader ("Japanese Prime Minister
            # Kishida") and not their own: a country named with a leader is not home
            led = {
                got[1]
                for f in found
                for t in f.titles
                if (got := self.explicit(t, f)) and got[2] == "country" and got[0] in leaders
            }
            if self.home in led:
                rest = Counter(c for _, c in self.countries if c not in led)
                self.home = rest.most_common(1)[0][0] if rest else self.home
                self.foreign_heads = lex["foreign_title_sets"].get(self.home or "", frozenset())
                foreign = Counter(c for _, c in self.countries if c != self.home)
                self.main_foreign = foreign.most_common(1)[0][0] if foreign else None
        self.foreign = [c for c, _ in Counter(c for _, c in self.countries).most_common()]

    def explicit(self, title: _Title, found: _Found) -> tuple[str, str, str] | None:
        """(role, organisation, kind) when the text itself names the organisation."""
        toks = self.reader.toks
        role = title.role_text(toks)
        if title.organisation:
            return role, title.organisation[0], title.organisation[1]
        qualifier_org = self.reader.qualifier_org(title) or self.reader.appositive_org(title)
        if qualifier_org:
            name, kind, of_index = qualifier_org
            return _clean_role(toks.span_text(title.start, of_index)) or role, name, kind
        if found.trailing:
            return role, found.trailing[0], found.trailing[1]
        return None

    def fallback(self, title: _Title, found: _Found) -> tuple[str, str, str] | None:
        """(role, organisation, kind) from context: agency, nearby country, home country."""
        doc = self.reader.doc
        toks = self.reader.toks
        role = title.role_text(toks)
        core = title.core_text(toks)
        if self.agency and core in lexicon()["agency_title_set"]:
            return role, self.agency, "organisation"
        s, e = found.person_span
        sent_start, sent_end = self.reader.sentence_of(s)
        if core in self.body_titles and self.bodies:
            # "Secretary General Mark Rutte" in an article about NATO
            near = [b for i, b in self.bodies if sent_start <= i < title.start]
            # "the leadership of Secretary-General Guterres and the United Nations"
            later = [b for i, b in self.bodies if e <= i < sent_end]
            if near or later:
                body = near[-1] if near else later[0]
            else:
                body = Counter(b for _, b in self.bodies).most_common(1)[0][0]
            return role, body, "organisation"
        nearby = [(i, c) for i, c in self.countries if sent_start <= i < title.start]
        foreign_title = toks.words[title.core_end - 1] in self.foreign_heads
        if nearby:
            # "The Mexican delegation consisted of …": the country of the delegation listed
            delegations = [
                c for i, c in nearby if doc[i].head.lemma_.lower() in self.delegation_nouns
            ]
            if delegations and not _is_subject(doc, s, e):
                return role, delegations[-1], "country"
            country = nearby[-1][1]
            if foreign_title and country != self.home or not self.home_from_source:
                return role, country, "country"
        counterpart = core in self.single and _counterpart(doc, s, e)
        if foreign_title or counterpart:
            # "met with Prime Minister Kishida in Tokyo": the foreign country or city
            # of the sentence, before the title, else after it
            here = [c for i, c in self.places if sent_start <= i < sent_end and c != self.home]
            before = [c for i, c in self.places if sent_start <= i < title.start and c != self.home]
            if here:
                return role, (before[-1] if before else here[0]), "country"
        if (foreign_title or counterpart) and self.main_foreign:
            return role, self.main_foreign, "country"
        if self.home:
            return role, self.home, "country"
        return None


def _span_of(toks: _Tokens, title: _Title, person: tuple[int, int]) -> tuple[int, int]:
    first = min(title.prefix_start if title.prefix_start is not None else title.start, person[0])
    last = max(person[1], title.end) - 1
    return toks.idx[first], toks.end_char(last)


def extract_roles(doc: Doc, document: Document) -> list[Role]:
    """Every person–role pair the document states, with the organisation the post belongs to.

    One role per distinct person and title; a title that is a shorter form of another
    title of the same person ("Secretary" beside "Secretary of State") is dropped. A
    title without an organisation takes the one the document gives the same person
    for the same title elsewhere ("President Xi" after "President Xi Jinping of China").
    """
    reader = _Reader(doc, document)
    toks = reader.toks
    found = reader.read()
    if not found:
        return []  # no title beside a name
    context = _Context(reader, found)
    full = _person_names(reader, [f.person_span for f in found])
    resolved: list[tuple[str, _Title, _Found, tuple[str, str, str] | None]] = []
    known: dict[tuple[str, str], tuple[str, str]] = {}
    exclusive = lexicon()["exclusive_title_set"]
    held: dict[str, set[str]] = {}  # full name → the exclusive posts it is named with
    for f in found:
        name = _person_text(toks, s=f.person_span[0], e=f.person_span[1])
        held.setdefault(name, set()).update(
            c for t in f.titles if (c := t.core_text(toks)) in exclusive
        )
    for f in found:
        s, e = f.person_span
        short = _person_text(toks, s, e)
        person = expand_name(short, full)
        posts = {c for t in f.titles if (c := t.core_text(toks)) in exclusive}
        if person != short and posts and held.get(person, set()) - posts:
            person = short  # "President Biden" beside "First Lady Jill Biden": two people
        for title in f.titles:
            got = context.explicit(title, f)
            if got:
                known.setdefault((person, toks.words[title.core_end - 1]), (got[1], got[2]))
            resolved.append((person, title, f, got))
    roles: dict[tuple[str, str], Role] = {}
    guessed: set[tuple[str, str]] = set()  # roles whose organisation comes from context
    previous: _Title | None = None
    for person, title, f, got in resolved:
        if (
            got is None
            and previous is not None
            and previous.organisation
            and (previous.end == title.start and title in f.titles)
        ):
            # "AUC Head of Delegation Chairperson X": back-to-back titles share their body
            got = (title.role_text(toks), *previous.organisation)
        previous = title
        explicit = got is not None
        same = None
        if got is None:
            same = known.get((person, toks.words[title.core_end - 1]))
            got = (title.role_text(toks), *same) if same else context.fallback(title, f)
        if got is None:
            continue
        role, organisation, kind = got
        if not role or role.lower() in lexicon()["lower_modifier_set"]:
            continue
        role = role[0].upper() + role[1:]
        key = (person, role.lower())
        if key not in roles:
            span = _span_of(toks, title, f.person_span)
            roles[key] = Role(document.id, person, role, organisation, span, kind)
            if got is not None and same is None and not explicit:
                guessed.add(key)
    return _drop_shorter(_one_holder(list(roles.values()), guessed, context), guessed)


def _one_holder(roles: list[Role], guessed: set[tuple[str, str]], context: _Context) -> list[Role]:
    """Give a single-holder post ("President") of one country to one person only.

    When two people hold the same post of the same country and at least one of them
    got the country by guess (home country, nearby country), the guessed ones move to
    the most-mentioned other country whose post is still free, else are dropped; among
    guessed holders only, the person the text names most often keeps it ("President
    Biden" and "President Xi" in a White House readout).
    """
    text = context.reader.text
    holders: dict[tuple[str, str], list[Role]] = {}
    for r in roles:
        if r.organisation_kind == "country" and r.role in context.single:
            holders.setdefault((r.organisation, r.role), []).append(r)
    moved: dict[int, Role | None] = {}
    for (organisation, role), people in holders.items():
        if len({_name_words(r.person)[-1] for r in people}) < 2:
            continue  # "Joseph R. Biden, Jr." and "Joe Biden" are one person
        sure = [r for r in people if (r.person, r.role.lower()) not in guessed]
        unsure = [r for r in people if (r.person, r.role.lower()) in guessed]
        if not sure:
            unsure.sort(key=lambda r: (-text.count(_name_words(r.person)[-1]), r.span[0]))
            unsure = unsure[1:]
        taken = {o for (o, t) in holders if t == role}
        for r in unsure:
            free = [c for c in context.foreign if c not in taken and c != organisation]
            moved[id(r)] = replace(r, organisation=free[0]) if free else None
            if free:
                taken.add(free[0])
    out = []
    for r in roles:
        new = moved.get(id(r), r)
        if new is not None:
            out.append(new)
    return out


def _drop_shorter(roles: list[Role], guessed: set[tuple[str, str]]) -> list[Role]:
    """Drop a role whose title is a prefix of another title of the same person, at the
    same organisation or at one only guessed ("Secretary Ebrard" after "Secretary of
    Economy Marcelo Ebrard")."""
    out = []
    for r in roles:
        longer = [
            o
            for o in roles
            if o is not r
            and o.person == r.person
            and o.role.lower().startswith(r.role.lower() + " ")
            and (o.organisation == r.organisation or (r.person, r.role.lower()) in guessed)
        ]
        if not longer:
            out.append(r)
    return out
