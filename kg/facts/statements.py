"""Statements: who said what, as direct quotes and as reported speech.

Two passes over one parsed document, then speaker resolution in text order:

1. Reported speech: every token whose lemma is a communication cue (the
   lexicon in ``cues.json``) with explicit content — a that-clause or bare
   clause (``ccomp``), a message-bearing object (``dobj``), a to-infinitive
   (``xcomp``), a prepositional object ("called for …"), or "according to X".
   The sayer is the cue's subject, inherited through coordination ("said A and
   added B") and participles (", stressing that …").
2. Direct quotes (:mod:`kg.facts.quotes`): a quotation that is a full utterance
   is attributed to the cue in the words around it, before or after it ("“…,”
   Rutte said, “…”" gives two statements), to a name right after it or on a dash
   line below it ("– President Biden"), or else, when it opens a sentence, to the
   last speaker (a floating quote; the quotation mark is then the cue). Partial
   quotes inside reported speech stay in the reported statement with their marks
   (SCHEMA S6). Content never includes the cue, "that", the speaker or the
   surrounding marks, and is always an exact slice of the text.

Speakers are resolved by :class:`~kg.facts.speakers.SpeakerResolver`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import IDS
from spacy.tokens import Doc, Token

from kg.facts.actors import ActorIndex
from kg.facts.quotes import Quote, find_quotes
from kg.facts.speakers import LEXICON, Speaker, SpeakerResolver
from kg.records import Document, Statement

CLAUSE_CUES = frozenset(LEXICON["clause"])
NOMINAL_CUES = frozenset(LEXICON["nominal"])
NOMINAL_HEADS: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEXICON["nominal_heads_only"].items()
}
INFINITIVE_CUES = frozenset(LEXICON["infinitive"])
OBJECT_INFINITIVE_CUES = frozenset(LEXICON["object_infinitive"])
PREPOSITIONAL_CUES: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEXICON["prepositional"].items()
}
#: the sayer's own acts coordinated into a message ("… but declined to elaborate")
NARRATION_VERBS = frozenset(LEXICON["narration_verbs"])
#: "warned Beijing against arming Moscow": the object belongs to the message
OBJECT_PREPOSITIONAL_CUES = frozenset(LEXICON["object_prepositional"])
#: "notified Lebanon of the transfer": the object is the addressee, the preposition the message
ADDRESSEE_CUES = frozenset(LEXICON["addressee_prepositional"])
#: "committed $3 billion to the Fund" is a pledge, not a message ("committing $5 million" is)
RECIPIENT_PLEDGE_CUES = frozenset(LEXICON["recipient_pledge"])
ADJECTIVAL_CUES: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEXICON["adjectival"].items()
}
QUOTE_CUES = frozenset(LEXICON["quote"])
#: verb + particle that attribute a quote ("went on: “…”")
QUOTE_PHRASAL: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEXICON["quote_phrasal"].items()
}
#: "said in a statement that …": nouns of the channel whose that-clause is the message
CHANNEL_NOUNS = frozenset(LEXICON["channel_nouns"])
#: tags of verbs that carry their own subject ("has committed" counts through its auxiliary)
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VB"})
#: verbs whose to-infinitive is an intention, not a communication ("decided to call for")
BLOCKING_HEADS = frozenset(LEXICON["blocking_heads"])
#: dependents of a cue after its object that still belong to a nominal message
NOMINAL_TAIL = frozenset(
    {"prep", "advcl", "xcomp", "npadvmod", "advmod", "dative", "acomp", "conj", "dobj", "appos"}
)
#: "the United States’ announcement of …", "issued a call to …": nouns that carry a message
NOUN_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in LEXICON["noun_cues"].items()}
LIGHT_VERBS: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEXICON["light_verbs"].items()
}
LIGHT_ONLY = frozenset(LEXICON["light_only"])
#: entity types of a possessor written without 's ("the United States’ announcement")
SAYER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
ALL_CUES = (
    CLAUSE_CUES | NOMINAL_CUES | INFINITIVE_CUES | OBJECT_INFINITIVE_CUES | set(PREPOSITIONAL_CUES)
)
#: verbs that start another act of the sayer, so a message ends before them
ACT_LEMMAS = (ALL_CUES - frozenset(LEXICON["not_acts"])) | frozenset(LEXICON["topic_verbs"])
WANTED_LEMMAS = ALL_CUES | set(ADJECTIVAL_CUES) | set(NOUN_CUES) | {"according", "accord"}
#: parts of speech of the tokens ``reported`` reads as cues (with "according", whatever its tag)
_CUE_POS = numpy.zeros(max(IDS.values()) + 1, dtype=bool)  # indexed by POS id
_CUE_POS[[IDS[p] for p in ("VERB", "AUX", "ADJ", "NOUN")]] = True
_ACCORDING = get_string_id("according")
_CONJ = IDS["conj"]
#: dependency links a cue without its own subject climbs to find one
INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp", "prep", "relcl", "acomp"})
MAX_CLIMB = 4
#: words an object must not be for it to carry a message ("said it", "noted this")
EMPTY_OBJECTS = frozenset(
    {"it", "this", "that", "these", "those", "so", "something", "nothing", "what", "which"}
)
#: leading words that are not part of the message
LEADING_MARKS = frozenset({"that", ",", ":", "—", "–", "-", "to"})
MAX_HEADLINE = 200
#: a floating quote in a new paragraph needs at least this many words
MIN_FLOATING_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?][”\"’»]?(?=\s|$)")
_DASH_LINE = re.compile(r"\s*[–—-]+\s*")


@dataclass
class _Candidate:
    """A statement before its speaker is resolved (text order = resolution order)."""

    at: int
    subject: Token | None
    cue: str
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    direct: bool
    follow_last: bool = False
    #: a message noun ("the GCC’s pledge to …") names its own sayer, even inside another message
    nominal: bool = False


def extract_statements(doc: Doc, document: Document, actors: ActorIndex) -> list[Statement]:
    """Every attributed statement (direct quotes and reported speech) in one document.

    Args:
        doc: the spaCy parse of ``document.text``.
        document: the article.
        actors: the document's actor index (names, titles, surnames).

    Returns:
        Statements in text order; ``content`` is an exact substring of the text.
    """
    text = document.text
    quotes = find_quotes(text)
    headline = _headline_end(document)
    excluded = sorted([q.outer for q in quotes] + [(0, headline)])
    resolver = SpeakerResolver(doc, actors, excluded, document.source)
    finder = _Finder(doc, text, quotes, headline)
    candidates = _without_nested_quotes(
        sorted(finder.reported() + finder.direct(), key=lambda c: (c.at, c.direct))
    )
    out: list[Statement] = []
    ents = resolver.mentions
    seen: set[tuple[int, int]] = set()
    for cand in candidates:
        speaker = resolver.resolve(cand.subject) if cand.subject is not None else None
        if speaker is None and cand.follow_last:
            last = resolver.last_speaker(cand.at)
            if last is not None:
                speaker = Speaker(last.name, last.kind, last.span, False, last.co_speakers)
        if speaker is None or cand.content_span in seen:
            continue
        if not (cand.direct or cand.nominal) and _reported_within(out, cand.cue_span, speaker.name):
            continue  # "Modi said India was committed to X": India is not a second sayer
        seen.add(cand.content_span)
        resolver.remember(speaker, cand.at, cand.content_span)
        s, e = cand.content_span
        out.append(
            Statement(
                doc=document.id,
                speaker=speaker.name,
                speaker_span=speaker.span,
                cue=cand.cue,
                cue_span=cand.cue_span,
                content=text[s:e],
                content_span=(s, e),
                direct=cand.direct,
                speaker_is_pronoun=speaker.is_pronoun,
                co_speakers=speaker.co_speakers,
                speaker_kind=speaker.kind,
                mentioned=_mentioned(ents, cand.content_span, speaker),
            )
        )
    return out


def _without_nested_quotes(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop a direct quote that the same cue's reported message already holds (SCHEMA S6).

    "She stressed the value of learning, “…”": one act, one statement.
    """
    reported = {c.cue_span: c.content_span for c in candidates if not c.direct}

    def nested(c: _Candidate) -> bool:
        outer = reported.get(c.cue_span)
        return outer is not None and outer[0] <= c.content_span[0] and c.content_span[1] <= outer[1]

    return [c for c in candidates if not (c.direct and nested(c))]


def _reported_within(out: list[Statement], cue: tuple[int, int], speaker: str) -> bool:
    """Whether a cue sits inside the reported message of an earlier statement by another sayer.

    The sayer's own nested cues stay ("said they will continue to urge X to …"), and so do
    acts a source reports ("According to the White House, they agreed to …").
    """
    for st in reversed(out[-8:]):
        lo, hi = st.content_span
        if not st.direct and st.cue != "according to" and lo <= cue[0] and cue[1] <= hi:
            return st.speaker != speaker
    return False


def _headline_end(document: Document) -> int:
    """End offset of the title line when the text starts with it, else 0."""
    text = document.text
    first, sep, _ = text.partition("\n")
    if not sep:
        return 0
    title = (document.title or "").strip()
    if title and first.strip() == title:
        return len(first)
    # a short first line standing alone without a full stop reads as a headline
    ends = (".", "?", "!", ":", "”", '"')
    if text[len(first) + 1 : len(first) + 2] == "\n" and not first.rstrip().endswith(ends):
        return len(first) if len(first) <= MAX_HEADLINE else 0
    return 0


def _mentioned(
    ents: list[tuple[int, int, str]], span: tuple[int, int], speaker: Speaker
) -> tuple[str, ...]:
    """Canonical names of the actors named inside the content."""
    skip = {speaker.name, *speaker.co_speakers}
    names: dict[str, None] = {}
    i = bisect_left(ents, (span[0], -1, ""))
    while i < len(ents) and ents[i][0] < span[1]:
        start, end, name = ents[i]
        if end <= span[1] and name not in skip:
            names[name] = None
        i += 1
    return tuple(names)


class _Finder:
    """Statement candidates in one document (no speaker resolution yet)."""

    def __init__(self, doc: Doc, text: str, quotes: list[Quote], headline: int) -> None:
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.headline = headline
        self._quote_outer = [q.outer for q in quotes]
        self._quote_starts = [q.open_at for q in quotes]
        self._tok_starts = doc.to_array([IDX]).tolist() if quotes else []
        self.consumed: set[int] = set()
        self.full = {i for i, q in enumerate(quotes) if self._is_utterance(q)}

    # -- helpers -------------------------------------------------------------------

    def _quote_index_at(self, pos: int) -> int | None:
        """Index of the quote whose marks enclose ``pos``."""
        i = bisect_left(self._quote_starts, pos + 1) - 1
        if i >= 0:
            lo, hi = self._quote_outer[i]
            if lo <= pos < hi:
                return i
        return None

    def _tokens(self, start: int, end: int) -> Iterator[Token]:
        i = bisect_left(self._tok_starts, start)
        while i < len(self.doc) and self.doc[i].idx < end:
            yield self.doc[i]
            i += 1

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Strip spaces, leading "that"/punctuation and trailing punctuation from a span."""
        text = self.text
        changed = True
        while changed and start < end:
            changed = False
            while start < end and text[start].isspace():
                start += 1
            for mark in LEADING_MARKS:
                n = len(mark)
                after = text[start + n : start + n + 1]
                if text[start : start + n].lower() == mark and (
                    not mark.isalpha() or not after or not after.isalnum()
                ):
                    start += n
                    changed = True
                    break
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
            end -= 1
        return start, end

    def _is_utterance(self, q: Quote) -> bool:
        """A quote that is a full utterance, not a partial quote inside a sentence."""
        text = self.text
        content = text[q.start : q.end]
        if not content.strip():
            return False
        i = q.open_at - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        prev = text[i] if i >= 0 else "\n"
        if prev in "—–-":
            return content[:1].isupper()
        if prev in "\n,:;([" or prev in ".?!":
            return True
        if prev in '”"’' and i > 0 and text[i - 1] in ".?!,":
            return True
        return content[:1].isupper() and content.rstrip()[-1:] in ".?!,…"

    # -- reported speech ---------------------------------------------------------------

    def reported(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for i in self._cue_positions():
            tok = self.doc[i]
            if tok.idx < self.headline or self._quote_index_at(tok.idx) is not None:
                continue  # cues inside quotes belong to the quoted speaker's words
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according":
                cand = self._according(tok)
            elif lemma in ALL_CUES and tok.pos_ in ("VERB", "AUX"):
                cand = self._cue(tok, lemma)
            elif lemma in ADJECTIVAL_CUES and tok.pos_ == "ADJ":
                cand = self._adjectival(tok, lemma)
            elif lemma in NOUN_CUES and tok.pos_ == "NOUN":
                cand = self._noun_cue(tok, lemma)
            else:
                continue
            if cand is None:
                continue
            cand = self._clip(cand)
            if cand is None:
                continue
            cand = self._against_quotes(cand)
            if cand is not None:
                out.append(cand)
        return out

    def _cue_positions(self) -> list[int]:
        """Tokens with a wanted lemma that can be cues: verbs, adjectives, nouns, "according"."""
        strings = self.doc.vocab.strings
        pos, lemma = self.doc.to_array([POS, LEMMA]).T
        # the POS test first: only the lemmas of the few tokens it keeps are looked up
        maybe = _CUE_POS[pos]
        # a LOWER array costs more than lower-casing the text: read it only where it can match
        if "according" in self.text.lower():
            maybe |= self.doc.to_array(LOWER) == _ACCORDING
        at = numpy.flatnonzero(maybe)
        return [
            i
            for i, h in zip(at.tolist(), lemma[at].tolist(), strict=True)
            if strings[h].lower() in WANTED_LEMMAS
        ]

    def _conjuncts_in(self, start: int, end: int) -> list[Token]:
        """The tokens from ``start`` to ``end`` (exclusive) attached to their head as ``conj``."""
        # a message is a few dozen tokens: reading them beats an array of the whole document
        return [t for t in self.doc[start:end] if t.dep == _CONJ]

    def _clip(self, cand: _Candidate) -> _Candidate | None:
        """Keep reported content inside the cue's paragraph (parses run across blank lines)."""
        p_start, p_end = self._paragraph(cand.cue_span[0])
        s, e = cand.content_span
        if p_start <= s and e <= p_end:
            return cand
        s, e = self._trim(max(s, p_start), min(e, p_end))
        if e - s < 2 or e <= cand.cue_span[0]:
            return None
        cand.content_span = (s, e)
        return cand

    def _against_quotes(self, cand: _Candidate) -> _Candidate | None:
        """Reported content that is just one full quotation becomes that direct quote."""
        s, e = self._balance(cand.content_span)
        cand.content_span = (s, e)
        i = self._quote_index_at(s)
        if i is None:
            return cand
        q = self.quotes[i]
        lo, hi = q.outer
        if q.close_at is not None and hi >= e - 1 and lo <= s:
            if i in self.consumed:
                return None
            self.consumed.add(i)
            content = self._trim_quote(q)
            if content is None:
                return None
            cand.content_span = content
            cand.direct = True
            cand.at = q.open_at
        return cand

    def _balance(self, span: tuple[int, int]) -> tuple[int, int]:
        """Widen a span so that a quotation it opens or closes is kept whole (SCHEMA S6)."""
        s, e = span
        i = bisect_left(self._quote_starts, e) - 1
        while i >= 0:
            q = self.quotes[i]
            lo, hi = q.outer
            if hi <= s:
                break
            if s <= lo < e < hi and q.close_at is not None and "\n" not in self.text[e:hi]:
                e = hi  # '… would "stand by Ukraine."' keeps its closing mark
            i -= 1
        return s, e

    def _subject(self, tok: Token) -> Token | None:
        """The cue's subject, inherited through coordination and participles."""
        if _is_reattached_cue(tok):
            # "said Germany would send tanks and added that …": the second cue is the speaker's
            return self._subject(tok.head.head)
        quoted = _quoted_as_saying(tok)
        if quoted is not None:
            return quoted
        outer = _participle_outer_cue(tok)
        if outer is not None:
            # "said support must not waver, warning that …": the participle is the sayer's
            return self._subject(outer)
        fronted = self._fronted_participle_subject(tok)
        if fronted is not None:
            return fronted
        cur = tok
        for _ in range(MAX_CLIMB):
            subjects = [c for c in cur.children if c.dep_ == "nsubj" and self._near(c, tok)]
            if subjects:
                return min(subjects, key=lambda c: abs(c.i - tok.i))
            if any(c.dep_ in ("nsubjpass", "expl") for c in cur.children):
                return None
            if cur.dep_ == "relcl" and cur.i != tok.i:
                return cur.head
            if cur.dep_ not in INHERIT_DEPS or cur.head.i == cur.i:
                break
            if cur.dep_ in ("advcl", "acl") and cur.i == tok.i and not _participle_or_purpose(cur):
                return None
            if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in BLOCKING_HEADS:
                return None
            if cur.dep_ == "acl" and cur.head.dep_ in ("dobj", "attr", "appos"):
                # "concluded a joint statement affirming …": the statement's author speaks
                cur = cur.head
            cur = cur.head
        if _misattached_conj(tok):
            # "expressed condolences for the losses caused by X and outlined …": the verb
            # coordinates with the nearest ancestor of its own form, whose subject it shares
            for anc in tok.ancestors:
                if anc.pos_ in ("VERB", "AUX") and anc.tag_ == tok.tag_:
                    return self._subject(anc) if anc.i != tok.i else None
        return None

    def _fronted_participle_subject(self, tok: Token) -> Token | None:
        """ "Peskov, speaking to reporters, said …": the subject hangs on the participle."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return None
        for c in tok.lefts:
            if c.dep_ in ("ccomp", "advcl") and c.tag_ == "VBG" and self._near(c, tok):
                subj = next((g for g in c.lefts if g.dep_ == "nsubj"), None)
                if subj is not None:
                    return subj
        return None

    def _usable_subject(self, subject: Token | None, cue: Token) -> Token | None:
        """The subject, unless it sits in the headline or another paragraph.

        A heading line without a full stop is often parsed into the next sentence,
        leaving a finite cue without its subject; then the noun right before the
        cue ("Malaysia has committed to …") is taken.
        """
        if subject is not None and subject.idx >= self.headline:
            lo, hi = sorted((subject.idx, cue.idx))
            if "\n" not in self.text[lo:hi]:
                return subject
        if (
            cue.tag_ not in FINITE_TAGS
            or cue.tag_ in ("VB", "VBN")
            and not any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in cue.children)
        ):
            return None
        i = cue.i - 1
        while i >= 0 and (self.doc[i].pos_ in ("AUX", "ADV", "PART") or self.doc[i].dep_ == "aux"):
            i -= 1
        if i < 0 or self.doc[i].idx < self.headline or self.doc[i].pos_ not in ("NOUN", "PROPN"):
            return None
        if "\n" in self.text[self.doc[i].idx : cue.idx]:
            return None
        found = self.doc[i]
        while (
            found.dep_ == "conj"
            and found.head.i < found.i
            and (found.head.dep_ != "pobj" or self._across_break(found.head))
            and "\n" not in self.text[found.head.idx : found.idx]
        ):
            found = found.head  # "The United States and Mexico reaffirm": the first conjunct
        return found

    def _cue(self, tok: Token, lemma: str) -> _Candidate | None:
        subject = self._usable_subject(self._subject(tok), tok)
        if subject is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "The two leaders shared views … and expressed …" under a merged heading
            subject = self._usable_subject(None, tok.head)
        if subject is None:
            return None
        content = self._content(tok, lemma)
        if content is None and tok.dep_ == "advcl" and subject.head.i == tok.i:
            content = self._as_clause(tok)
        if content is None:
            return None
        span, cue_end = content
        span = self._trim(*span)
        if span[1] - span[0] < 2:
            return None
        return _Candidate(
            tok.idx, subject, self.text[tok.idx : cue_end], (tok.idx, cue_end), span, False
        )

    def _noun_cue(self, tok: Token, lemma: str) -> _Candidate | None:
        """A message noun: "Japan’s announcement of …", "the pledge by X to …", "took note of …"."""
        if tok.is_title and tok.i > tok.sent.start:
            return None  # "the Vice President’s Call to Action for …" names a programme
        verb = tok.head if tok.dep_ == "dobj" else None
        light = verb is not None and verb.lemma_.lower() in LIGHT_VERBS.get(lemma, frozenset())
        sayer: Token | None = None
        if light and verb is not None:
            sayer = self._usable_subject(self._subject(verb), verb)
        elif lemma in LIGHT_ONLY:
            return None
        for c in tok.children:
            if sayer is not None:
                break
            if c.dep_ == "poss" or (c.dep_ == "nmod" and c.ent_type_ in SAYER_ENTS):
                sayer = c
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                sayer = next((g for g in c.children if g.dep_ == "pobj"), None)
        if sayer is None:
            return None
        hosts = [tok, verb] if light and verb is not None else [tok]
        content: tuple[int, int] | None = None
        for host in hosts:
            for c in host.children:
                if c.i < tok.i or content is not None:
                    continue
                if c.dep_ == "prep" and c.lower_ in NOUN_CUES[lemma] and not _is_time(c):
                    inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if inner:
                        content = (inner[0].left_edge.idx, _end(c.right_edge))
                elif c.dep_ in ("acl", "relcl") and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in c.children
                ):
                    content = (c.left_edge.idx, _end(c.right_edge))
                elif (
                    c.dep_ in ("acl", "ccomp")
                    and "that" in NOUN_CUES[lemma]
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ):
                    content = (c.left_edge.idx, _end(c.right_edge))  # "shared the view that …"
        if content is None:
            return None
        span = self._trim(*content)
        if span[1] - span[0] < 2:
            return None
        cue_span = (tok.idx, tok.idx + len(tok))
        return _Candidate(tok.idx, sayer, tok.text, cue_span, span, False, nominal=True)

    def _content(self, tok: Token, lemma: str) -> tuple[tuple[int, int], int] | None:
        """Content span and cue end for a verb cue, by the frames its lemma allows."""
        children = list(tok.children)
        cue_end = tok.idx + len(tok)
        prt = next((c for c in children if c.dep_ == "prt"), None)
        allowed = PREPOSITIONAL_CUES.get(lemma, frozenset())
        for c in children:
            if c.dep_ in ("prep", "prt") and c.lower_ in allowed and not _is_time(c):
                obj = next((g for g in children if g.dep_ == "dobj" and tok.i < g.i < c.i), None)
                if obj is not None and lemma in OBJECT_PREPOSITIONAL_CUES and c.dep_ == "prep":
                    return (obj.left_edge.idx, _end(c.right_edge)), cue_end
                inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if obj is not None and lemma in ADDRESSEE_CUES and inner:
                    return (inner[0].left_edge.idx, _end(c.right_edge)), c.idx + len(c)
                if obj is not None and lemma in RECIPIENT_PLEDGE_CUES and obj.pos_ != "PRON":
                    return None
                if obj is not None:
                    continue  # "committed $3 billion to the Fund" is a pledge, not "commit to"
                follow = [g for g in children if g.dep_ in ("xcomp", "ccomp", "dobj") and g.i > c.i]
                if c.dep_ == "prt" and follow:
                    return _subtree(follow[0]), c.idx + len(c)
                if inner:
                    start = inner[0].left_edge.idx
                    last = max([*inner, *follow], key=lambda t: t.right_edge.i)
                    if follow and follow[0].dep_ == "xcomp":
                        last = follow[0]
                    final = max(last.right_edge, self._tail(tok, c), key=lambda t: t.i)
                    return (start, _end(final)), c.idx + len(c)
        if lemma in CLAUSE_CUES:
            clauses = [c for c in children if c.dep_ == "ccomp" and self._near(c, tok)]
            clauses += self._channel_clauses(tok)
            # a clause after the cue is its message; one before it may be a participle
            # (", speaking to reporters, said …") or a fronted message ("X is ready, he said")
            clauses.sort(key=lambda c: (c.i < tok.i, c.i))
            if clauses:
                return self._clause(clauses[0]), cue_end
        xcomp = next(
            (
                c
                for c in children
                if c.i > tok.i
                and (c.dep_ == "xcomp" or c.dep_ == "advcl" and lemma in INFINITIVE_CUES)
            ),
            None,
        )
        dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        dative = next((c for c in children if c.dep_ == "dative" and c.i > tok.i), None)
        if xcomp is not None and _is_infinitive(xcomp):
            if dobj is not None and lemma in OBJECT_INFINITIVE_CUES:
                return (dobj.left_edge.idx, _end(xcomp.right_edge)), cue_end
            if lemma in INFINITIVE_CUES:
                return (xcomp.left_edge.idx, _end(self._tail(tok, xcomp))), cue_end
        if dobj is not None and lemma in OBJECT_INFINITIVE_CUES:
            inf = next(
                (g for g in dobj.children if g.dep_ in ("relcl", "acl") and _is_infinitive(g)), None
            )
            if inf is not None:
                return _subtree(dobj), cue_end
        if prt is not None and (dobj is None or prt.i < dobj.i):
            return None  # "pointed out …" is its own frame; "expressed concern over" is not
        if dobj is not None and lemma in NOMINAL_CUES and dobj.lower_ not in EMPTY_OBJECTS:
            heads = NOMINAL_HEADS.get(lemma)
            if heads is not None and dobj.lower_ not in heads:
                return None
            if dobj.pos_ == "PRON":
                return None
            start, end = self._nominal(tok, dobj)
            if (
                dative is not None
                and dative.i < dobj.i
                and dative.nbor(1).dep_ in ("punct", "case")
            ):
                start = dative.left_edge.idx  # "the United States’ commitment" parsed as dative
            return (start, end), cue_end
        return None

    def _channel_clauses(self, tok: Token) -> list[Token]:
        """The that-clause of "said in a statement that …", parsed onto the noun."""
        out = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.i < tok.i or prep.lower_ not in ("in", "on", "during"):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in CHANNEL_NOUNS:
                    out += [
                        c
                        for c in pobj.children
                        if c.dep_ in ("acl", "relcl", "ccomp")
                        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                    ]
        return out

    def _across_break(self, tok: Token) -> bool:
        """A token the parser attached to a head in an earlier paragraph (a heading)."""
        lo, hi = sorted((tok.head.idx, tok.idx))
        return "\n" in self.text[lo:hi]

    def _near(self, dep: Token, tok: Token) -> bool:
        """A dependent in the cue's own paragraph (parses run across headlines and blank lines)."""
        lo, hi = sorted((dep.idx, tok.idx))
        return dep.idx >= self.headline and "\n" not in self.text[lo:hi]

    def _clause(self, head: Token) -> tuple[int, int]:
        """A clause's span, ending before a coordinated cue parsed into it ("… and added …")."""
        start, end = _subtree(head)
        for child in head.rights:
            if _participle_outer_cue(child) is not None and _is_act(child):
                stop = child.i - 1  # "…, warning that …" is the sayer's next statement
                return start, _end(self.doc[stop - 1])
            if child.dep_ == "conj" and (
                _is_reattached_cue(child)
                or (_is_act(child) and child.tag_ in ("VBD", "VBZ"))
                or _narration_conj(head, child)
            ):
                stop = child.left_edge.i
                while stop > head.i and self.doc[stop - 1].dep_ in ("cc", "punct"):
                    stop -= 1
                return start, _end(self.doc[stop - 1])
        return start, end

    def _nominal(self, tok: Token, dobj: Token) -> tuple[int, int]:
        """The object with the verb's later modifiers, cut before a coordinated verb."""
        end = self._tail(tok, dobj)
        # only a conjunct can be a coordinated verb or the next participle
        for t in self._conjuncts_in(dobj.i + 1, end.i + 1):
            if _misattached_conj(t) or _next_participle(tok, t):
                stop = t.left_edge.i
                while stop > dobj.i and self.doc[stop - 1].dep_ in ("cc", "punct"):
                    stop -= 1
                return dobj.left_edge.idx, _end(self.doc[stop - 1])
        return dobj.left_edge.idx, _end(end)

    def _tail(self, tok: Token, first: Token) -> Token:
        """Last token of the message that starts at ``first``: the cue's later modifiers
        ("pledged $5 million over four years to support …") up to another act."""
        end = first.right_edge
        for child in tok.rights:
            if child.i <= first.i or child.dep_ in ("punct", "cc"):
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.tag_ == tok.tag_:
                break  # "reiterated X and committed to Y": the sayer's next act
            if child.dep_ == "prep" and any(_is_act(g) for g in child.children):
                break  # "… by announcing $120 million": a second statement
            if _purpose(child):
                end = child.right_edge  # "committed to talks to resolve …": a purpose, no new act
                continue
            if child.dep_ not in NOMINAL_TAIL or (_is_act(child) and not _passive_modifier(child)):
                break
            end = child.right_edge
        return end

    def _as_clause(self, tok: Token) -> tuple[tuple[int, int], int] | None:
        """ "As Rutte said, the alliance is united": the message is the main clause."""
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            return None
        head = tok.head
        own = (tok.left_edge.idx, _end(tok.right_edge))
        start, end = head.left_edge.idx, _end(head.right_edge)
        span = (own[1], end) if own[0] <= start + 1 else (start, own[0])
        return span, tok.idx + len(tok)

    def _adjectival(self, tok: Token, lemma: str) -> _Candidate | None:
        """ "is committed to X", "made clear that X" with the subject of the governing verb."""
        if tok.dep_ not in ("acomp", "ccomp", "oprd", "xcomp", "amod") or tok.dep_ == "amod":
            return None
        head = tok.head
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            subject = self._subject(head)
        subject = self._usable_subject(subject, head)
        if subject is None:
            return None
        allowed = ADJECTIVAL_CUES[lemma]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in allowed:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    start, end = _subtree(pobj)
                    more = next(
                        (
                            g
                            for g in tok.rights
                            if g.dep_ == "conj" and g.tag_ == "VBG" and g.i > pobj.right_edge.i
                        ),
                        None,
                    )
                    if more is not None and not _is_act(more):
                        end = _end(more.right_edge)  # "committed to X and supporting Y"
                    span = self._trim(start, end)
                    return _Candidate(
                        tok.idx,
                        subject,
                        f"{tok.text} {c.text}",
                        (tok.idx, c.idx + len(c)),
                        span,
                        False,
                    )
            if c.dep_ == "ccomp" and "that" in allowed:
                span = self._trim(*_subtree(c))
                return _Candidate(
                    tok.idx, subject, tok.text, (tok.idx, tok.idx + len(tok)), span, False
                )
        clause = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if "that" in allowed and clause is not None:
            # "has been clear that …": the clause hangs on the copula
            span = self._trim(*self._clause(clause))
            return _Candidate(
                tok.idx, subject, tok.text, (tok.idx, tok.idx + len(tok)), span, False
            )
        if "that" in allowed and tok.right_edge.i > tok.i:
            # "made clear the linkage …" parses the message as the adjective's dependents
            span = self._trim(tok.nbor(1).idx, _end(tok.right_edge))
            return _Candidate(
                tok.idx, subject, tok.text, (tok.idx, tok.idx + len(tok)), span, False
            )
        return None

    def _according(self, tok: Token) -> _Candidate | None:
        """ "According to X, …" / "…, according to X": content is the rest of the clause."""
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None:
            nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
            to = nxt if nxt is not None and nxt.lower_ == "to" else None
        if to is None:
            return None
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase = (tok.idx, _end(max(tok.right_edge, to.right_edge, key=lambda t: t.i)))
        sent = tok.sent
        clause_start, clause_end = sent.start_char, sent.end_char
        head = tok.head
        if head.i != tok.i and head.pos_ in ("VERB", "AUX"):
            clause_start = min(head.left_edge.idx, phrase[0])
            clause_end = max(_end(head.right_edge), phrase[1])
        before = self._trim(clause_start, phrase[0])
        after = self._trim(phrase[1], clause_end)
        span = after if after[1] - after[0] >= before[1] - before[0] else before
        if span[1] - span[0] < 2:
            return None
        return _Candidate(tok.idx, pobj, "according to", (tok.idx, to.idx + len(to)), span, False)

    # -- direct quotes -----------------------------------------------------------------

    def direct(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for i, q in enumerate(self.quotes):
            if i in self.consumed or i not in self.full or q.open_at < self.headline:
                continue
            if self._inside_other(i):
                continue
            cand = self._attribute(i, q)
            if cand is not None:
                out.append(cand)
        return out

    def _inside_other(self, i: int) -> bool:
        lo = self.quotes[i].open_at
        return i > 0 and self.quotes[i - 1].outer[1] > lo

    def _paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def _frames(self, i: int, q: Quote) -> tuple[tuple[int, int], tuple[int, int]]:
        """The words before the quote (same sentence) and after it (up to the next quote)."""
        text = self.text
        p_start, _ = self._paragraph(q.open_at)
        prev_end = self.quotes[i - 1].outer[1] if i > 0 else 0
        b_start = max(p_start, prev_end)
        before_text = text[b_start : q.open_at]
        ends = list(_SENTENCE_END.finditer(before_text))
        if ends:
            b_start += ends[-1].end()
        after_start = q.outer[1]
        _, p_end = self._paragraph(max(after_start - 1, q.end))
        next_open = self.quotes[i + 1].open_at if i + 1 < len(self.quotes) else len(text)
        a_end = min(p_end, next_open)
        m = _SENTENCE_END.search(text, after_start, a_end)
        if m is not None:
            a_end = m.end()
        return (b_start, q.open_at), (after_start, a_end)

    def _find_cue(
        self, frame: tuple[int, int], nearest_last: bool = False
    ) -> tuple[Token, Token | None] | None:
        """The cue in a frame: the first after a quote, the last before it."""
        tokens = list(self._tokens(*frame))
        for tok in reversed(tokens) if nearest_last else tokens:
            if tok.lower_ == "according":
                to = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                return tok, pobj
            if tok.pos_ in ("VERB", "AUX") and _is_quote_cue(tok):
                return tok, self._subject(tok) or self._nearby_subject(tok, frame)
        return None

    def _nearby_subject(self, cue: Token, frame: tuple[int, int]) -> Token | None:
        """A name or pronoun right after an inverted cue ("…,” said Rutte)."""
        for tok in self._tokens(cue.idx + len(cue), frame[1]):
            if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_:
                return tok if tok.dep_ != "compound" else tok.head
            if tok.is_punct:
                break
        return None

    def _attribute(self, i: int, q: Quote) -> _Candidate | None:
        text = self.text
        content = self._trim_quote(q)
        if content is None:
            return None
        before, after = self._frames(i, q)
        before_text = text[before[0] : before[1]].rstrip()
        ends_open = text[q.start : q.end].rstrip()[-1:] in ",?!—–-…"
        order = (
            [after, before]
            if ends_open or not before_text.endswith((":", ","))
            else [before, after]
        )
        if not before_text:
            order = [after]
        for frame in order:
            found = self._find_cue(frame, nearest_last=frame == before)
            if found is None:
                continue
            cue, subject = found
            if subject is None:
                continue
            cue_text = "according to" if cue.lower_ == "according" else cue.text
            cue_end = cue.idx + len(cue_text) if cue_text == "according to" else cue.idx + len(cue)
            return _Candidate(q.open_at, subject, cue_text, (cue.idx, cue_end), content, True)
        # no cue: a name right after the quote, or a dash line below it ("– President Biden")
        cand = self._named_after(q, after, content)
        if cand is not None:
            return cand
        # a floating quote: a full sentence in quotation marks continues the last speaker
        words = len(text[content[0] : content[1]].split())
        same_paragraph = (
            i > 0
            and self._paragraph(self.quotes[i - 1].open_at)[0] == (self._paragraph(q.open_at)[0])
        )
        if self._starts_sentence(q) and (same_paragraph or words >= MIN_FLOATING_WORDS):
            mark = (q.open_at, q.open_at + 1)  # no cue word: the quotation mark is the cue
            return _Candidate(q.open_at, None, text[q.open_at], mark, content, True, True)
        return None

    def _starts_sentence(self, q: Quote) -> bool:
        """The quote opens a paragraph or a sentence."""
        text = self.text
        i = q.open_at - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] == "\n":
            return True
        if text[i] in '”"’»' and i > 0:
            i -= 1
        return text[i] in ".?!…" and text[q.start : q.start + 1].isupper()

    def _named_after(
        self, q: Quote, after: tuple[int, int], content: tuple[int, int]
    ) -> _Candidate | None:
        """A name right after the quote, or on a dash line below it ("– President Biden")."""
        text = self.text
        start = q.outer[1]
        cue, cue_span = text[q.open_at], (q.open_at, q.open_at + 1)
        nl = text.find("\n", start)
        stretch = text[start : nl if nl >= 0 else len(text)]
        if not stretch.strip():
            nxt = text[start:].lstrip("\n")
            offset = len(text) - len(nxt)
            m = _DASH_LINE.match(nxt)
            if m is None or m.end() == 0:
                return None
            dash = offset + len(nxt[: m.end()]) - len(nxt[: m.end()].lstrip())
            cue, cue_span = text[dash], (dash, dash + 1)
            start = offset + m.end()
            nl = text.find("\n", start)
            after = (start, nl if nl >= 0 else len(text))
        tokens = list(self._tokens(start, after[1]))[:8]
        name: Token | None = None
        for tok in tokens:
            if tok.ent_type_ == "PERSON":
                return _Candidate(q.open_at, tok, cue, cue_span, content, True)
            if tok.pos_ == "PROPN" and tok.is_title:
                name = tok
                continue
            if name is not None or not (tok.is_title or tok.is_space):
                break
        if name is not None:
            return _Candidate(q.open_at, name, cue, cue_span, content, True)
        return None

    def _trim_quote(self, q: Quote) -> tuple[int, int] | None:
        s, e = q.start, q.end
        text = self.text
        while e > s and text[e - 1] in ",;:—–-" + " ":
            e -= 1
        return (s, e) if e - s >= 2 else None


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, _end(tok.right_edge)


def _end(tok: Token) -> int:
    return tok.idx + len(tok)


def _next_participle(cue: Token, tok: Token) -> bool:
    """ ", reiterating X and reinforcing Y": a participle joined to a non-participle in the
    message of a participle cue is the sayer's next act."""
    return (
        cue.tag_ == "VBG"
        and tok.dep_ == "conj"
        and tok.tag_ == "VBG"
        and tok.head.pos_ == "VERB"
        and tok.head.tag_ != "VBG"
    )


def _quoted_as_saying(tok: Token) -> Token | None:
    """ "The ministry quoted him as saying that …": the one quoted is the sayer."""
    prep = tok.head
    if tok.tag_ != "VBG" or prep.lower_ != "as" or prep.head.lemma_.lower() != "quote":
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _is_time(prep: Token) -> bool:
    """ "agreed on Tuesday": a preposition whose object is a date, not a message."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _narration_conj(head: Token, conj: Token) -> bool:
    """A finite verb without a subject that goes on with the narration, not the message.

    "said she had discussed X but gave no details", "said X but declined to elaborate":
    the second verb is the sayer's act.
    """
    if conj.tag_ not in ("VBD", "VBZ"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in conj.children):
        return False
    return head.tag_ in ("VBN", "VB") or conj.lemma_.lower() in NARRATION_VERBS


def _is_quote_cue(tok: Token) -> bool:
    """A verb that attributes a direct quote: "said", "added", "went on"."""
    lemma = tok.lemma_.lower()
    if lemma in QUOTE_CUES:
        return True
    particles = QUOTE_PHRASAL.get(lemma)
    return particles is not None and any(
        c.dep_ == "prt" and c.lower_ in particles for c in tok.children
    )


def _participle_outer_cue(tok: Token) -> Token | None:
    """The clause cue whose message a ", warning that …" participle was parsed into."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.i == 0 or tok.nbor(-1).text != ",":
        return None
    cur = tok.head
    for _ in range(MAX_CLIMB):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in CLAUSE_CUES:
            return cur.head
        if cur.dep_ not in ("conj", "advcl", "xcomp") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _misattached_conj(tok: Token) -> bool:
    """A verb the parser coordinated into a message that continues the narration instead."""
    if tok.dep_ != "conj" or tok.tag_ not in ("VBG", "VBD", "VBZ"):
        return False
    if _is_act(tok):
        return True
    # a finite verb joined to a noun or a non-finite verb ("… caused by X and outlined …")
    return tok.tag_ != "VBG" and (tok.head.pos_ in ("NOUN", "PROPN") or tok.head.tag_ != tok.tag_)


def _purpose(tok: Token) -> bool:
    """A purpose infinitive ("committed to talks to resolve …"): part of the message."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ == "ccomp" for c in tok.children)  # "… to stress that …"
    )


def _passive_modifier(tok: Token) -> bool:
    """A past participle with its agent ("… Dialogue co-chaired by the ministers"): no new act."""
    return tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)


def _is_act(tok: Token) -> bool:
    """A verb that reports the sayer's next act (a cue or a topic verb), ending a message."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ACT_LEMMAS


def _is_reattached_cue(tok: Token) -> bool:
    """A cue the parser coordinated into the clause reported by another cue.

    "said Germany would send tanks and added that …", "has been clear that X is wrong
    and has called on …": the second cue shares the first one's subject.
    """
    head = tok.head
    if tok.dep_ != "conj" or head.dep_ != "ccomp" or tok.lemma_.lower() not in ALL_CUES:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    own_aux = any(c.dep_ == "aux" and c.lower_ != "to" for c in tok.children)
    takes_clause = any(c.dep_ == "ccomp" for c in tok.children)
    outer_cue = head.head.lemma_.lower() in CLAUSE_CUES
    # "reaffirmed that X applies …, and reiterated …": the cue's tense, not the clause's
    same_tense = tok.tag_ == head.head.tag_ != head.tag_
    return (outer_cue and (takes_clause or same_tense)) or own_aux


def _participle_or_purpose(tok: Token) -> bool:
    """ ", stressing that …", "… to underscore …" — clauses that share the main subject."""
    return tok.tag_ in ("VBG", "VBN") or (tok.tag_ == "VB" and _is_infinitive(tok))


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.tag_ == "VB"
