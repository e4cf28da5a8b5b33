"""Editing operations: pure functions from one DocAnnotation to the next.

The TUI translates keys into these calls and nothing else changes an annotation, so the
rules (no overlapping quotes, a cue belongs to a quote, touching a suggestion accepts
it, deleting one rejects it) live in one place and are tested without Textual. Each
function returns a new record or raises EditError with a sentence for the status bar.
Where a key needs a lookup first ("which quote does a digit act on?"), there is one
function taking the cursor offset (``accept_at``, ``stance_key``, ``move_edge``), so a
screen turns one key into one call.

This module is also the TUI's one door to the domain's editing side: it re-exports the
span lookups (core.spans), the review queue (core.review_queue), stances and targets
(core.stance), span edges (core.span_edges), the text helpers its keys use (core.text)
and the undo History (core.history), so a screen imports ``editing`` and nothing else.
"""

from __future__ import annotations

from msgspec.structs import replace

from corpus_tui.core.changes import (
    accepted,
    check_span,
    is_source,
    mention_or_error,
    merge_rejected,
    quote_or_error,
    replace_mention,
    replace_quote,
    touch,
    without_mention,
)
from corpus_tui.core.errors import EditError
from corpus_tui.core.history import History
from corpus_tui.core.model import KINDS, DocAnnotation, Kind, Mention, Origin, Quote, Rejected, RejectedType
from corpus_tui.core.review_queue import (
    Completeness,
    Need,
    ReviewItem,
    ReviewStep,
    completeness,
    review_queue,
    review_step,
)
from corpus_tui.core.span_edges import Edge, cue_span_at, move_edge
from corpus_tui.core.spans import (
    check_nesting,
    cue_partner,
    known_entities,
    mention_at,
    mentions_nearest_first,
    next_id,
    quote_at,
    quote_for_cue,
    quote_for_keys,
    quote_near,
    speaker_prefill,
    suggestion_for_keys,
)
from corpus_tui.core.stance import (
    default_target,
    set_doc_stance,
    set_stance,
    set_target,
    stance_key,
    target_choices,
)
from corpus_tui.core.suggestions import overlay
from corpus_tui.core.text import enclosing_quotation, find_text, has_double_mark, strip_quote_marks

__all__ = [
    "Completeness",
    "Edge",
    "EditError",
    "History",
    "Need",
    "ReviewItem",
    "ReviewStep",
    "accept",
    "accept_all",
    "accept_at",
    "add_mention",
    "add_quote",
    "completeness",
    "cue_span_at",
    "cycle_kind",
    "default_target",
    "delete_at",
    "delete_cue",
    "delete_mention",
    "delete_quote",
    "discard_stale",
    "enclosing_quotation",
    "find_text",
    "known_entities",
    "mention_at",
    "mentions_nearest_first",
    "move_edge",
    "next_id",
    "overlay",
    "quote_at",
    "quote_for_cue",
    "quote_for_keys",
    "quote_near",
    "reanchor",
    "reject",
    "reject_at",
    "review_queue",
    "review_step",
    "set_cue",
    "set_doc_stance",
    "set_entity",
    "set_source",
    "set_stance",
    "set_status",
    "set_target",
    "speaker_prefill",
    "stance_key",
    "target_choices",
]


# --------------------------------------------------------------------------- a changed text


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


def add_quote(
    ann: DocAnnotation, text: str, start: int, end: int, kind: str | None = None, target: str | None = None
) -> tuple[DocAnnotation, Quote]:
    """Mark [start, end) as a quote: ``direct`` when quotation marks bound it, ``mixed`` when
    it holds quotation marks only in part (a paraphrase with a quoted fragment), else
    ``indirect``."""
    start, end, bounded = strip_quote_marks(text, start, end)
    check_span(len(text), start, end, "quote")
    check_nesting(ann.quotes, start, end)
    if kind is None:
        if has_double_mark(text, start, end):
            kind = Kind.MIXED
        else:
            kind = Kind.DIRECT if bounded else Kind.INDIRECT
    if kind not in KINDS:
        raise EditError(f"Unknown quote kind {kind!r}.")
    quote = Quote(id=next_id("q", ann), start=start, end=end, kind=kind, target=target)
    quotes = tuple(sorted((*ann.quotes, quote), key=lambda q: q.start))
    return touch(replace(ann, quotes=quotes)), quote


def add_mention(ann: DocAnnotation, text: str, start: int, end: int, entity: str) -> tuple[DocAnnotation, Mention]:
    """Mark [start, end) as a speaker mention referring to ``entity``.

    A speaker is one span, so a mention marked over others ("spokeswoman" → "spokeswoman
    for the Eastgate Merchants Association") replaces every mention it overlaps: the quotes
    they were the source of get the new one, and a replaced suggestion is remembered as
    rejected so ``suggest`` does not offer its span again.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    check_span(len(text), start, end, "speaker mention")
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    for m in ann.mentions:
        if m.start == start and m.end == end:
            raise EditError(f"That span is already speaker mention {m.id} ({m.entity}).")
    mention = Mention(id=next_id("m", ann), start=start, end=end, entity=entity)
    replaced = [m for m in ann.mentions if m.start < end and start < m.end]
    rejected = [Rejected(RejectedType.MENTION, m.start, m.end) for m in replaced if m.origin == Origin.SUGGESTED]
    for m in replaced:
        ann = without_mention(ann, m.id, relink=mention.id)
    mentions = tuple(sorted((*ann.mentions, mention), key=lambda m: m.start))
    return touch(replace(ann, mentions=mentions, rejected=merge_rejected(ann.rejected, rejected))), mention


def set_entity(ann: DocAnnotation, mention_id: str, entity: str) -> DocAnnotation:
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    return touch(replace_mention(ann, mention_id, entity=entity))


def set_cue(
    ann: DocAnnotation, text: str, start: int, end: int, quote_id: str | None = None
) -> tuple[DocAnnotation, Quote]:
    """Make [start, end) the cue (speech verb) of ``quote_id``, else of the quote it belongs
    to (``quote_for_cue``). Returns the annotation and the quote that got it.

    One cue may serve several quotes: giving it to one never takes it from another, and
    the two parts of an interrupted quotation get it at once (``"…," said Beth Amory, "and
    …"``; see ``spans.cue_partner``). Marking a quote's own cue again shares it with the
    part across a sentence end (``"…," Antonov said. "…"``).
    """
    check_span(len(text), start, end, "cue")
    quote = quote_or_error(ann, quote_id) if quote_id is not None else quote_for_cue(ann, text, start, end)
    if quote is None:
        raise EditError("There is no quote for this cue: mark the quote first.")
    cue = (start, end)
    if quote.cue == cue:
        partner = cue_partner(ann, text, quote, cue, across_sentences=True)
        if partner is None:
            raise EditError(f"That is already the cue of quote {quote.id}.")
        return touch(replace_quote(ann, partner.id, cue=cue)), partner
    partner = cue_partner(ann, text, quote, cue)
    ann = replace_quote(ann, quote.id, cue=cue)
    if partner is not None:
        ann = replace_quote(ann, partner.id, cue=cue)
    return touch(ann), quote


def set_source(ann: DocAnnotation, quote_id: str, mention_id: str | None) -> DocAnnotation:
    if mention_id is not None:
        mention_or_error(ann, mention_id)
    return touch(replace_quote(ann, quote_id, source=mention_id))


def cycle_kind(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = quote_or_error(ann, quote_id)
    kind = KINDS[(KINDS.index(quote.kind) + 1) % len(KINDS)] if quote.kind in KINDS else KINDS[0]
    return touch(replace_quote(ann, quote_id, kind=kind))


def set_status(ann: DocAnnotation, status: str) -> DocAnnotation:
    return replace(ann, status=status)


def delete_quote(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    """Delete a quote; deleting a suggestion rejects it so it is not suggested again."""
    quote = quote_or_error(ann, quote_id)
    if quote.origin == Origin.SUGGESTED:
        return reject(ann, quote_id)
    return touch(replace(ann, quotes=tuple(q for q in ann.quotes if q.id != quote_id)))


def delete_mention(ann: DocAnnotation, mention_id: str) -> DocAnnotation:
    """Delete a mention and unlink the quotes it was the source of."""
    mention = mention_or_error(ann, mention_id)
    if mention.origin == Origin.SUGGESTED:
        return reject(ann, mention_id)
    return touch(without_mention(ann, mention_id))


def delete_cue(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = quote_or_error(ann, quote_id)
    if quote.cue is None:
        raise EditError(f"Quote {quote_id} has no cue.")
    return touch(replace_quote(ann, quote_id, cue=None))


def delete_at(ann: DocAnnotation, offset: int) -> DocAnnotation:
    """What ``x`` does: delete the mention, else the cue (from every quote it serves), else
    the quote under ``offset``."""
    mention = mention_at(ann, offset)
    if mention is not None:
        return delete_mention(ann, mention.id)
    cue = next((q.cue for q in ann.quotes if q.cue is not None and q.cue[0] <= offset < q.cue[1]), None)
    if cue is not None:
        for q in ann.quotes:
            if q.cue == cue:
                ann = delete_cue(ann, q.id)
        return ann
    quote = quote_at(ann, offset)
    if quote is not None:
        return delete_quote(ann, quote.id)
    raise EditError("Nothing to delete under the cursor.")


# --------------------------------------------------------------------------- suggestions


def accept(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Accept a suggested quote with its links (its source mention and entity, its cue, its
    suggested stance and target), or a suggested mention."""
    quote = ann.quote(item_id)
    if quote is not None:
        return touch(replace_quote(ann, item_id, origin=accepted(quote.origin)))
    mention = ann.mention(item_id)
    if mention is None:
        raise EditError(f"There is no annotation {item_id}.")
    return touch(replace_mention(ann, item_id, origin=accepted(mention.origin)))


def reject(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Reject a suggestion: remove it with its links and remember the spans so ``suggest``
    skips them. The source mention goes too unless it is not a suggestion or is the source
    of another quote; the cue is remembered only if no other quote keeps it."""
    quote = ann.quote(item_id)
    if quote is None:
        mention = ann.mention(item_id)
        if mention is None:
            raise EditError(f"There is no annotation {item_id}.")
        if mention.origin != Origin.SUGGESTED:
            raise EditError(f"Speaker mention {item_id} is not a suggestion (delete it with x).")
        rejected = [Rejected(RejectedType.MENTION, mention.start, mention.end)]
        return touch(replace(without_mention(ann, item_id), rejected=merge_rejected(ann.rejected, rejected)))
    if quote.origin != Origin.SUGGESTED:
        raise EditError(f"Quote {item_id} is not a suggestion (delete it with x).")
    rejected = [Rejected(RejectedType.QUOTE, quote.start, quote.end)]
    ann = replace(ann, quotes=tuple(q for q in ann.quotes if q.id != item_id))
    if quote.cue is not None and all(q.cue != quote.cue for q in ann.quotes):
        rejected.append(Rejected(RejectedType.CUE, quote.cue[0], quote.cue[1]))
    source = ann.mention(quote.source)
    if source is not None and source.origin == Origin.SUGGESTED and not is_source(ann, source.id):
        rejected.append(Rejected(RejectedType.MENTION, source.start, source.end))
        ann = without_mention(ann, source.id)
    return touch(replace(ann, rejected=merge_rejected(ann.rejected, rejected)))


def accept_at(ann: DocAnnotation, text: str, offset: int) -> DocAnnotation:
    """What ``a`` does: accept the suggestion the keys reach from ``offset``
    (``spans.suggestion_for_keys``: on a suggested speaker, the quote it suggests)."""
    return accept(ann, _suggestion_id(ann, text, offset))


def reject_at(ann: DocAnnotation, text: str, offset: int) -> DocAnnotation:
    """What ``r`` does: reject the suggestion the keys reach from ``offset``, with its links."""
    return reject(ann, _suggestion_id(ann, text, offset))


def _suggestion_id(ann: DocAnnotation, text: str, offset: int) -> str:
    item = suggestion_for_keys(ann, text, offset)
    if item is None:
        raise EditError("No suggestion under the cursor.")
    return item.id


def accept_all(ann: DocAnnotation) -> DocAnnotation:
    quotes = tuple(replace(q, origin=accepted(q.origin)) for q in ann.quotes)
    mentions = tuple(replace(m, origin=accepted(m.origin)) for m in ann.mentions)
    return touch(replace(ann, quotes=quotes, mentions=mentions))
