"""Quotation spans in plain text: which characters are inside quotation marks.

Works on strings alone (no spaCy), so it is cheap and easy to test. Handles
curly double quotes (“ ”), straight double quotes ("), guillemets (« »), low-9
quotes („ “) and single curly quotes (‘ ’) — where a ’ between letters is an
apostrophe ("Ukraine’s"), not a closing mark. A quote whose paragraph ends
without a closing mark continues when the next paragraph opens with a quotation
mark (the newspaper convention for multi-paragraph quotes); an opening mark that
is never closed yields a quote up to the paragraph end, flagged ``closed=False``.
Unbalanced marks never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: opening mark → closing marks that end it
PAIRS: dict[str, str] = {
    "“": "”",
    "«": "»",
    "„": "“”",
    "‘": "’",
    '"': '"',
}
#: opening marks that may open a quote nested inside another kind of quote
INNER_OPENERS = frozenset("‘")
_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile("[" + re.escape("".join(set("".join(PAIRS) + "".join(PAIRS.values())))) + "]")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch: ``start``–``end`` is the text inside the marks (spaces trimmed).

    ``open_at`` is the offset of the opening mark; ``close_at`` that of the closing
    mark (None when unclosed); ``parts`` the inside of each paragraph it spans.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    parts: tuple[tuple[int, int], ...]

    @property
    def closed(self) -> bool:
        """Whether a closing mark ends the quote."""
        return self.close_at is not None

    @property
    def outer(self) -> tuple[int, int]:
        """The quote including its marks."""
        return self.open_at, (self.close_at + 1 if self.close_at is not None else self.end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_opener(text: str, i: int, para_start: int) -> bool:
    ch = text[i]
    if ch not in PAIRS:
        return False
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if nxt.isspace() and not (ch == "«" and nxt != "\n"):
        return False  # French-style guillemets keep a space inside: « Oui »
    if ch in "“«„":
        return True
    prev = text[i - 1] if i > para_start else " "
    return prev in _OPEN_BEFORE or prev in "“«„"


def _is_closer(text: str, i: int, opener: str, para_end: int) -> bool:
    ch = text[i]
    if ch not in PAIRS[opener]:
        return False
    if ch == "’":
        # a ’ followed by a letter or digit is an apostrophe ("Ukraine’s", "’90s")
        nxt = text[i + 1] if i + 1 < para_end else " "
        return not nxt.isalnum()
    if ch == '"':
        prev = text[i - 1] if i > 0 else " "
        return not prev.isspace() or i + 1 >= para_end or not text[i + 1].isalnum()
    return True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def find_quotes(text: str) -> list[Quote]:
    """Every quoted stretch in ``text``, in order; nested quotes stay inside their outer quote.

    >>> q = find_quotes('“We are united,” Rutte said. “Ukraine’s future is in NATO.”')
    >>> [('“We are united,” Rutte said. “Ukraine’s future is in NATO.”'[x.start:x.end]) for x in q]
    ['We are united,', 'Ukraine’s future is in NATO.']
    >>> t = '“First paragraph.\\n\\n“Second paragraph,” he said.'
    >>> [t[x.start:x.end] for x in find_quotes(t)]
    ['First paragraph.\\n\\n“Second paragraph,']
    >>> find_quotes('an “unclosed quote')[0].closed
    False
    """
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    p = 0
    while p < len(paragraphs):
        para_start, para_end = paragraphs[p]
        i = para_start
        while i < para_end:
            m = _MARK.search(text, i, para_end)
            if m is None:
                break
            i = m.start()
            if not _is_opener(text, i, para_start):
                i += 1
                continue
            quote, p, i = _read_quote(text, paragraphs, p, i)
            if quote is not None:
                quotes.append(quote)
            para_start, para_end = paragraphs[p]
        p += 1
    return quotes


def _read_quote(
    text: str, paragraphs: list[tuple[int, int]], p: int, open_at: int
) -> tuple[Quote | None, int, int]:
    """Read from the opener at ``open_at``; returns the quote, the paragraph and offset after it."""
    opener = text[open_at]
    parts: list[tuple[int, int]] = []
    part_start = open_at + 1
    para_start, para_end = paragraphs[p]
    i = part_start
    while True:
        while i < para_end:
            m = _MARK.search(text, i, para_end)
            if m is None:
                break
            i = m.start()
            ch = text[i]
            if _is_closer(text, i, opener, para_end):
                parts.append(_trim(text, part_start, i))
                start, end = parts[0][0], parts[-1][1]
                return Quote(start, end, open_at, i, tuple(parts)), p, i + 1
            if (
                ch in INNER_OPENERS
                and opener not in INNER_OPENERS
                and _is_opener(text, i, para_start)
            ):
                i = _skip_inner(text, i, para_end)
                continue
            if ch in "“«" and ch == opener and i > part_start:
                # a second opener before any closer: the first quote was never closed
                parts.append(_trim(text, part_start, i))
                start, end = parts[0][0], parts[-1][1]
                return Quote(start, end, open_at, None, tuple(parts)), p, i
            i += 1
        parts.append(_trim(text, part_start, para_end))
        nxt = p + 1
        if nxt < len(paragraphs) and text[paragraphs[nxt][0]] == opener:
            p = nxt
            para_start, para_end = paragraphs[p]
            part_start = para_start + 1
            i = part_start
            continue
        parts = [part for part in parts if part[0] < part[1]]
        if not parts:
            return None, p, para_end
        start, end = parts[0][0], parts[-1][1]
        return Quote(start, end, open_at, None, tuple(parts)), p, para_end


def _skip_inner(text: str, i: int, para_end: int) -> int:
    """Offset after the nested quote opened at ``i`` (or after the mark when unclosed)."""
    opener = text[i]
    for j in range(i + 1, para_end):
        if text[j] in '”"»':
            break
        if _is_closer(text, j, opener, para_end):
            return j + 1
    return i + 1


def inside(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote whose marks enclose the characters ``start``–``end``, if any.

    >>> qs = find_quotes('He said “yes” twice.')
    >>> inside(qs, 9, 12) is qs[0], inside(qs, 0, 2)
    (True, None)
    """
    for q in quotes:
        lo, hi = q.outer
        if lo <= start and end <= hi:
            return q
        if lo > end:
            break
    return None
