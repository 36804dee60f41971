"""Meetings: summits, talks, calls, visits and conferences, held or scheduled.

Two kinds of mention make a meeting:

- a named event: a capitalised phrase ending in an event word ("Third U.S.-Nordic
  Leaders' Summit", "Summit of the Americas", "COP26");
- a meeting verb with people or places around it ("X met with Y", "held talks",
  "spoke by phone", "visited Tunisia").

Each mention gets a date (the nearest date expression in its sentence, resolved against
the publication date by :func:`kg.dates.find_dates`; else the dates of the trip it belongs
to; else, for the document's main meeting in its opening paragraph, the publication
date), a location (the place after "in"/"at"/"to", a sentence-opening "In Egypt, …", the
trip's place, the headline's or dateline's city; none for calls), participants (the named
actors of its sentence), a kind and a status (``scheduled`` when the sentence looks ahead).
Wishes to meet ("look forward to meeting") are skipped.

A trip with meetings ("Kerry traveled to the Gulf June 13-17 … In Egypt, Kerry met …")
gives one meeting per meeting named; the trip itself is kept only when no meeting is
named. Mentions of the same meeting in one document (same name, or same date and place)
are merged. The cue words live in ``meeting_cues.json`` beside this module.
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.dates import DateMention, find_dates
from kg.document import entities
from kg.facts.actors import ActorIndex, clean_name
from kg.facts.roles import (
    ORG_WORDS,
    doc_text,
    headline_end,
    resolve_country,
    sentence_bounds,
    token_words,
)
from kg.records import Document, Meeting

PLACE_LABELS = ("GPE", "LOC", "FAC")
ORDINALS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ]
)
MONTH_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
DURATION_UNITS = {"day": 1, "week": 7}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
BEFORE_WINDOW = 6  # tokens between a date or place and the event name it precedes
AFTER_WINDOW = 14  # … or follows
VISIT_HEADS = frozenset(
    {"travel", "trip", "visit", "go", "come", "journey", "mission", "lead", "delegation"}
)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "dative", "appos"})
PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "by"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "outside", "near"})
SESSION_OPENERS = frozenset({"in", "at"})  # "In the UN Security Council on 3 March, …"
NAME_CONNECTORS = frozenset({"of", "on", "for", "the", "and", "to", "-", "–", "’", "'", "’s", "'s"})
MEMBERSHIP_LISTS = (
    "future_words",
    "frequency_words",
    "people_nouns",
    "meeting_nouns",
    "phone_words",
    "lead_objects",
    "place_nouns",
    "occasion_verbs",
    "gathering_verbs",
    "end_verbs",
    "intent_verbs",
    "body_heads",
    "occasion_words",
    "margin_words",
    "body_words",
    "plural_heads",
)
SENTENCE_WORD_SETS = (
    "margin_words",
    "event_heads_lower",
    "lowercase_event_heads",
    "verbs",
    "noun_triggers",
    "trigger_words",
    "phone_words",
    "future_words",
)
_NO_WORDS: frozenset[int] = frozenset()
LOW_BITS = 0xFFFF  # mask of the string-id bits that index the cue-word table
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DATELINE = re.compile(r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ .'\-]{2,}),\s*[A-Z][\w .'\-]*?\s+[–—-]\s")


@cache
def cues() -> dict[str, Any]:
    """The meeting lexicon from ``meeting_cues.json``."""
    text = resources.files("kg.facts").joinpath("meeting_cues.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    for key in MEMBERSHIP_LISTS:  # only ever asked "is this word in it?"
        data[key] = frozenset(data[key])
    data["acronym_re"] = re.compile(data["event_acronyms"])
    data["event_heads_lower"] = frozenset(h.lower() for h in data["event_heads"])
    data["trigger_words"] = frozenset(
        [*data["verbs"], *data["noun_triggers"], *data["meeting_nouns"]]
    )
    # the word sets sentences are tested against, as string-store ids: a sentence's words
    # are read as ids in bulk (``Doc.to_array``), never turned into strings
    data["ids"] = {key: frozenset(map(get_string_id, data[key])) for key in SENTENCE_WORD_SETS}
    # the ids a sentence's words are ever tested for, and which values their low bits take:
    # a word whose low bits take none of them is no cue word (see :func:`_cue_tokens`)
    scanned = frozenset().union(*data["ids"].values())
    data["scanned_ids"] = scanned
    data["low_bits"] = numpy.zeros(LOW_BITS + 1, dtype=bool)
    data["low_bits"][[i & LOW_BITS for i in scanned]] = True
    data["standalone_lower"] = tuple(a.lower() for a in data["standalone_acronyms"])
    data["standalone_re"] = re.compile(
        r"\b(?:" + "|".join(map(re.escape, data["standalone_acronyms"])) + ")", re.I
    )
    return data


@dataclass
class _Candidate:
    """One meeting mention being assembled."""

    name: str
    span: tuple[int, int]
    kind: str
    status: str
    date: str | None = None
    location: str | None = None
    participants: list[tuple[str, str]] = field(default_factory=list)
    named: bool = False
    trip: bool = False
    main: bool = False
    inherited: bool = False
    headline: bool = False
    paragraph: int = 0
    refers: str | None = None  # "the summit": the head of a named event it refers back to
    margins: str | None = None  # "on the margins of the Summit": the event it took place at
    beside: bool = False  # an event other meetings take place on the margins of
    sentences: set[tuple[int, int]] = field(default_factory=set)  # of its unnamed mentions


def _is_future(
    sent: Span, words: frozenset[int], anchor: date | None, dates: list[DateMention]
) -> bool:
    """Whether a sentence looks ahead: future words without a past main verb, or a first
    date after publication."""
    if not words.isdisjoint(cues()["ids"]["future_words"]) and not any(
        t.tag_ in ("VBD", "VBN") and t.dep_ == "ROOT" for t in sent
    ):
        return True
    if anchor and dates:
        first = dates[0].value.split("/")[0]
        return first > anchor.isoformat()
    return False


def _dialled(verb: tuple[Token, str]) -> bool:
    """Whether a call verb dials a number ("call 511"), not a counterpart."""
    tok, kind = verb
    return kind == "call" and any(
        c.dep_ in ("dobj", "npadvmod", "nummod") and c.like_num for c in tok.children
    )


def _is_wish(doc: Doc, i: int, lo: int) -> bool:
    """Whether the words just before token ``i`` wish for a meeting ("look forward to meeting")."""
    text = doc[max(lo, i - 8) : i + 1].text.lower()
    return any(w in text for w in cues()["wish_words"])


def _event_names(sent: Span, texts: list[str]) -> list[tuple[int, int, str]]:
    """Capitalised event names in a sentence: (start token, end token, kind); ``texts``
    holds the text of every token of the Doc."""
    lex = cues()
    heads: dict[str, str] = lex["event_heads"]
    acronym = lex["acronym_re"]
    doc = sent.doc
    out: list[tuple[int, int, str]] = []
    spots = [i for i in range(sent.start, sent.end) if texts[i] in heads or acronym.match(texts[i])]
    i = sent.start
    while i < sent.end:
        i = next((k for k in spots if k >= i), sent.end)
        if i >= sent.end:
            break
        text = doc[i].text
        is_acronym = bool(acronym.match(text)) and text.upper().startswith(
            tuple(lex["standalone_acronyms"])
        )
        if text not in heads and not is_acronym:
            i += 1
            continue
        start = i
        while start > sent.start:
            prev = doc[start - 1]
            joined = not doc[start - 2].whitespace_ if start - 2 >= sent.start else False
            if (
                prev.text[:1].isupper()
                or prev.like_num
                or re.match(r"^\d+(st|nd|rd|th)$", prev.text)
            ) or (
                prev.text in ("-", "–", "’", "'", "’s", "'s")
                and start - 2 >= sent.start
                and (joined or prev.text in ("’", "'", "’s", "'s"))
            ):
                start -= 1
            else:
                break
        while start < i and (
            doc[start].lower_ in MONTH_WORDS
            or doc[start].pos_ in ("VERB", "ADP", "SCONJ")
            and doc[start].is_title
            or re.fullmatch(r"(?:19|20)\d\d", doc[start].text)
            or doc[start].is_stop
            and doc[start].lower_ not in ORDINALS
            or doc[start].text in ("-", "–", "’", "'")
        ):
            start += 1
        end = i + 1
        while end < sent.end and doc[end].text in heads and "\n" not in doc[end - 1].whitespace_:
            end += 1  # "Ministerial Meeting"
        text = doc[end - 1].text
        if is_acronym and end < sent.end and doc[end].like_num:
            end += 1
        if (
            end < sent.end
            and doc[end].text[:1].isupper()
            and doc[end].text not in heads
            and (doc[end].pos_ in ("PROPN", "NOUN") and doc[end].whitespace_ is not None)
            and doc[end].text not in ("(",)
            and not doc[end].is_sent_start
        ):
            i = end
            continue
        # "Summit of the Americas", "Leaders Summit on Climate", "Dialogue on Energy and
        # Climate", "Conference of the Parties of the United Nations Framework Convention"
        while (
            end < sent.end
            and doc[end].text in ("of", "on", "and")
            and (doc[end].text != "and" or end > i + 1)
        ):
            j = end + 1
            if j < sent.end and doc[j].text == "the":
                j += 1
            m = j
            while (
                m < sent.end
                and (doc[m].text[:1].isupper() or doc[m].text == "-" and not doc[m - 1].whitespace_)
                and doc[m].text not in heads
                and doc[m].ent_type_ not in ("DATE", "TIME")
                and doc[m].lower_ not in MONTH_WORDS
                and doc[m].pos_ != "VERB"
                and "\n" not in doc[m - 1].whitespace_
            ):
                m += 1
            if m == j:
                break
            end = m
        if end < sent.end and doc[end].text == "(":
            close = next(
                (k for k in range(end + 1, min(end + 5, sent.end)) if doc[k].text == ")"), None
            )
            if close is not None:
                end = close + 1  # "26th Conference of the Parties (COP 26)"
        name = doc[start:end].text
        proper = [
            t
            for t in doc[start:end]
            if t.i != i
            and (t.pos_ in ("PROPN", "NUM") or t.like_num or "-" in t.text or t.is_upper)
        ]
        if any(w in name for w in lex["nonevent_words"]) or not (proper or is_acronym):
            i = end
            continue
        out.append((start, end, heads.get(text, "conference")))
        i = end
    return out


def _place(ent: Span) -> str | None:
    """A place entity's name: a country's common name, a city as written."""
    name = clean_name(ent.text)
    if not name:
        return None
    country = resolve_country(name)
    if country:
        return country
    nxt = ent.doc[ent.end : ent.end + 3].text
    if name == "Washington" and nxt.startswith(", D.C"):
        return "Washington, D.C."
    if ent[0].text == "The" and not ent[0].is_sent_start and len(ent) > 1:
        return ent.text  # "The Hague": the article is part of the name
    return name


def _lowercase_events(sent: Span, spots: list[int]) -> list[tuple[int, int, str]]:
    """Event names with a lower-case head and a named owner: "the NATO summit", "the
    Mekong-U.S. Partnership ministerial"; ``spots`` holds the sentence's tokens whose
    lower-case form is such a head."""
    heads: dict[str, str] = cues()["lowercase_event_heads"]
    future = cues()["future_words"]
    out = []
    for i in spots:
        tok = sent.doc[i]
        if tok.pos_ != "NOUN" or tok.text[:1].isupper():
            continue
        owners = [
            c
            for c in tok.lefts
            if c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in ("ORG", "GPE", "NORP")
        ]
        begin = (
            min(c.left_edge.i for c in tok.lefts if c.dep_ not in ("det", "poss", "case"))
            if owners
            else _owner_before(tok)  # "the second Mekong-U.S. Partnership (MUSP) ministerial"
        )
        if begin is None:
            continue
        start = begin
        while start < tok.i and (
            sent.doc[start].lower_ in future
            or sent.doc[start].lower_ in cues()["frequency_words"]
            or sent.doc[start].is_punct
        ):
            start += 1
        out.append((start, tok.i + 1, heads[tok.lower_]))
    return out


def _owner_before(tok: Token) -> int | None:
    """Start of the named owner right before ``tok`` (skipping an acronym in parentheses)
    with its ordinal, when the parser did not attach it as a modifier."""
    doc = tok.doc
    k = tok.i - 1
    if k >= 2 and doc[k].text == ")" and doc[k - 2].text == "(":
        k -= 3
    if k < 0 or doc[k].ent_type_ not in ("ORG", "GPE", "NORP"):
        return None
    while k > 0 and doc[k].ent_iob_ == "I":
        k -= 1
    if k > 0 and (doc[k - 1].ent_type_ == "ORDINAL" or doc[k - 1].lower_ in ORDINALS):
        k -= 1
    return k


def _places(sent: Span, ents: list[Span], skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Places a meeting can be at: (token index, name), after in/at/to or opening "In X,".

    A building followed by its city ("at the White House in Washington") gives the city;
    a city followed by its country ("in Brasília, Brazil") gives the city; two cities
    joined by "and" ("at Cusco and Ayacucho") give one place naming both.
    """
    doc = sent.doc
    out: list[tuple[int, str]] = []
    places = [
        e
        for e in ents
        if (e.label_ in PLACE_LABELS or _looks_like_place(e))
        and not (skip and any(s < e.end and e.start < t for s, t in skip))
        and not _in_compound(e)
    ]
    previous: Span | None = None
    for ent in places:
        after_previous = previous is not None and 0 < ent.start - previous.end <= 2
        between = doc[previous.end : ent.start].text if previous is not None else ""
        if previous is not None and _of_city(previous, ent):
            previous = ent
            continue  # "Brasília, Brazil": the country of the city just named
        k = ent.start - 1
        while k >= sent.start and doc[k].text in ("the", "The"):
            k -= 1
        prep = doc[k].lower_ if k >= sent.start else ""
        name = _place(ent)
        if (
            name
            and previous is not None
            and after_previous
            and between == "and"
            and out
            and out[-1][0] == previous.start
            and out[-1][1].endswith(f" and {name}")
        ):
            previous = ent
            continue  # already joined to the city before it
        if name and not resolve_country(name):
            name = _with_second_city(ents, ent, name)
        if name and (prep in PLACE_PREPOSITIONS or prep == "to" and _near_visit(doc, k)):
            if (
                out
                and previous is not None
                and out[-1][0] == previous.start
                and previous.label_ == "FAC"
                and after_previous
                and between == "in"
            ):
                out[-1] = (out[-1][0], name)  # "at the White House in Washington"
            else:
                out.append((int(ent.start), name))
        previous = ent
    return out


def _in_compound(ent: Span) -> bool:
    """Whether a place is glued by a hyphen into a modifier ("the U.S.-Brazil
    partnership"), which names no venue."""
    doc = ent.doc
    parts = ent.text.split("-")
    if len(parts) > 1 and resolve_country(ent.text) is None and all(map(resolve_country, parts)):
        return True  # "U.S.-Brazil", not "Guinea-Bissau"
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    glued_before = before is not None and before.text == "-" and not before.whitespace_
    glued_after = after is not None and after.text == "-" and not ent[-1].whitespace_
    return glued_before or glued_after


def _with_second_city(ents: list[Span], ent: Span, name: str) -> str:
    """ "Cusco and Ayacucho": a city joined by "and" to the city ``ent`` names (spaCy often
    mislabels the second one, so any proper-noun conjunct counts)."""
    doc = ent.doc
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text != "and":
        return name
    second = doc[k + 1]
    if second.pos_ != "PROPN" or second.dep_ != "conj" or not ent.start <= second.head.i < ent.end:
        return name
    other = next((e for e in ents if e.start == k + 1), None)
    text = clean_name(other.text) if other is not None else second.text
    if not text or resolve_country(text):
        return name
    return f"{name} and {text}"


def _of_city(city: Span, ent: Span) -> bool:
    """Whether ``ent`` is the country of the city just before it ("Brasília, Brazil")."""
    return (
        ent.start == city.end + 1
        and ent.doc[city.end].text in (",", "in")
        and (city.label_ in PLACE_LABELS or all(t.pos_ == "PROPN" for t in city))
        and resolve_country(city.text) is None
        and resolve_country(ent.text) is not None
    )


def _looks_like_place(ent: Span) -> bool:
    """A one-word name spaCy mislabels as an organisation ("in Vilnius")."""
    tok = ent[-1]
    return (
        ent.label_ == "ORG"
        and len(ent) == 1
        and tok.pos_ == "PROPN"
        and not tok.is_upper
        and tok.text not in ORG_WORDS
    )


def _near_visit(doc: Doc, k: int) -> bool:
    """Whether the "to" at ``k`` belongs to a journey ("travel to", "a delegation to")."""
    return doc[k].head.lemma_ in VISIT_HEADS


def _participants(
    ents: list[Span], actors: ActorIndex, skip: set[str], within: set[int] | None = None
) -> list[tuple[str, str]]:
    """The canonical (name, kind) of the people in a sentence, else of its other actors.

    With ``within`` (token indexes of the meeting verb's arguments), only the actors
    there, unless none is.
    """
    if within is not None:
        inside = [e for e in ents if e.start in within]
        found = _participants(inside, actors, skip)
        return found or _participants(ents, actors, skip)
    out: list[tuple[str, str]] = []
    people: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for ent in ents:
        ref = actors.at(ent.start_char, ent.end_char)
        if ref is None or ref.name in skip or ent.text in skip:
            continue
        (people if ref.kind == "person" else others).append((ref.name, ref.kind))
    for item in people or others:
        if item not in out:
            out.append(item)
    return out


def _city(ent: Span) -> bool:
    """Whether a place name is a city or region rather than a country (a country can own
    an event: "the U.S.-ASEAN Summit"; a city only hosts it: "the Berlin conference")."""
    return ent.label_ in PLACE_LABELS and resolve_country(ent.text) is None


def _main_people(candidates: list[_Candidate]) -> list[tuple[str, str]]:
    """The people of the document's main meeting (all its unnamed opening mentions)."""
    people: list[tuple[str, str]] = []
    for c in candidates:
        if c.main and not c.named:
            people += [p for p in c.participants if p[1] == "person" and p not in people]
    return people


def _argument_of(noun: Token, verb: Token) -> bool:
    """Whether a meeting noun is what the verb reports ("held a meeting"), not a second
    meeting beside it ("held a meeting with A and then a working session with B")."""
    return noun.head == verb and noun.dep_ != "conj"


def _by_the_group(tok: Token) -> bool:
    """Whether a meeting verb's subject is the group already named ("the two leaders",
    "the ministers"), directly or through the verb it depends on ("agreed to hold")."""
    node = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for verb in (node, node.head):
        for c in verb.children:
            if (
                c.dep_ == "nsubj"
                and c.tag_ == "NNS"
                and c.lemma_.lower() in cues()["people_nouns"]
                and any(d.lower_ == "the" for d in c.children)
            ):
                return True
    return False


def _at_place(ent: Span) -> bool:
    """Whether a name is where something happens ("at Cusco and Ayacucho in Peru"), not
    who takes part."""
    if ent.label_ not in PLACE_LABELS:
        return False
    tok = ent.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS


def _arguments(tok: Token) -> set[int]:
    """Token indexes of who takes part in what ``tok`` reports: the subjects, objects and
    "with"/"between" partners of its verb, not its places, dates or topics ("met with
    Y at the White House to discuss Z")."""
    nodes = [tok]
    node = tok
    for _ in range(3):  # "held two days of talks with Y": up to the verb
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
        nodes.append(node)
    if node.dep_ in ("xcomp", "advcl") and node.head.i != node.i:
        nodes.append(node.head)  # "the leaders agreed to hold a summit"
    out: set[int] = set()
    for n in nodes:
        for c in n.children:
            if c.dep_ in ARGUMENT_DEPS or c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS:
                out.update(t.i for t in c.subtree)
    return out


def _is_party(tok: Token) -> bool:
    """Whether a token names someone who can meet: a named actor or a people noun."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if tok.lemma_.lower() in cues()["people_nouns"] or tok.lower_ in cues()["people_nouns"]:
        return True
    return any(
        c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        for c in tok.children
        if c.dep_ in ("compound", "poss", "amod")
    )


def _objects(tok: Token) -> list[Token]:
    """A verb's objects, "with"/"to" partners and their conjuncts."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("with", "to"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    more: list[Token] = []
    for o in out:
        more.extend(c for c in o.conjuncts if c.i > o.i and c not in more)
    return out + more


def _refers_back(tok: Token) -> bool:
    """A capitalised event word with a definite article ("the Summit") refers to a named event."""
    return tok.text[:1].isupper() and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
    )


def _meeting_verb(
    sent: Span, ents: list[Span], words: frozenset[int], cued: list[int], lemmas: list[int]
) -> tuple[Token, str] | None:
    """The meeting verb of a sentence ("met", "held talks", "visited") and its kind;
    ``cued`` holds the sentence's tokens that may be cue words (see :func:`_cue_tokens`),
    ``lemmas`` the string ids of their lemmas."""
    lex = cues()
    verbs: dict[str, str] = lex["verbs"]
    verb_ids = lex["ids"]["verbs"]
    nouns = lex["meeting_nouns"]
    phone = not words.isdisjoint(lex["ids"]["phone_words"])
    doc = sent.doc
    for i, lemma_id in zip(cued, lemmas, strict=True):
        if lemma_id not in verb_ids:  # most words: no Token object needed
            continue
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        kind = verbs[tok.lemma_]
        objects = _objects(tok)
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        lemma = tok.lemma_
        if lemma in ("hold", "host", "chair", "co-chair", "convene", "attend", "co-host"):
            meeting_objects = [o for o in objects if o.lemma_.lower() in nouns]
            if meeting_objects and all(_refers_back(o) for o in meeting_objects):
                continue  # "hosting the Ministerial" names an event read elsewhere
            noun = meeting_objects[0].lemma_.lower() if meeting_objects else None
            hosts_guest = lemma == "host" and tok.tag_ != "VBG"  # not "hosting communities"
            guests = [o for o in objects if _is_party(o) and o.ent_type_ != "ORG"]  # not "the URC"
            if noun is None and not (hosts_guest and guests):
                continue
            if noun == "call":
                kind = "call"
        elif lemma == "meet":
            if tok.dep_ in ("amod", "pcomp", "acl", "relcl") and not subjects:
                continue
            subject_words = [t for subj in subjects for t in subj.subtree if t.i >= sent.start]
            if not (
                any(_is_party(o) for o in objects)
                or not objects
                and any(
                    t.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or _is_party(t)
                    for t in subject_words
                )
            ):
                continue
        elif lemma == "lead":
            # "led a delegation to Doha on June 29": a trip; "led the U.S. delegation": a role
            led = [o for o in objects if o.lemma_ in lex["lead_objects"]]
            bound = any(
                c.lower_ == "to" and any(g.ent_type_ in PLACE_LABELS for g in c.children)
                for n in (tok, *led)
                for c in n.children
            )
            if not led or not (bound or any(ent.label_ == "DATE" for ent in ents)):
                continue
        elif lemma in ("call", "speak", "phone"):
            if not phone:
                continue
            kind = "call"
        elif lemma == "travel":
            if not any(c.lower_ == "to" for c in tok.children):
                continue
        elif lemma == "visit" and not any(
            o.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")
            or _is_party(o)
            or o.lemma_.lower() in lex["place_nouns"]
            for o in objects
        ):
            continue
        if phone and kind in ("bilateral", "multilateral"):
            kind = "call"
        return tok, kind
    return None


def _meeting_nouns(sent: Span, cued: list[int], lowers: list[int]) -> list[tuple[Token, str, bool]]:
    """Meeting nouns with a partner ("in a meeting with King Salman", "a call with X") or
    held by a verb ("wrapped up two days of talks in Brussels", "held the talks"), each
    with whether it counts only in a situated sentence (one that names a place or date):
    a noun held by a verb, without partner or "the". ``cued`` holds the sentence's tokens
    that may be cue words (see :func:`_cue_tokens`), ``lowers`` the string ids of their
    lower-case forms."""
    triggers: dict[str, str] = cues()["noun_triggers"]
    trigger_ids = cues()["ids"]["noun_triggers"]
    doc = sent.doc
    out = []
    for i, lower in zip(cued, lowers, strict=True):
        if lower not in trigger_ids:  # most words: no Token object needed
            continue
        tok = doc[i]
        if tok.pos_ != "NOUN":
            continue
        people = cues()["people_nouns"]
        partners = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("with", "of", "in", "at", "to")
            for g in c.children
            if g.dep_ == "pobj"
            and (
                c.lower_ in ("with", "of")
                and (g.ent_type_ == "PERSON" or g.lemma_.lower() in people)
                or c.lower_ in ("in", "at")
                and g.ent_type_ in PLACE_LABELS
                and any(d.dep_ == "poss" or d.ent_type_ == "DATE" for d in tok.children)
            )
            or c.lower_ == "to"
            and triggers[tok.lower_] == "visit"
            and g.dep_ == "pobj"
            and g.ent_type_ in PLACE_LABELS
        ]
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        held = _occasion_verb(tok) is not None
        if (partners or held) and not _is_wish(sent.doc, tok.i, sent.start):
            out.append((tok, triggers[tok.lower_], not (partners or definite)))
    return out


def _occasion_verb(tok: Token) -> Token | None:
    """The verb that holds, opens or ends a meeting noun: "held talks", "wrapped up two
    days of talks"."""
    node = tok
    if node.head.lower_ == "of" and node.head.head.lemma_ in DURATION_UNITS:
        node = node.head.head  # "two days of talks"
    if node.dep_ == "dobj" and node.head.lemma_ in cues()["occasion_verbs"]:
        return node.head
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "for"
        and node.head.head.lemma_ in cues()["gathering_verbs"]
    ):
        return node.head.head  # "gathered in Berlin for a conference"
    return None


def _duration(tok: Token) -> tuple[int, bool] | None:
    """The length in days of "N days of talks" and whether its verb ends them ("wrapped up")."""
    unit: Token | None = None
    if tok.head.lower_ == "of" and tok.head.head.lemma_ in DURATION_UNITS:
        unit = tok.head.head  # "two days of talks"
    else:
        unit = next((c for c in tok.lefts if c.lemma_ in DURATION_UNITS), None)
    if unit is None:  # "a two-day conference"
        return None
    number = next((c for c in unit.children if c.dep_ == "nummod"), None)
    count = NUMBER_WORDS.get(number.lower_) if number is not None else None
    if count is None and number is not None and number.text.isdigit():
        count = int(number.text)
    verb = _occasion_verb(tok)
    if not count or verb is None:
        return None
    return count * DURATION_UNITS[unit.lemma_], verb.lemma_ in cues()["end_verbs"]


def _stretch(day: str | None, length: tuple[int, bool] | None) -> str | None:
    """A meeting's interval from one of its days and its length ("two days of talks … on
    Friday": ending on Friday when its verb ends them, else starting on it).

    >>> _stretch("2025-04-04", (2, True))
    '2025-04-03/2025-04-04'
    >>> _stretch("2025-04-04", (3, False))
    '2025-04-04/2025-04-06'
    """
    if day is None or length is None or "/" in day or length[0] < 2:
        return day
    span = timedelta(days=length[0] - 1)
    known = date.fromisoformat(day)
    first, last = (known - span, known) if length[1] else (known, known + span)
    return f"{first.isoformat()}/{last.isoformat()}"


def _nearest(items: list[tuple[int, str]], pos: int) -> str | None:
    """The value of the (token, value) item nearest token ``pos``."""
    pool = [(abs(i - pos), v) for i, v in items]
    return min(pool)[1] if pool else None


def _headline_place(ents: list[Span], title_end: int) -> str | None:
    doc = ents[0].doc if ents else None
    for ent in ents:
        if ent.start_char >= title_end:
            break
        if (
            ent.label_ in PLACE_LABELS
            and ent.start > 0
            and doc is not None
            and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS
        ):
            return _place(ent)
    return None


def _assign(items: list[tuple[int, str]], events: list[tuple[int, int, str]]) -> dict[int, str]:
    """Give each event the nearest (token, value) item: one just before it ("the November
    2023 Woodside Summit", "met in Helsinki for the Summit") or after it, before the next event."""
    out: dict[int, str] = {}
    used: set[int] = set()
    for n, (s, e, _) in enumerate(events):
        next_start = events[n + 1][0] if n + 1 < len(events) else 10**9
        best = None
        for k, (pos, _) in enumerate(items):
            if k in used:
                continue
            if s - BEFORE_WINDOW <= pos < s:
                distance = s - pos
            elif e <= pos < min(next_start, e + AFTER_WINDOW):
                distance = pos - e
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, k)
        if best is not None:
            used.add(best[1])
            out[n] = items[best[1]][1]
    return out


@dataclass
class _Sentence:
    """What one sentence offers for meetings: its dates, places and status."""

    span: Span
    ents: list[Span]
    words: frozenset[int]  # string ids of the lower-case forms and lemmas of its cue words
    status: str
    dates: list[tuple[int, str]]
    places: list[tuple[int, str]]
    events: list[tuple[int, int, str]]
    paragraph: int
    headline: bool
    as_future: dict[str, str] = field(default_factory=dict)

    def date_for(self, value: str | None, status: str) -> str | None:
        """The value of a date mention read the way the meeting's status points."""
        if value and status == "scheduled":
            return self.as_future.get(value, value)
        return value or None


def _events(
    doc: Doc,
    bounds: tuple[int, int],
    words: frozenset[int],
    text: str,
    texts: list[str],
    cued: list[int],
    lowers: list[int],
) -> list[tuple[int, int, str]]:
    """The event names of a sentence (``bounds``: its start and end token), capitalised
    ("Leaders' Summit") or lower-case with a named owner ("the NATO summit"), in order;
    ``text`` is the sentence's text, or "" when the document names no event acronym;
    ``cued`` holds the sentence's tokens that may be cue words (see :func:`_cue_tokens`),
    ``lowers`` the string ids of their lower-case forms."""
    lex = cues()
    named = not words.isdisjoint(lex["ids"]["event_heads_lower"]) or (
        bool(text) and _names_acronym(text)
    )
    lower = not words.isdisjoint(lex["ids"]["lowercase_event_heads"])
    if not (named or lower):
        return []
    sent = doc[bounds[0] : bounds[1]]
    events = _event_names(sent, texts) if named else []
    if lower:
        taken = {i for s, e, _ in events for i in range(s, e)}
        heads = lex["ids"]["lowercase_event_heads"]
        spots = [i for i, lower in zip(cued, lowers, strict=True) if lower in heads]
        events += [x for x in _lowercase_events(sent, spots) if x[1] - 1 not in taken]
        events.sort()
    return events


def _names_acronym(text: str) -> bool:
    """Whether a text has a word starting with an acronym that names an event alone ("COP26",
    "UNGA"); a substring test on the lower-cased text first skips the slow regex."""
    lex = cues()
    low = text.lower()
    return any(a in low for a in lex["standalone_lower"]) and bool(
        lex["standalone_re"].search(text)
    )


def _cue_tokens(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """The tokens whose lower-case form or lemma is a cue word (in one of the word sets
    sentences are tested against), with the string ids of their lower-case forms and
    lemmas: read in bulk, no Token objects, no strings. The other tokens never change
    what those word sets find in a sentence."""
    array = doc.to_array([LOWER, LEMMA]).reshape(-1, 2).astype(numpy.uint64, copy=False)
    scanned = cues()["scanned_ids"]
    # one table look-up on the ids' low bits rules out almost every word of the document
    maybe = cues()["low_bits"][array & numpy.uint64(LOW_BITS)]
    rows = numpy.flatnonzero(maybe[:, 0] | maybe[:, 1])
    cued: list[int] = []
    lowers: list[int] = []
    lemmas: list[int] = []
    for i, (lower, lemma) in zip(rows.tolist(), array[rows].tolist(), strict=True):
        if lower in scanned or lemma in scanned:
            cued.append(i)
            lowers.append(lower)
            lemmas.append(lemma)
    return cued, lowers, lemmas


def _read_sentence(
    doc: Doc,
    sent: Span,
    ents: list[Span],
    anchor: date | None,
    title_end: int,
    paragraph: int,
    words: frozenset[int],
    text: str,
    events: list[tuple[int, int, str]],
) -> _Sentence:
    found = find_dates(text, anchor, "past")
    # only dates without a year read differently looking ahead
    relative = any(not YEAR.search(d.text) for d in found)
    later = find_dates(text, anchor, "future") if relative else found
    ahead = {d.start: d.value for d in later}
    future = _is_future(sent, words, anchor, found)
    if future:
        found = later
    dates = []
    for d in found:
        span = doc.char_span(
            sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand"
        )
        if span is not None:
            dates.append((int(span.start), d.value))
    return _Sentence(
        span=sent,
        ents=ents,
        words=words,
        status="scheduled" if future else "held",
        dates=dates,
        as_future={d.value: ahead[d.start] for d in found if d.start in ahead},
        # places matter only where something can be a meeting
        places=_places(sent, ents, [(s, e) for s, e, _ in events])
        if events or not words.isdisjoint(cues()["ids"]["trigger_words"])
        else [],
        events=events,
        paragraph=paragraph,
        headline=sent.start_char < title_end,
    )


def extract_meetings(doc: Doc, document: Document, actors: ActorIndex) -> list[Meeting]:
    """Every meeting, summit, call, visit and conference the document reports.

    Args:
        doc: the parsed document.
        document: the document record; its ``published`` date anchors relative dates.
        actors: canonical names of the document's actors.

    Returns:
        One :class:`Meeting` per distinct meeting, in order of first mention.
    """
    anchor = document.published
    text = doc_text(doc, document)
    ents = list(entities(doc))
    cued, cued_lowers, cued_lemmas = _cue_tokens(doc)
    starts, texts = token_words(doc, text)
    ent_starts = [e.start for e in ents]
    title_end = max(0, headline_end(text, document.title))
    layout: tuple[list[int], int] | None = None  # read at the first sentence that needs it
    lex = cues()
    # a sentence names an event acronym only where the document does
    lowered = text.lower()
    acronyms = any(a in lowered for a in lex["standalone_lower"])
    context: _Candidate | None = None  # the trip or main meeting later mentions belong to
    candidates: list[_Candidate] = []
    for start, end in _segments(doc, title_end, starts, texts):
        first, last = bisect_left(cued, start), bisect_left(cued, end)
        opener = texts[start].lower() in SESSION_OPENERS  # == doc[start].lower_
        if first == last and not opener and not acronyms:
            continue  # no cue word: nothing here can be a meeting
        hits, lowers, lemmas = cued[first:last], cued_lowers[first:last], cued_lemmas[first:last]
        # the string ids of the sentence's cue words, lower-case forms and lemmas
        words = frozenset(lowers).union(lemmas) if hits else _NO_WORDS
        start_char, end_char = starts[start], starts[end - 1] + len(texts[end - 1])
        seg_text = text[start_char:end_char]  # == segment.text
        # a question asks whether a meeting was held; it reports none
        question = seg_text.rstrip().endswith("?")
        events = _events(
            doc, (start, end), words, seg_text if acronyms else "", texts, hits, lowers
        )
        verb_named = not question and not words.isdisjoint(lex["ids"]["verbs"])
        nouns_named = not question and not words.isdisjoint(lex["ids"]["noun_triggers"])
        if not (events or verb_named or nouns_named or opener):
            continue  # nothing here can be a meeting (no Span needed)
        segment = doc[start:end]
        lo = bisect_left(ent_starts, start)
        hi = bisect_left(ent_starts, end)
        seg_ents = [e for e in ents[lo:hi] if e.end <= end]
        verb = _meeting_verb(segment, seg_ents, words, hits, lemmas) if verb_named else None
        if verb is not None and (_is_wish(doc, verb[0].i, start) or _dialled(verb)):
            verb = None
        visit = verb is not None and verb[1] == "visit"
        # meeting nouns count only where no event is named, or beside a visit
        nouns = (
            _meeting_nouns(segment, hits, lowers) if nouns_named and (visit or not events) else []
        )
        if not (events or verb or nouns or opener and _session_body(segment, seg_ents)):
            # nothing here can be a meeting: skip reading its dates and places
            continue
        if layout is None:
            layout = _layout(text, title_end)
        breaks, body_start = layout
        paragraph = bisect_left(breaks, segment.start_char)
        sent = _read_sentence(
            doc, segment, seg_ents, anchor, title_end, paragraph, words, seg_text, events
        )
        if sent.events:
            candidates.extend(_event_candidates(doc, sent, verb, actors, context, body_start))
            if not visit:
                continue
        triggers = [verb] if verb is not None else []
        situated = bool(sent.places or sent.dates)
        triggers += [
            (tok, kind)
            for tok, kind, needs_setting in nouns
            if (situated or not needs_setting) and (verb is None or not _argument_of(tok, verb[0]))
        ]
        if not triggers and sent.dates:
            session = _body_session(sent, actors)
            if session is not None:
                candidates.append(session)
        for trigger in triggers:
            cand = _verb_candidate(doc, sent, trigger, actors, body_start)
            if _by_the_group(trigger[0]):
                # "the (two) leaders agreed to hold a summit": those of the main meeting
                people = _main_people(candidates)
                if people:
                    cand.participants = people + [p for p in cand.participants if p not in people]
                    cand.name = _verb_name(trigger[0], cand.participants, cand.kind)
            context = _place_in_context(cand, context)
            candidates.append(cand)
    if not candidates:
        return []
    dateline = DATELINE.match(text[title_end:].lstrip("\n"))
    default_place = _headline_place(ents, title_end) or (
        dateline.group(1).strip().title() if dateline else None
    )
    countries = {
        city.text: country
        for city, ent in itertools.pairwise(ents)
        if ent.start == city.end + 1 and _of_city(city, ent) and (country := _place(ent))
    }
    meetings = _merge(_drop_trips(candidates), countries)
    placed = bool(default_place) and any(m.main and m.status == "held" for m in meetings)
    # the places the text names, for telling a city from a building; only read when needed
    towns = (
        {p for e in ents if e.label_ in ("GPE", "LOC") and (p := _place(e))} if placed else set()
    )
    venues = [m for m in meetings if m.beside and m.location and m.status == "held"]
    for m in meetings:
        if m.main and m.status == "held":
            if m.date is None and anchor is not None:
                m.date = anchor.isoformat()
            if m.location is None and m.kind != "call" and not m.beside:
                # "the first in-person meeting of the group, on the margins of the URC in London"
                m.location = next((v.location for v in venues if _compatible(v.date, m.date)), None)
            if (
                m.kind != "call"
                and default_place
                and (m.location is None or m.location not in towns)
            ):
                m.location = default_place  # a building ("Palacio do Planalto") → the dateline city
    return [_to_record(document, m) for m in meetings]


def _place_in_context(cand: _Candidate, context: _Candidate | None) -> _Candidate | None:
    """Fill a mention's date and place from the trip or meeting it belongs to; return the
    context later mentions belong to."""
    if cand.date and (cand.trip or cand.location) and cand.status == "held":
        return cand
    if context is not None and cand.status == "held":
        cand.inherited = cand.date is None
        cand.date = cand.date or context.date
        if cand.kind != "call":
            cand.location = cand.location or context.location
    return context


def _status(doc: Doc, i: int, sent: _Sentence) -> str:
    """``scheduled`` when the words before the trigger look ahead ("will hold", "planned to
    hold", "next summit"), its verb is the aim of an intent ("agreed to hold") or its date
    is after publication, else ``held``."""
    if sent.status == "scheduled":
        return "scheduled"
    tok = doc[i]
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if verb.dep_ == "xcomp" and verb.head.lemma_ in cues()["intent_verbs"]:
        return "scheduled"  # "agreed to hold a summit", "plan to meet"
    window = {t.lower_ for t in doc[max(sent.span.start, i - 6) : i + 1]}
    return "scheduled" if not window.isdisjoint(cues()["future_words"]) else "held"


def _event_candidates(
    doc: Doc,
    sent: _Sentence,
    verb: tuple[Token, str] | None,
    actors: ActorIndex,
    context: _Candidate | None,
    body_start: int,
) -> list[_Candidate]:
    """One candidate per named event in a sentence (several for "the Summits in A and B")."""
    events = sent.events
    event_dates = _assign(sent.dates, events)
    event_places = _assign(sent.places, events)
    if len(events) == 1 and 0 not in event_dates and len(sent.dates) == 1:
        event_dates[0] = sent.dates[0][1]  # "On Friday, the Council concluded an Urgent Debate"
    if len(events) == 1 and verb is not None and verb[1] != "visit":
        # "On 13 July, the leaders met in Helsinki for the third … Summit"
        if 0 not in event_dates and sent.dates:
            event_dates[0] = _nearest(sent.dates, verb[0].i) or ""
        if 0 not in event_places and sent.places:
            event_places[0] = _nearest(sent.places, verb[0].i) or ""
    places = {p for _, p in sent.places}
    ents = sent.ents
    inside = [
        x
        for n, x in enumerate(ents)
        if not any(s < x.end and x.start < e and (x.end >= e or _city(x)) for s, e, _ in events)
        and not _at_place(x)
        and not (n + 1 < len(ents) and _of_city(x, ents[n + 1]))
        and not (n and _of_city(ents[n - 1], x))
    ]
    participants = _participants(inside, actors, places)
    out = []
    for n, (s, e, kind) in enumerate(events):
        if _is_wish(doc, s, sent.span.start) or _recurring_format(doc, s):
            continue
        host = _host_place(doc, s, e, sent.ents) or _owner_place(sent.ents, s, e)
        if host:
            event_places.setdefault(n, host)
        inherited = context is not None and n not in event_dates and _held_event(doc, s, e)
        if inherited and context is not None:
            event_dates[n] = context.date or ""
            event_places.setdefault(n, context.location or "")
        if doc[e - 1].text in cues()["body_heads"] or doc[s:e].root.text in cues()["body_heads"]:
            # "Forum", "Dialogue", "Assembly" also name standing bodies: a meeting only when
            # dated, placed or attended ("at the Forum", "hosted the Dialogue")
            window = {t.lower_ for t in doc[max(sent.span.start, s - 4) : s]}
            # only verbs the event depends on: "renewed their commitment to the Dialogue
            # co-chaired by X" names a standing body, "hosted the Dialogue" an occasion
            verbs = {t.lower_ for t in doc[s:e].root.ancestors if t.pos_ == "VERB"}
            occasion = cues()["occasion_words"]
            if (
                n not in event_dates
                and n not in event_places
                and not (window | verbs) & occasion
                and not sent.headline
            ):
                continue
        occurrences = _occurrences(
            doc, s, e, sent.span.end, sent.ents, sent.dates, event_dates.get(n), event_places.get(n)
        )
        status = _status(doc, s, sent)
        names = _occurrence_names(doc, s, e, len(occurrences))
        for (when, where), name in zip(occurrences, names, strict=True):
            out.append(
                _Candidate(
                    name=name,
                    span=(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)),
                    kind=kind,
                    status=status,
                    date=sent.date_for(when, status),
                    location=where or None,
                    participants=list(participants),
                    named=True,
                    main=sent.headline or sent.paragraph <= body_start,
                    headline=sent.headline,
                    paragraph=sent.paragraph,
                    inherited=inherited,
                    beside=any(t.lower_ in cues()["margin_words"] for t in doc[max(0, s - 4) : s]),
                )
            )
    return out


def _verb_candidate(
    doc: Doc, sent: _Sentence, verb: tuple[Token, str], actors: ActorIndex, body_start: int
) -> _Candidate:
    """The meeting a verb reports ("X met with Y in Z on …")."""
    tok, kind = verb
    segment = sent.span
    place = (
        None
        if kind == "call"
        else (_nearest(sent.places, tok.i) or _opening_place(segment, sent.ents))
    )
    visited = _visited_place(tok, sent.ents) if kind == "visit" else None
    place = place or visited
    places = {p for _, p in sent.places} | ({place} if place else set())
    if kind == "visit":  # "will visit Kenya and Nigeria": destinations, not participants
        places |= _visited_places(tok, sent.ents)
    parties = [e for e in sent.ents if not _at_place(e)]
    participants = _participants(parties, actors, places, _arguments(tok))
    status = _status(doc, tok.i, sent)
    return _Candidate(
        name=_verb_name(tok, participants, kind),
        span=(segment.start_char, segment.end_char),
        kind=kind,
        status=status,
        date=_stretch(sent.date_for(_nearest(sent.dates, tok.i), status), _duration(tok)),
        location=place,
        participants=participants,
        trip=kind == "visit" and (visited is not None or tok.lemma_ == "travel"),
        headline=sent.headline,
        main=sent.paragraph <= body_start or sent.headline,
        paragraph=sent.paragraph,
        refers=_definite_noun(tok),
        margins=_margins_of(segment, sent.words),
    )


def _margins_of(sent: Span, words: frozenset[int]) -> str | None:
    """The event a meeting took place beside: "On the margins of the Summit, …" gives
    "summit" (its place and date are the event's); ``words`` holds the string ids of the
    sentence's cue words."""
    if words.isdisjoint(cues()["ids"]["margin_words"]):
        return None
    for tok in sent:
        if tok.lower_ in cues()["margin_words"] and tok.dep_ == "pobj":
            for of in tok.children:
                if of.lower_ == "of":
                    event = next((c for c in of.children if c.dep_ == "pobj"), None)
                    if event is not None:
                        return event.lemma_.lower()
    return None


def _definite_noun(tok: Token) -> str | None:
    """The meeting noun a trigger names with a definite article ("the summit was attended
    by …", "attended the summit"): such a mention refers back to an event named before."""
    nouns = cues()["meeting_nouns"]
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    for n in [tok, *_objects(tok), *subjects]:
        if n.lemma_.lower() in nouns and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in n.children
        ):
            return n.lemma_.lower()
    return None


def _body_session(sent: _Sentence, actors: ActorIndex) -> _Candidate | None:
    """A session of a deliberative body the sentence is set in: "In the UN Security
    Council on 3 March, France tabled a draft text"."""
    body = _session_body(sent.span, sent.ents)
    if body is None:
        return None
    when = next((v for i, v in sent.dates if body.end < i <= body.end + 2), None)
    if when is None:
        return None
    ref = actors.at(body.start_char, body.end_char)
    name = ref.name if ref is not None else clean_name(body.text)
    return _Candidate(
        name=f"{name} session",
        span=(body.start_char, body.end_char),
        kind="multilateral",
        status=sent.status,
        date=when,
        participants=[(ref.name, ref.kind)] if ref is not None else [],
        paragraph=sent.paragraph,
    )


def _session_body(span: Span, ents: list[Span]) -> Span | None:
    """The body a sentence opens in, followed by "on" ("In the UN Security Council on …"):
    the shape of a session before its date is read."""
    doc = span.doc
    k = span.start
    if k >= span.end or doc[k].lower_ not in SESSION_OPENERS:
        return None
    body = next((e for e in ents if e.start in (k + 1, k + 2)), None)
    if body is None or body.label_ != "ORG" or body[-1].text not in cues()["body_words"]:
        return None
    if body.end >= span.end or doc[body.end].lower_ != "on":
        return None
    return body


def _recurring_format(doc: Doc, s: int) -> bool:
    """Whether an event name starts "a biennial …": a format meetings will follow, not
    one meeting ("elevating our engagement to a biennial Health Ministers Dialogue")."""
    k = s
    while k > 0 and doc[k - 1].lower_ in cues()["frequency_words"]:
        k -= 1
    return k < s and k > 0 and doc[k - 1].lower_ in ("a", "an")


def _held_event(doc: Doc, s: int, e: int) -> bool:
    """Whether the event is what a past "held" verb holds ("they held the third meeting of …")."""
    for tok in doc[s:e]:
        node = tok
        for _ in range(4):
            if node.lemma_ == "hold" and node.tag_ == "VBD":
                return True
            if node.head.i == node.i:
                break
            node = node.head
    return False


def _host_place(doc: Doc, s: int, e: int, ents: list[Span]) -> str | None:
    """The country or city that hosts an event ("Costa Rica will host the next Summit")."""
    node = doc[e - 1]
    for _ in range(3):
        if node.lemma_ in ("host", "co-host") and node.pos_ == "VERB":
            break
        if node.head.i == node.i:
            return None
        node = node.head
    else:
        return None
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        for subj in subjects:
            if subj.ent_type_ == "GPE":
                ent = next((x for x in ents if x.start <= subj.i < x.end), None)
                return _place(ent) if ent is not None else None
        if subjects or node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _owner_place(ents: list[Span], s: int, e: int) -> str | None:
    """The city an event name starts with ("the Berlin conference"); not a country, which
    names an owner rather than a venue ("the U.S.-ASEAN Summit")."""
    for ent in ents:
        if s <= ent.start < e and ent.label_ == "GPE" and ent.end < e:
            name = _place(ent)
            return name if name and resolve_country(name) is None else None
    return None


def _occurrences(
    doc: Doc,
    s: int,
    e: int,
    limit: int,
    ents: list[Span],
    dates: list[tuple[int, str]],
    when: str | None,
    where: str | None,
) -> list[tuple[str | None, str | None]]:
    """One (date, place) per occurrence of an event: a plural name lists several
    ("the Summits at Camp David on May 14, 2015 and in Riyadh on April 21, 2016")."""
    if doc[e - 1].text not in cues()["plural_heads"]:
        return [(when, where)]
    later = [(i, v) for i, v in dates if e <= i < limit]
    if len(later) < 2:
        return [(when, where)]
    spots = [
        (int(ent.start), p)
        for n, ent in enumerate(ents)
        if (ent.label_ in PLACE_LABELS or n + 1 < len(ents) and _of_city(ent, ents[n + 1]))
        and e <= ent.start < limit
        and (p := _place(ent))
        and not (n and _of_city(ents[n - 1], ent))
    ]
    # "at A on D1 and in B on D2" (places first) or "on D1 in A, and on D2 in B" (dates first)
    places_first = bool(spots) and spots[0][0] < later[0][0]
    out: list[tuple[str | None, str | None]] = []
    for i, value in later:
        after = [p for j, p in spots if j > i]
        before = [p for j, p in spots if j < i]
        if places_first:
            out.append((value, before[-1] if before else None))
        else:
            out.append((value, after[0] if after else before[-1] if before else None))
    return out


def _occurrence_names(doc: Doc, s: int, e: int, count: int) -> list[str]:
    """One name per occurrence of a plural event name: "The First and Second South
    American Summits" → "First South American Summit", "Second South American Summit"."""
    name = doc[s:e].text
    if count == 1:
        return [name]
    singular = name[:-1] if name.endswith("s") else name
    first = doc[s].lower_
    ranks = [doc[s].text] if first in ORDINALS else []
    k = s - 1
    while k >= 0 and (doc[k].lower_ in ORDINALS or doc[k].text in (",", "and")):
        if doc[k].lower_ in ORDINALS:
            ranks.insert(0, doc[k].text)
        k -= 1
    if len(ranks) != count:
        return [singular] * count
    rest = singular[len(doc[s].text) :].lstrip()
    return [f"{rank} {rest}" for rank in ranks]


def _visited_place(tok: Token, ents: list[Span]) -> str | None:
    """The place a visit verb names as its object ("visited Tunisia")."""
    for o in _objects(tok):
        if o.ent_type_ in PLACE_LABELS:
            ent = next((e for e in ents if e.start <= o.i < e.end), None)
            if ent is not None:
                return _place(ent)
    return None


def _visited_places(tok: Token, ents: list[Span]) -> set[str]:
    """Every place a visit verb names as its object or destination, conjuncts included."""
    out = set()
    for o in _objects(tok):
        ent = next((e for e in ents if e.start <= o.i < e.end), None)
        if ent is not None and ent.label_ in PLACE_LABELS and (name := _place(ent)):
            out.add(name)
    return out


def _layout(text: str, title_end: int) -> tuple[list[int], int]:
    """(where each paragraph break "\\n\\n" starts, the index of the body's first paragraph)."""
    breaks = [m.start() for m in re.finditer("\n\n", text)]
    return breaks, _first_body_paragraph(text, title_end)


def _first_body_paragraph(text: str, title_end: int) -> int:
    """Index of the paragraph where the body's narrative starts (after a short preamble)."""
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs):
        if i == 0 and title_end:
            continue
        if len(para.split()) >= 15:
            return i
    return 1


def _segments(
    doc: Doc, title_end: int, starts: list[int], texts: list[str]
) -> list[tuple[int, int]]:
    """The (start, end) tokens of the title line and then of the body's sentences, never
    straddling the two; ``starts`` and ``texts`` hold every token's offset and text."""
    out: list[tuple[int, int]] = []
    title = doc.char_span(0, title_end, alignment_mode="contract") if title_end else None
    if title is not None and len(title):
        out.append((title.start, title.end))
    for start, end in sentence_bounds(doc):
        if starts[end - 1] + len(texts[end - 1]) <= title_end:
            continue
        if starts[start] < title_end:
            rest = doc.char_span(
                title_end, starts[end - 1] + len(texts[end - 1]), alignment_mode="contract"
            )
            if rest is None or not len(rest):
                continue
            k = rest.start
            while k < rest.end and doc[k].is_space:
                k += 1
            if k == rest.end:
                continue  # only spaces: nothing to read
            start, end = k, rest.end
        out.append((start, end))
    return out


def _opening_place(sent: Span, ents: list[Span]) -> str | None:
    """The place of a sentence that opens "In Egypt, …"."""
    doc = sent.doc
    if doc[sent.start].lower_ != "in":
        return None
    for ent in ents:
        if ent.label_ in PLACE_LABELS and ent.start <= sent.start + 3:
            nxt = doc[ent.end] if ent.end < sent.end else None
            if nxt is not None and nxt.text == ",":
                return _place(ent)
    return None


def _verb_name(tok: Token | None, participants: list[tuple[str, str]], kind: str) -> str:
    """A name for a meeting the text does not name: its kind and participants."""
    names = [p for p, _ in participants]
    label = {"call": "Call", "visit": "Visit"}.get(kind, "Meeting")
    if len(names) >= 2:
        return f"{label} between {', '.join(names[:-1])} and {names[-1]}"
    if names:
        return f"{label} of {names[0]}"
    return f"{label} ({tok.text})" if tok is not None else label


def _drop_trips(candidates: list[_Candidate]) -> list[_Candidate]:
    """A trip is not an extra entry when the text names meetings during it."""
    out = []
    for c in candidates:
        if (
            c.trip
            and c.date
            and any(o is not c and not o.trip and o.date == c.date for o in candidates)
        ):
            continue
        out.append(c)
    return out


def _norm(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.lower())
    name = re.sub(r"(?:'s|’s)\b", "", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


SAME_NAME_OVERLAP = 0.75  # share of distinct words two names of one event have in common
NAME_STOPWORDS = frozenset({"the", "of", "on", "and", "for", "s", "to", "a"})


def _same_name(a: str, b: str) -> bool:
    """Whether two event names name the same event: equal, one inside the other ("Special
    Session" in "Emergency Special Session of the General Assembly"), or mostly the same words.

    >>> _same_name("Leaders Summit", "Leaders Summit on Climate")
    True
    >>> _same_name("Second Summit", "Third Summit")
    False
    >>> _same_name("2nd Global COVID-19 Summit", "COVID-19 Summit")
    True
    """
    na, nb = _norm(a), _norm(b)
    ranks_a = {w for w in na.split() if w in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)}
    ranks_b = {w for w in nb.split() if w in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)}
    if ranks_a - ranks_b and ranks_b - ranks_a:
        return False  # the Second Summit is not the Third (a shared "19" is no rank)
    if na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ":
        return True
    wa = {w for w in na.split() if len(w) > 1} - NAME_STOPWORDS
    wb = {w for w in nb.split() if len(w) > 1} - NAME_STOPWORDS
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SAME_NAME_OVERLAP


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _within(day: str | None, interval: str | None) -> bool:
    """Whether a single day falls inside a multi-day interval.

    >>> _within("2025-04-03", "2025-04-03/2025-04-04")
    True
    >>> _within("2025-04-05", "2025-04-03/2025-04-04")
    False
    """
    if not day or not interval or "/" in day or "/" not in interval:
        return False
    first, last = interval.split("/")[:2]
    return first <= day <= last


def _same(a: _Candidate, b: _Candidate, countries: dict[str, str]) -> bool:
    """Whether two mentions are the same meeting."""
    if not b.named and b.span in a.sentences | ({a.span} if not a.named else set()):
        return False  # "a meeting with A and then a working session with B": two meetings
    same_place = (
        _compatible(a.location, b.location)
        or countries.get(a.location or "") == b.location
        or countries.get(b.location or "") == a.location
    )
    if not same_place:
        return False
    if (
        (_within(a.date, b.date) or _within(b.date, a.date))
        and not (a.named and b.named)
        and not (a.trip or b.trip or a.inherited or b.inherited)
        and a.kind != "call"
        and b.kind != "call"
    ):
        return True  # "two days of talks … on Friday" and "joined a session … on Thursday"
    if not _compatible(a.date, b.date):
        return False
    if a.named and b.named:
        return _same_name(a.name, b.name)
    people_a = {p for p, k in a.participants if k == "person"}
    people_b = {p for p, k in b.participants if k == "person"}
    if (a.headline or b.headline) and a.main and b.main:
        return True
    if a.named != b.named:
        if a.inherited or b.inherited:
            return False
        return bool(a.date and a.date == b.date and a.location and a.location == b.location)
    if a.inherited or b.inherited:
        return False  # two meetings of one trip share its dates but are not the same
    return bool(people_a & people_b) and a.kind == b.kind


def _referent(
    c: _Candidate, merged: list[_Candidate], noun: str | None = None
) -> _Candidate | None:
    """The named event an unnamed "the summit" mention (or ``noun``) refers back to: the
    latest one whose name ends with that noun, when its date and status do not conflict."""
    noun = noun or c.refers
    if noun is None or c.named or c.kind == "call":
        return None
    for m in reversed(merged):
        if (
            m.named
            and _norm(m.name).split()[-1:] == [noun]
            and _compatible(m.date, c.date)
            and m.status == c.status
        ):
            return m
    return None


def _merge(candidates: list[_Candidate], countries: dict[str, str]) -> list[_Candidate]:
    """Fold mentions of the same meeting into its first mention; ``countries`` maps the
    cities the text places in a country ("Brasília, Brazil") to it."""
    merged: list[_Candidate] = []
    for c in candidates:
        host = _referent(c, merged, c.margins) if c.margins else None
        if host is not None:  # beside the event: its place and date, not the same meeting
            c.location = c.location or host.location
            c.date = c.date or host.date
        event = _referent(c, merged)
        if (
            event is None
            and c.refers in cues()["noun_triggers"]
            and (c.inherited or not (c.date or c.location))
        ):
            # "X joined the meeting": the document's main meeting
            event = next((m for m in merged if m.main and (m.named or m.kind == c.kind)), None)
        for m in [event] if event is not None else merged:
            if m is host:
                continue
            if event is not None or _same(m, c, countries):
                if not c.named:
                    m.sentences.add(c.span)
                if countries.get(c.location or "") == m.location:
                    m.location = c.location  # the city is more precise than its country
                if _within(m.date, c.date):
                    m.date = c.date
                if c.named and not m.named:
                    m.name, m.named, m.kind = c.name, True, c.kind
                m.date = m.date or c.date
                m.location = m.location or c.location
                m.main = m.main or c.main
                for p in c.participants:
                    if p not in m.participants:
                        m.participants.append(p)
                if not m.named and len(m.participants) > 1:
                    m.name = _verb_name(None, m.participants, m.kind)
                break
        else:
            merged.append(c)
    return merged


def _to_record(document: Document, c: _Candidate) -> Meeting:
    kind = "multilateral" if c.kind == "bilateral" and len(c.participants) >= 3 else c.kind
    return Meeting(
        doc=document.id,
        name=c.name,
        span=c.span,
        participants=tuple(p for p, _ in c.participants),
        location=None if c.kind == "call" else c.location,
        date=c.date,
        kind=kind,
        status=c.status,
        participant_kinds=tuple(k for _, k in c.participants),
    )
