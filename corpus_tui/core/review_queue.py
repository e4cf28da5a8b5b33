"""The review queue: what in a document still needs the annotator, in reading order.

``]`` and ``[`` walk this queue, ``d`` reports what it still holds before marking a
document done, and ``validate --strict`` lists it for done documents, so "is this
annotation finished?" has one answer everywhere. An item is

- a suggestion not yet decided: a suggested quote, or a suggested speaker mention that is
  not the source of a suggested quote (accepting or rejecting that quote decides it);
- a quote the annotator stands behind that lacks its speaker (source), its stance, or its
  cue when it has a speech verb.

**When a quote needs a cue.** Every quote of the guidelines has a cue, but only where the
text has a speech verb can the annotator give one, so a quote without a cue is listed when a
speech verb form (``CUE_FORMS``: "said", "told", "adding", ...) stands in the sentences it
touches, outside its own quotation marks: ``"…," she said`` and ``Kirby said that […]``
ask for the cue; a quote whose sentence has no such verb (the second sentence of ``Antonov
said. "…"``, a quotation standing alone in its paragraph) does not. The annotator can still
give it one; the queue just does not stop there for it.

Items are recomputed from the annotation on each call: it is one pass over the quotes and
mentions with bisection into the text index, well under a millisecond for 1,000 spans
(see tests/unit/test_review_queue.py), so there is no state to keep in step with edits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

from corpus_tui.core.model import DocAnnotation, Kind, Origin, Quote
from corpus_tui.core.text_index import TextIndex, text_index


class Need(StrEnum):
    """Why an item is in the queue."""

    SUGGESTION = "suggestion"
    SPEAKER = "speaker"
    STANCE = "stance"
    CUE = "cue"


@dataclass(frozen=True)
class ReviewItem:
    """A quote or speaker mention that needs the annotator, and what it needs."""

    id: str
    start: int
    end: int
    is_quote: bool
    needs: tuple[Need, ...]

    @property
    def is_suggestion(self) -> bool:
        return Need.SUGGESTION in self.needs


@dataclass(frozen=True)
class ReviewStep:
    """Where ``]`` / ``[`` goes: the item (None when nothing is left), whether the walk went
    past the end of the document (or its start) to reach it, and how many items are left."""

    item: ReviewItem | None
    wrapped: bool
    left: int

    @property
    def all_reviewed(self) -> bool:
        return self.item is None


def missing(quote: Quote, index: TextIndex) -> tuple[Need, ...]:
    """What a quote lacks: its speaker, its stance, its cue (see the module's cue rule)."""
    needs: list[Need] = []
    if quote.source is None:
        needs.append(Need.SPEAKER)
    if quote.stance is None:
        needs.append(Need.STANCE)
    if quote.cue is None and needs_cue(quote, index):
        needs.append(Need.CUE)
    return tuple(needs)


def needs_cue(quote: Quote, index: TextIndex) -> bool:
    """Whether a speech verb stands in the quote's sentences, outside a direct quote's content."""
    return index.verb_near(quote.start, quote.end, outside=quote.kind == Kind.DIRECT)


def review_queue(ann: DocAnnotation, text: str) -> list[ReviewItem]:
    """Every item that needs the annotator, in reading order (by start offset)."""
    index = text_index(text)
    items: list[ReviewItem] = []
    suggested_sources: set[str] = set()
    for q in ann.quotes:
        if q.origin == Origin.SUGGESTED:
            if q.source is not None:
                suggested_sources.add(q.source)
            items.append(ReviewItem(q.id, q.start, q.end, True, (Need.SUGGESTION, *missing(q, index))))
            continue
        needs = missing(q, index)
        if needs:
            items.append(ReviewItem(q.id, q.start, q.end, True, needs))
    for m in ann.mentions:
        if m.origin == Origin.SUGGESTED and m.id not in suggested_sources:
            items.append(ReviewItem(m.id, m.start, m.end, False, (Need.SUGGESTION,)))
    items.sort(key=lambda item: (item.start, item.end))
    return items


def review_step(ann: DocAnnotation, text: str, cursor: int, backward: bool = False) -> ReviewStep:
    """The item ``]`` (or ``[`` with ``backward``) moves to from ``cursor``: the first one
    starting after it (the last one starting before it), else, wrapping around the
    document, the first (last) of all."""
    items = review_queue(ann, text)
    if not items:
        return ReviewStep(None, False, 0)
    starts = [item.start for item in items]
    if backward:
        i = bisect_left(starts, cursor) - 1
        return ReviewStep(items[i], i < 0, len(items))  # items[-1]: wrapped to the last
    i = bisect_right(starts, cursor)
    wrapped = i == len(items)
    return ReviewStep(items[0 if wrapped else i], wrapped, len(items))


def next_quote_item(ann: DocAnnotation, text: str, cursor: int) -> Quote | None:
    """The quote ``]`` would reach from ``cursor`` (passing over mentions), wrapping around."""
    quotes = [item for item in review_queue(ann, text) if item.is_quote]
    if not quotes:
        return None
    i = bisect_right([item.start for item in quotes], cursor)
    return ann.quote(quotes[i % len(quotes)].id)


# --------------------------------------------------------------------------- completeness


@dataclass(frozen=True)
class Completeness:
    """What keeps a document from being done: decided quotes lacking something, and
    undecided suggestions (what ``d`` says before marking done, and ``validate --strict``)."""

    incomplete: tuple[ReviewItem, ...]
    undecided: int

    @property
    def complete(self) -> bool:
        return not self.incomplete and not self.undecided

    def lacking(self, need: Need) -> int:
        """How many decided quotes lack ``need``."""
        return sum(need in item.needs for item in self.incomplete)

    def summary(self) -> str:
        """One clause: "2 quotes lack a speaker, 1 a stance; 3 suggestions are undecided"."""
        lacks = [(n, need) for need in (Need.SPEAKER, Need.STANCE, Need.CUE) if (n := self.lacking(need))]
        parts = []
        if lacks:
            (n, need), rest = lacks[0], lacks[1:]
            first = f"{n} {'quote lacks' if n == 1 else 'quotes lack'} a {need}"
            parts.append(", ".join([first, *(f"{n} a {need}" for n, need in rest)]))
        if self.undecided:
            parts.append(self.undecided_clause())
        return "; ".join(parts) if parts else "every quote has its speaker, stance and cue"

    def undecided_clause(self) -> str:
        n = self.undecided
        return f"{n} {'suggestion is' if n == 1 else 'suggestions are'} undecided"


def completeness(ann: DocAnnotation, text: str) -> Completeness:
    """The queue of ``ann`` split into incomplete quotes and undecided suggestions."""
    items = review_queue(ann, text)
    incomplete = tuple(item for item in items if not item.is_suggestion)
    return Completeness(incomplete, len(items) - len(incomplete))
