"""Which quote, cue or mention is where: lookups in one annotation by character offset.

The TUI's keys act on "the quote under the cursor" or "the quote this cue belongs to",
and the edit operations ask the same questions; both ask here so that a key and the edit
it triggers never disagree about which span is meant. Nothing here changes an annotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus_tui.core.errors import EditError
from corpus_tui.core.model import DocAnnotation, Mention, Origin, Quote
from corpus_tui.core.review_queue import next_quote_item
from corpus_tui.core.text import QUOTE_MARKS, paragraph_around, same_paragraph, sentence_break_between
from corpus_tui.core.text_index import text_index


def highest_number(prefix: str, ann: DocAnnotation) -> int:
    """The highest N among ids ``<prefix>N`` of the annotation's quotes and mentions (0: none)."""
    highest = 0
    skip = len(prefix)
    for items in (ann.quotes, ann.mentions):  # one pass, no tuple of both: runs on every new span
        for item in items:
            tail = item.id[skip:]
            if item.id.startswith(prefix) and tail.isdigit():
                number = int(tail)
                if number > highest:
                    highest = number
    return highest


def next_id(prefix: str, ann: DocAnnotation) -> str:
    """The next free id like ``q7``; ids are unique within one revision of a document."""
    return f"{prefix}{highest_number(prefix, ann) + 1}"


def quote_at(ann: DocAnnotation, offset: int) -> Quote | None:
    """The quote whose content covers ``offset`` (the innermost, where quotes nest), else
    the one whose cue does."""
    around = [q for q in ann.quotes if q.start <= offset < q.end]
    if around:
        return min(around, key=lambda q: q.end - q.start)
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
    """The quote under ``offset``, else the one the position belongs to (as for a cue) if it
    lies in the same paragraph, so that ``"…," Kirby said`` reaches the quote before it."""
    quote = quote_at(ann, offset)
    if quote is not None:
        return quote
    return quote_for_cue(ann, text, offset, offset + 1)


def quote_for_keys(ann: DocAnnotation, text: str, offset: int) -> Quote | None:
    """The quote the quote keys (digits, ``o``, ``t``, ``T``) act on with the cursor at ``offset``.

    On a speaker mention, links decide, not position: the quote it is the source of (the
    nearest to the cursor if several), so "she" in ``…moved quickly, but she cautioned that
    […]`` reaches her quote, not the one before it. A mention that is the source of none
    (just marked) acts on the quote around it (a parenthetical attribution, ``[The US,
    Antonov said, had …]``), else on the quote ``]`` would reach next. Elsewhere: the quote
    under the cursor, else the one the position belongs to (``quote_near``).
    """
    mention = mention_at(ann, offset)
    if mention is None:
        return quote_near(ann, text, offset)
    linked = [q for q in ann.quotes if q.source == mention.id]
    if linked:
        return min(linked, key=lambda q: (_gap(q.start, q.end, offset, offset + 1), q.start))
    around = next((q for q in ann.quotes if q.start <= mention.start and mention.end <= q.end), None)
    return around if around is not None else next_quote_item(ann, text, offset)


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b_start - a_end, a_start - b_end)


def mentions_nearest_first(ann: DocAnnotation, text: str, start: int, end: int | None = None) -> list[Mention]:
    """The source picker's order for the quote at [start, end) (or the cursor at ``start``):
    mentions in the quote's own sentences first, then in the sentence before, then the rest
    of its paragraph, then the rest of the document; nearest first within each. Sentences
    are core.text's, so "Dr." or "U.S." never split a quote from its speaker, and a mention
    in the next paragraph never comes before one in the quote's sentence."""
    end = start + 1 if end is None else max(end, start + 1)
    index = text_index(text)
    first, last = index.sentences_around(start, end)
    previous = index.sentence_bounds(index.sentence_index(first) - 1) if first > 0 else (first, first)
    para_start, _ = paragraph_around(text, start)
    _, para_end = paragraph_around(text, end - 1)

    def rank(m: Mention) -> tuple[int, int, int]:
        if first <= m.start < last:
            tier = 0
        elif previous[0] <= m.start < previous[1]:
            tier = 1
        elif para_start <= m.start < para_end:
            tier = 2
        else:
            tier = 3
        return tier, _gap(start, end, m.start, m.end), m.start

    return sorted(ann.mentions, key=rank)


def cue_partner(
    ann: DocAnnotation, text: str, quote: Quote, cue: tuple[int, int], across_sentences: bool = False
) -> Quote | None:
    """The other part of an interrupted quotation that shares ``quote``'s cue, if any.

    It is the nearest quote on the other side of the cue (``"[…]," said Beth Amory, a
    parent, "[…]"``) in the same sentence (paragraph with ``across_sentences``), with no cue
    and no other speaker of its own, and no speech verb of its own: none between the cue
    and it, none after it in its sentence (``"[…]," Kirby said on Monday, "[…]," Antonov
    replied``)
    for a part after the cue, none before it for a part before. A cue inside the quote (a
    parenthetical attribution) has no partner.
    """
    index = text_index(text)
    if quote.end <= cue[0]:
        partner = min((q for q in ann.quotes if q.start >= cue[1]), key=lambda q: q.start, default=None)
        if partner is None:
            return None
        gap = (cue[0], partner.start)
        own = (partner.end, index.sentence_bounds(index.sentence_index(partner.end - 1))[1])
    elif quote.start >= cue[1]:
        partner = max((q for q in ann.quotes if q.end <= cue[0]), key=lambda q: q.end, default=None)
        if partner is None:
            return None
        gap = (partner.end, cue[1])
        own = (index.sentence_starts[index.sentence_index(partner.start)], partner.start)
    else:
        return None
    other_speaker = None not in (partner.source, quote.source) and partner.source != quote.source
    if partner.cue is not None or other_speaker:
        return None
    if not same_paragraph(text, *gap) or (not across_sentences and sentence_break_between(text, *gap)):
        return None
    if index.has_speech_verb(*gap, skip=cue) or index.has_speech_verb(*own):
        return None
    return partner


def suggestion_for_keys(ann: DocAnnotation, text: str, offset: int) -> Quote | Mention | None:
    """The suggestion ``a`` and ``r`` act on from ``offset``: a suggested speaker mention
    that suggests no quote, else the quote the keys reach (``quote_for_keys``: on a
    speaker, the quote it is the source of) if it is a suggestion."""
    mention = mention_at(ann, offset)
    if (
        mention is not None
        and mention.origin == Origin.SUGGESTED
        and not any(q.source == mention.id and q.origin == Origin.SUGGESTED for q in ann.quotes)
    ):
        return mention
    quote = quote_for_keys(ann, text, offset)
    return quote if quote is not None and quote.origin == Origin.SUGGESTED else None


def speaker_prefill(ann: DocAnnotation, text: str, start: int, end: int) -> str:
    """What the speaker picker offers for [start, end): the entity of the mention there or
    of one it would replace (``add_mention``), else the selected words."""
    for m in ann.mentions:
        if m.start < end and start < m.end:
            return m.entity
    return " ".join(text[start:end].split())


def known_entities(annotations: Iterable[DocAnnotation]) -> list[str]:
    """Distinct entity names used anywhere in the project, most used first."""
    counts: dict[str, int] = {}
    for ann in annotations:
        for m in ann.mentions:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return sorted(counts, key=lambda e: (-counts[e], e))


def check_nesting(quotes: Iterable[Quote], start: int, end: int, ignore: str | None = None) -> None:
    """Refuse a quote at [start, end) that would cross another: quotes may nest (one wholly
    inside another, a nested attribution) but not overlap in part or repeat a span."""
    for q in quotes:
        if q.id == ignore or not (start < q.end and q.start < end):
            continue
        if (q.start, q.end) == (start, end):
            raise EditError(f"That is quote {q.id} already.")
        if not (q.start <= start and end <= q.end) and not (start <= q.start and q.end <= end):
            raise EditError(
                f"That overlaps quote {q.id} in part; a quote may lie inside another, but not across one "
                "(delete it or select differently)."
            )
