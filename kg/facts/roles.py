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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc, Span, Token

from kg.document import entities
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
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
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
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _strip(text: str) -> str:
    text = _PARENTHESES.sub("", text)
    text = _POSSESSIVE.sub("", text.strip(" ,;:."))
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


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
    table = _countries()
    if name.lower() in table:
        return table[name.lower()]
    for prefix in lexicon()["country_prefixes"]:
        if name.lower().startswith(prefix.lower() + " "):
            rest = name[len(prefix) + 1 :]
            return table.get(rest.lower()) or table.get(_strip(rest).lower())
    return None


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
    if re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,7}", name):
        return name, "organisation"
    if len(words) >= 2 and any(w in ORG_WORDS for w in words):
        return name, "organisation"
    return None


_ACRONYM_IN_PARENS = re.compile(r"\([A-Z]{2,8}\)")


def document_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines in parentheses after the full name.

    >>> document_acronyms("the Lebanese Armed Forces (LAF) and the LAF")
    {'LAF': 'Lebanese Armed Forces'}
    """
    out: dict[str, str] = {}
    if _ACRONYM_IN_PARENS.search(text) is None:
        return out  # the full pattern, slow on long texts, needs one
    for m in re.finditer(
        r"((?:[A-Z][\w’'.\-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8})\(([A-Z]{2,8})\)", text
    ):
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


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, as ``Doc.sents`` gives them but read from the sentence-start
    array (``Doc.sents`` builds a Token object for every token); built once per Doc."""
    found = doc.user_data.get("kg.sents")
    if found is None:
        found = doc.user_data["kg.sents"] = tuple(_sentences(doc))
    return list(found)


def _sentences(doc: Doc) -> list[Span]:
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START)
    starts = [
        0,
        *(i for i in (flags == 1).nonzero()[0].tolist() if i > 0 and not _after_initials(doc, i)),
        len(doc),
    ]
    return [doc[a:b] for a, b in itertools.pairwise(starts)]


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
    source = (document.source or "").lower()
    for key, (_, country) in lexicon()["source_bodies"].items():
        if key in source:
            return str(country)
    counts: Counter[str] = Counter()
    for ent in entities(doc):
        if ent.label_ in ("GPE", "NORP"):
            country = resolve_country(ent.text)
            if country:
                counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


def source_body(document: Document) -> str | None:
    """The agency that published the document, if ``titles.json`` knows it."""
    source = (document.source or "").lower()
    for key, (body, _) in lexicon()["source_bodies"].items():
        if key in source:
            return str(body)
    return None


@dataclass
class _Title:
    """One title phrase being read: token indexes into the Doc."""

    start: int  # first token of the core
    end: int  # one past the last token of core + qualifier
    core_end: int
    organisation: tuple[str, str] | None = None
    prefix_start: int | None = None

    def role_text(self, doc: Doc) -> str:
        return _clean_role(doc[self.start : self.end].text)


def _clean_role(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return text


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _is_head(tok: Token, lower_ok: bool) -> bool:
    lex = lexicon()
    if tok.text in lex["head_set"]:
        return True
    return lower_ok and tok.text in lex["lower_head_set"]


def _is_title_word(tok: Token, lower_ok: bool) -> bool:
    lex = lexicon()
    if tok.text in lex["head_set"] or tok.text in lex["modifier_set"]:
        return True
    return lower_ok and (tok.text in lex["lower_head_set"] or tok.text in lex["lower_modifier_set"])


def _core_at(doc: Doc, i: int, limit: int, lower_ok: bool) -> int | None:
    """End (exclusive) of the title core starting at token ``i``, or None."""
    if (
        doc[i].ent_iob_ == "I"
        and doc[i].ent_type_ == "PERSON"
        and not _is_title_word(doc[i - 1], lower_ok)
        and doc[i - 1].text not in lexicon()["honorific_set"]
    ):
        return None  # a name's middle word ("Naomi King Biden")
    bound = lexicon()["bound_modifier_map"]
    j = i
    last_head = None
    while j < limit:
        if doc[j].text in bound and (j + 1 >= limit or doc[j + 1].text not in bound[doc[j].text]):
            break
        if (
            doc[j].text == "-"
            and j > i
            and j + 1 < limit
            and not doc[j - 1].whitespace_
            and _is_title_word(doc[j + 1], lower_ok)
        ):
            j += 1  # "Secretary-General", "Vice-President"
            continue
        if not _is_title_word(doc[j], lower_ok):
            break
        if _is_head(doc[j], lower_ok):
            last_head = j
        j += 1
    return last_head + 1 if last_head is not None else None


def _org_prefix(
    doc: Doc, core_start: int, sent_start: int, acronyms: dict[str, str], blocked: set[int]
) -> tuple[int, tuple[str, str]] | None:
    """The organisation named right before a title core ("NATO", "Iraq's", "U.S.")."""
    i = core_start
    while i > sent_start:
        tok = doc[i - 1]
        if i - 1 in blocked or tok.is_space or tok.text in (",", ":", ";", "—", "–", '"', "“", "”"):
            break
        if not (_is_cap(tok) or tok.text in ("of", "(", ")", "-", "’s", "'s", "&", "the")):
            break
        i -= 1
    for s in range(i, core_start):
        if doc[s].text in ("of", ")", "-", "’s", "'s", "&", "("):
            continue
        found = resolve_organisation(doc[s:core_start].text, acronyms)
        if found:
            return s, found
    return None


def _qualifier_end(doc: Doc, j: int, limit: int) -> int:
    """End (exclusive) of the capitalised qualifier after a core ("of State for X Affairs").

    Commas and "and" continue it only into portfolio words ("Environment, Water, and
    Agriculture"), never into a new title or name.
    """
    if j >= limit or doc[j].text not in QUALIFIER_STARTS:
        return j
    lex = lexicon()
    k = j + 1
    prev_connector = True
    while k < limit:
        tok = doc[k]
        if tok.is_space or tok.text in (";", ":", ".", "“", "”", '"'):
            break
        if tok.text in (",", "and"):
            nxt = k + 1
            while nxt < limit and doc[nxt].text in ("and", "the"):
                nxt += 1
            if nxt >= limit or doc[nxt].text not in lex["portfolio_words"]:
                break
            ahead = nxt
            while ahead < min(nxt + 4, limit) and _is_cap(doc[ahead]):
                if _core_at(doc, ahead, limit, False) is not None:
                    break
                ahead += 1
            if ahead < limit and _is_cap(doc[ahead]) and _core_at(doc, ahead, limit, False):
                break  # ", and European Commission Director-General …" starts a new title
            prev_connector = True
            k = nxt
            continue
        if tok.text in QUALIFIER_CONNECTORS or tok.text in ("-", "(", ")", "’s", "'s"):
            prev_connector = True
            k += 1
            continue
        if not _is_cap(tok):
            break
        # a head right after a capitalised word starts a second title ("of Delegation Chairperson")
        if not prev_connector and tok.text in lex["head_set"]:
            break
        prev_connector = False
        k += 1
    while k > j and doc[k - 1].text in QUALIFIER_CONNECTORS | {"-", "(", ","}:
        k -= 1
    return k


def _name_run(doc: Doc, i: int, limit: int, max_words: int = 5) -> int:
    """End (exclusive) of the run of name tokens starting at ``i``."""
    lex = lexicon()
    k = i
    words = 0
    while k < limit:
        tok = doc[k]
        if k > i and not doc[k - 1].whitespace_ and tok.text == "-" and k + 1 < limit:
            k += 2  # "al-Jubeir", "Jae-in", "Schwarzelühr-Sutter"
            continue
        if tok.is_space or tok.is_punct and tok.text != ".":
            break
        if tok.text in lex["particle_set"] or tok.text.lower() in ("al", "bin", "el"):
            k += 1
            continue
        if not _is_cap(tok) or tok.text in ("’s", "'s"):
            break
        if words and tok.text in lex["not_name_set"]:
            break
        if words >= max_words:
            break
        words += 1
        k += 1
    while k > i and doc[k - 1].text in lex["particle_set"] - {"Jr.", "Jr", "Sr.", "II", "III"}:
        k -= 1
    return k


def _skip_honorifics(doc: Doc, i: int, limit: int) -> int:
    lex = lexicon()
    while i < limit and doc[i].text in lex["honorific_set"]:
        i += 1
    return i


def _split_name(doc: Doc, lo: int, hi: int) -> int:
    """Where the person's name starts inside a qualifier+name run ``lo``..``hi``."""
    lex = lexicon()
    for k in range(hi - 1, lo - 1, -1):
        if doc[k].text in lex["honorific_set"]:
            return k + 1
    start = hi
    words = 0
    while start > lo:
        tok = doc[start - 1]
        if (
            tok.text == "-"
            and not tok.whitespace_
            and start - 2 >= lo
            and not doc[start - 2].whitespace_
        ):
            start -= 2
            continue
        if (
            tok.text in CONNECTORS
            or tok.text in lex["not_name_set"]
            or tok.is_punct
            and tok.text != "."
        ):
            break
        if resolve_country(tok.text):
            break
        if tok.text not in lex["particle_set"]:
            words += 1
        if words > 3:
            break
        start -= 1
    # "of the Iraqi Kurdistan Region Nechirvan Barzani": the tagger's person starts later
    for k in range(start + 1, hi):
        if (
            doc[k].ent_type_ == "PERSON"
            and doc[k].ent_iob_ == "B"
            and (
                doc[k - 1].ent_type_ in PLACE_OR_BODY
                or doc[k - 1].text in ORG_WORDS
                or doc[k - 1].text in lex["place_words"]["words"]
            )
        ):
            return k
    # "for Infrastructure Implementation Samantha Silverberg": or at a known given name
    for k in range(start + 1, hi - 1):
        if (
            doc[k].lower_ in GIVEN_NAME_GENDER
            and doc[k - 1].lower_ not in GIVEN_NAME_GENDER
            and not INITIALS.fullmatch(doc[k - 1].text)
        ):
            return k
    return start


def _name_in_qualifier(doc: Doc, title: _Title) -> int | None:
    """Start of the person's name at the end of a title's qualifier, if one is there."""
    s = _split_name(doc, title.core_end + 1, title.end)
    if s < title.end and doc[s - 1].text not in ("of", "the") and _valid_name(doc, s, title.end):
        return s
    return None


def _valid_name(doc: Doc, s: int, e: int, single: bool = False) -> bool:
    """Whether tokens ``s``..``e`` look like a person's name."""
    if e <= s:
        return False
    span = doc[s:e]
    lex = lexicon()
    words = [t for t in span if t.text not in lex["particle_set"] and t.text != "-"]
    if not words or any(t.text in lex["not_name_set"] or t.text in ORG_WORDS for t in words):
        return False
    if resolve_organisation(span.text) is not None:
        return False
    in_person = any(t.ent_type_ == "PERSON" for t in span)
    after_preposition = s > 0 and doc[s - 1].lower_ in ("of", "to", "in", "for")
    if after_preposition and _is_entity(doc, s, e, ("GPE", "LOC", "NORP")):
        return False  # "Abu Dhabi" after "Crown Prince of"
    if len(words) == 1 and not in_person and not (single and words[0].pos_ == "PROPN"):
        return False
    return in_person or all(t.pos_ == "PROPN" or t.text.endswith(".") for t in words)


def _is_entity(doc: Doc, s: int, e: int, labels: tuple[str, ...]) -> bool:
    """Whether tokens ``s``..``e`` are exactly one entity with one of ``labels``."""
    return (
        doc[s].ent_iob_ == "B"
        and doc[s].ent_type_ in labels
        and all(t.ent_iob_ == "I" for t in doc[s + 1 : e])
        and (e >= len(doc) or doc[e].ent_iob_ != "I")
    )


def _with_suffix(doc: Doc, e: int) -> int:
    """Extend a name over a trailing ", Jr." / "Jr."."""
    if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].text in ("Jr.", "Jr", "Sr."):
        return e + 2
    return e


def _trailing_org(doc: Doc, e: int, limit: int, acronyms: dict[str, str]) -> tuple[str, str] | None:
    """An organisation right after a name: "Herzog of Israel", "Widodo, Republic of Indonesia"."""
    if e < limit and doc[e].text == "of":
        k = _qualifier_end(doc, e, limit)
        # "Erdogan of Turkey on Monday": the body ends before a connector that runs on
        stops = [k] + [j for j in range(k - 1, e + 1, -1) if doc[j].text in CONNECTORS]
        for stop in stops:
            if stop > e + 1 and (hit := resolve_organisation(doc[e + 1 : stop].text, acronyms)):
                return hit
        return None
    if e < limit and doc[e].text == ",":
        k = e + 1
        while (
            k < limit
            and not doc[k].is_space
            and doc[k].text not in (",", ";", ".")
            and (_is_cap(doc[k]) or doc[k].text in ("of", "and", "the", "’s", "'s"))
        ):
            k += 1
        at_line_end = k >= len(doc) or doc[k].is_space or doc[k].text in (";",)
        if k > e + 1 and at_line_end:
            return resolve_organisation(doc[e + 1 : k].text, acronyms)
    return None


def _country_mentions(ents: list[Span]) -> list[tuple[int, str]]:
    out = []
    for ent in ents:
        if ent.label_ in ("GPE", "NORP"):
            country = resolve_country(ent.text)
            if country:
                out.append((int(ent.start), country))
    return out


def _city_countries(ents: list[Span]) -> list[tuple[int, str]]:
    """(token, country) for each known city the text names ("in Tokyo" → Japan)."""
    # data only: the gazetteer imports nothing of kg's stages
    from kg.gazetteer import default_gazetteer

    try:
        gazetteer = default_gazetteer()
    except KgError:
        return []  # without the gazetteer a city names no country
    out = []
    for ent in ents:
        if ent.label_ == "GPE" and resolve_country(ent.text) is None:
            place = gazetteer.lookup(ent.text)
            home = gazetteer.by_code("country", place.country) if place and place.country else None
            country = resolve_country(home.label) if home else None
            if country:
                out.append((int(ent.start), country))
    return out


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


def _after_organisation(doc: Doc, i: int, lo: int) -> bool:
    """Whether token ``i`` follows an organisation or country ("Japanese ambassador", "the
    EU's top diplomat"): only then do lower-case titles count."""
    k = i - 1
    if k >= lo and doc[k].text in ("’s", "'s"):
        k -= 1
    return k >= lo and resolve_organisation(doc[k].text) is not None


def _one_leader(doc: Doc, found: _Found) -> _Found:
    """Keep the last of two leaders' titles chained by "and" ("the President and King
    Abdullah"): nobody is both, so the earlier one is another person's."""
    leaders = lexicon()["single_holder_titles"]["leaders"]
    at = [k for k, t in enumerate(found.titles) if doc[t.start : t.core_end].text in leaders]
    cores = {doc[found.titles[k].start : found.titles[k].core_end].text for k in at}
    if len(cores) < 2:
        return found
    return replace(found, titles=found.titles[at[-1] :])


@dataclass(frozen=True)
class _Found:
    person_span: tuple[int, int]  # token indexes
    titles: tuple[_Title, ...]
    trailing: tuple[str, str] | None


class _Reader:
    """Reads every title phrase + name pair in one parsed document."""

    def __init__(self, doc: Doc, document: Document) -> None:
        self.doc = doc
        self.document = document
        self.text = doc_text(doc, document)
        self.title_end = headline_end(self.text, document.title)
        self.acronyms = document_acronyms(self.text)
        self.ents = list(entities(doc))
        self.used: set[int] = set()

    def titles_from(self, i: int, limit: int, sent_start: int, lower_ok: bool) -> list[_Title]:
        """A chain of title phrases starting with a core at ``i`` ("X and Y Z")."""
        doc = self.doc
        out: list[_Title] = []
        while True:
            core_end = _core_at(doc, i, limit, lower_ok)
            if core_end is None:
                break
            end = _qualifier_end(doc, core_end, limit)
            title = _Title(i, end, core_end)
            prefix = _org_prefix(doc, i, sent_start, self.acronyms, self.used)
            if out and prefix and prefix[0] < out[-1].end:
                prefix = None
            if prefix:
                title.prefix_start, title.organisation = prefix
            out.append(title)
            if end > core_end and _name_in_qualifier(doc, title) is not None:
                break
            k = end
            while k < limit and doc[k].text in (",", "and"):
                k += 1
            if k == end or k >= limit:
                if k < limit and _core_at(doc, k, limit, False) and k == end:
                    i = k
                    continue
                break
            # chain only through a separator into another (organisation +) core
            nxt = k
            while (
                nxt < limit
                and not _core_at(doc, nxt, limit, False)
                and _is_cap(doc[nxt])
                and nxt - k < 6
            ):
                nxt += 1
            if (
                nxt < limit
                and _core_at(doc, nxt, limit, False)
                and (nxt == k or resolve_organisation(doc[k:nxt].text, self.acronyms))
            ):
                i = nxt
                continue
            break
        return out

    def read(self) -> list[_Found]:
        doc = self.doc
        found: list[_Found] = []
        lex = lexicon()
        lower_words = lex["lower_head_set"] | lex["lower_modifier_set"]
        title_words = lex["head_set"] | lex["modifier_set"] | lower_words
        # compare hashes, not Token objects: only title words need a closer look
        wanted = {doc.vocab.strings.add(w) for w in title_words}
        orths = doc.to_array(ORTH).tolist()
        for sent in sentences(doc):
            i = sent.start
            while i < sent.end:
                if orths[i] not in wanted:
                    i += 1
                    continue
                tok = doc[i]
                lower_ok = tok.text in lower_words and (
                    _after_organisation(doc, i, sent.start)
                    or _trailing_org(doc, i + 1, sent.end, self.acronyms) is not None
                )
                if i in self.used or _core_at(doc, i, sent.end, lower_ok) is None:
                    i += 1
                    continue
                if i > sent.start and doc[i - 1].text in lexicon()["plural_heads"]:
                    i += 1
                    continue
                titles = self.titles_from(i, sent.end, sent.start, lower_ok)
                if not titles:
                    i += 1
                    continue
                hit = self.after(titles, sent) or self.before(titles, sent)
                if hit is None:
                    i = max(tok.i + 1, titles[0].core_end)
                    continue
                found.append(_one_leader(doc, hit))
                s, e = hit.person_span
                self.used.update(range(s, e))
                i = max(titles[-1].end, e, i + 1)
        return found

    def after(self, titles: list[_Title], sent: Span) -> _Found | None:
        """The name that follows the title chain ("Secretary General Mark Rutte")."""
        doc = self.doc
        last = titles[-1]
        limit = sent.end
        if last.end > last.core_end:  # qualifier: its capitalised tail may hold the name
            s = _name_in_qualifier(doc, last)
            if s is not None:
                e = _with_suffix(doc, _name_run(doc, s, limit, max_words=3))
                last.end = s
                while last.end > last.core_end and (
                    doc[last.end - 1].text in CONNECTORS | {"-"}
                    or doc[last.end - 1].text in lexicon()["honorific_set"]
                ):
                    last.end -= 1
                if last.end <= last.core_end + 1:
                    last.end = last.core_end
                return _Found((s, e), tuple(titles), _trailing_org(doc, e, limit, self.acronyms))
            k = last.end
            if k < limit and doc[k].text == ",":  # "the Crown Prince of Abu Dhabi, Sheikh …"
                s = _skip_honorifics(doc, k + 1, limit)
                e = _name_run(doc, s, limit)
                qualifier_org = self.qualifier_org(last) or self.appositive_org(last)
                if (
                    qualifier_org
                    and _valid_name(doc, s, e)
                    and (e >= limit or doc[e].text in APPOSITION_END | {"and"} or doc[e].is_space)
                ):
                    return _Found((s, _with_suffix(doc, e)), tuple(titles), None)
            return None
        s = _skip_honorifics(doc, last.end, limit)
        e = _name_run(doc, s, limit)
        if not _valid_name(doc, s, e, single=doc[last.core_end - 1].text[:1].isupper()):
            return None
        if e < limit and doc[e].text in lexicon()["office_words"]["words"]:
            return None  # "Deputy Chief Trial Judge": a post, not a name
        e = _with_suffix(doc, self.trim_headline(s, e))
        return _Found((s, e), tuple(titles), _trailing_org(doc, e, limit, self.acronyms))

    def before(self, titles: list[_Title], sent: Span) -> _Found | None:
        """The name an apposition follows ("Mark Rutte, NATO's Secretary General")."""
        doc = self.doc
        first = titles[0]
        k = first.prefix_start if first.prefix_start is not None else first.start
        if k > sent.start and doc[k - 1].text in ("the", "a"):
            k -= 1
        if k - 1 <= sent.start or doc[k - 1].text != ",":
            return None
        last = titles[-1]
        end_ok = (
            last.end >= sent.end
            or doc[last.end].text in APPOSITION_END | {"and", "met", "said"}
            or doc[last.end].is_space
        )
        if not end_ok:
            return None
        e = k - 1
        s = e
        lex = lexicon()
        while (
            s > sent.start
            and (
                _is_cap(doc[s - 1])
                or doc[s - 1].text in lex["particle_set"]
                or doc[s - 1].text == "-"
            )
            and doc[s - 1].text not in lex["honorific_set"]
        ):
            s -= 1
        while s < e and (
            doc[s].text in lex["particle_set"]
            or doc[s].is_sent_start
            and doc[s].text in ("The", "A")
        ):
            s += 1
        if e - s > 6 or not _valid_name(doc, s, e):
            return None
        if not any(t.ent_type_ == "PERSON" for t in doc[s:e]) and e - s < 2:
            return None
        return _Found((s, e), tuple(titles), None)

    def trim_headline(self, s: int, e: int) -> int:
        """Cut headline words off a name in the title line ("President Biden Hosts …")."""
        doc = self.doc
        title_end = self.title_end
        if title_end < 0 or doc[s].idx > title_end:
            return e
        body = self.text[title_end:]
        k = s + 1
        while k < e and re.search(rf"\b{re.escape(doc[k].text)}\b", body):
            k += 1
        return k

    def appositive_org(self, title: _Title) -> tuple[str, str, int] | None:
        """The body in "the Crown Prince of Abu Dhabi, Sheikh …": any capitalised name after
        "of" when the title is introduced by "the" and followed by a comma and a name."""
        doc = self.doc
        if title.start == 0 or doc[title.start - 1].lower_ != "the":
            return None
        if title.end >= len(doc) or doc[title.end].text != ",":
            return None
        of = next((t.i for t in doc[title.core_end : title.end] if t.text == "of"), None)
        if of is None or of + 1 >= title.end:
            return None
        words = doc[of + 1 : title.end]
        if not all(t.text[:1].isupper() or t.text in ("of", "the") for t in words):
            return None
        return _strip(words.text), "organisation", of

    def qualifier_org(self, title: _Title) -> tuple[str, str, int] | None:
        """The organisation a title's qualifier names ("… of the European Commission").

        Returns its name, kind and the index of the "of" that introduces it.
        """
        doc = self.doc
        for tok in doc[title.core_end : title.end]:
            if tok.text != "of" or tok.i + 1 >= title.end:
                continue
            span = doc[tok.i + 1 : title.end]
            found = resolve_organisation(span.text, self.acronyms)
            if found:
                return found[0], found[1], tok.i
            for ent in self.ents:
                if ent.label_ == "GPE" and _strip(ent.text) == _strip(span.text):
                    return _strip(span.text), "country", tok.i
        return None


def _person_names(reader: _Reader, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The full (two words or more) person names the document gives."""
    lex = lexicon()
    doc = reader.doc
    skip = lex["honorific_set"] | {"’s", "'s"}
    names: set[str] = set()
    for s, e in spans:
        names.add(_person_text(doc, s, e))
    for ent in reader.ents:
        if ent.label_ == "PERSON":
            # "President Biden Raises Record Funding": headline words are not a name
            end = reader.trim_headline(ent.start, ent.end)
            words = [t.text for t in doc[ent.start : end] if t.text not in skip]
            if len(words) >= 2 and not any(w in lex["not_name_set"] for w in words):
                names.add(" ".join(words))
    return sorted(n for n in names if len(_name_words(n)) >= 2)


def _name_words(name: str) -> list[str]:
    return [w for w in name.replace(",", " ").split() if w not in ("Jr.", "Jr", "Sr.")]


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
    words = _name_words(name)
    if not words:
        return name
    fulls = [f for f in full_names if len(f) > len(name)]
    # "Salman" is not "Mohammed bin Salman" (the son of a Salman)
    fulls = [f for f in fulls if not _after_patronymic(_name_words(f), words[-1])]
    by_last = {f for f in fulls if _name_words(f)[-1] == words[-1]}
    if len(words) >= 2:
        by_last = {f for f in by_last if _name_words(f)[0][:1] == words[0][:1]}
    if len(words) == 1 and not by_last:
        by_last = {f for f in fulls if words[0] in _name_words(f)}
    if len(words) >= 2 and not by_last:  # "Moussa Faki" → "Moussa Faki Mahamat"
        by_last = {f for f in fulls if _name_words(f)[: len(words)] == words}
    if not by_last:
        return name
    longest = max(by_last, key=len)
    if all(set(_name_words(n)) <= set(_name_words(longest)) for n in by_last):
        return longest
    return name


def _after_patronymic(words: list[str], word: str) -> bool:
    """Whether ``word`` follows "bin"/"ibn" in a full name, naming a parent."""
    return any(
        w == word and k > 0 and words[k - 1].lower() in PATRONYMICS for k, w in enumerate(words)
    )


def _person_text(doc: Doc, s: int, e: int) -> str:
    text = re.sub(r"\s+", " ", doc[s:e].text).strip(" ,")
    return _POSSESSIVE.sub("", text).rstrip()  # "John Kerry ’s visit"


class _Context:
    """What a title without its own organisation falls back on in one document."""

    def __init__(self, reader: _Reader, found: list[_Found]) -> None:
        doc = reader.doc
        self.reader = reader
        self.home = home_country(doc, reader.document)
        self.home_from_source = source_body(reader.document) is not None
        self.agency = source_body(reader.document)
        qualifiers = [(t.core_end, t.end) for f in found for t in f.titles]
        self.countries = [
            (i, c)
            for i, c in _country_mentions(reader.ents)
            if not any(a <= i < b for a, b in qualifiers)
        ]
        lex = lexicon()
        self.foreign_heads = frozenset(lex["foreign_titles"].get(self.home or "", []))
        self.delegation_nouns = frozenset(lex["delegation_nouns"])
        foreign = Counter(c for _, c in self.countries if c != self.home)
        self.body_titles = frozenset(lex["organisation_titles"]["titles"])
        known = {a.lower() for a in [*lex["organisations"], *reader.acronyms]}
        self.bodies = [
            (int(ent.start), hit[0])
            for ent in reader.ents
            if ent.label_ == "ORG"
            and (hit := resolve_organisation(ent.text, reader.acronyms)) is not None
            and hit[1] == "organisation"
            and _strip(ent.text).lower() in known
        ]
        self.main_foreign = foreign.most_common(1)[0][0] if foreign else None
        self.places = sorted([*self.countries, *_city_countries(reader.ents)])
        self.single = frozenset(lex["single_holder_titles"]["titles"])
        leaders = frozenset(lex["single_holder_titles"]["leaders"])
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
                self.foreign_heads = frozenset(lex["foreign_titles"].get(self.home or "", []))
                foreign = Counter(c for _, c in self.countries if c != self.home)
                self.main_foreign = foreign.most_common(1)[0][0] if foreign else None
        self.foreign = [c for c, _ in Counter(c for _, c in self.countries).most_common()]

    def explicit(self, title: _Title, found: _Found) -> tuple[str, str, str] | None:
        """(role, organisation, kind) when the text itself names the organisation."""
        doc = self.reader.doc
        role = title.role_text(doc)
        if title.organisation:
            return role, title.organisation[0], title.organisation[1]
        qualifier_org = self.reader.qualifier_org(title) or self.reader.appositive_org(title)
        if qualifier_org:
            name, kind, of_index = qualifier_org
            return _clean_role(doc[title.start : of_index].text) or role, name, kind
        if found.trailing:
            return role, found.trailing[0], found.trailing[1]
        return None

    def fallback(self, title: _Title, found: _Found) -> tuple[str, str, str] | None:
        """(role, organisation, kind) from context: agency, nearby country, home country."""
        doc = self.reader.doc
        role = title.role_text(doc)
        core = doc[title.start : title.core_end]
        if self.agency and core.text in lexicon()["agency_titles"]:
            return role, self.agency, "organisation"
        s, e = found.person_span
        sent_start = doc[s].sent.start
        if core.text in self.body_titles and self.bodies:
            # "Secretary General Mark Rutte" in an article about NATO
            near = [b for i, b in self.bodies if sent_start <= i < title.start]
            # "the leadership of Secretary-General Guterres and the United Nations"
            later = [b for i, b in self.bodies if e <= i < doc[s].sent.end]
            if near or later:
                body = near[-1] if near else later[0]
            else:
                body = Counter(b for _, b in self.bodies).most_common(1)[0][0]
            return role, body, "organisation"
        nearby = [(i, c) for i, c in self.countries if sent_start <= i < title.start]
        foreign_title = core[-1].text in self.foreign_heads
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
        counterpart = core.text in self.single and _counterpart(doc, s, e)
        if foreign_title or counterpart:
            # "met with Prime Minister Kishida in Tokyo": the foreign country or city
            # of the sentence, before the title, else after it
            sent_end = doc[s].sent.end
            here = [c for i, c in self.places if sent_start <= i < sent_end and c != self.home]
            before = [c for i, c in self.places if sent_start <= i < title.start and c != self.home]
            if here:
                return role, (before[-1] if before else here[0]), "country"
        if (foreign_title or counterpart) and self.main_foreign:
            return role, self.main_foreign, "country"
        if self.home:
            return role, self.home, "country"
        return None


def _span_of(doc: Doc, title: _Title, person: tuple[int, int]) -> tuple[int, int]:
    first = min(title.prefix_start if title.prefix_start is not None else title.start, person[0])
    last = doc[max(person[1], title.end) - 1]
    return doc[first].idx, last.idx + len(last.text)


def extract_roles(doc: Doc, document: Document) -> list[Role]:
    """Every person–role pair the document states, with the organisation the post belongs to.

    One role per distinct person and title; a title that is a shorter form of another
    title of the same person ("Secretary" beside "Secretary of State") is dropped. A
    title without an organisation takes the one the document gives the same person
    for the same title elsewhere ("President Xi" after "President Xi Jinping of China").
    """
    reader = _Reader(doc, document)
    found = reader.read()
    context = _Context(reader, found)
    full = _person_names(reader, [f.person_span for f in found])
    resolved: list[tuple[str, _Title, _Found, tuple[str, str, str] | None]] = []
    known: dict[tuple[str, str], tuple[str, str]] = {}
    exclusive = frozenset(lexicon()["exclusive_titles"]["titles"])
    held: dict[str, set[str]] = {}  # full name → the exclusive posts it is named with
    for f in found:
        name = _person_text(doc, s=f.person_span[0], e=f.person_span[1])
        held.setdefault(name, set()).update(
            c for t in f.titles if (c := doc[t.start : t.core_end].text) in exclusive
        )
    for f in found:
        s, e = f.person_span
        short = _person_text(doc, s, e)
        person = expand_name(short, full)
        posts = {c for t in f.titles if (c := doc[t.start : t.core_end].text) in exclusive}
        if person != short and posts and held.get(person, set()) - posts:
            person = short  # "President Biden" beside "First Lady Jill Biden": two people
        for title in f.titles:
            got = context.explicit(title, f)
            if got:
                known.setdefault((person, doc[title.core_end - 1].text), (got[1], got[2]))
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
            got = (title.role_text(doc), *previous.organisation)
        previous = title
        explicit = got is not None
        same = None
        if got is None:
            same = known.get((person, doc[title.core_end - 1].text))
            got = (title.role_text(doc), *same) if same else context.fallback(title, f)
        if got is None:
            continue
        role, organisation, kind = got
        if not role or role.lower() in lexicon()["lower_modifier_set"]:
            continue
        role = role[0].upper() + role[1:]
        key = (person, role.lower())
        if key not in roles:
            span = _span_of(doc, title, f.person_span)
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
