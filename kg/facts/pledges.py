"""Pledges: an actor commits money or material, announced as new or future.

Amounts come from the money grammar (:mod:`kg.facts.money`) run over each
sentence; the dependency parse then says whether the amount is committed and by
whom (SCHEMA, Pledges and P1–P5):

- the cue governing the amount must be a commitment ("pledged", "announced $X",
  "a commitment of $X"), a forward-looking gift ("will provide", "is providing",
  "intends to contribute") or an itemisation of an earlier pledge ("This
  includes $X from USAID");
- past disbursements and historical totals ("has provided $X since 1991"),
  budget requests, trade and purchase volumes, costs, targets funded by others
  ("mobilize") and sums the writer adds up ("a combined $X") are left out;
- the pledger is "from X", "X ($Y)", "X's $Y", "X's pledge", the country of a
  currency prefix ("a total U.S. $6 billion pledge"), or the subject of the cue
  (climbing "intends to provide" to its subject); pronouns and "the Department"
  resolve to the latest matching actor, "we" to the publisher's government, a
  person to the country named beside them or the publisher's government (P4: whose
  resources they are); a total whose later parts come "from A" and "from B" and add
  up to it is pledged by "A and B"; a pledging conference that "raised $X to date"
  is the pledger of that tally;
- leverage chains: "a grant of $X will leverage $Y from Google" states two
  pledges, the grant's (its programme) and Google's; drawing money from no named
  giver ("mobilize $Y from the private sector") states none;
- the recipient is the object of "to", "for" (when it names a beneficiary), "in
  support of/to", "invest in" (a company) or "to help/support X"; an undertaking
  gives its owner ("the replenishment of the Global Fund", "the establishment of
  a new fund at the World Bank"), a possessive gives its possessor ("for Ukraine's
  energy sector": recipient Ukraine, purpose "energy sector"); "the fund" is the
  proper name it refers back to in its paragraph; an organisation named with its
  acronym in brackets goes by the acronym (SCHEMA: its common short name); an
  amount that sizes what it funds names it ("a $350 million Ghana Power
  Compact"); else the place the aid goes ("in Uganda", "in the Kharkiv region" →
  Kharkiv), kept as written ("Kyiv": the entity stage links places to their
  countries);
- a pledge that names no recipient takes the one named beside the nearest amount
  of its paragraph (before it, else after it), else the document's main
  beneficiary: the one named beside its amounts that the title repeats ("Aid for
  the People of Chad"), or one named beside most of them; a part ("This includes
  $X …") goes where its whole goes, unless the whole is a wider place that the
  part narrows ("Africa" → "in Uganda");
- any other "for" phrase or to-infinitive is the purpose;
- the period is read from the clause and resolved against the publication date
  (:func:`resolve_period`); in-kind items are read from the object of the cue
  ("three patrol boats": amount 3, currency None);
- the same pledger, amount and currency twice in one document is one pledge.

Cue words, exclusions, item nouns and publishers' governments are data, in
``pledge_cues.json`` beside this module.
"""

from __future__ import annotations

import dataclasses
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from kg.dates import month_end, month_interval, year_interval
from kg.facts.actors import ACTOR_ALIASES, ActorIndex, ActorRef, canonical_actor, clean_name
from kg.facts.money import NUMBER_WORDS, SCALES, Money, parse_money
from kg.records import Document, Pledge

CUES: dict[str, Any] = json.loads(
    (Path(__file__).with_name("pledge_cues.json")).read_text(encoding="utf-8")
)
COMMIT = frozenset(CUES["commit"])
COMMIT_NEEDS: dict[str, list[str]] = CUES["commit_needs_object"]
GIVE = frozenset(CUES["give"])
INCLUDE = frozenset(CUES["include"])
#: Unions asked for on every amount, built once.
GIVE_OR_COMMIT = GIVE | COMMIT
CUE_VERBS = GIVE_OR_COMMIT | INCLUDE
LEVERAGE = frozenset(CUES["leverage"])
EVENTS = frozenset(CUES["pledging_events"])
EVENT_VERBS = frozenset(CUES["event_verbs"])
NOUNS = frozenset(CUES["nouns"])
STRONG_NOUNS = NOUNS - frozenset(CUES["weak_nouns"])
INTENT = frozenset(CUES["intent"])
EXCLUDE_VERBS = frozenset(CUES["exclude_verbs"])
EXCLUDE_WORDS = frozenset(w for w in CUES["exclude_words"] if " " not in w)
EXCLUDE_PHRASES = tuple(w for w in CUES["exclude_words"] if " " in w)
LEGISLATION = frozenset(CUES["legislation_heads"])
EXCLUDE_SUBJECTS = frozenset(CUES["exclude_subjects"])
HOME_NOUNS = frozenset(CUES["home_nouns"])
NOT_GIVING = {verb: frozenset(parts) for verb, parts in CUES["not_giving"].items()}
ITEMS = frozenset(CUES["items"])
SPECIFIC_ITEMS = frozenset(CUES["specific_items"])
ITEM_MODIFIERS = frozenset(CUES["item_modifiers"])
EXCLUDE_AFTER = frozenset(CUES["exclude_after"])
EXCLUDE_ABOVE = frozenset(CUES["exclude_above"])
HOME_ACTORS: dict[str, str] = CUES["home_actors"]

#: Only a sentence with a digit or a scale word can state an amount of at least MIN_AMOUNT.
#: (The lookahead of first letters lets the regex engine skip the other characters fast.)
_SCALE_WORDS = [w for w in SCALES if len(w) > 2]
MONEY_HINT = re.compile(
    rf"(?=[\d{''.join(sorted({w[0] for w in _SCALE_WORDS}))}])"
    rf"(?:\d+|\b(?:{'|'.join(_SCALE_WORDS)})\b)",
    re.I,
)
#: String ids of item words as lemmas and lower-case forms ("tanks"), to find them fast.
ITEM_LEMMAS = numpy.array(sorted({get_string_id(w) for w in ITEMS}), dtype=numpy.uint64)
ITEM_FORMS = numpy.array(
    sorted({get_string_id(f) for w in ITEMS for f in (w, w + "s")}), dtype=numpy.uint64
)
#: A line this short that does not end like a sentence is a heading, not a statement of fact.
HEADING_WORDS = 20
SENTENCE_ENDS = (".", "!", "?", ":", ";", "”", '"', ")")
#: How far back (tokens before its sentence) "this support" looks for what it refers to.
ANTECEDENT_TOKENS = 80
#: How often a beneficiary must be named for the document to be about aid to it.
MAIN_RECIPIENT_MIN = 2
#: Smaller sums are ratios or prices ("match $1 for every $2"), not pledges.
MIN_AMOUNT = 1000
#: In ``commit_needs_object``: the verb counts with the amount itself as its object.
AMOUNT_OBJECT = "<amount>"
FORWARD_AUX = frozenset({"will", "shall", "'ll", "would", "going", "wo"})
PERFECT_AUX = frozenset({"has", "have", "had", "'s", "'ve"})
PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'re", "'s"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = frozenset(
    {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep", "pobj", "ccomp", "oprd", "dobj"}
)
#: Prepositions that name who gives or how, never the beneficiary.
GIVER_PREPS = frozenset({"from", "through", "by", "via", "under", "including", "plus", "with"})
#: Objects of "to" that are idioms, not beneficiaries ("to that end", "to date"), and
#: phrases that name another gift ("in addition to a $2 billion deposit to X").
NOT_BENEFICIARIES = frozenset({"end", "date", "extent", "degree", "total", "level", "addition"})
PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
FIRST_PERSON = frozenset({"we", "our", "us"})
#: Heads of common nouns that can name an actor ("the Department", "GCC partners").
ACTOR_HEADS = frozenset(CUES["actor_heads"])
#: Undertakings a pledge goes to: their owner is the beneficiary ("the replenishment of X").
UNDERTAKINGS = frozenset(CUES["undertakings"])
#: Cues after which "in X" names the company that receives the money ("invest in X").
INVEST = frozenset(CUES["invest"])
#: Nouns after which a proper noun names a place ("the Kharkiv region").
PLACE_NOUNS = frozenset(CUES["place_nouns"])
#: Participles that say whom an amount helps ("…, supporting Mongolia's plan").
AID_VERBS = frozenset(CUES["aid_verbs"])
#: "for X" names a beneficiary (a recipient) rather than a purpose when X is one of these.
BENEFICIARIES = ACTOR_HEADS | frozenset(CUES["beneficiaries"])
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august")
        + ("september", "october", "november", "december")
    )
}
_NUMBER = r"(\d+|" + "|".join(w for w in NUMBER_WORDS if len(w) > 2) + r")"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _interval(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


PeriodRule = Callable[[re.Match[str], date | None], str | None]


def _duration(m: re.Match[str], published: date | None) -> str | None:
    unit = "Y" if m["unit"].lower().startswith("year") else "M"
    n = _count(m["n"]) if m["n"] else 1
    return f"{published.isoformat()}/P{n}{unit}" if published else f"P{n}{unit}"


def _fiscal(m: re.Match[str], published: date | None) -> str | None:
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    return _interval(date(year - 1, 10, 1), date(year, 9, 30))


def _first_months(m: re.Match[str], published: date | None) -> str | None:
    year, n = int(m["y"]), _count(m["n"])
    return _interval(date(year, 1, 1), month_end(year, min(n, 12)))


def _quarter(m: re.Match[str], published: date | None) -> str | None:
    year, q = int(m["y"]), ("first", "second", "third", "fourth").index(m["q"].lower()) + 1
    return _interval(date(year, 3 * q - 2, 1), month_end(year, 3 * q))


def _month(m: re.Match[str], published: date | None) -> str | None:
    return month_interval(int(m["y"]), MONTHS[m["m"].lower()])


def _years(m: re.Match[str], published: date | None) -> str | None:
    return _interval(date(int(m["a"]), 1, 1), date(int(m["b"]), 12, 31))


def _year(m: re.Match[str], published: date | None) -> str | None:
    return year_interval(int(m["y"]))


def _by_year(m: re.Match[str], published: date | None) -> str | None:
    end = date(int(m["y"]), 12, 31)
    return _interval(published, end) if published and published < end else None


def _span_years(m: re.Match[str], published: date | None) -> str | None:
    return f"P{_count(m['n'])}Y"


#: Period phrases, tried in order; the first that matches the pledge clause wins.
PERIODS: tuple[tuple[re.Pattern[str], PeriodRule], ...] = (
    (
        re.compile(
            rf"\b(?:over|during|in|within) the (?:next|coming|following) (?:{_NUMBER} )?"
            r"(?P<unit>years?|months?)\b".replace(_NUMBER, f"(?P<n>{_NUMBER[1:-1]})"),
            re.I,
        ),
        _duration,
    ),
    (
        re.compile(
            rf"\bover (?P<n>{_NUMBER[1:-1]}) (?P<unit>years|months)\b",
            re.I,
        ),
        _duration,
    ),
    (re.compile(r"\b(?:fiscal year|FY)\s*(?:\(FY\)\s*)?(?P<y>\d{4}|\d{2})\b", re.I), _fiscal),
    (
        re.compile(rf"\bfirst (?P<n>{_NUMBER[1:-1]}) months of (?P<y>\d{{4}})\b", re.I),
        _first_months,
    ),
    (
        re.compile(r"\b(?P<q>first|second|third|fourth) quarter of (?P<y>\d{4})\b", re.I),
        _quarter,
    ),
    (re.compile(rf"\b(?P<m>{'|'.join(MONTHS)}) (?P<y>\d{{4}})\b", re.I), _month),
    (re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*[–—-]\s*(?P<b>(?:19|20)\d\d)\b"), _years),
    (re.compile(r"\b(?:by|until|through) (?P<y>(?:19|20)\d\d)\b"), _by_year),
    (re.compile(r"\b(?:in|for|during|throughout) (?P<y>(?:19|20)\d\d)\b", re.I), _year),
    (re.compile(rf"\b(?P<n>{_NUMBER[1:-1]})-year\b", re.I), _span_years),
)


def resolve_period(text: str, published: date | None) -> str | None:
    """The ISO 8601 interval a pledge clause states, resolved against ``published``.

    >>> resolve_period("over the next four years", date(2022, 4, 19))
    '2022-04-19/P4Y'
    >>> resolve_period("for fiscal year 2021", None)
    '2020-10-01/2021-09-30'
    >>> resolve_period("in the first three months of 2025", None)
    '2025-01-01/2025-03-31'
    >>> resolve_period("in 2022", None)
    '2022-01-01/2022-12-31'
    >>> resolve_period("a three-year pledge", None)
    'P3Y'
    """
    for pattern, rule in PERIODS:
        m = pattern.search(text)
        if m:
            return rule(m, published)
    return None


@dataclass(frozen=True)
class _Actor:
    name: str
    kind: str | None


@dataclass
class _State:
    """What one document has said so far: the latest pledger and actors, pledges kept."""

    last: _Actor | None = None
    whole: _Actor | None = None
    whole_recipient: _Actor | None = None
    keys: set[tuple[str, Decimal | None, str | None, str | None]] = field(default_factory=set)


class _Reader:
    """Reads the pledges of one parsed document."""

    def __init__(self, doc: Doc, document: Document, actors: ActorIndex) -> None:
        self.doc = doc
        self.document = document
        self.actors = actors
        self.state = _State()
        self.home = next(
            (actor for key, actor in HOME_ACTORS.items() if key in (document.source or "")),
            None,
        )
        title = document.title or ""
        self.body_start = len(title) if title and document.text.startswith(title) else 0
        self.main: _Actor | None = None
        #: (offset, beneficiary) named beside each amount of the document, pledge or not
        self.named: list[tuple[int, _Actor]] = []
        #: Parse readings asked for twice per amount (beside it, then pledged), by token index.
        self.governors: dict[int, tuple[Token | None, list[Token]]] = {}
        self.recipients: dict[tuple[int, int, int, bool], tuple[_Actor | None, str | None]] = {}

    # --- amounts -------------------------------------------------------------
    def pledges(self) -> Iterator[Pledge]:
        """Every distinct pledge, money first then in-kind, sentence by sentence."""
        amounts = list(self.amounts())
        self.named = [
            (span.start_char, actor)
            for _, found in amounts
            for span, _ in found
            if (actor := self.named_recipient(span)) is not None
        ]
        self.main = self.main_recipient()
        items = _item_candidates(self.doc)
        for sent, found in amounts:
            for span, money in found:
                pledge = self.money_pledge(sent, span, money)
                if pledge is not None:
                    pledge = self.joint(pledge, span, found)
                    for each in self.distributed(pledge, span):
                        if self.keep(each):
                            yield each
            if not items:
                continue
            here = items[bisect_left(items, sent.start) : bisect_left(items, sent.end)]
            if not here:
                continue
            for pledge in self.item_pledges(sent, here):
                if self.keep(pledge):
                    yield pledge

    def joint(self, pledge: Pledge, span: Span, found: list[tuple[Span, Money]]) -> Pledge:
        """A total its givers share ("$70 million, with $35 million from A and $35 million from B").

        The total's pledger is "A and B" when the later parts of its sentence, each from a
        named giver, add up to it.
        """
        givers: list[_Actor] = []
        total = Decimal(0)
        for part, money in found:
            if part.start <= span.start:
                continue
            np = _noun_phrase(part.root)
            giver = self.given_by(np, part, None)
            if giver is None or not any(p.lower_ == "from" for p in np.children):
                continue
            givers.append(giver)
            total += money.value
        names = list(dict.fromkeys(g.name for g in givers))
        if len(names) < 2 or total != pledge.amount:
            return pledge
        return dataclasses.replace(pledge, pledger=" and ".join(names), pledger_kind=None)

    def amounts(self) -> Iterator[tuple[Span, list[tuple[Span, Money]]]]:
        """Each body sentence with the amounts of money it states (headings left out)."""
        text = self.document.text
        hints = [m.start() for m in MONEY_HINT.finditer(text, self.body_start)]
        for sent in self.doc.sents:
            if sent.end_char <= self.body_start:
                continue
            found: list[tuple[Span, Money]] = []
            first = bisect_left(hints, sent.start_char)
            if first == len(hints) or hints[first] >= sent.end_char:
                yield sent, found
                continue
            for money in parse_money(text[sent.start_char : sent.end_char]):
                start, end = (sent.start_char + money.span[0], sent.start_char + money.span[1])
                if start < self.body_start or self.in_heading(start):
                    continue
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    found.append((span, money))
            yield sent, found

    def named_recipient(self, span: Span) -> _Actor | None:
        """The beneficiary named beside any amount, pledged or not ("$X to the Fund since 2002")."""
        np = _noun_phrase(span.root)
        verb, path = self.governor(np)
        cue_noun = next((t for t in [np, *path] if t.lemma_.lower() in STRONG_NOUNS), None)
        return self.recipient(np, verb, cue_noun)[0]

    def main_recipient(self) -> _Actor | None:
        """The document's main beneficiary, if it has one.

        That is the beneficiary named beside the document's amounts whose name the title
        repeats ("Aid for the People of Chad"), else one named beside at least
        :data:`MAIN_RECIPIENT_MIN` amounts and beside more than half of those naming one.
        """
        named = [a for _, a in self.named]
        counts = Counter(a.name.lower() for a in named)
        title = self.document.text[: self.body_start].lower()
        in_title = [n for n in counts if title and re.search(rf"\b{re.escape(n)}\b", title)]
        if in_title:
            best = max(in_title, key=lambda n: counts[n])
        elif counts:
            best, n = counts.most_common(1)[0]
            if n < MAIN_RECIPIENT_MIN or 2 * n <= len(named):
                return None
        else:
            return None
        return next(a for a in named if a.name.lower() == best)

    def paragraph(self, offset: int) -> int:
        """The offset where the paragraph holding ``offset`` starts."""
        return self.document.text.rfind("\n", 0, offset) + 1

    def context_recipient(self, offset: int) -> _Actor | None:
        """The beneficiary of a pledge that names none.

        The one named beside the latest amount before it in its paragraph, else beside
        the next one in the paragraph, else the document's main beneficiary.
        """
        paragraph = self.paragraph(offset)
        here = [(o, a) for o, a in self.named if self.paragraph(o) == paragraph and o != offset]
        before = [a for o, a in here if o < offset]
        after = [a for o, a in here if o > offset]
        if before or after:
            return (before[-1:] or after[:1])[0]
        return self.main

    def committed(
        self,
        np: Token,
        path: list[Token],
        verb: Token | None,
        kind: str | None,
        cue_noun: Token | None,
        given: _Actor | None,
    ) -> bool:
        """True when the amount is committed: by its cue verb, a pledge noun or a named giver."""
        if kind in ("commit", "give"):
            return True
        if kind == "include":  # "This includes $X": a part of the latest pledge
            return given is not None or self.state.whole is not None
        if kind == "past":  # "provided a new pledge of $X"
            return cue_noun is not None and _forward_noun(cue_noun)
        if kind == "leverage" and verb is not None:  # "a grant of $X will leverage $Y from B"
            if any(t.dep_ in SUBJECTS and t.head.i == verb.i for t in [np, *path]):
                return _forward(verb)
            return np.dep_ == "dobj" and given is not None
        if kind == "exclude":
            return False
        if cue_noun is not None and (
            verb is None or _forward_noun(cue_noun) or self.owner(cue_noun) is not None
        ):
            return True
        if given is not None:  # "$X from Japan", "Japan ($X)", "USAID's $X"
            return True
        # "another $10 million will support …", continuing the latest pledge
        return (
            np.dep_ == "nsubj"
            and verb is not None
            and _has_aux(verb, FORWARD_AUX)
            and self.state.last is not None
        )

    def pledger(
        self, verb: Token | None, kind: str | None, cue_noun: Token | None
    ) -> _Actor | None:
        """Who commits an amount no giver is named beside: owner, subject, publisher, context."""
        pledger = self.owner(cue_noun) if cue_noun is not None else None
        if pledger is None and verb is not None and kind == "leverage":
            pledger = self.program_actor(verb)
        if pledger is None and verb is not None and kind == "include":
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if subject is not None:  # "The Department's funding consists of $X"
                pledger = self.owner(subject) or self.actor(subject)
        elif pledger is None and verb is not None:
            pledger = self.subject_actor(verb)
        if pledger is None and verb is not None and verb.tag_ == "VBN" and self.home:
            pledger = _Actor(self.home, "country")  # "$X announced in March": the publisher's
        if pledger is None and kind == "include":
            pledger = self.state.whole
        if (
            pledger is not None
            and self.home
            and (pledger.name.split()[-1] in LEGISLATION or pledger.name in HOME_NOUNS)
        ):
            # a law spends its government's money; "the Administration" is the publisher's
            pledger = _Actor(self.home, "country")
        return pledger or self.state.last

    def pledging_event(self, np: Token, verb: Token | None) -> _Actor | None:
        """A pledging conference that raised the amount: its donors' pledges, counted so far.

        "The replenishment conference had raised $X to date" is a pledge by the
        conference, though "to date" would make any other amount a history.
        """
        if verb is None or verb.lemma_.lower() not in EVENT_VERBS or np.dep_ != "dobj":
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.lemma_.lower() not in EVENTS:
            return None
        named = self.antecedent_name(subject)
        if named is None and subject.pos_ != "PROPN":
            return None
        run = named if named is not None else _name_run(subject)
        return _Actor(_tidy(clean_name(run.text)), "organisation")

    def program_actor(self, verb: Token) -> _Actor | None:
        """The programme a subject amount is of ("A Digital Connect grant of $X", "$X under Y")."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None:
            return None
        names = [c for c in subject.children if c.dep_ == "compound"]
        names += [o for p in subject.children if p.lower_ == "under" for o in p.children]
        named = [t for t in names if t.pos_ == "PROPN"]
        return self.actor(named[0]) if named else None

    def whole_recipient(self, verb: Token | None) -> _Actor | None:
        """The recipient of the whole a part belongs to ("$X for Uganda, including $Y")."""
        if verb is not None and verb.dep_ == "prep":
            whole = _noun_phrase(verb.head)
            if whole.like_num or whole.tag_ == "$":
                outer, _ = _governor(whole)
                found, _ = self.recipient(whole, outer)
                if found is not None:
                    return found
        return self.state.whole_recipient

    def in_heading(self, offset: int) -> bool:
        """True inside a heading line: short, and not ended like a sentence."""
        text = self.document.text
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        line = text[start : len(text) if end == -1 else end].strip()
        return len(line.split()) <= HEADING_WORDS and not line.endswith(SENTENCE_ENDS)

    def keep(self, pledge: Pledge) -> bool:
        """Remember the pledge; False when the document already stated it."""
        key = (pledge.pledger.lower(), pledge.amount, pledge.currency, pledge.item)
        self.state.last = _Actor(pledge.pledger, pledge.pledger_kind)
        if key in self.state.keys:
            return False
        self.state.keys.add(key)
        return True

    def money_pledge(self, sent: Span, span: Span, money: Money) -> Pledge | None:
        """The pledge an amount states, or None when it states none."""
        if money.value < MIN_AMOUNT:
            return None
        np = _noun_phrase(span.root)
        verb, path = self.governor(np)
        event = self.pledging_event(np, verb)
        if event is None and _excluded(np, span, verb, path, sent):
            return None
        kind = "commit" if event else _verb_kind(verb) if verb is not None else None
        cue_noun = next((t for t in [np, *path] if t.lemma_.lower() in STRONG_NOUNS), None)
        given = event or self.given_by(np, span, verb)
        if given is None and cue_noun is not None:
            given = _currency_owner(span)  # "a total U.S. $6 billion pledge"
        if not self.committed(np, path, verb, kind, cue_noun, given):
            return None
        pledger = given or self.pledger(verb, kind, cue_noun)
        if pledger is None:
            return None
        if kind in ("commit", "give"):
            self.state.whole = pledger
        first, last = _clause(sent, np, verb, span)
        text_span = (first, last)
        clause = self.document.text[first:last]
        period = resolve_period(self.period_text(np, verb), self.document.published)
        if (
            period
            and kind not in ("give",)
            and not (verb is not None and _has_aux(verb, FORWARD_AUX))
            and _ends_before(period, self.document.published)
        ):
            return None
        part = kind == "include"
        recipient, purpose = self.recipient(np, verb, cue_noun, places=not part)
        if recipient is not None and recipient.name == pledger.name:
            recipient = None
        if recipient is None:  # "This support includes …": the support named before
            recipient = self.antecedent_recipient(verb)
        if kind in ("commit", "give"):
            self.state.whole_recipient = recipient
        elif part and recipient is None:
            # a part goes where the whole goes, even when it names a place ("in Gaza")
            whole = self.whole_recipient(verb) or self.context_recipient(span.start_char)
            place = self.recipient(np, verb, cue_noun)[0]
            # a place narrows a whole that is a wider place ("Africa" → "in Uganda"), not a
            # population or body ("the Rohingya people" → "in Bangladesh")
            wide = whole is None or whole.kind in ("place", "country")
            recipient = place if wide and place else whole
        if recipient is None:
            recipient = self.context_recipient(span.start_char)
        if recipient is not None and recipient.name == pledger.name:
            recipient = None
        return Pledge(
            doc=self.document.id,
            pledger=pledger.name,
            amount=money.value,
            currency=money.currency,
            text=clause,
            span=text_span,
            item=_item_of(np),
            recipient=recipient.name if recipient else None,
            period=period,
            amount_max=money.max_value,
            qualifier=money.qualifier,
            purpose=purpose,
            cue=_cue_text(verb, kind, cue_noun),
            pledger_kind=pledger.kind,
            recipient_kind=recipient.kind if recipient else None,
        )

    def distributed(self, pledge: Pledge, span: Span) -> list[Pledge]:
        """One pledge per giver when each gives the amount ("A and B will each provide $X")."""
        root = span.root
        verb, _ = self.governor(_noun_phrase(root))
        if verb is None:
            return [pledge]
        near = [*verb.children, *root.children, *self.doc[max(0, verb.i - 3) : verb.i]]
        if not any(c.lower_ == "each" for c in near):
            return [pledge]
        givers: list[Token] = []
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                break
            for child in tok.children:
                if child.dep_ in SUBJECTS:
                    child = self.past_heading(child, tok)
                    givers += [child, *(c for c in child.subtree if c.dep_ == "conj")]
                if child.dep_ == "prep" and child.lower_ == "with":
                    givers += [o for o in child.children if o.dep_ == "pobj"]
            if givers or tok.dep_ not in CLIMB:
                break
            tok = tok.head
        actors = [self.actor(g, single=True) for g in givers]
        named = [a for a in actors if a is not None]
        if len(named) < 2:
            return [pledge]
        return [dataclasses.replace(pledge, pledger=a.name, pledger_kind=a.kind) for a in named]

    # --- in-kind -------------------------------------------------------------
    def item_pledges(self, sent: Span, candidates: list[int]) -> Iterator[Pledge]:
        """In-kind pledges: "will deliver three patrol boats", "will provide air defence systems".

        ``candidates`` are the sentence's tokens that are item words. Without a count only
        specific items count (P2: "continued support" is no pledge).
        """
        for tok in (self.doc[i] for i in candidates):
            if tok.pos_ != "NOUN" or not _item_word(tok, ITEMS):
                continue
            if any(t.tag_ == "$" for t in tok.subtree):
                continue  # an amount of money in kind: the money pass reads it
            if tok.dep_ == "dobj":
                verb = tok.head
                kind = _verb_kind(verb) if verb.pos_ in ("VERB", "AUX") else None
                if kind not in ("commit", "give"):
                    continue
                pledger = self.subject_actor(verb)
            elif tok.dep_ == "pobj" and tok.head.lower_ == "of":
                noun = tok.head.head
                if noun.lemma_.lower() not in ("transfer", "delivery", "donation", "provision"):
                    continue
                verb = None
                pledger = self.owner(noun)
                if pledger is None:
                    gov, _ = _governor(noun)
                    pledger = self.subject_actor(gov) if gov is not None else None
            else:
                continue
            if pledger is None:
                continue
            count, item = _count_and_item(tok)
            if count is None and not _specific_item(tok):
                continue
            np = tok.head.head if verb is None else tok  # "the transfer of X to Y"
            first, last = _clause(sent, np, verb, tok.doc[tok.i : tok.i + 1])
            recipient, purpose = self.recipient(np, verb)
            if recipient is None:
                recipient = self.context_recipient(tok.idx)
            if recipient is not None and recipient.name == pledger.name:
                recipient = None
            yield Pledge(
                doc=self.document.id,
                pledger=pledger.name,
                amount=count,
                currency=None,
                text=self.document.text[first:last],
                span=(first, last),
                item=item,
                recipient=recipient.name if recipient else None,
                period=resolve_period(self.document.text[first:last], self.document.published),
                purpose=purpose,
                cue=verb.text if verb is not None else tok.head.head.text,
                pledger_kind=pledger.kind,
                recipient_kind=recipient.kind if recipient else None,
            )

    # --- actors --------------------------------------------------------------
    def given_by(self, np: Token, span: Span, verb: Token | None) -> _Actor | None:
        """The giver named beside the amount: "$X from Y", "Y ($X)", "Y's $X"."""
        preps = list(_preps(np))
        kind = _verb_kind(verb) if verb is not None else None
        if verb is not None and (kind is None or kind == "leverage" and np.dep_ == "dobj"):
            preps += [c for c in verb.children if c.dep_ == "prep"]
        # in an itemisation the channel is the part's giver ("includes … $X through USAID")
        froms = ("from", "through") if kind == "include" else ("from",)
        for prep in preps:
            if prep.lower_ in froms:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        actor = self.actor(obj)
                        if actor is not None:
                            return actor
        for prep in _preps(np):
            if prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and _possessive_after(obj):
                        return self.actor(obj)
        left = span.start - 1
        while left > 0 and self.doc[left].tag_ in ("JJ", "DT", ","):
            left -= 1
        if left > 0 and self.doc[left].tag_ == "POS":
            actor = self.actor(self.doc[left - 1])
            if actor is not None:
                return actor
        if span.start > 1 and self.doc[span.start - 1].text == "(":
            actor = self.actor(self.doc[span.start - 2])
            if actor is not None:
                return actor
        if np.dep_ == "appos" and np.head.pos_ == "PROPN":
            actor = self.actor(np.head)
            if actor is not None:
                return actor
        return self.owner(np)

    def owner(self, noun: Token) -> _Actor | None:
        """The possessor or agent of a noun: "X's pledge", "the decision by X"."""
        for child in noun.children:
            if child.i >= noun.i or child.tag_ == "$" or child.like_num:
                continue
            if child.dep_ == "poss" or _possessive_after(child):
                return self.actor(child)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self.actor(obj)
        nationals = [t for t in noun.lefts if t.ent_type_ == "NORP" and t.pos_ != "NOUN"]
        if nationals and noun.lemma_.lower() in STRONG_NOUNS:  # "a joint Saudi and Emirati deposit"
            first = nationals[0]
            words = [t for t in first.subtree if t.i >= first.i and t.i < noun.i]
            words = [t for t in words if not (t.like_num or t.tag_ == "$")]
            return _Actor(self.doc[words[0].i : words[-1].i + 1].text, "country")
        return None

    def antecedent_owner(self, noun: Token) -> _Actor | None:
        """The owner of what "this support" refers back to ("Saudi Arabia's support …")."""
        if not any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in noun.children):
            return None
        start = max(0, noun.sent.start - 80)
        for tok in reversed(self.doc[start : noun.i]):
            if tok.lemma_ == noun.lemma_ and tok.pos_ == "NOUN":
                possessors = [c for c in tok.children if c.dep_ == "poss" or _possessive_after(c)]
                if possessors:
                    return self.actor(possessors[0])
        return None

    def antecedent_recipient(self, verb: Token | None) -> _Actor | None:
        """The beneficiary of what "This support includes …" refers back to ("support for X")."""
        heads = [verb, verb.sent.root] if verb is not None else []
        subjects = [_subject_token(h) for h in heads if h.lemma_.lower() in INCLUDE]
        subject = next((t for t in subjects if t is not None), None)
        if subject is None or not any(
            c.dep_ == "det" and c.lower_ in ("this", "these") for c in subject.children
        ):
            return None
        start = max(0, subject.sent.start - ANTECEDENT_TOKENS)
        for tok in reversed(self.doc[start : subject.i]):
            if tok.lemma_ != subject.lemma_ or tok.pos_ != "NOUN":
                continue
            preps = list(tok.children)
            if tok.dep_ == "dobj":  # "welcomed its support to X": the parse may hang "to X" higher
                preps += [c for c in tok.head.children if c.i > tok.i]
            for prep in preps:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if prep.lower_ in ("for", "to") and pobj is not None:
                    target = self.aim(pobj)[0]
                    if target is not None:
                        return self.beneficiary(target)
        return None

    def subject_actor(self, verb: Token) -> _Actor | None:
        """The actor of ``verb``, climbing infinitives and conjuncts to their subject."""
        tok: Token | None = verb
        for _ in range(6):
            if tok is None:
                return None
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "on":
                    behalf = [c for c in prep.children if c.lower_ == "behalf"]
                    for b in behalf:
                        for of in b.children:
                            for obj in of.children:
                                if obj.dep_ == "pobj":
                                    return self.actor(obj)
            for child in tok.children:
                if child.dep_ == "agent":
                    for obj in child.children:
                        if not obj.like_num:
                            return self.actor(obj)
            here = tok
            subjects = [
                subject
                for subject in (
                    self.past_heading(c, here) for c in tok.children if c.dep_ in SUBJECTS
                )
                if _same_paragraph(subject, here)
            ]
            if subjects:
                subject = min(subjects, key=lambda c: abs(c.i - here.i))
                group = self.joined_group(tok, subject)
                if group is not None:
                    return group
                return self.actor(subject) or self.antecedent_owner(subject)
            if tok.i > 0 and tok.pos_ == "VERB" and tok.doc[tok.i - 1].pos_ == "PROPN":
                actor = self.actor(tok.doc[tok.i - 1])
                if actor is not None:
                    return actor
            if tok.pos_ in ("NOUN", "PROPN"):
                owner = self.owner(tok)
                if owner is not None:
                    return owner
            if tok.head.i == tok.i:
                return self.paragraph_actor(verb)
            if tok.dep_ not in CLIMB:
                return None
            tok = tok.head
        return None

    def joined_group(self, verb: Token, subject: Token) -> _Actor | None:
        """ "X joined 28 other donors in pledging $Y": the pledgers are X and the others."""
        if verb.lemma_.lower() != "join":
            return None
        others = next((c for c in verb.children if c.dep_ == "dobj"), None)
        actor = self.actor(subject)
        if others is None or actor is None:
            return None
        return _Actor(f"{actor.name} and {self.doc[others.left_edge.i : others.i + 1].text}", None)

    def past_heading(self, subject: Token, verb: Token) -> Token:
        """The subject proper when the parse took a run-in heading for it ("Title: X is …")."""
        if _same_paragraph(subject, verb):
            return subject
        body = _run_in_heading_end(verb)
        after = [c for c in subject.children if c.dep_ == "appos" and body <= c.i < verb.i]
        return after[0] if after else subject

    def paragraph_actor(self, verb: Token) -> _Actor | None:
        """The first actor named in ``verb``'s paragraph before it (the parse gave no subject)."""
        for tok in self.doc[_run_in_heading_end(verb) : verb.i]:
            if self.actors.at(tok.idx, tok.idx + len(tok.text)) is not None:
                return self.actor(tok)
        return None

    def actor(self, tok: Token, single: bool = False) -> _Actor | None:
        """The actor a token names, or None when it names none.

        With ``single``, "Norway and Sweden" gives Norway alone, not the pair.
        """
        low = tok.lower_
        if low in FIRST_PERSON and tok.tag_ in ("PRP", "PRP$"):
            return _Actor(self.home, "country") if self.home else None
        if low in PRONOUNS or tok.tag_ in ("PRP", "PRP$"):
            root = tok.sent.root
            subjects = [c for c in root.children if c.dep_ in SUBJECTS and c.i != tok.i]
            if subjects and subjects[0].tag_ not in ("PRP", "PRP$", "DT"):
                actor = self.actor(subjects[0])
                if actor is not None:
                    return actor
            return self.latest_actor(tok.idx, None)
        ref = self.ref(tok)
        if ref is not None and ref.kind == "person":
            return self.person_actor(tok, ref)
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if ref is not None and (single or not conj and tok.pos_ != "PROPN"):
            return _Actor(ref.name, ref.kind)
        if single and tok.pos_ == "PROPN":
            run = _name_run(tok, SINGLE_NAME_JOINERS).text
            return _Actor(_tidy(clean_name(run)), "organisation")
        if tok.pos_ not in ("PROPN", "NOUN") and ref is None:
            return None
        head = tok.lemma_.lower()
        if ref is None and tok.pos_ == "NOUN" and not {head, tok.lower_} & ACTOR_HEADS:
            holder = self.actors.holder_of(self.doc[tok.left_edge.i : tok.i + 1].text)
            if holder is not None:  # "the minister" → the person the article says holds the post
                return self.person_actor(tok, ActorRef(holder, "person"))
            return None
        words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")]
        start = max(min(t.i for t in tok.subtree), _paragraph_start(tok))
        end = _np_end(tok)
        name = re.sub(r"\b(and|&) the ", r"\1 ", clean_name(self.doc[start:end].text))
        name = _tidy(name)
        if not name or not words:
            return None
        if ref is None and len(name.split()) == 1 and head in ACTOR_HEADS:
            latest = self.latest_actor(tok.idx, head)  # "the Department" → the latest one named
            if latest is not None:
                return latest
        if tok.pos_ == "PROPN":
            span = _name_run(tok)
            while len(span) > 1 and (span[0].ent_type_ in ("DATE", "TIME") or span[0].is_punct):
                span = span[1:]  # "In October, Primergy Solar announced …"
            run = clean_name(span.text)
            name = run if len(run) > len(name) else name
        if ref is not None and (len(ref.name) >= len(name) or ref.name not in name):
            return _Actor(ref.name, ref.kind)
        kind = ref.kind if ref is not None else "organisation"
        return _Actor(name, kind)

    def ref(self, tok: Token) -> ActorRef | None:
        """The actor the index has at ``tok``, unless a parse joined it across paragraphs."""
        ref = self.actors.at(tok.idx, tok.idx + len(tok.text))
        return None if ref is not None and "\n" in ref.name else ref

    def person_actor(self, tok: Token, ref: ActorRef) -> _Actor:
        """The country a person acts for: one named in their title, else the publisher's."""
        for t in tok.doc[max(0, tok.i - 6) : tok.i]:
            near = self.actors.at(t.idx, t.idx + len(t.text))
            if near is not None and near.kind == "country" and t.head.i >= tok.i:
                return _Actor(near.name, "country")
        if self.home:
            return _Actor(self.home, "country")
        return _Actor(ref.name, "person")

    def latest_actor(self, before: int, head: str | None) -> _Actor | None:
        """The latest organisation or country named before ``before`` (whose name has ``head``)."""
        best = None
        for mention in self.actors.mentions:
            if mention.span[0] >= before or mention.kind == "person":
                continue
            if head is not None and head not in mention.canonical.lower():
                continue
            best = mention
        if best is not None:
            return _Actor(best.canonical, best.kind)
        if head is None and self.state.last is not None:
            return self.state.last
        return None

    def governor(self, np: Token) -> tuple[Token | None, list[Token]]:
        """:func:`_governor` of ``np``, read once per document."""
        if np.i not in self.governors:
            self.governors[np.i] = _governor(np)
        return self.governors[np.i]

    # --- recipient, purpose, period ------------------------------------------
    def recipient(
        self, np: Token, verb: Token | None, cue_noun: Token | None = None, places: bool = True
    ) -> tuple[_Actor | None, str | None]:
        """The beneficiary and the purpose of a pledge (see :meth:`read_recipient`), read once."""
        key = (
            np.i,
            -1 if verb is None else verb.i,
            -1 if cue_noun is None else cue_noun.i,
            places,
        )
        if key not in self.recipients:
            self.recipients[key] = self.read_recipient(np, verb, cue_noun, places)
        return self.recipients[key]

    def read_recipient(
        self, np: Token, verb: Token | None, cue_noun: Token | None, places: bool
    ) -> tuple[_Actor | None, str | None]:
        """The beneficiary and the purpose of a pledge.

        The beneficiary is the object of "to", "for" (when it names one), "in support
        of/to", "invest in" (a company), or of "to support/help X"; an undertaking
        ("the replenishment of X", "X's energy sector") gives its owner; else, with
        ``places``, the place the aid goes ("in Uganda"). The purpose is the first other
        "for" phrase or to-infinitive.
        """
        found: _Actor | None = None
        purpose: str | None = None
        where: list[Token] = []
        preps = [p for p in _preps(np) if p.lower_ not in GIVER_PREPS]
        heads = [cue_noun, verb]
        if verb is not None:  # "increase its contribution toward X by $Y"
            heads += [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in NOUNS]
        invest = any(h is not None and h.lemma_.lower() in INVEST for h in [np, *heads])
        for head in heads:
            if head is not None and head.i != np.i:
                preps += [
                    c
                    for c in head.children
                    if c.dep_ in ("prep", "dative") and c.lower_ not in GIVER_PREPS
                ]
        for prep in preps:
            word = prep.lower_
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() in NOT_BENEFICIARIES:
                continue
            if word == "in" and obj.lower_ == "support":
                inner = [o for p in obj.children if p.dep_ == "prep" for o in p.children]
                if inner and found is None:
                    found = self.beneficiary(inner[0])
                continue
            if word == "in" and invest and found is None and _names_company(obj):
                found = self.beneficiary(obj)  # "invest $X of equity in Solaria Holdings"
                continue
            if word in ("to", "toward", "towards", "for"):
                target, aim = self.aim(obj)
                if found is None and target is not None:
                    found = self.beneficiary(target)
                if purpose is None and aim is not None:
                    purpose = aim
            if word in ("for", "in", "to"):
                where += _places(obj)
        for clause in _infinitives(np, verb):
            if purpose is None:
                purpose = self.doc[clause.left_edge.i : clause.right_edge.i + 1].text
            for obj in clause.children:
                if obj.dep_ not in ("dobj", "nsubj") or found is not None:
                    continue
                owner = next(
                    (o for p in obj.children if p.lower_ == "of" for o in p.children),
                    None,
                )
                if not _names_beneficiary(obj) and owner is not None and owner.pos_ == "PROPN":
                    obj = owner  # "to support the replenishment of the Global Fund"
                target = obj if _names_beneficiary(obj) else self.aim(obj)[0]
                if target is not None:  # "supporting Mongolia's plan to …"
                    found = self.beneficiary(target)
            for prep in clause.subtree if found is None else ():
                # "to guarantee loans by a bank for Nordtel's purchase of …"
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if prep.dep_ == "prep" and prep.lower_ == "for" and pobj is not None:
                    owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                    if owner is not None and owner.pos_ == "PROPN" and found is None:
                        found = self.beneficiary(owner)
            where += _places(clause)
        if found is None and _names_company(np) and np.ent_type_ != "MONEY":
            found = self.beneficiary(np)  # the amount is the size of what it funds
        if found is None and where and places:
            found = self.beneficiary(where[0])
        return found, purpose

    def aim(self, obj: Token) -> tuple[Token | None, str | None]:
        """What a "to/for" object names: (the beneficiary's token, the purpose's words).

        "the establishment of the fund" → the fund; "Ukraine's energy sector" →
        Ukraine, "energy sector"; "development projects" → no beneficiary, a purpose.
        """
        lemma = obj.lemma_.lower()
        if lemma in UNDERTAKINGS or obj.lower_ in UNDERTAKINGS:
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            if owner is None:
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if owner is not None and owner.tag_ not in ("PRP$", "PRP"):
                named = [owner, *(c for c in owner.children if c.dep_ == "conj")]
                if any(_names_beneficiary(t) for t in named):  # "of the new health fund"
                    return owner, None
            return None, self.doc[obj.left_edge.i : obj.right_edge.i + 1].text
        if obj.pos_ == "NOUN" and obj.lower_ not in BENEFICIARIES:
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            if owner is not None and (owner.pos_ == "PROPN" or owner.ent_type_):
                after = max(t.i for t in owner.subtree) + 1  # past the "'s"
                return owner, self.doc[after : _np_end(obj)].text
        if _names_beneficiary(obj) or (obj.ent_type_ and not obj.like_num):
            return obj, None
        if obj.like_num or obj.tag_ == "$":
            return None, None
        return None, self.doc[obj.left_edge.i : obj.right_edge.i + 1].text

    def beneficiary(self, tok: Token) -> _Actor | None:
        """The actor or population a token names as receiving aid."""
        if tok.lemma_.lower() in NOT_BENEFICIARIES:
            return None
        short = _acronym_after(tok)
        if short is not None:  # SCHEMA: an organisation goes by its common short name
            return _Actor(short, "organisation")
        ref = self.ref(tok)
        owned = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        if tok.pos_ == "PROPN" and owned:  # "IDB's Grant Facility" → "IDB Grant Facility"
            run = _name_run(self.doc[owned[0].i : tok.i + 1].root)
            name = re.sub(r"\s*['’]s\b", "", self.doc[owned[0].left_edge.i : run.end].text)
            return _Actor(_tidy(clean_name(name)), "organisation")
        if ref is not None and ref.kind != "person":
            if tok.pos_ == "PROPN" and any(c.dep_ == "conj" for c in tok.children):
                return _Actor(_tidy(clean_name(_name_run(tok).text)), ref.kind)  # "A and B"
            return _Actor(ref.name, ref.kind)
        if tok.pos_ not in ("NOUN", "PROPN") or tok.like_num:
            return None
        named = self.antecedent_name(tok)
        if named is not None:
            return _Actor(_tidy(clean_name(named.text)), "organisation")
        if tok.pos_ == "PROPN":
            name = clean_name(_name_run(tok).text)
        else:
            name = clean_name(self.doc[tok.left_edge.i : _np_end(tok, coordinated=True)].text)
        name = re.sub(r"^(?:an?|some) ", "", _tidy(name))
        kind = "organisation" if tok.pos_ == "PROPN" else None
        if (
            tok.ent_type_ in ("GPE", "LOC")
            or tok.dep_ == "compound"
            and tok.head.lower_ in PLACE_NOUNS
        ):
            kind = "place"
        return _Actor(name, kind) if name else None

    def antecedent_name(self, tok: Token) -> Span | None:
        """The proper name "the fund" refers back to in its paragraph ("… Fund for Nature")."""
        if tok.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
        ):
            return None
        start = self.doc.char_span(self.paragraph(tok.idx), tok.idx, alignment_mode="expand")
        for cand in reversed(start or ()):
            if cand.pos_ == "PROPN" and cand.lower_ == tok.lower_:
                return _name_run(cand)
        return None

    def period_text(self, np: Token, verb: Token | None) -> str:
        parts = [self.doc[np.left_edge.i : np.right_edge.i + 1].text]
        if verb is not None:
            for child in verb.children:
                if child.dep_ in ("prep", "npadvmod", "advmod") and not any(
                    t.tag_ == "$" for t in child.subtree
                ):
                    parts.append(self.doc[child.left_edge.i : child.right_edge.i + 1].text)
        return " | ".join(parts)


def _same_paragraph(a: Token, b: Token) -> bool:
    """True when no paragraph break or run-in heading ("Solar Development: …") separates them."""
    lo, hi = sorted((a.i, b.i))
    if any("\n" in t.text for t in a.doc[lo:hi] if t.is_space):
        return False
    return _run_in_heading_end(a.doc[hi]) <= lo


def _run_in_heading_end(tok: Token) -> int:
    """Index just after a run-in heading ("Title Words: ") that starts ``tok``'s paragraph."""
    doc = tok.doc
    floor = tok.sent.start
    start, colon = tok.i, -1
    while start > floor:  # one walk back: the paragraph's start and its first colon
        prev = doc[start - 1]
        if "\n" in prev.text:
            break
        if prev.text == ":":
            colon = start - 1
        start -= 1
    if colon < 0:
        return start
    head = doc[start:colon]
    if all(t.pos_ in ("PROPN", "ADP", "CCONJ", "DET", "PUNCT", "NOUN") for t in head):
        return colon + 1
    return start


def _noun_phrase(root: Token) -> Token:
    """The head noun an amount modifies ("a $52 million loan" → loan)."""
    tok = root
    while tok.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod") and tok.head.i != tok.i:
        if tok.head.pos_ not in ("NOUN", "PROPN", "NUM"):
            break
        tok = tok.head
    return tok


def _governor(np: Token) -> tuple[Token | None, list[Token]]:
    """The verb governing a noun phrase and the nouns passed on the way up.

    A cue in a clause modifying the amount ("$X announced in March", "funds that
    USAID plans to use") governs it unless the verb above is a cue itself.
    """
    path: list[Token] = []
    head: Token | None = None
    tok = np
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            head = tok
            break
        path.append(tok)
    if head is not None and _verb_kind(head) in ("commit", "give", "include"):
        return head, path
    if head is not None and path and path[0].lower_ in ("with", "including"):
        # "providing $1 billion to address X, with $50 million for Egypt": a part of the gift
        upper = head
        while upper.dep_ in ("advcl", "xcomp", "conj") and upper.head.i != upper.i:
            upper = upper.head
            if _verb_kind(upper) in ("commit", "give"):
                return upper, path
    nouns = [np, *(o for p in _preps(np) for o in p.children if o.dep_ == "pobj")]
    for child in (c for n in nouns for c in n.children):
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            lemma = child.lemma_.lower()
            if (lemma in COMMIT or lemma in GIVE) and child.tag_ == "VBN":
                return child, []
            for xcomp in child.children:
                if lemma in INTENT and xcomp.dep_ == "xcomp" and xcomp.lemma_.lower() in GIVE:
                    return xcomp, []
    return head, path


def _has_aux(verb: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in verb.children)


def _forward(verb: Token) -> bool:
    """True when a giving verb speaks of now or the future (will provide, is providing)."""
    if _has_aux(verb, FORWARD_AUX):
        return True
    if _has_aux(verb, PERFECT_AUX):
        return False
    if verb.tag_ == "VBG":
        if _has_aux(verb, PROGRESSIVE_AUX) or any(c.dep_ in SUBJECTS for c in verb.children):
            return True
        # A bare gerund takes the time of the clause it hangs from ("have included: Loaning $X").
        head = verb.head
        if head.i == verb.i:
            return False
        return not (
            head.pos_ in ("VERB", "AUX")
            and (_has_aux(head, PERFECT_AUX) or head.tag_ in ("VBD", "VBN"))
        )
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    if verb.tag_ == "VB":
        head = verb.head
        if head.i == verb.i or head.lemma_.lower() in INTENT or head.lemma_.lower() in NOUNS:
            return True
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in GIVE_OR_COMMIT:
            return _forward(head) or head.lemma_.lower() in COMMIT
        return head.tag_ not in ("VBD", "VBN")
    return False


def _forward_noun(noun: Token) -> bool:
    return any(c.lower_ in ("new", "additional") for c in noun.children)


def _verb_kind(verb: Token) -> str | None:
    """commit, give (forward-looking), past (gift made), include, leverage, exclude or None."""
    lemma = verb.lemma_.lower()
    if lemma in LEVERAGE:
        return "leverage"
    if lemma in EXCLUDE_VERBS:
        return "exclude"
    if lemma in INCLUDE:
        return "include"
    if lemma in COMMIT:
        needs = COMMIT_NEEDS.get(lemma)
        if needs is None:
            return "commit"
        objects = [c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "prt", "oprd")]
        objects += [c.lemma_.lower() for c in verb.children if c.dep_ in ("acomp", "ccomp")]
        if any(o in needs or o in NOUNS for o in objects):
            return "commit"
        money_object = any(
            c.dep_ == "dobj" and (c.like_num or c.tag_ == "$") for c in verb.children
        )
        if AMOUNT_OBJECT in needs and money_object:
            return "commit"
        return None
    if lemma in GIVE:
        parts = NOT_GIVING.get(lemma)
        if parts and any(c.dep_ == "prt" and c.lower_ in parts for c in verb.children):
            return None  # "give up the weapons": a surrender, not a gift
        if verb.tag_ == "VBN" and verb.dep_ == "acl" and not _has_aux(verb, PERFECT_AUX):
            return None  # "a compact supported with $X from Y" describes, it does not date
        return "give" if _forward(verb) else "past"
    return None


def _excluded(np: Token, span: Span, verb: Token | None, path: list[Token], sent: Span) -> bool:
    """True when the amount (in sentence ``sent``) is a history, a request, a trade figure or a
    writer's sum."""
    near = [t.lower_ for t in np.subtree if t.i < span.end] + [
        t.lower_ for t in span.doc[max(sent.start, span.start - 3) : span.start]
    ]
    if not EXCLUDE_WORDS.isdisjoint(near):
        return True
    if (
        verb is not None
        and verb.lemma_.lower() in CUE_VERBS
        and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in EXCLUDE_SUBJECTS
            for c in verb.children
        )
    ):
        return True  # "The Budget provides $X": a request to the legislature
    after = span.doc[span.end : min(sent.end, span.end + 12)]
    if any(t.lemma_.lower() in EXCLUDE_AFTER and t.pos_ == "VERB" for t in after):
        return True
    nouns = [np, *(o for p in _preps(np) for o in p.children if o.dep_ == "pobj")]
    if any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() in EXCLUDE_VERBS
        for n in nouns
        for c in n.children
    ):
        return True
    if verb is not None and verb.dep_ == "prep" and verb.lemma_.lower() in INCLUDE:
        # "…, including $X": a part of an amount that is itself excluded
        whole = _noun_phrase(verb.head)
        if whole.like_num or whole.tag_ == "$":
            outer, outer_path = _governor(whole)
            whole_span = whole.doc[whole.i : whole.i + 1]
            if _excluded(whole, whole_span, outer, outer_path, whole_span.sent):
                return True
            if outer is not None and _verb_kind(outer) == "past":
                return True
    if path and path[0].lower_ == "from":
        return True  # "raised its pledge to $X from $Y": the earlier level
    for tok in path:
        lemma = tok.lemma_.lower()
        if lemma in STRONG_NOUNS:
            break
        if lemma in EXCLUDE_WORDS or lemma in EXCLUDE_VERBS or lemma in EXCLUDE_ABOVE:
            return True
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ in ("prep", "advmod", "npadvmod", "advcl"):
            words = span.doc[child.left_edge.i : child.right_edge.i + 1].text.lower()
            if child.lower_ == "since" and (
                _has_aux(verb, PERFECT_AUX) or any(t.like_num for t in child.subtree)
            ):
                return True
            if child.lower_ == "already" or any(words.startswith(p) for p in EXCLUDE_PHRASES):
                return True
    return False


def _preps(tok: Token) -> Iterator[Token]:
    """Prepositions hanging off a noun phrase, through "in assistance" to "from USAID"."""
    stack = [tok]
    while stack:
        cur = stack.pop(0)
        for child in cur.children:
            if child.dep_ == "prep" and child.lower_ not in ("including", "plus"):
                yield child
                if child.lower_ not in GIVER_PREPS:
                    stack.extend(o for o in child.children if o.dep_ == "pobj" and not o.like_num)
                    # "in new X and near to long term Y assistance for Z"
                    stack.extend(o for o in child.children if o.dep_ == "conj")


def _infinitives(np: Token, verb: Token | None) -> Iterator[Token]:
    """Clauses saying what the amount is for ("to support X", "to help X", "supporting X")."""
    heads = [np, *(o for p in _preps(np) for o in p.children if o.dep_ == "pobj")]
    if verb is not None:
        heads.append(verb)
    for head in heads:
        for child in head.children:
            infinitive = child.dep_ in ("advcl", "relcl", "acl", "xcomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            )
            participle = (  # "…, supporting Mongolia's plan to …"
                head is verb
                and child.dep_ in ("advcl", "xcomp")
                and child.tag_ == "VBG"
                and child.lemma_.lower() in AID_VERBS
            )
            if infinitive or participle:
                yield child


def _item_candidates(doc: Doc) -> list[int]:
    """Indices of the nouns that may be item nouns, found on the arrays, not token by token."""
    if not len(doc):
        return []
    words = doc.to_array([POS, LEMMA, LOWER])
    nouns = numpy.flatnonzero(words[:, 0] == NOUN)
    hit = _among(words[nouns, 1], ITEM_LEMMAS) | _among(words[nouns, 2], ITEM_FORMS)
    return [int(i) for i in nouns[hit]]


def _among(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """Which ``values`` are in the sorted array ``ids`` (``numpy.isin`` without its set-up cost).

    >>> _among(numpy.array([3, 4, 9]), numpy.array([1, 3, 9])).tolist()
    [True, False, True]
    """
    return ids.take(ids.searchsorted(values), mode="clip") == values


def _paragraph_start(tok: Token) -> int:
    """Index of the first token of ``tok``'s paragraph (a parse may join a title to it)."""
    i, floor = tok.i, tok.sent.start
    while i > floor and "\n" not in tok.doc[i - 1].text:
        i -= 1
    return i


def _places(tok: Token) -> list[Token]:
    """Countries and regions named under ``tok`` ("in Uganda", "help Ukraine"), in order.

    Phrases naming another giver or a part ("from X", "with $50 million for Egypt")
    are not searched.
    """
    found: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        region = cur.dep_ == "compound" and cur.head.lower_ in PLACE_NOUNS  # "the Kharkiv region"
        if cur.pos_ == "PROPN" and (cur.ent_type_ in ("GPE", "LOC") or region):
            found.append(cur)
        stack.extend(
            c
            for c in cur.children
            if not (c.dep_ == "prep" and c.lower_ in GIVER_PREPS)
            and not (c.like_num and c.i != tok.i)
        )
    return sorted(found, key=lambda t: t.i)


def _np_end(tok: Token, coordinated: bool = False) -> int:
    """End (exclusive token index) of a noun phrase: its head plus "of" phrases and names."""
    end = tok.i + 1
    for child in tok.rights:
        modifier = child.dep_ in ("compound", "amod", "nummod", "flat")
        of_phrase = child.dep_ == "prep" and (
            child.lower_ == "of"
            or child.lower_ == "at"  # "the fund at the World Bank"
            and any(o.pos_ == "PROPN" for o in child.children)
        )
        coordinate = child.dep_ in ("cc", "conj") and (
            coordinated or child.pos_ in ("PROPN", "CCONJ")
        )
        if modifier or of_phrase or coordinate:
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return end


#: Words that join the parts of one proper name ("Bureau of Population, Refugees, and Migration").
NAME_JOINERS = frozenset({"of", "for", "and", "&", "’s", "'s", ",", "-"})


SINGLE_NAME_JOINERS = frozenset({"of", "for", "’s", "'s", "-"})


def _name_run(tok: Token, joiners: frozenset[str] = NAME_JOINERS) -> Span:
    """The proper name around ``tok``: proper nouns and the joiners between them."""
    doc = tok.doc

    def extend(i: int, step: int) -> int:
        edge = i
        j = i + step
        while 0 <= j < len(doc):
            if doc[j].pos_ == "PROPN" and doc[j].tag_ != "$":
                edge = j
            elif doc[j].lower_ not in joiners:
                break
            j += step
        return edge

    return doc[extend(tok.i, -1) : extend(tok.i, 1) + 1]


#: Words inside a long proper name before its acronym ("Agency for Refugees in the Near East").
LONG_NAME_GLUE = NAME_JOINERS | frozenset({"in", "the", "on", "to"})
LONG_NAME_TOKENS = 16


def _acronym_after(tok: Token) -> str | None:
    """The acronym given in brackets right after the proper name ``tok`` is in, if any."""
    if tok.pos_ != "PROPN":
        return None
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + LONG_NAME_TOKENS, tok.sent.end - 2)):
        word = doc[j]
        if word.text == "(":
            short, close = doc[j + 1], doc[j + 2]
            if close.text == ")" and short.text.isupper() and short.is_alpha and len(short) > 1:
                return str(short.text)
            return None
        if not (word.pos_ == "PROPN" or word.lower_ in LONG_NAME_GLUE):
            return None
    return None


def _currency_owner(span: Span) -> _Actor | None:
    """The country a currency prefix names when it also owns the money ("U.S. $6 billion")."""
    m = re.match(r"([A-Z][A-Za-z.]+)\s?\$", span.text)
    if m is None:
        return None
    name = canonical_actor(m[1])
    return _Actor(name, "country") if name in ACTOR_ALIASES.values() else None


def _possessive_after(tok: Token) -> bool:
    nxt = tok.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].lower_ in ("’", "'", "'s", "’s")


def _names_company(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        and tok.ent_type_ not in ("GPE", "LOC", "NORP")
        and tok.lemma_.lower() not in NOUNS
    )


def _names_beneficiary(tok: Token) -> bool:
    if tok.ent_type_ in ("GPE", "ORG", "NORP", "LOC") or tok.pos_ == "PROPN":
        return True
    return tok.lemma_.lower() in BENEFICIARIES or tok.lower_ in BENEFICIARIES


def _clause(sent: Span, np: Token, verb: Token | None, span: Span) -> tuple[int, int]:
    """Character offsets of the shortest clause stating the pledge."""
    doc = sent.doc
    first = min(np.left_edge.i, span.start)
    last = max(span.end, _clause_end(np))
    if verb is not None and sent.start <= verb.i < sent.end:
        subject = _subject_token(verb)
        first = min(first, verb.i)
        if subject is not None and _same_paragraph(subject, verb):
            first = min(first, subject.left_edge.i)
        if verb.i > np.i:
            last = max(last, verb.i + 1)
        for child in verb.rights:  # "… €20 billion in support to Ukraine in 2025"
            if child.i > np.i and child.dep_ in ("prep", "dative") and child.left_edge.i == last:
                stop = next(
                    (t.i for t in doc[child.i : child.right_edge.i + 1] if t.text in ",;("),
                    child.right_edge.i + 1,
                )
                last = stop
                if stop <= child.right_edge.i:
                    break  # the rest is an aside ("…, which provides …")
    first, last = max(first, sent.start), min(last, sent.end)
    while last - 1 > first and doc[last - 1].is_punct:
        last -= 1
    return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)


def _subject_token(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verbs it is the infinitive or conjunct of."""
    tok = verb
    for _ in range(4):
        subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _clause_end(np: Token) -> int:
    end = np.i + 1
    for child in np.rights:
        if child.dep_ in ("cc", "conj", "punct", "relcl", "appos"):
            break
        end = child.right_edge.i + 1
    return end


def _item_of(np: Token) -> str | None:
    for prep in np.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ITEMS:
                    return np.doc[obj.left_edge.i : obj.i + 1].text
    return None


def _item_word(tok: Token, words: frozenset[str]) -> bool:
    """True when the noun is one of ``words`` (singular), even if the lemmatiser slips."""
    return bool({tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")} & words)


def _specific_item(tok: Token) -> bool:
    """An item concrete enough to pledge without a count ("air defence systems", "howitzers")."""
    if _item_word(tok, SPECIFIC_ITEMS):
        return True
    return any(t.lower_ in ITEM_MODIFIERS for t in tok.lefts if t.dep_ in ("compound", "amod"))


def _count_and_item(tok: Token) -> tuple[Decimal | None, str]:
    """The count and the item of an in-kind pledge ("three patrol boats" → 3, "patrol boats")."""
    left = [t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("det", "poss", "case")]
    count: Decimal | None = None
    start = min((t.i for t in left if not t.is_punct), default=tok.i)
    nummods = [t for t in left if t.dep_ == "nummod"]
    if nummods:
        digits = [t for t in nummods[0].subtree if t.like_num]
        count = Decimal(1)
        for t in digits:
            factor = SCALES.get(t.lower_) or NUMBER_WORDS.get(t.lower_)
            try:
                count *= Decimal(factor) if factor else Decimal(t.text.replace(",", ""))
            except ArithmeticError:
                return None, tok.text
        start = max(t.i for t in nummods[0].subtree) + 1
    conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    end = max([c.right_edge.i for c in conj], default=tok.i) + 1  # "howitzers and ammunition"
    return count, tok.doc[start:end].text


def _tidy(name: str) -> str:
    """A name without a trailing parenthetical ("Agency (USAID)" → "Agency")."""
    return re.sub(r"\s*\([^)]*\)?$", "", name).strip()


def _cue_text(verb: Token | None, kind: str | None, cue_noun: Token | None) -> str | None:
    """The word that states the commitment: the cue verb, else the cue noun ("pledge")."""
    if verb is not None and (kind in ("commit", "give", "include") or cue_noun is None):
        return str(verb.text)
    return str(cue_noun.text) if cue_noun is not None else None


def _ends_before(period: str, published: date | None) -> bool:
    """True when an interval ended before the publication year (an earlier year's allocation)."""
    if published is None or "/" not in period:
        return False
    end = period.split("/")[1]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", end):
        return False
    return date.fromisoformat(end).year < published.year


def extract_pledges(doc: Doc, document: Document, actors: ActorIndex) -> list[Pledge]:
    """Every pledge of money or material in one parsed document.

    Args:
        doc: the spaCy parse of ``document.text``.
        document: the article (its ``published`` date resolves relative periods).
        actors: the document's actors, for canonical pledger and recipient names.

    Returns:
        One :class:`~kg.records.Pledge` per distinct pledge, in text order.
    """
    return list(_Reader(doc, document, actors).pledges())
