"""Which quote, cue or mention is where: lookups in one annotation by character offset.

The TUI's keys act on "the quote under the cursor" or "the quote this cue belongs to",
and the edit operations ask the same questions; both ask here so that a key and the edit
it triggers never disagree about which span is meant. Nothing here changes an annotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus_tui.core.model import DocAnnotation, Mention, Quote
from corpus_tui.core.text import QUOTE_MARKS, same_paragraph, sentence_break_between


def next_id(prefix: str, ann: DocAnnotation) -> str:
    """The next free id like ``q7``; ids are unique within one revision of a document."""
    highest = 0
    skip = len(prefix)
    for items in (ann.quotes, ann.mentions):  # one pass, no tuple of both: runs on every new span
        for item in items:
            tail = item.id[skip:]
            if item.id.startswith(prefix) and tail.isdigit():
                number = int(tail)
                if number > highest:
                    highest = number
    return f"{prefix}{highest + 1}"


def quote_at(ann: DocAnnotation, offset: int) -> Quote | None:
    """The quote whose content or cue covers ``offset``."""
    for q in ann.quotes:
        if q.start <= offset < q.end:
            return q
    for q in ann.quotes:
        if q.cue is not None and q.cue[0] <= offset < q.cue[1]:
            return q
    return None


def mention_at(ann: DocAnnotation, offset: int) -> Mention | None:
    for m in ann.mentions:
        if m.start <= offset < m.end:
            return m
    return None


_MARKS = re.escape(QUOTE_MARKS)
#: what may stand between a cue and the quote it introduces: ``said that [...]``,
#: ``saying, "[...]``, ``adding [...]``, ``added: "[...]`` (marks, punctuation, "that")
_INTRODUCES = re.compile(rf"[ \t,:;\-–—{_MARKS}]*(?:that\b[ \t{_MARKS}]*)?", re.IGNORECASE)


def quote_for_cue(ann: DocAnnotation, text: str, start: int, end: int) -> Quote | None:
    """The quote a cue at [start, end) belongs to: the one under it or nearest before it.

    In order: the quote around it (``[The US, Antonov said, had …]``); the quote it
    introduces, when nothing but marks, punctuation and ``that`` lie between (``said that
    […]``, ``adding […]``, ``saying, "[…]"``); the nearest quote ending before it in the same
    sentence (``"…," he said.`` attributes that quote, not the one after it); the nearest
    quote starting after it in the same sentence (``Kirby told reporters that […]``); then
    the nearest before, else the nearest after, in the same paragraph.
    """
    inside = [q for q in ann.quotes if q.start <= start and end <= q.end]
    if inside:
        return inside[0]
    before = max((q for q in ann.quotes if q.end <= start), key=lambda q: q.end, default=None)
    after = min((q for q in ann.quotes if q.start >= end), key=lambda q: q.start, default=None)
    word = any(ch.isalnum() for ch in text[start:end])  # a verb, not the full stop after it
    if after is not None and word and _INTRODUCES.fullmatch(text, end, after.start):
        return after
    if before is not None and not sentence_break_between(text, before.end, start):
        return before
    if after is not None and not sentence_break_between(text, end, after.start):
        return after
    if before is not None and same_paragraph(text, before.end, start):
        return before
    if after is not None and same_paragraph(text, end, after.start):
        return after
    return None


def quote_near(ann: DocAnnotation, text: str, offset: int) -> Quote | None:
    """The quote the quote keys (o, t, T, digits) act on: the one under ``offset``, else the
    one the position belongs to (as for a cue) if it lies in the same paragraph, so that
    ``"…," Kirby said`` lets the annotator link the speaker without moving back."""
    quote = quote_at(ann, offset)
    if quote is not None:
        return quote
    return quote_for_cue(ann, text, offset, offset + 1)


def mentions_nearest_first(ann: DocAnnotation, offset: int) -> list[Mention]:
    """Mentions sorted by distance from ``offset`` (the source picker's order)."""

    def distance(m: Mention) -> int:
        if m.start <= offset < m.end:
            return 0
        return m.start - offset if m.start > offset else offset - m.end + 1

    return sorted(ann.mentions, key=lambda m: (distance(m), m.start))


def known_entities(annotations: Iterable[DocAnnotation]) -> list[str]:
    """Distinct entity names used anywhere in the project, most used first."""
    counts: dict[str, int] = {}
    for ann in annotations:
        for m in ann.mentions:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return sorted(counts, key=lambda e: (-counts[e], e))
