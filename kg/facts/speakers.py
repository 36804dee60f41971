"""Who is speaking: from the subject of a cue to a canonical actor.

A :class:`SpeakerResolver` is built once per document. It turns the token that
is the subject of a communication cue into a :class:`Speaker`: a named entity
resolves through the :class:`~kg.facts.actors.ActorIndex` (surname → full
name), a title ("the Secretary General") to the person holding it, a pronoun
(he/she/they/it) to the nearest compatible antecedent, a group ("the two
leaders", "both sides") to the first actors the document names, and conjoined
sayers ("the United States and Japan") to a speaker plus co-speakers. Vague
sayers ("officials", "experts") and first-person sayers resolve to None.
"""

from __future__ import annotations

import json
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LOWER
from spacy.strings import get_string_id
from spacy.symbols import IDS
from spacy.tokens import Doc, Span, Token

from kg.document import entities
from kg.facts.actors import HONORIFICS, ActorIndex, ActorRef, clean_name
from kg.facts.roles import resolve_country

LEXICON: dict[str, Any] = json.loads(Path(__file__).with_name("cues.json").read_text("utf-8"))
FIRST_PERSON = frozenset(LEXICON["first_person"])
VAGUE = frozenset(LEXICON["vague_sayers"])
#: "many MEF members said": an unnamed part of a body is no sayer ("all G7 leaders" is the body)
VAGUE_QUANTIFIERS = frozenset(LEXICON["vague_quantifiers"])
PRONOUNS: dict[str, tuple[str, str, int]] = {
    k: (v[0], v[1], v[2]) for k, v in LEXICON["pronouns"].items()
}
GROUP_PERSONS = frozenset(LEXICON["group_persons"])
GROUP_COUNTRIES = frozenset(LEXICON["group_countries"])
GROUP_COUNTS: dict[str, int] = LEXICON["group_counts"]
ORG_NOUNS = frozenset(LEXICON["organisation_nouns"])
TITLES = frozenset(LEXICON["titles"])
#: group nouns that stand for persons or for countries, whichever the document names first
BARE_GROUPS = frozenset(LEXICON["bare_groups"])
GROUP_NOUNS = GROUP_PERSONS | GROUP_COUNTRIES | BARE_GROUPS | {"officials"}
#: how many countries an uncounted group ("the leaders") stands for at most
MAX_GROUP = 8
#: most sayers a joint act ("the AUC and the United States") has to stand for "Participants"
MAX_JOINT = 3
AMBIGUOUS_GROUPS = frozenset({"sides", "parties"})
MEETING_VERBS = frozenset(LEXICON["meeting_verbs"])
#: marks that end a dateline before the sayer's phrase
DATELINE_MARKS = frozenset({"-", "—", "–", ":", "--"})
#: modifiers that make a title an epithet, not a post someone in the story holds
FORMER = frozenset({"former", "ex", "onetime", "erstwhile"})
PUBLISHER_HOME: dict[str, str] = LEXICON["publisher_home"]
#: last words of titles, the heads of title subjects ("the UN chief", "the minister")
TITLE_HEADS = frozenset(t.split()[-1] for t in TITLES)
TITLE_WORDS = frozenset(w for t in TITLES for w in t.split()) | frozenset(HONORIFICS)
RELATIVE = frozenset({"who", "which", "that"})
#: generational suffixes the parser takes for the subject ("Joseph R. Biden, Jr. said")
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr"})
#: how far back (characters) a pronoun looks for an antecedent before falling back
PRONOUN_WINDOW = 1200
#: dependency labels of the words that make up a sayer's noun phrase before its head
NP_LEFT = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "prep"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: platforms and outlets ("wrote on Twitter", "told Reuters"): never antecedents of pronouns
CHANNELS = frozenset(LEXICON["channels"])
KIND_BY_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "country"}
_CONJ = IDS["conj"]
_ACTOR_LABELS = frozenset(IDS[label] for label in KIND_BY_LABEL)
_GPE = IDS["GPE"]


@dataclass(frozen=True)
class Speaker:
    """A resolved sayer: canonical name, kind, the mention's offsets, and co-speakers."""

    name: str
    kind: str
    span: tuple[int, int]
    is_pronoun: bool = False
    co_speakers: tuple[str, ...] = ()


@dataclass
class _Antecedent:
    start: int
    ref: ActorRef
    subject: bool
    group: tuple[str, ...] = field(default=())


class SpeakerResolver:
    """Resolve cue subjects in one document, remembering earlier speakers for pronouns."""

    def __init__(
        self,
        doc: Doc,
        actors: ActorIndex,
        excluded: list[tuple[int, int]],
        source: str | None = None,
    ) -> None:
        """Index the document's entity mentions.

        Args:
            doc: the parsed document.
            actors: the document's actor index.
            excluded: character ranges (quotes, headline) whose mentions are no antecedents.
            source: the publisher, whose own government leads a group of countries.
        """
        low_source = (source or "").lower()
        self._home = next((v for k, v in PUBLISHER_HOME.items() if k in low_source), None)
        self.doc = doc
        self.actors = actors
        self._ent_at: list[Span | None] = [None] * len(doc)
        #: entity mentions that may be antecedents, turned into _Antecedents on first use
        self._mentioned: list[tuple[Span, ActorRef]] = []
        self._mentioned_at: list[int] = []  # their start offsets
        self._entity_index: tuple[list[_Antecedent], list[int]] | None = None
        #: (start, end, canonical name) of every actor entity, in text order
        self.mentions: list[tuple[int, int, str]] = []
        self._index: tuple[list[_Antecedent], list[int]] | None = None
        self._persons_in_order: list[str] = []
        self._groups_in_order: list[str] = []
        self._kind_of: dict[str, str] = {}
        self._contents: list[tuple[int, int]] = []
        self._first_at: dict[str, int] = {}
        self._states: list[str] = []
        self.text = actors.document.text
        self._first_person_at = len(self.text) + 1
        self._first_group_at = len(self.text) + 1
        self.last: Speaker | None = None
        #: persons and actors in the order they first spoke
        self._spoken: dict[str, None] = {}
        self._spoken_mentions: list[Speaker] = []
        self._last_at = -1
        ex = sorted(excluded)
        ents = entities(doc)
        ent_at = self._ent_at
        for ent in ents:
            start, end = ent.start, ent.end
            if end - start == 1:
                ent_at[start] = ent
            else:
                ent_at[start:end] = [ent] * (end - start)
        text = self.text
        for ent in ents:
            if ent.label not in _ACTOR_LABELS:
                continue  # entities never overlap, so no actor lies behind a date or a number
            start, end = ent.start_char, ent.end_char
            ref = actors.at(start, end) or actors.resolve_entity(ent)
            if ref is None:
                continue
            self.mentions.append((start, end, ref.name))
            order = self._persons_in_order if ref.kind == "person" else self._groups_in_order
            excluded_here = bool(ex) and _within(ex, start)
            if not excluded_here and ref.name not in order:
                order.append(ref.name)
                self._kind_of[ref.name] = ref.kind
                self._first_at[ref.name] = start
                if ent.label == _GPE:
                    self._states.append(ref.name)
                if ref.kind == "person":
                    self._first_person_at = min(self._first_person_at, start)
                else:
                    self._first_group_at = min(self._first_group_at, start)
            if not excluded_here and text[start:end] not in CHANNELS:
                self._mentioned.append((ent, ref))
                self._mentioned_at.append(start)
        self._country_groups: set[str] | None = None
        self._excluded = ex

    def _entity_antecedents(self) -> tuple[list[_Antecedent], list[int]]:
        """Entity mentions as antecedents, in text order, with their offsets.

        Built on first use: most documents never resolve a pronoun.
        """
        if self._entity_index is not None:
            return self._entity_index
        doc = self.doc
        # tokens with conjuncts: the others need no walk over their right children
        deps = doc.to_array([DEP, HEAD]).astype(numpy.int64)  # HEAD: offset of the head
        conj_at = numpy.flatnonzero(deps[:, 0] == _CONJ)
        in_conj = {*conj_at.tolist(), *(conj_at + deps[conj_at, 1]).tolist()}
        antecedents = []
        for ent, ref in self._mentioned:
            root = ent.root
            # "Britain's negotiator, Stephanie Al-Qaq, struck …": the apposition is the subject
            subject = root.dep_ in SUBJECT_DEPS or (
                root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS
            )
            # without conjuncts, _ref_of(root) is ``ref``: the root's entity is this one
            refs = [self._ref_of(t) for t in _conjoined(root)] if root.i in in_conj else [ref]
            if subject and ref.kind == "person":
                refs += [r for r in map(self._ref_of, _met(root)) if r and r.kind == "person"]
            names = tuple(dict.fromkeys(r.name for r in refs if r is not None))
            antecedents.append(_Antecedent(ent.start_char, ref, subject, names))
        self._entity_index = (antecedents, self._mentioned_at)
        return self._entity_index

    def _antecedent_index(self) -> tuple[list[_Antecedent], list[int]]:
        """Entity mentions and title subjects as antecedents, in text order, with offsets."""
        if self._index is None:
            antecedents, starts = self._entity_antecedents()
            titles = self._title_subjects()
            if titles:
                antecedents = sorted([*antecedents, *titles], key=lambda a: a.start)
                starts = [a.start for a in antecedents]
            self._index = (antecedents, starts)
        return self._index

    def _title_subjects(self) -> list[_Antecedent]:
        """Subjects written as a title ("The UN chief thanked …") are antecedents of he/she.

        Read only when a pronoun needs them, but as at the start of the document: the
        speakers remembered so far are set aside while the titles are resolved.
        """
        spoken = (self.last, self._spoken, self._spoken_mentions)
        self.last, self._spoken, self._spoken_mentions = None, {}, []
        try:
            found = []
            for i in _positions(self.doc, TITLE_HEADS):
                if self._ent_at[i] is not None:
                    continue
                tok = self.doc[i]
                if tok.dep_ not in SUBJECT_DEPS or _within(self._excluded, tok.idx):
                    continue
                speaker = self._single(tok)
                if speaker is not None and speaker.kind == "person":
                    ref = ActorRef(speaker.name, "person")
                    found.append(_Antecedent(tok.idx, ref, True, (speaker.name,)))
            return found
        finally:
            self.last, self._spoken, self._spoken_mentions = spoken

    def _groups_of_countries(self, doc: Doc) -> set[str]:
        """Group nouns the document defines by countries ("the leaders of the GCC states")."""
        out: set[str] = set()
        lowers = GROUP_PERSONS
        for i in _positions(doc, lowers):
            tok = doc[i]
            if tok.tag_ not in ("NNS", "NNPS"):
                continue
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    named = [pobj, *pobj.children, *pobj.conjuncts]
                    if any(t.ent_type_ in ("GPE", "ORG", "NORP") for t in named):
                        out.add(tok.lemma_.lower())
        return out

    # -- public -------------------------------------------------------------------------

    def resolve(self, subj: Token) -> Speaker | None:
        """The speaker behind the subject token ``subj`` of a cue, or None when not identifiable."""
        low = subj.lower_
        if low in FIRST_PERSON:
            return None
        if low in RELATIVE and subj.head.dep_ == "relcl":
            return self.resolve(subj.head.head)
        if low in PRONOUNS and subj.pos_ == "PRON":
            return self._pronoun(subj)
        if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in subj.children):
            return None  # "my Administration has announced …": the document's own voice
        if any(c.dep_ in ("amod", "det") and c.lower_ in VAGUE_QUANTIFIERS for c in subj.lefts):
            return None
        if low in NAME_SUFFIXES and subj.i >= 2 and self.doc[subj.i - 1].text == ",":
            named = self.resolve(self.doc[subj.i - 2])
            if named is None:
                return None
            return Speaker(
                named.name,
                named.kind,
                (named.span[0], subj.idx + len(subj)),
                False,
                named.co_speakers,
            )
        conj = [t for t in _conjoined(subj) if t.i != subj.i]
        main = self._single(subj)
        if main is None:
            return None
        co = [r.name for r in (self._single(t) for t in conj) if r is not None]
        co = [c for c in dict.fromkeys(co + list(main.co_speakers)) if c != main.name]
        proper = [c for c in co if not _group_name(c)]
        owned = any(
            c.ent_type_ == "ORG" or (c.pos_ == "PROPN" and c.ent_type_ not in ("NORP", "GPE"))
            for c in subj.lefts
        )
        if proper and _group_name(main.name) and not owned:
            # "the Nordic countries and the United States reiterated": the named actor leads,
            # unless the group is an actor's own ("G7 leaders and the EU")
            co = [c for c in (main.name, *co) if c != proper[0]]
            main = Speaker(proper[0], self._kind_of.get(proper[0], "country"), main.span)
        persons = self._persons_in_order
        if co and main.kind == "person" and all(c in persons for c in co):
            # joint act of named people: the one the document names first speaks (SCHEMA S1)
            spoken = list(self._spoken)

            def rank(n: str) -> tuple[int, int]:
                return (
                    spoken.index(n) if n in spoken else len(spoken),
                    persons.index(n) if n in persons else 0,
                )

            ordered = sorted([main.name, *co], key=rank)
            main = Speaker(ordered[0], "person", main.span)
            co = ordered[1:]
        end = max(main.span[1], *(t.idx + len(t) for t in conj)) if conj else main.span[1]
        return Speaker(main.name, main.kind, (main.span[0], end), False, tuple(co))

    def remember(self, speaker: Speaker, at: int, content: tuple[int, int] | None = None) -> None:
        """Note the last speaker and what it said (pronouns and floating quotes use both)."""
        self.last = speaker
        self._last_at = at
        self._spoken.setdefault(speaker.name, None)
        if not speaker.is_pronoun:
            self._spoken_mentions.append(speaker)
        if content is not None:
            insort(self._contents, content)

    def last_speaker(self, at: int, window: int = 3000) -> Speaker | None:
        """The last speaker if it spoke within ``window`` characters before ``at``."""
        if self.last is not None and at - self._last_at <= window:
            return self.last
        return None

    # -- internals ------------------------------------------------------------------------

    def _ref_of(self, tok: Token) -> ActorRef | None:
        ent = self._ent_at[tok.i]
        if ent is None or ent.label_ not in KIND_BY_LABEL:
            return None
        return self.actors.at(ent.start_char, ent.end_char) or self.actors.resolve_entity(ent)

    def _np_span(self, tok: Token) -> tuple[int, int]:
        start = tok.i
        for child in tok.lefts:
            if child.dep_ in NP_LEFT:
                start = min(start, child.left_edge.i)
        end = tok.i + 1
        ent = self._ent_at[tok.i]
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
        for i in range(max(start, 1), tok.i):
            mark = self.doc[i]
            if mark.text in DATELINE_MARKS and mark.whitespace_ and self.doc[i - 1].whitespace_:
                start = (
                    i + 1
                )  # "MOSCOW, Jan 18 - Russian Foreign Minister …", not "Secretary-General"
        while start < end and (
            self.doc[start].dep_ in ("det", "punct", "cc")
            or "\n" in self.text[self.doc[start].idx : tok.idx]
        ):
            start += 1
        span = self.doc[start:end]
        return span.start_char, span.end_char

    def _single(self, tok: Token) -> Speaker | None:
        """One sayer (not conjoined): entity, title, group or organisation noun."""
        span = self._np_span(tok)
        person = self._person_in_np(tok)
        if person is not None:
            return Speaker(person, "person", span)
        titled = self._titled_surname(tok)
        if titled is not None:
            return Speaker(titled, "person", span)
        ref = self._ref_of(tok)
        if ref is not None:
            return Speaker(ref.name, ref.kind, span)
        low = tok.lower_
        named = tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and low not in TITLES)
        for child in () if named else tok.children:
            # "U.S. Ambassador Linda Thomas-Greenfield", "the spokesperson, Ned Price,"
            # "Japan's ruling party, the Liberal Democratic Party,": the named body speaks
            if (child.dep_ in ("appos", "compound") and child.ent_type_ == "PERSON") or (
                child.dep_ == "appos" and child.ent_type_ == "ORG" and tok.pos_ == "NOUN"
            ):
                ref = self._ref_of(child)
                if ref is not None:
                    return Speaker(ref.name, ref.kind, span)
        words = clean_name(self.text[span[0] : span[1]]).lower()
        group = self._group(tok, words)
        if group is not None:
            return Speaker(
                group[0].name, group[0].kind, span, False, tuple(r.name for r in group[1:])
            )
        if low in TITLES:
            # "Secretary General of the Andean Community Wagner": the name closes the phrase
            last = tok.right_edge
            while last.i > tok.i and last.is_punct:
                last = self.doc[last.i - 1]  # "the ambassador in Canberra, Xiao Qian, said"
            if last.i > tok.i and last.pos_ == "PROPN" and last.ent_type_ in ("", "PERSON"):
                name = self.actors.full_name(last.text)
                if name in self.actors.persons:
                    return Speaker(name, "person", span)
        if low in TITLES and any(c.lower_ in FORMER for c in tok.lefts):
            # "the former prime minister": an epithet for the person the story is about
            prev = self.last
            return Speaker(prev.name, "person", span) if prev and prev.kind == "person" else None
        modifier = self._entity_modifier(tok)
        if low in TITLES and modifier is not None:
            # "the NATO chief", "the UN envoy": the one person the document gives a post there
            holder = self.actors.holder_in(modifier.name)
            if holder is not None:
                return Speaker(holder, "person", span)
        if tok.pos_ in ("NOUN", "PROPN") and (words in TITLES or low in TITLES or tok.is_title):
            holder = self.actors.holder_of(words) or (
                self.actors.holder_of(low) if low in TITLES else None
            )
            if holder is not None:
                return Speaker(holder, "person", span)
        spoken_for = self._spoken_for(tok)
        if spoken_for is not None:
            return Speaker(spoken_for.name, spoken_for.kind, span)
        plural = tok.tag_ in ("NNS", "NNPS")
        if modifier is not None and plural and modifier.kind == "country":
            # "U.S. and UK officials": the governments they speak for, first named speaks
            others = self._conjoined_modifiers(tok)
            if others:
                return Speaker(modifier.name, modifier.kind, span, False, tuple(others))
        if modifier is not None and plural and low in GROUP_NOUNS:
            # "MEF leaders", "NATO Allies", "U.S. officials": the group as the text names it
            return Speaker(clean_name(self.text[span[0] : span[1]]), "organisation", span)
        if modifier is not None and low not in TITLES:
            return Speaker(modifier.name, modifier.kind, span)
        if plural and low in BARE_GROUPS and not any(c.dep_ == "det" for c in tok.lefts):
            joint = self._joint_sayers() if not any(not c.is_punct for c in tok.lefts) else []
            if joint:
                # "The AUC and the United States reaffirmed … Participants highlighted …"
                return Speaker(joint[0].name, joint[0].kind, span, False, joint[0].co_speakers)
            # "Leaders will affirm …", "Participants underscored …" in a summit's own record
            return Speaker(clean_name(self.text[span[0] : span[1]]), "organisation", span)
        if low in VAGUE or tok.pos_ == "PRON":
            return None
        if tok.lemma_.lower() in ORG_NOUNS:
            org = self._organisation(tok)
            if org is not None:
                return Speaker(org.name, org.kind, span)
            earlier = self._spoken_as(tok.lower_)
            if earlier is not None:
                # "The ministry said …" after "The Russian foreign ministry said …"
                return Speaker(earlier.name, earlier.kind, span)
        if tok.is_title and tok.pos_ == "NOUN" and tok.i > tok.sent.start:
            full = self.actors.full_name(tok.text)
            if full in self.actors.persons:
                return Speaker(full, "person", span)  # "Price said", tagged as a noun
        if tok.pos_ == "PROPN" and tok.is_title:
            span = self._of_name(tok, span)
            name = clean_name(self.text[span[0] : span[1]])
            if " " not in name:
                # "the Department" after "the Department of State said …"
                known = next((n for n in self._spoken if name in n.split() and n != name), None)
                if known is not None and self._kind_of.get(known) != "person":
                    return Speaker(known, "organisation", span)
            full = self.actors.full_name(name)
            kind = "person" if full in self.actors.persons else "organisation"
            return Speaker(full, kind, span)
        return None

    def _titled_surname(self, tok: Token) -> str | None:
        """The person in "Infrastructure Coordinator Landrieu" that the tagger took for an ORG."""
        ent = self._ent_at[tok.i]
        if ent is None or ent.label_ != "ORG" or tok.i != ent.end - 1 or tok.i == ent.start:
            return None
        if tok.pos_ != "PROPN" or not tok.is_title or tok.lemma_.lower() in ORG_NOUNS:
            return None
        if self.doc[tok.i - 1].lower_ not in TITLE_HEADS:
            return None
        return self.actors.full_name(tok.text)

    def _of_name(self, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
        """Widen a capitalised name over its "of" part ("the Group of Seven")."""
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is None or prep.i != tok.i + 1:
            return span
        tail = list(self.doc[prep.i + 1 : prep.right_edge.i + 1])
        if tail and all(t.is_title or t.lower_ == "the" or t.like_num for t in tail):
            return span[0], tail[-1].idx + len(tail[-1])
        return span

    def _spoken_as(self, word: str) -> Speaker | None:
        """The latest non-person speaker whose mention had ``word`` ("the … ministry")."""
        for speaker in reversed(self._spoken_mentions):
            if speaker.kind != "person" and word in self.text[slice(*speaker.span)].lower():
                return speaker
        return None

    def _spoken_for(self, tok: Token) -> ActorRef | None:
        """The body behind "a spokesperson for the State Department" (no holder named)."""
        if tok.lower_ not in TITLES:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                for pobj in prep.children:
                    ref = self._ref_of(pobj) if pobj.dep_ == "pobj" else None
                    if ref is not None and ref.kind != "person":
                        return ref
        return None

    def _person_in_np(self, tok: Token) -> str | None:
        """A person's name written as proper nouns ending at ``tok``, when the tagger split it.

        "Ursula von der Leyen" tagged PERSON + GPE still names one person.
        """
        if tok.pos_ != "PROPN":
            return None
        words = [tok]
        i = tok.i - 1
        while (
            i >= 0
            and (self.doc[i].pos_ == "PROPN" or self.doc[i].ent_type_ == "PERSON")
            and self.doc[i].dep_ in ("compound", "flat")
        ):
            words.insert(0, self.doc[i])
            i -= 1
        titled = [k for k, w in enumerate(words) if w.lower_ in TITLE_WORDS]
        if titled:
            words = words[
                titled[-1] + 1 :
            ]  # "Energy Secretary Granholm": the name follows the title
        while words and (
            words[0].lower_ in TITLE_WORDS or words[0].ent_type_ in ("ORG", "GPE", "NORP")
        ):
            words.pop(0)
        if len(words) < 2 or not any(w.ent_type_ == "PERSON" for w in words):
            return None
        ent = self._ent_at[tok.i]
        if ent is not None and ent.label_ == "PERSON" and ent.start <= words[0].i:
            return None  # the entity already covers the name
        return self.actors.full_name(" ".join(w.text for w in words))

    def _entity_modifier(self, tok: Token) -> ActorRef | None:
        """An actor named inside the sayer's phrase ("the NATO allies", "U.S. officials")."""
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if not (low in GROUP_NOUNS or lemma in ORG_NOUNS or low in TITLES or lemma in TITLES):
            return None  # "Russia’s veto", "the crisis" are no sayers
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod", "nmod", "poss"):
                ref = self._ref_of(child)
                if ref is not None and ref.kind != "person":
                    ent = self._ent_at[child.i]
                    if ent is not None and ent.label_ == "NORP":
                        # "the Polish foreign ministry" speaks for Poland
                        country = resolve_country(ent.text)
                        return ActorRef(country, "country") if country else ref
                    return ref
        return None

    def _joint_sayers(self) -> list[Speaker]:
        """The first few governments or bodies that spoke together so far, the publisher's first."""
        for sp in self._spoken_mentions:
            if sp.kind == "person" or not 1 <= len(sp.co_speakers) <= MAX_JOINT - 1:
                continue
            names = [sp.name, *sp.co_speakers]
            if any(self._kind_of.get(n) == "person" for n in names):
                continue
            names = [n for n in names if n == self._home] + [n for n in names if n != self._home]
            return [
                Speaker(
                    names[0], self._kind_of.get(names[0], sp.kind), sp.span, False, tuple(names[1:])
                )
            ]
        return []

    def _conjoined_modifiers(self, tok: Token) -> list[str]:
        """Countries conjoined to the one modifying ``tok`` ("U.S. and UK officials")."""
        names: list[str] = []
        for child in tok.lefts:
            if child.dep_ not in ("compound", "amod", "nmod", "poss"):
                continue
            for other in child.conjuncts:
                ref = self._ref_of(other)
                if ref is not None and ref.kind == "country":
                    names.append(ref.name)
        return list(dict.fromkeys(names))

    def _organisation(self, tok: Token) -> ActorRef | None:
        """The last organisation mention before ``tok`` whose name has the noun ("the Ministry")."""
        word = tok.lemma_.lower()
        # title subjects are persons, so entity mentions suffice
        mentioned = self._mentioned
        i = bisect_left(self._mentioned_at, tok.idx) - 1
        while i >= 0:
            ref = mentioned[i][1]
            if ref.kind == "organisation" and word in ref.name.lower():
                return ref
            i -= 1
        return None

    def _group(self, tok: Token, words: str) -> list[ActorRef] | None:
        """Actors behind "the two leaders", "both sides", "the three countries".

        Persons come in order of first mention (the principal is named first),
        countries and organisations by how often the document names them.
        """
        low = tok.lower_
        if low not in GROUP_PERSONS and low not in GROUP_COUNTRIES:
            return None
        if self._entity_modifier(tok) is not None:
            return None
        count = next((GROUP_COUNTS[w] for w in words.split() if w in GROUP_COUNTS), 0)
        determined = count or any(
            c.lower_ in ("the", "both", "all") for c in tok.lefts if c.dep_ in ("det", "predet")
        )
        if not determined:
            return None
        persons = self._persons_in_order
        if self._country_groups is None:
            self._country_groups = self._groups_of_countries(self.doc)
        if tok.lemma_.lower() in self._country_groups:
            persons_first = False
        elif low in AMBIGUOUS_GROUPS:
            persons_first = len(persons) >= 2 and self._first_person_at < self._first_group_at
        else:
            persons_first = low in GROUP_PERSONS and len(persons) >= max(2, count)
        if persons_first:
            # the people the story quotes, before others it merely names (a spokesperson)
            spoken = [n for n in self._spoken if n in persons]
            if len(spoken) >= max(2, count):
                persons = spoken
            return [ActorRef(n, "person") for n in persons[: count or 2]]
        # the publisher's own government first ("the two sides" in a State Department release)
        home = self._home
        # countries only: cities and regions the tagger calls GPE are no sides
        states = [g for g in self._states if resolve_country(g)] or self._states
        named_before = [g for g in states if self._first_at[g] < tok.idx] or states
        groups = [g for g in named_before if g == home] + [g for g in named_before if g != home]
        if not groups:
            return None
        chosen = groups[: count or MAX_GROUP]
        return [ActorRef(n, self._kind_of.get(n, "country")) for n in chosen]

    def _pronoun(self, tok: Token) -> Speaker | None:
        kind, gender, number = PRONOUNS[tok.lower_]
        span = (tok.idx, tok.idx + len(tok))
        if number == 2:
            return self._plural(tok.idx, span)
        if kind == "person":

            def fits(a: _Antecedent) -> bool:
                if a.ref.kind != "person":
                    return False
                known = self.actors.gender(a.ref.name)
                return known is None or known == gender

            ante = self._antecedent(tok.idx, fits)
            if ante is None:
                return None
            if self.actors.gender(ante.ref.name) is None:
                self.actors.set_gender(ante.ref.name, gender)
            return Speaker(ante.ref.name, "person", span, True)
        ante = self._antecedent(tok.idx, lambda a: a.ref.kind != "person")
        if ante is None:
            return None
        return Speaker(ante.ref.name, ante.ref.kind, span, True)

    def _plural(self, at: int, span: tuple[int, int]) -> Speaker | None:
        """ "they": the last joint speaker, a conjoined mention, the last speaker, a subject."""
        last = self.last
        recent = last is not None and at - self._last_at < PRONOUN_WINDOW
        plural = last is not None and (
            bool(last.co_speakers) or last.name.split()[-1].lower() in GROUP_NOUNS
        )
        if last is not None and recent and plural:
            # "the two leaders said …", "Indian officials said … they said"
            return Speaker(last.name, last.kind, span, True, last.co_speakers)
        ante = self._antecedent(at, lambda a: len(a.group) > 1, subjects_only=True)
        if ante is not None:
            return Speaker(ante.group[0], ante.ref.kind, span, True, ante.group[1:])
        if last is not None and recent:
            return Speaker(last.name, last.kind, span, True, last.co_speakers)
        ante = self._antecedent(at, lambda a: a.subject, subjects_only=True)
        if ante is not None:
            return Speaker(ante.ref.name, ante.ref.kind, span, True)
        return None

    def _antecedent(self, at: int, fits: Any, subjects_only: bool = False) -> _Antecedent | None:
        """Nearest fitting mention before ``at``; the last speaker when it spoke more recently.

        Mentions inside quotes and inside the content of earlier statements are skipped:
        "he" in the narration refers to a sayer, not to someone the sayer talked about.
        """
        last = self.last
        last_ante: _Antecedent | None = None
        if last is not None:
            ref = ActorRef(last.name, last.kind)
            last_ante = _Antecedent(self._last_at, ref, True, (last.name, *last.co_speakers))
            if not fits(last_ante):
                last_ante = None
        antecedents, starts = self._antecedent_index()
        i = bisect_left(starts, at) - 1
        first: _Antecedent | None = None
        while i >= 0:
            a = antecedents[i]
            if at - a.start > PRONOUN_WINDOW:
                break
            if last_ante is not None and a.start < self._last_at:
                # a mere mention since the last speaker spoke ("wrote on Twitter", "met X")
                # does not take over from the speaker
                return last_ante
            if fits(a) and not _within(self._contents, a.start):
                if a.subject or (last is not None and a.ref.name == last.name):
                    return a
                if first is None and not subjects_only:
                    first = a
            i -= 1
        if first is not None:
            return first
        if last_ante is not None and at - self._last_at <= PRONOUN_WINDOW:
            return last_ante
        if subjects_only:
            return None
        while i >= 0:
            a = antecedents[i]
            if fits(a):
                return a
            i -= 1
        return last_ante


def _positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased text is one of ``words`` (one C-array pass)."""
    ids = _sorted_ids(words)
    if not len(ids):
        return []
    lower = doc.to_array(LOWER)
    at = numpy.searchsorted(ids, lower)
    at[at == len(ids)] = 0  # an id beyond the largest: it differs from any of them
    return numpy.flatnonzero(ids[at] == lower).tolist()


@cache
def _sorted_ids(values: frozenset[str]) -> numpy.ndarray:
    """The string-store ids of ``values`` (a symbol's id or the string's hash), sorted."""
    ids = numpy.array(sorted(get_string_id(v) for v in values), dtype=numpy.uint64)
    ids.flags.writeable = False
    return ids


def _conjoined(tok: Token) -> list[Token]:
    """``tok`` and the heads conjoined with it ("Biden and Kishida" → both)."""
    out = [tok]
    for t in tok.conjuncts:
        if t.i > tok.i and t.pos_ in ("PROPN", "NOUN"):
            out.append(t)
    return out


def _met(subj: Token) -> list[Token]:
    """Persons the subject met or spoke with ("Biden met Zelensky", "spoke with Kishida")."""
    verb = subj.head
    if verb.lemma_.lower() not in MEETING_VERBS:
        return []
    out = []
    for c in verb.children:
        objs = [c] if c.dep_ == "dobj" else []
        if c.dep_ == "prep" and c.lower_ == "with":
            objs = [g for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            out += [t for t in (o, *o.conjuncts) if t.ent_type_]
    return out


def _group_name(name: str) -> bool:
    """Whether a sayer's name is a group as the text words it ("Nordic countries").

    >>> _group_name("Nordic countries"), _group_name("United States")
    (True, False)
    """
    last = name.rsplit(" ", 1)[-1]
    return last.islower() and last in GROUP_NOUNS  # "United States" is a name


def _within(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(ranges, (pos + 1, -1)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]
