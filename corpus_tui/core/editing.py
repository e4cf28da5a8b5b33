"""Editing operations: pure functions from one DocAnnotation to the next, plus undo/redo.

The TUI translates keys into these calls and nothing else changes an annotation, so the
rules (no overlapping quotes, a cue belongs to a quote, touching a suggestion accepts
it, deleting one rejects it) live in one place and are tested without Textual. Each
function returns a new record or raises EditError with a sentence for the status bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from msgspec.structs import replace

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import (
    KINDS,
    DocAnnotation,
    DocStance,
    Kind,
    Mention,
    Origin,
    Quote,
    Rejected,
    RejectedType,
    Status,
)

#: opening and closing quotation marks (straight, curly, guillemets, low-9)
QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


class EditError(CorpusError):
    """An edit that is not allowed; the message is shown to the annotator."""


# --------------------------------------------------------------------------- lookups


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


#: what may stand between a cue and the quote it introduces: ``said that [...]``,
#: ``saying, "[...]``, ``adding [...]``, ``added: "[...]`` (marks, punctuation, "that")
_INTRODUCES = re.compile(r"[ \t,:;\-–—\"“”‘’'«»„]*(?:that\b[ \t\"“”‘’'«»„]*)?", re.IGNORECASE)
#: a sentence ends between two places: a full stop (or ?/!), maybe a closing mark, then
#: white space; or a line break
_SENTENCE_END = re.compile(r"[.!?][\"”’'»]*\s|\n")


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
    if before is not None and not _SENTENCE_END.search(text, before.end, start):
        return before
    if after is not None and not _SENTENCE_END.search(text, end, after.start):
        return after
    if before is not None and "\n" not in text[before.end : start]:
        return before
    if after is not None and "\n" not in text[end : after.start]:
        return after
    return None


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


def quote_near(ann: DocAnnotation, text: str, offset: int) -> Quote | None:
    """The quote the quote keys (o, t, T, digits) act on: the one under ``offset``, else the
    one the position belongs to (as for a cue) if it lies in the same paragraph, so that
    ``"…," Kirby said`` lets the annotator link the speaker without moving back."""
    quote = quote_at(ann, offset)
    if quote is not None:
        return quote
    return quote_for_cue(ann, text, offset, offset + 1)


#: opening double quotation marks, closing ones; a straight ``"`` both opens and closes
OPENING_MARKS = "“«„"
CLOSING_MARKS = "”»"


def enclosing_quotation(text: str, offset: int) -> tuple[int, int] | None:
    """The content between the quotation marks around ``offset`` (what ``"`` selects).

    Marks are paired left to right within the paragraph; an unclosed quotation (a quote
    continued in the next paragraph) runs to the paragraph's end. The marks themselves
    belong to the quotation, so the cursor may sit on either of them.
    """
    if not 0 <= offset <= len(text):
        return None
    para_start = text.rfind("\n", 0, offset) + 1
    para_end = text.find("\n", offset)
    if para_end < 0:
        para_end = len(text)
    opened: int | None = None
    for i in range(para_start, para_end):
        ch = text[i]
        if opened is None:
            if ch in OPENING_MARKS or ch == '"':
                opened = i
        elif ch in CLOSING_MARKS or ch == '"':
            if opened <= offset <= i:
                return (opened + 1, i) if i > opened + 1 else None
            opened = None
            if i > offset:
                return None
    if opened is not None and opened <= offset and para_end > opened + 1:
        return opened + 1, para_end
    return None


def find_text(text: str, query: str, offset: int) -> tuple[int, int] | None:
    """The next case-insensitive match of ``query`` after ``offset``, wrapping around."""
    if not query:
        return None
    haystack, needle = text.casefold(), query.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß → ss): offsets would drift
        haystack, needle = text.lower(), query.lower()
        if len(haystack) != len(text):
            haystack, needle = text, query
    found = haystack.find(needle, offset + 1)
    if found < 0:
        found = haystack.find(needle)
    if found < 0:
        return None
    return found, found + len(needle)


def discard_stale(ann: DocAnnotation, text_sha256: str) -> DocAnnotation:
    """Start over on a changed text: drop every offset-bearing span (they point into the old
    text) but keep what does not depend on offsets (document stance, note, status)."""
    return replace(ann, text_sha256=text_sha256, mentions=(), quotes=(), rejected=())


def reanchor(ann: DocAnnotation, text: str, text_sha256: str) -> tuple[DocAnnotation, int]:
    """Adopt a changed text while keeping the spans at their offsets, for an annotator who
    knows the change left them in place (a typo fixed after the last quote, a line added at
    the end). The journal has no copy of the old text, so offsets cannot be moved for the
    annotator; they see the kept spans at once and ``u`` takes the choice back. Spans that
    no longer fit (past the end) are dropped, with links to dropped mentions and cues.
    Returns the annotation and how many quotes and mentions were dropped."""
    n = len(text)
    mentions = tuple(m for m in ann.mentions if m.end <= n)
    kept = {m.id for m in mentions}
    quotes = tuple(
        replace(
            q,
            source=q.source if q.source in kept else None,
            cue=q.cue if q.cue is None or q.cue[1] <= n else None,
        )
        for q in ann.quotes
        if q.end <= n
    )
    rejected = tuple(r for r in ann.rejected if r.end <= n)
    dropped = len(ann.quotes) - len(quotes) + len(ann.mentions) - len(mentions)
    return replace(ann, text_sha256=text_sha256, mentions=mentions, quotes=quotes, rejected=rejected), dropped


# --------------------------------------------------------------------------- spans


def strip_quote_marks(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Shrink [start, end) to the content inside quotation marks, if it is bounded by them.

    Returns (start, end, bounded): bounded is True when marks enclose the span, either
    inside the selection or right outside it. Surrounding white space is dropped.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_MARKS and text[end - 1] in QUOTE_MARKS:
        return start + 1, end - 1, True
    outside = start > 0 and end < len(text) and text[start - 1] in QUOTE_MARKS and text[end] in QUOTE_MARKS
    return start, end, outside


def _check_span(text_len: int, start: int, end: int, what: str) -> None:
    if not 0 <= start < end <= text_len:
        raise EditError(f"Select some text first: the {what} would be empty or outside the article.")


def add_quote(
    ann: DocAnnotation, text: str, start: int, end: int, kind: str | None = None, target: str | None = None
) -> tuple[DocAnnotation, Quote]:
    """Mark [start, end) as a quote; ``direct`` when quotation marks bound it, else ``indirect``."""
    start, end, bounded = strip_quote_marks(text, start, end)
    _check_span(len(text), start, end, "quote")
    for q in ann.quotes:
        if start < q.end and q.start < end:
            raise EditError(f"That overlaps quote {q.id}; quotes may not overlap (delete it or select less).")
    if kind is None:
        kind = Kind.DIRECT if bounded else Kind.INDIRECT
    if kind not in KINDS:
        raise EditError(f"Unknown quote kind {kind!r}.")
    quote = Quote(id=next_id("q", ann), start=start, end=end, kind=kind, target=target)
    quotes = tuple(sorted((*ann.quotes, quote), key=lambda q: q.start))
    return _touch(replace(ann, quotes=quotes)), quote


def add_mention(ann: DocAnnotation, text: str, start: int, end: int, entity: str) -> tuple[DocAnnotation, Mention]:
    """Mark [start, end) as a speaker mention referring to ``entity``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    _check_span(len(text), start, end, "speaker mention")
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    for m in ann.mentions:
        if m.start == start and m.end == end:
            raise EditError(f"That span is already speaker mention {m.id} ({m.entity}).")
    mention = Mention(id=next_id("m", ann), start=start, end=end, entity=entity)
    mentions = tuple(sorted((*ann.mentions, mention), key=lambda m: m.start))
    return _touch(replace(ann, mentions=mentions)), mention


def set_entity(ann: DocAnnotation, mention_id: str, entity: str) -> DocAnnotation:
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    return _touch(_replace_mention(ann, mention_id, entity=entity))


def set_cue(ann: DocAnnotation, text: str, start: int, end: int) -> tuple[DocAnnotation, Quote]:
    """Make [start, end) the cue (speech verb) of the quote it belongs to (``quote_for_cue``)."""
    _check_span(len(text), start, end, "cue")
    quote = quote_for_cue(ann, text, start, end)
    if quote is None:
        raise EditError("There is no quote for this cue: mark the quote first.")
    return _touch(_replace_quote(ann, quote.id, cue=(start, end))), quote


def set_source(ann: DocAnnotation, quote_id: str, mention_id: str | None) -> DocAnnotation:
    if mention_id is not None and ann.mention(mention_id) is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    return _touch(_replace_quote(ann, quote_id, source=mention_id))


def cycle_kind(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    kind = KINDS[(KINDS.index(quote.kind) + 1) % len(KINDS)] if quote.kind in KINDS else KINDS[0]
    return _touch(_replace_quote(ann, quote_id, kind=kind))


def set_stance(
    ann: DocAnnotation, quote_id: str, stance: str | None, default_target: str | None = None
) -> DocAnnotation:
    """Set (or clear with None) a quote's stance; a first stance takes the default target."""
    quote = _quote(ann, quote_id)
    target = quote.target
    if stance is not None and target is None:
        target = default_target
    return _touch(_replace_quote(ann, quote_id, stance=stance, target=target))


def set_target(ann: DocAnnotation, quote_id: str, target: str | None) -> DocAnnotation:
    target = " ".join(target.split()) if target else None
    return _touch(_replace_quote(ann, quote_id, target=target or None))


def set_doc_stance(ann: DocAnnotation, stance: str | None, target: str | None = None) -> DocAnnotation:
    doc_stance = DocStance(stance=stance, target=target) if stance is not None else None
    return _touch(replace(ann, doc_stance=doc_stance))


def set_status(ann: DocAnnotation, status: str) -> DocAnnotation:
    return replace(ann, status=status)


def set_note(ann: DocAnnotation, note: str) -> DocAnnotation:
    return replace(ann, note=note)


def delete_quote(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    """Delete a quote; deleting a suggestion rejects it so it is not suggested again."""
    quote = _quote(ann, quote_id)
    if quote.origin == Origin.SUGGESTED:
        return reject(ann, quote_id)
    return _touch(replace(ann, quotes=tuple(q for q in ann.quotes if q.id != quote_id)))


def delete_mention(ann: DocAnnotation, mention_id: str) -> DocAnnotation:
    """Delete a mention and unlink the quotes it was the source of."""
    mention = ann.mention(mention_id)
    if mention is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    if mention.origin == Origin.SUGGESTED:
        return reject(ann, mention_id)
    return _touch(_without_mention(ann, mention_id))


def delete_cue(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    if quote.cue is None:
        raise EditError(f"Quote {quote_id} has no cue.")
    return _touch(_replace_quote(ann, quote_id, cue=None))


def delete_at(ann: DocAnnotation, offset: int) -> DocAnnotation:
    """What ``x`` does: delete the mention, else the cue, else the quote under ``offset``."""
    mention = mention_at(ann, offset)
    if mention is not None:
        return delete_mention(ann, mention.id)
    for q in ann.quotes:
        if q.cue is not None and q.cue[0] <= offset < q.cue[1]:
            return delete_cue(ann, q.id)
    quote = quote_at(ann, offset)
    if quote is not None:
        return delete_quote(ann, quote.id)
    raise EditError("Nothing to delete under the cursor.")


# --------------------------------------------------------------------------- suggestions


def accept(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Accept a suggested quote (with its suggested source mention) or mention."""
    if ann.quote(item_id) is not None:
        quote = _quote(ann, item_id)
        ann = _replace_quote(ann, item_id, origin=_accepted(quote.origin))
        source = ann.mention(quote.source)
        if source is not None:
            ann = _replace_mention(ann, source.id, origin=_accepted(source.origin))
        return _touch(ann)
    mention = ann.mention(item_id)
    if mention is None:
        raise EditError(f"There is no annotation {item_id}.")
    return _touch(_replace_mention(ann, item_id, origin=_accepted(mention.origin)))


def reject(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Reject a suggestion: remove it and remember its span so ``suggest`` skips it."""
    quote = ann.quote(item_id)
    if quote is not None:
        if quote.origin != Origin.SUGGESTED:
            raise EditError(f"Quote {item_id} is not a suggestion (delete it with x).")
        rejected = [Rejected(RejectedType.QUOTE, quote.start, quote.end)]
        if quote.cue is not None:
            rejected.append(Rejected(RejectedType.CUE, quote.cue[0], quote.cue[1]))
        ann = replace(ann, quotes=tuple(q for q in ann.quotes if q.id != item_id))
        source = ann.mention(quote.source)
        if source is not None and source.origin == Origin.SUGGESTED and not _is_source(ann, source.id):
            rejected.append(Rejected(RejectedType.MENTION, source.start, source.end))
            ann = _without_mention(ann, source.id)
        return _touch(replace(ann, rejected=_merge_rejected(ann.rejected, rejected)))
    mention = ann.mention(item_id)
    if mention is None:
        raise EditError(f"There is no annotation {item_id}.")
    if mention.origin != Origin.SUGGESTED:
        raise EditError(f"Speaker mention {item_id} is not a suggestion (delete it with x).")
    ann = _without_mention(ann, item_id)
    rejected = [Rejected(RejectedType.MENTION, mention.start, mention.end)]
    return _touch(replace(ann, rejected=_merge_rejected(ann.rejected, rejected)))


def accept_all(ann: DocAnnotation) -> DocAnnotation:
    quotes = tuple(replace(q, origin=_accepted(q.origin)) for q in ann.quotes)
    mentions = tuple(replace(m, origin=_accepted(m.origin)) for m in ann.mentions)
    return _touch(replace(ann, quotes=quotes, mentions=mentions))


def is_rejected(ann: DocAnnotation, type_: str, start: int, end: int) -> bool:
    return any(r.type == type_ and r.start == start and r.end == end for r in ann.rejected)


# --------------------------------------------------------------------------- undo / redo


@dataclass
class History:
    """Unlimited undo/redo of one document: a stack of whole annotations.

    Annotations are immutable and small, so keeping every version is simpler and safer
    than inverse operations, and an undo is itself saved as a new journal revision.
    """

    current: DocAnnotation
    _undo: list[DocAnnotation] = field(default_factory=list)
    _redo: list[DocAnnotation] = field(default_factory=list)

    def apply(self, new: DocAnnotation) -> DocAnnotation:
        if new != self.current:
            self._undo.append(self.current)
            self._redo.clear()
            self.current = new
        return self.current

    def undo(self) -> DocAnnotation:
        if not self._undo:
            raise EditError("Nothing to undo.")
        self._redo.append(self.current)
        self.current = self._undo.pop()
        return self.current

    def redo(self) -> DocAnnotation:
        if not self._redo:
            raise EditError("Nothing to redo.")
        self._undo.append(self.current)
        self.current = self._redo.pop()
        return self.current

    def saved(self, ann: DocAnnotation) -> None:
        """Adopt the journal's copy (new rev and timestamp) without making an undo step."""
        self.current = ann

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)


# --------------------------------------------------------------------------- internals


def _touch(ann: DocAnnotation) -> DocAnnotation:
    """Any edit of a fresh document starts it."""
    return replace(ann, status=Status.IN_PROGRESS) if ann.status == Status.TODO else ann


def _accepted(origin: str) -> str:
    return Origin.ACCEPTED if origin == Origin.SUGGESTED else origin


def _quote(ann: DocAnnotation, quote_id: str) -> Quote:
    quote = ann.quote(quote_id)
    if quote is None:
        raise EditError(f"There is no quote {quote_id}.")
    return quote


def _replace_quote(ann: DocAnnotation, quote_id: str, **changes: object) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    if quote.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED  # a suggestion a person edits becomes theirs
    new = replace(quote, **changes)  # type: ignore[arg-type]
    return replace(ann, quotes=tuple(new if q.id == quote_id else q for q in ann.quotes))


def _replace_mention(ann: DocAnnotation, mention_id: str, **changes: object) -> DocAnnotation:
    mention = ann.mention(mention_id)
    if mention is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    if mention.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED
    new = replace(mention, **changes)  # type: ignore[arg-type]
    return replace(ann, mentions=tuple(new if m.id == mention_id else m for m in ann.mentions))


def _without_mention(ann: DocAnnotation, mention_id: str) -> DocAnnotation:
    quotes = tuple(replace(q, source=None) if q.source == mention_id else q for q in ann.quotes)
    mentions = tuple(m for m in ann.mentions if m.id != mention_id)
    return replace(ann, quotes=quotes, mentions=mentions)


def _is_source(ann: DocAnnotation, mention_id: str) -> bool:
    return any(q.source == mention_id for q in ann.quotes)


def _merge_rejected(existing: Sequence[Rejected], new: Iterable[Rejected]) -> tuple[Rejected, ...]:
    return tuple(dict.fromkeys((*existing, *new)))
