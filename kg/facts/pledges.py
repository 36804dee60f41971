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
- the pledger is "from X", "X ($Y)", "X's $Y", "X's pledge", or the subject of the
  cue (climbing "intends to provide" to its subject); pronouns and "the
  Department" resolve to the latest matching actor, "we" to the publisher's
  government, a person to the country named beside them or the publisher's
  government (P4: whose resources they are);
- the recipient is the object of "to", "for" (when it names a beneficiary),
  "in support of"; any other "for" phrase is the purpose.

Cue words, exclusions, item nouns and publishers' governments are data, in
``pledge_cues.json`` beside this module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.facts.actors import ActorIndex, ActorRef, clean_name
from kg.facts.money import NUMBER_WORDS, SCALES, Money, parse_money
from kg.records import Document, Pledge

CUES: dict[str, Any] = json.loads(
    (Path(__file__).with_name("pledge_cues.json")).read_text(encoding="utf-8")
)
COMMIT = frozenset(CUES["commit"])
COMMIT_NEEDS: dict[str, list[str]] = CUES["commit_needs_object"]
GIVE = frozenset(CUES["give"])
INCLUDE = frozenset(CUES["include"])
NOUNS = frozenset(CUES["nouns"])
STRONG_NOUNS = NOUNS - frozenset(CUES["weak_nouns"])
INTENT = frozenset(CUES["intent"])
EXCLUDE_VERBS = frozenset(CUES["exclude_verbs"])
EXCLUDE_WORDS = frozenset(w for w in CUES["exclude_words"] if " " not in w)
EXCLUDE_PHRASES = tuple(w for w in CUES["exclude_words"] if " " in w)
ITEMS = frozenset(CUES["items"])
HOME_ACTORS: dict[str, str] = CUES["home_actors"]

FORWARD_AUX = frozenset({"will", "shall", "'ll", "would", "going", "wo"})
PERFECT_AUX = frozenset({"has", "have", "had", "'s", "'ve"})
PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'re", "'s"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = frozenset({"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep", "ccomp", "oprd"})
PRONOUNS = {"it": "last", "its": "last", "they": "last", "their": "last", "them": "last"}
FIRST_PERSON = frozenset({"we", "our", "us"})
#: Heads of common nouns that can name an actor ("the Department", "GCC partners").
ACTOR_HEADS = frozenset(
    "department agency government administration bank fund corporation ministry partners "
    "donors countries members states nations leaders union commission council group "
    "organization organisation office bureau companies institutions allies coalition "
    "foundation ministries governments".split()
)
#: "for X" names a beneficiary (a recipient) rather than a purpose when X is one of these.
BENEFICIARIES = ACTOR_HEADS | frozenset(
    "people refugees migrants communities population populations victims families "
    "children women farmers survivors returnees residents civilians country region "
    "initiative facility programme program project projects network compact".split()
)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
_NUMBER = r"(\d+|" + "|".join(w for w in NUMBER_WORDS if len(w) > 2) + r")"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _year_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


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
    return _interval(date(year, 1, 1), _year_end(year, min(n, 12)))


def _quarter(m: re.Match[str], published: date | None) -> str | None:
    year, q = int(m["y"]), ("first", "second", "third", "fourth").index(m["q"].lower()) + 1
    return _interval(date(year, 3 * q - 2, 1), _year_end(year, 3 * q))


def _month(m: re.Match[str], published: date | None) -> str | None:
    year, month = int(m["y"]), MONTHS[m["m"].lower()]
    return _interval(date(year, month, 1), _year_end(year, month))


def _years(m: re.Match[str], published: date | None) -> str | None:
    return _interval(date(int(m["a"]), 1, 1), date(int(m["b"]), 12, 31))


def _year(m: re.Match[str], published: date | None) -> str | None:
    return _interval(date(int(m["y"]), 1, 1), date(int(m["y"]), 12, 31))


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

    # --- amounts -------------------------------------------------------------
    def pledges(self) -> Iterator[Pledge]:
        for sent in self.doc.sents:
            if sent.end_char <= self.body_start:
                continue
            for money in parse_money(sent.text):
                start, end = (sent.start_char + money.span[0], sent.start_char + money.span[1])
                if start < self.body_start:
                    continue
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                pledge = self.money_pledge(sent, span, money)
                if pledge is not None and self.keep(pledge):
                    yield pledge
            for pledge in self.item_pledges(sent):
                if self.keep(pledge):
                    yield pledge

    def keep(self, pledge: Pledge) -> bool:
        key = (pledge.pledger.lower(), pledge.amount, pledge.currency, pledge.item)
        self.state.last = _Actor(pledge.pledger, pledge.pledger_kind)
        if key in self.state.keys:
            return False
        self.state.keys.add(key)
        return True

    def money_pledge(self, sent: Span, span: Span, money: Money) -> Pledge | None:
        np = _noun_phrase(span.root)
        verb, path = _governor(np)
        pledger = self.given_by(np, span)
        cue_noun = next((t for t in [np, *path] if t.lemma_.lower() in STRONG_NOUNS), None)
        if _excluded(np, span, verb, path):
            return None
        kind = _verb_kind(verb) if verb is not None else None
        object_noun = (
            next(
                (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STRONG_NOUNS),
                None,
            )
            if verb is not None
            else None
        )
        if kind in ("commit", "give"):
            ok = True
        elif kind == "include":
            ok = pledger is not None or self.state.last is not None
        elif kind in ("past", "exclude"):
            ok = cue_noun is not None and kind == "past" and _forward_noun(cue_noun)
        else:
            ok = (
                cue_noun is not None
                or object_noun is not None
                or pledger is not None
                or (
                    np.dep_ == "nsubj"
                    and verb is not None
                    and _has_aux(verb, FORWARD_AUX)
                    and self.state.last is not None
                )
            )
        if not ok:
            return None
        if pledger is None and cue_noun is not None:
            pledger = self.owner(cue_noun)
        if pledger is None and verb is not None and kind != "include":
            pledger = self.subject_actor(verb)
        if pledger is None:
            pledger = self.state.last
        if pledger is None:
            return None
        first, last = _clause(sent, np, verb, span)
        text_span = (first, last)
        clause = self.doc.text[first:last]
        period = resolve_period(self.period_text(np, verb), self.document.published)
        if (
            period
            and kind not in ("give",)
            and not (verb is not None and _has_aux(verb, FORWARD_AUX))
            and _ends_before(period, self.document.published)
        ):
            return None
        recipient, purpose = self.recipient(np, verb)
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
            cue=(
                verb.text if verb is not None else cue_noun.text if cue_noun is not None else None
            ),
            pledger_kind=pledger.kind,
            recipient_kind=recipient.kind if recipient else None,
        )

    # --- in-kind -------------------------------------------------------------
    def item_pledges(self, sent: Span) -> Iterator[Pledge]:
        for tok in sent:
            if tok.lemma_.lower() not in ITEMS or tok.pos_ != "NOUN":
                continue
            if any(parse_money(t.text) for t in tok.subtree if t.like_num or t.tag_ == "$"):
                continue
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
            if count is None and not any(c.dep_ in ("compound", "amod") for c in tok.lefts):
                continue
            np = tok.head if verb is None else tok
            first, last = _clause(sent, np, verb, tok.doc[tok.i : tok.i + 1])
            recipient, purpose = self.recipient(np if verb is None else tok, verb)
            yield Pledge(
                doc=self.document.id,
                pledger=pledger.name,
                amount=count,
                currency=None,
                text=self.doc.text[first:last],
                span=(first, last),
                item=item,
                recipient=recipient.name if recipient else None,
                period=resolve_period(self.doc.text[first:last], self.document.published),
                purpose=purpose,
                cue=verb.text if verb is not None else tok.head.head.text,
                pledger_kind=pledger.kind,
                recipient_kind=recipient.kind if recipient else None,
            )

    # --- actors --------------------------------------------------------------
    def given_by(self, np: Token, span: Span) -> _Actor | None:
        """The giver named beside the amount: "$X from Y", "Y ($X)", "Y's $X"."""
        for prep in _preps(np):
            if prep.lower_ == "from":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        actor = self.actor(obj)
                        if actor is not None:
                            return actor
        if np.dep_ == "appos" and np.head.pos_ == "PROPN":
            actor = self.actor(np.head)
            if actor is not None:
                return actor
        before = self.doc.text[: span.start_char].rstrip()
        if before.endswith("(") and span.start > 1:
            actor = self.actor(self.doc[span.start - 2])
            if actor is not None:
                return actor
        return self.owner(np)

    def owner(self, noun: Token) -> _Actor | None:
        """The possessor or agent of a noun: "X's pledge", "the decision by X"."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self.actor(child)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self.actor(obj)
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
                        return self.actor(obj)
            for child in tok.children:
                if child.dep_ in SUBJECTS:
                    return self.actor(child)
            if tok.pos_ in ("NOUN", "PROPN"):
                owner = self.owner(tok)
                if owner is not None:
                    return owner
            if tok.dep_ not in CLIMB or tok.head is tok:
                return None
            tok = tok.head
        return None

    def actor(self, tok: Token) -> _Actor | None:
        """The actor a token names, or None when it names none."""
        low = tok.lower_
        if low in FIRST_PERSON:
            return _Actor(self.home, "country") if self.home else None
        if low in PRONOUNS or tok.tag_ in ("PRP", "PRP$"):
            return self.latest_actor(tok.idx, None)
        ref = self.actors.at(tok.idx, tok.idx + len(tok.text))
        if ref is not None and ref.kind == "person":
            return self.person_actor(tok, ref)
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if ref is not None and not conj:
            return _Actor(ref.name, ref.kind)
        if tok.pos_ not in ("PROPN", "NOUN") and ref is None:
            return None
        head = tok.lemma_.lower()
        if ref is None and tok.pos_ == "NOUN" and head not in ACTOR_HEADS:
            return None
        words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")]
        start = min(t.i for t in tok.subtree)
        end = _np_end(tok)
        name = clean_name(self.doc[start:end].text)
        name = re.sub(r"\s*\([^)]*\)$", "", name).strip()
        if not name or not words:
            return None
        if ref is None and tok.pos_ == "NOUN" and name.lower() == head:
            latest = self.latest_actor(tok.idx, head)
            if latest is not None:
                return latest
        if ref is None and name.lower().split()[-1:] == [head] and len(name.split()) == 1:
            latest = self.latest_actor(tok.idx, head)
            if latest is not None:
                return latest
        kind = ref.kind if ref is not None else "organisation"
        return _Actor(name, kind)

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

    # --- recipient, purpose, period ------------------------------------------
    def recipient(self, np: Token, verb: Token | None) -> tuple[_Actor | None, str | None]:
        """The beneficiary ("to X", "for X", "in support of X") and the purpose."""
        purpose = None
        preps = list(_preps(np))
        if verb is not None:
            preps += [c for c in verb.children if c.dep_ in ("prep", "dative")]
        for prep in preps:
            word = prep.lower_
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            if word == "in" and obj.lower_ == "support":
                objs = [o for p in obj.children if p.dep_ == "prep" for o in p.children]
                if objs:
                    actor = self.beneficiary(objs[0])
                    if actor is not None:
                        return actor, purpose
                continue
            if word in ("to", "toward", "towards"):
                actor = self.beneficiary(obj)
                if actor is not None:
                    return actor, purpose
            if word == "for":
                actor = self.beneficiary(obj) if _names_beneficiary(obj) else None
                if actor is not None:
                    return actor, purpose
                if purpose is None and not obj.like_num:
                    purpose = self.doc[obj.left_edge.i : _np_end(obj)].text
        return None, purpose

    def beneficiary(self, tok: Token) -> _Actor | None:
        ref = self.actors.at(tok.idx, tok.idx + len(tok.text))
        if ref is not None:
            return _Actor(ref.name, ref.kind)
        if tok.pos_ not in ("NOUN", "PROPN") or tok.like_num:
            return None
        name = clean_name(self.doc[tok.left_edge.i : _np_end(tok)].text)
        kind = "organisation" if tok.pos_ == "PROPN" else None
        return _Actor(name, kind) if name else None

    def period_text(self, np: Token, verb: Token | None) -> str:
        parts = [self.doc[np.left_edge.i : np.right_edge.i + 1].text]
        if verb is not None:
            for child in verb.children:
                if child.dep_ in ("prep", "npadvmod", "advmod") and not any(
                    t.tag_ == "$" for t in child.subtree
                ):
                    parts.append(self.doc[child.left_edge.i : child.right_edge.i + 1].text)
        return " | ".join(parts)


def _noun_phrase(root: Token) -> Token:
    """The head noun an amount modifies ("a $52 million loan" → loan)."""
    tok = root
    while tok.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod") and tok.head is not tok:
        if tok.head.pos_ not in ("NOUN", "PROPN", "NUM"):
            break
        tok = tok.head
    return tok


def _governor(np: Token) -> tuple[Token | None, list[Token]]:
    """The verb governing a noun phrase and the nouns passed on the way up."""
    path: list[Token] = []
    for child in np.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            lemma = child.lemma_.lower()
            if lemma in COMMIT or lemma in GIVE:
                return child, path
    tok = np
    while tok.head is not tok:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            return tok, path
        path.append(tok)
    return None, path


def _has_aux(verb: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in verb.children)


def _forward(verb: Token) -> bool:
    """True when a giving verb speaks of now or the future (will provide, is providing)."""
    if _has_aux(verb, FORWARD_AUX):
        return True
    if _has_aux(verb, PERFECT_AUX):
        return False
    if verb.tag_ == "VBG":
        return True
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    if verb.tag_ == "VB":
        head = verb.head
        if head is verb or head.lemma_.lower() in INTENT or head.lemma_.lower() in NOUNS:
            return True
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in GIVE | COMMIT:
            return _forward(head) or head.lemma_.lower() in COMMIT
        return head.tag_ not in ("VBD", "VBN")
    return False


def _forward_noun(noun: Token) -> bool:
    return any(c.lower_ in ("new", "additional") for c in noun.children)


def _verb_kind(verb: Token) -> str | None:
    """commit, give (forward-looking), past (a gift already made), include, exclude or None."""
    lemma = verb.lemma_.lower()
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
        if any(o in needs or o in STRONG_NOUNS for o in objects):
            return "commit"
        return None
    if lemma in GIVE:
        return "give" if _forward(verb) else "past"
    return None


def _excluded(np: Token, span: Span, verb: Token | None, path: list[Token]) -> bool:
    """True when the amount is a history, a request, a trade figure or a writer's sum."""
    near = [t.lower_ for t in np.subtree if t.i < span.end] + [
        t.lower_ for t in span.doc[max(span.sent.start, span.start - 3) : span.start]
    ]
    if any(w in EXCLUDE_WORDS for w in near):
        return True
    for tok in path:
        lemma = tok.lemma_.lower()
        if lemma in STRONG_NOUNS:
            break
        if lemma in EXCLUDE_WORDS or lemma in EXCLUDE_VERBS:
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
            if child.dep_ == "prep":
                yield child
                stack.extend(o for o in child.children if o.dep_ == "pobj" and o.tag_ != "$")


def _np_end(tok: Token) -> int:
    """End (exclusive token index) of a noun phrase: its head plus "of" phrases and names."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod", "flat") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("cc", "conj") and child.pos_ in ("PROPN", "CCONJ"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return end


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
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        first = min(first, verb.i, subject.left_edge.i if subject is not None else verb.i)
        if verb.i > np.i:
            last = max(last, verb.i + 1)
    first, last = max(first, sent.start), min(last, sent.end)
    while last - 1 > first and doc[last - 1].is_punct:
        last -= 1
    return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)


def _clause_end(np: Token) -> int:
    end = np.i + 1
    for child in np.rights:
        if child.dep_ in ("cc", "conj", "punct", "relcl", "appos"):
            break
        end = child.right_edge.i + 1
    return end


def _item_of(np: Token) -> str | None:
    for prep in np.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ITEMS:
                    return np.doc[obj.left_edge.i : obj.i + 1].text
    return None


def _count_and_item(tok: Token) -> tuple[Decimal | None, str]:
    """The count and the item of an in-kind pledge ("three patrol boats" → 3, "patrol boats")."""
    count: Decimal | None = None
    words = [t for t in tok.lefts if t.dep_ not in ("det", "poss", "punct")]
    nums = [t for t in words if t.dep_ == "nummod" or t.like_num]
    if nums:
        num = nums[0]
        digits = [t for t in num.subtree if t.like_num]
        value = Decimal(1)
        for t in digits:
            if t.lower_ in SCALES:
                value *= SCALES[t.lower_]
            elif t.lower_ in NUMBER_WORDS:
                value *= NUMBER_WORDS[t.lower_]
            else:
                try:
                    value *= Decimal(t.text.replace(",", ""))
                except ArithmeticError:
                    return None, tok.text
        count = value
    rest = [t for t in words if t not in nums and not any(t in n.subtree for n in nums)]
    start = min([t.i for t in rest], default=tok.i)
    return count, tok.doc[start : tok.i + 1].text


def _ends_before(period: str, published: date | None) -> bool:
    """True when an interval ends before the publication date (a past allocation)."""
    if published is None or "/" not in period:
        return False
    end = period.split("/")[1]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", end):
        return False
    return date.fromisoformat(end) < published


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
