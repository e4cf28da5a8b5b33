"""Fixing a span without starting over: move one edge by a token, take a token as a cue.

A suggestion that is one word too long or too short used to cost about thirty keys
(delete, reselect, re-link the speaker, re-set the cue). Moving an edge keeps everything
the span carries (id, kind, links, cue, stance), so a wrong boundary costs a key or two.
Tokens are core.text's, the ones the cursor moves by.
"""

from __future__ import annotations

from enum import StrEnum

from corpus_tui.core.changes import replace_mention, replace_quote, touch
from corpus_tui.core.errors import EditError
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.spans import check_nesting, mention_at, quote_at
from corpus_tui.core.text_index import TextIndex, after, before, text_index


class Edge(StrEnum):
    START = "start"
    END = "end"


def move_edge(
    ann: DocAnnotation, text: str, offset: int, edge: Edge, step: int
) -> tuple[DocAnnotation, tuple[int, int]]:
    """Move the ``edge`` of the span under ``offset`` one token left (``step`` -1) or right (+1).

    The span is the speaker mention under the cursor, else the cue (on every quote that
    shares it), else the quote, the same order as ``x``. Returns the annotation and the
    span's new [start, end), so the cursor can follow it. Refused with a sentence when there
    is no token further, when the span would become empty, or when a quote would overlap
    another quote (a mention another mention).
    """
    index = text_index(text)
    mention = mention_at(ann, offset)
    if mention is not None:
        start, end = _moved(index, mention.start, mention.end, edge, step, "speaker mention")
        for m in ann.mentions:
            if m.id != mention.id and m.start < end and start < m.end:
                raise EditError(f"That would overlap speaker mention {m.id} ({m.entity}).")
        return touch(replace_mention(ann, mention.id, start=start, end=end)), (start, end)
    cue = next((q.cue for q in ann.quotes if q.cue is not None and q.cue[0] <= offset < q.cue[1]), None)
    if cue is not None:
        start, end = _moved(index, cue[0], cue[1], edge, step, "cue")
        for q in ann.quotes:
            if q.cue == cue:
                ann = replace_quote(ann, q.id, cue=(start, end))
        return touch(ann), (start, end)
    quote = quote_at(ann, offset)
    if quote is None:
        raise EditError("There is no quote, speaker or cue under the cursor to resize.")
    start, end = _moved(index, quote.start, quote.end, edge, step, "quote")
    check_nesting(ann.quotes, start, end, ignore=quote.id)
    return touch(replace_quote(ann, quote.id, start=start, end=end)), (start, end)


def _moved(index: TextIndex, start: int, end: int, edge: Edge, step: int, what: str) -> tuple[int, int]:
    move = before if step < 0 else after
    if edge == Edge.START:
        new = move(index.token_starts, start)
        moved = (new, end)
    else:
        new = move(index.token_ends, end)
        moved = (start, new)
    if new is None:
        side = "left" if step < 0 else "right"
        raise EditError(f"There is no word further {side} to move the {what}'s {edge} to.")
    if moved[0] >= moved[1]:
        raise EditError(f"That would leave the {what} empty.")
    return moved[0], moved[1]


def cue_span_at(text: str, offset: int) -> tuple[int, int]:
    """The cue ``c`` marks with nothing selected: the word under the cursor."""
    token = text_index(text).token_at(offset)
    if token is None or not any(ch.isalnum() for ch in text[token[0] : token[1]]):
        raise EditError("Put the cursor on the speech verb (or select it) to mark the cue.")
    return token
