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

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.dates import DateMention, find_dates
from kg.facts.actors import ActorIndex, clean_name
from kg.facts.roles import ORG_WORDS, resolve_country
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
BEFORE_WINDOW = 6  # tokens between a date or place and the event name it precedes
AFTER_WINDOW = 14  # … or follows
VISIT_HEADS = frozenset(
    {"travel", "trip", "visit", "go", "come", "journey", "mission", "lead", "delegation"}
)
PLACE_PREPOSITIONS = frozenset({"in", "at", "outside", "near"})
NAME_CONNECTORS = frozenset({"of", "on", "for", "the", "and", "to", "-", "–", "’", "'", "’s", "'s"})
DATELINE = re.compile(r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ .'\-]{2,}),\s*[A-Z][\w .'\-]*?\s+[–—-]\s")


@cache
def cues() -> dict[str, Any]:
    """The meeting lexicon from ``meeting_cues.json``."""
    text = resources.files("kg.facts").joinpath("meeting_cues.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    data["acronym_re"] = re.compile(data["event_acronyms"])
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


def _is_future(sent: Span, anchor: date | None, dates: list[DateMention]) -> bool:
    """Whether a sentence looks ahead: future words without a past main verb, or a first
    date after publication."""
    words = {t.lower_ for t in sent}
    if words & set(cues()["future_words"]) and not any(
        t.tag_ in ("VBD", "VBN") and t.dep_ == "ROOT" for t in sent
    ):
        return True
    if anchor and dates:
        first = dates[0].value.split("/")[0]
        return first > anchor.isoformat()
    return False


def _is_wish(doc: Doc, i: int, lo: int) -> bool:
    """Whether the words just before token ``i`` wish for a meeting ("look forward to meeting")."""
    text = doc[max(lo, i - 8) : i + 1].text.lower()
    return any(w in text for w in cues()["wish_words"])


def _event_names(sent: Span) -> list[tuple[int, int, str]]:
    """Capitalised event names in a sentence: (start token, end token, kind)."""
    lex = cues()
    heads: dict[str, str] = lex["event_heads"]
    acronym = lex["acronym_re"]
    doc = sent.doc
    out: list[tuple[int, int, str]] = []
    i = sent.start
    while i < sent.end:
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
    return name


def _places(sent: Span, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Places a meeting can be at: (token index, name), after in/at/to or opening "In X,"."""
    doc = sent.doc
    out = []
    for ent in sent.ents:
        if any(s < ent.end and ent.start < e for s, e in skip):
            continue
        if ent.label_ not in PLACE_LABELS and not _looks_like_place(ent):
            continue
        k = ent.start - 1
        while k >= sent.start and doc[k].text in ("the", "The"):
            k -= 1
        prep = doc[k].lower_ if k >= sent.start else ""
        if prep in PLACE_PREPOSITIONS or prep == "to" and _near_visit(doc, k):
            name = _place(ent)
            if name:
                out.append((int(ent.start), name))
    return out


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


def _participants(sent: Span, actors: ActorIndex, skip: set[str]) -> list[tuple[str, str]]:
    """The canonical (name, kind) of the people in a sentence, else of its other actors."""
    out: list[tuple[str, str]] = []
    people: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for ent in sent.ents:
        ref = actors.at(ent.start_char, ent.end_char)
        if ref is None or ref.name in skip:
            continue
        (people if ref.kind == "person" else others).append((ref.name, ref.kind))
    for item in people or others:
        if item not in out:
            out.append(item)
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
        more.extend(c for c in o.children if c.dep_ == "conj")
    return out + more


def _refers_back(tok: Token) -> bool:
    """A capitalised event word with a definite article ("the Summit") refers to a named event."""
    return tok.text[:1].isupper() and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
    )


def _meeting_verb(sent: Span) -> tuple[Token, str] | None:
    """The meeting verb of a sentence ("met", "held talks", "visited") and its kind."""
    lex = cues()
    verbs: dict[str, str] = lex["verbs"]
    nouns = set(lex["meeting_nouns"])
    phone = any(t.lower_ in lex["phone_words"] for t in sent)
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ not in verbs:
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
            if noun is None and not (lemma == "host" and any(_is_party(o) for o in objects)):
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
            if not any(o.lemma_ in lex["lead_objects"] for o in objects) or not any(
                ent.label_ in ("GPE", "DATE") for ent in sent.ents
            ):
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


def _meeting_nouns(sent: Span) -> list[tuple[Token, str]]:
    """Meeting nouns with a partner: "in a meeting with King Salman", "a call with X"."""
    triggers: dict[str, str] = cues()["noun_triggers"]
    out = []
    for tok in sent:
        if tok.lower_ not in triggers or tok.pos_ != "NOUN":
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
        if partners and not _is_wish(sent.doc, tok.i, sent.start):
            out.append((tok, triggers[tok.lower_]))
    return out


def _nearest(items: list[tuple[int, str]], pos: int) -> str | None:
    """The value of the (token, value) item nearest token ``pos``."""
    pool = [(abs(i - pos), v) for i, v in items]
    return min(pool)[1] if pool else None


def _paragraph_index(doc: Doc, sent: Span) -> int:
    return doc.text.count("\n\n", 0, sent.start_char)


def _headline_place(doc: Doc, title_end: int) -> str | None:
    for ent in doc.ents:
        if ent.start_char >= title_end:
            break
        if (
            ent.label_ in PLACE_LABELS
            and ent.start > 0
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


def _read_sentence(doc: Doc, sent: Span, anchor: date | None, title_end: int) -> _Sentence:
    found = find_dates(sent.text, anchor, "past")
    future = _is_future(sent, anchor, found)
    if future:
        found = find_dates(sent.text, anchor, "future")
    dates = []
    for d in found:
        span = doc.char_span(
            sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand"
        )
        if span is not None:
            dates.append((int(span.start), d.value))
    events = _event_names(sent)
    ahead = {d.start: d.value for d in find_dates(sent.text, anchor, "future")}
    return _Sentence(
        span=sent,
        status="scheduled" if future else "held",
        dates=dates,
        as_future={d.value: ahead[d.start] for d in found if d.start in ahead},
        places=_places(sent, [(s, e) for s, e, _ in events]),
        events=events,
        paragraph=_paragraph_index(doc, sent),
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
    title_end = doc.text.find("\n") if "\n" in doc.text[:300] else 0
    body_start = _first_body_paragraph(doc, title_end)
    dateline = DATELINE.match(doc.text[title_end:].lstrip("\n"))
    default_place = _headline_place(doc, title_end) or (
        dateline.group(1).strip().title() if dateline else None
    )
    context: _Candidate | None = None  # the trip or main meeting later mentions belong to
    candidates: list[_Candidate] = []
    for segment in _segments(doc, title_end):
        sent = _read_sentence(doc, segment, anchor, title_end)
        verb = _meeting_verb(segment)
        if verb is not None and _is_wish(doc, verb[0].i, segment.start):
            verb = None
        if sent.events:
            candidates.extend(_event_candidates(doc, sent, verb, actors, context, body_start))
            if verb is None or verb[1] != "visit":
                continue
        triggers = [verb] if verb is not None else []
        triggers += [n for n in _meeting_nouns(segment) if verb is None or n[0].head != verb[0]]
        for trigger in triggers:
            cand = _verb_candidate(doc, sent, trigger, actors, body_start)
            context = _place_in_context(cand, context)
            candidates.append(cand)
    meetings = _merge(_drop_trips(candidates))
    towns = {p for e in doc.ents if e.label_ in ("GPE", "LOC") and (p := _place(e))}
    for m in meetings:
        if m.main and m.status == "held":
            if m.date is None and anchor is not None:
                m.date = anchor.isoformat()
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
    hold", "next summit") or its date is after publication, else ``held``."""
    if sent.status == "scheduled":
        return "scheduled"
    window = {t.lower_ for t in doc[max(sent.span.start, i - 6) : i + 1]}
    return "scheduled" if window & set(cues()["future_words"]) else "held"


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
    participants = _participants(sent.span, actors, set())
    out = []
    for n, (s, e, kind) in enumerate(events):
        if _is_wish(doc, s, sent.span.start):
            continue
        host = _host_place(doc, s, e)
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
            verbs = {t.lower_ for t in sent.span if t.pos_ == "VERB"}
            occasion = set(cues()["occasion_words"])
            if (
                n not in event_dates
                and n not in event_places
                and not (window | verbs) & occasion
                and not sent.headline
            ):
                continue
        occurrences = _occurrences(
            doc, s, e, sent.span.end, sent.dates, event_dates.get(n), event_places.get(n)
        )
        status = _status(doc, s, sent)
        for when, where in occurrences:
            out.append(
                _Candidate(
                    name=doc[s:e].text if len(occurrences) == 1 else doc[s:e].text.rstrip("s"),
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
                )
            )
    return out


def _verb_candidate(
    doc: Doc, sent: _Sentence, verb: tuple[Token, str], actors: ActorIndex, body_start: int
) -> _Candidate:
    """The meeting a verb reports ("X met with Y in Z on …")."""
    tok, kind = verb
    segment = sent.span
    place = None if kind == "call" else (_nearest(sent.places, tok.i) or _opening_place(segment))
    visited = _visited_place(tok) if kind == "visit" else None
    place = place or visited
    participants = _participants(segment, actors, {place} if place else set())
    status = _status(doc, tok.i, sent)
    return _Candidate(
        name=_verb_name(tok, participants, kind),
        span=(segment.start_char, segment.end_char),
        kind=kind,
        status=status,
        date=sent.date_for(_nearest(sent.dates, tok.i), status),
        location=place,
        participants=participants,
        trip=kind == "visit" and (visited is not None or tok.lemma_ == "travel"),
        headline=sent.headline,
        main=sent.paragraph <= body_start or sent.headline,
        paragraph=sent.paragraph,
    )


def _held_event(doc: Doc, s: int, e: int) -> bool:
    """Whether the event is what a past "held" verb holds ("they held the third meeting of …")."""
    for tok in doc[s:e]:
        node = tok
        for _ in range(4):
            if node.lemma_ == "hold" and node.tag_ == "VBD":
                return True
            if node.head is node:
                break
            node = node.head
    return False


def _host_place(doc: Doc, s: int, e: int) -> str | None:
    """The country or city that hosts an event ("Costa Rica will host the next Summit")."""
    node = doc[e - 1]
    for _ in range(3):
        if node.lemma_ in ("host", "co-host") and node.pos_ == "VERB":
            break
        if node.head is node:
            return None
        node = node.head
    else:
        return None
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        for subj in subjects:
            if subj.ent_type_ == "GPE":
                ent = next((x for x in doc.ents if x.start <= subj.i < x.end), None)
                return _place(ent) if ent is not None else None
        if subjects or node.dep_ not in ("xcomp", "ccomp", "conj") or node.head is node:
            return None
        node = node.head
    return None


def _occurrences(
    doc: Doc,
    s: int,
    e: int,
    limit: int,
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
        for ent in doc.ents
        if ent.label_ in PLACE_LABELS and e <= ent.start < limit and (p := _place(ent))
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


def _visited_place(tok: Token) -> str | None:
    """The place a visit verb names as its object ("visited Tunisia")."""
    for o in _objects(tok):
        if o.ent_type_ in PLACE_LABELS:
            ent = next((e for e in o.doc.ents if e.start <= o.i < e.end), None)
            if ent is not None:
                return _place(ent)
    return None


def _first_body_paragraph(doc: Doc, title_end: int) -> int:
    """Index of the paragraph where the body's narrative starts (after a short preamble)."""
    paragraphs = doc.text.split("\n\n")
    for i, para in enumerate(paragraphs):
        if i == 0 and title_end:
            continue
        if len(para.split()) >= 15:
            return i
    return 1


def _segments(doc: Doc, title_end: int) -> list[Span]:
    """The title line and then the body's sentences, never straddling the two."""
    out: list[Span] = []
    title = doc.char_span(0, title_end, alignment_mode="contract") if title_end else None
    if title is not None and len(title):
        out.append(title)
    for sent in doc.sents:
        if sent.end_char <= title_end:
            continue
        if sent.start_char < title_end:
            rest = doc.char_span(title_end, sent.end_char, alignment_mode="contract")
            if rest is None or not len(rest):
                continue
            k = rest.start
            while k < rest.end and doc[k].is_space:
                k += 1
            sent = doc[k : rest.end]
        out.append(sent)
    return out


def _opening_place(sent: Span) -> str | None:
    """The place of a sentence that opens "In Egypt, …"."""
    doc = sent.doc
    if doc[sent.start].lower_ != "in":
        return None
    for ent in sent.ents:
        if ent.label_ in PLACE_LABELS and ent.start <= sent.start + 3:
            nxt = doc[ent.end] if ent.end < sent.end else None
            if nxt is not None and nxt.text == ",":
                return _place(ent)
    return None


def _verb_name(tok: Token, participants: list[tuple[str, str]], kind: str) -> str:
    names = [p for p, _ in participants]
    label = {"call": "Call", "visit": "Visit"}.get(kind, "Meeting")
    if len(names) >= 2:
        return f"{label} between {', '.join(names[:-1])} and {names[-1]}"
    if names:
        return f"{label} of {names[0]}"
    return f"{label} ({tok.text})"


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
    """
    na, nb = _norm(a), _norm(b)
    ranks_a = {w for w in na.split() if w in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)}
    ranks_b = {w for w in nb.split() if w in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)}
    if ranks_a and ranks_b and ranks_a != ranks_b:
        return False  # the Second Summit is not the Third
    if na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ":
        return True
    wa = {w for w in na.split() if len(w) > 1} - NAME_STOPWORDS
    wb = {w for w in nb.split() if len(w) > 1} - NAME_STOPWORDS
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SAME_NAME_OVERLAP


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _same(a: _Candidate, b: _Candidate) -> bool:
    """Whether two mentions are the same meeting."""
    if not (_compatible(a.date, b.date) and _compatible(a.location, b.location)):
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


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """Fold mentions of the same meeting into its first mention."""
    merged: list[_Candidate] = []
    for c in candidates:
        for m in merged:
            if _same(m, c):
                if c.named and not m.named:
                    m.name, m.named, m.kind = c.name, True, c.kind
                m.date = m.date or c.date
                m.location = m.location or c.location
                m.main = m.main or c.main
                for p in c.participants:
                    if p not in m.participants:
                        m.participants.append(p)
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
